/* jsonw.h - a small streaming JSON writer with stable, indented output.
 *
 * Calls nest like the JSON they write: jw_obj / jw_end, jw_arr / jw_end,
 * jw_key before each member of an object. Commas, indentation and string
 * escaping are handled here. Strings must be UTF-8; control characters
 * are escaped. */
#ifndef ITM_JSONW_H
#define ITM_JSONW_H

#include <stdbool.h>
#include <stdio.h>

enum { JW_MAX_DEPTH = 32 };

struct jsonw {
	FILE *out;
	int depth;
	bool first[JW_MAX_DEPTH];  /* no member written yet at this depth */
	char close[JW_MAX_DEPTH];  /* the bracket that closes this depth */
	bool after_key;
};

void jw_init(struct jsonw *w, FILE *out);
void jw_obj(struct jsonw *w);
void jw_arr(struct jsonw *w);
void jw_end(struct jsonw *w);      /* closes the innermost object or array */
void jw_key(struct jsonw *w, const char *key);
void jw_str(struct jsonw *w, const char *s);  /* NULL writes null */
void jw_num(struct jsonw *w, double d);       /* shortest form that reads back */
void jw_int(struct jsonw *w, long long i);
void jw_bool(struct jsonw *w, bool b);
void jw_null(struct jsonw *w);

#endif
