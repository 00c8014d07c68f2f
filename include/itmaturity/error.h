/* error.h - positioned diagnostics for input files.
 *
 * A loader collects every problem it finds in a file into a struct
 * itm_errors and the caller prints them as "PATH:LINE:COL: message".
 * Line and column are 1-based; 0 means "no position" (the whole file). */
#ifndef ITM_ERROR_H
#define ITM_ERROR_H

#include <stddef.h>
#include <stdio.h>

enum { ERRORS_MAX = 100 };  /* further errors are counted, not kept */

struct itm_error {
	char *path;     /* owned */
	unsigned line;  /* 1-based, 0 = none */
	unsigned col;   /* 1-based, 0 = none */
	char *message;  /* owned */
};

struct itm_errors {
	struct itm_error *v;
	size_t n, cap;
	size_t dropped;  /* errors past ERRORS_MAX */
};

void errs_add(struct itm_errors *e, const char *path, unsigned line, unsigned col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Total number of errors, kept or dropped. */
size_t errs_count(const struct itm_errors *e);
/* Prints every error, one a line, and a count of the dropped ones. */
void errs_print(FILE *out, const struct itm_errors *e);
void errs_free(struct itm_errors *e);

#endif
