/* jsonpos.h - where things stand in a JSON text, for messages.
 *
 * A JSON parser (Jansson, in bundle_read.c) gives a position for syntax
 * errors only; a value it returns does not know where it was written. This
 * finds a value again from its path (keys and indices from the root) by
 * scanning the text, and turns byte offsets into 1-based lines and
 * columns (columns count characters, as the YAML loader's do). It never
 * allocates; P keeps no copy of the text, which must outlive it. */
#ifndef ITM_JSONPOS_H
#define ITM_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

enum {
	JP_MAX_DEPTH = 16,
	JP_MARK_STEP = 1 << 20,  /* bytes between two lines and columns kept */
	JP_MARKS = 1024,
};

/* One step of a path: the member KEY of an object, or (KEY NULL) the item
 * INDEX of an array. */
struct jp_step {
	const char *key;
	size_t index;
};

struct jsonpos {
	const char *text;
	size_t len;
	/* The last path found and the offset each of its steps led to, so that
	 * finding its neighbours (errors come mostly in the order of the text)
	 * scans only what lies between them. Keys are compared, not kept. */
	struct jp_step last[JP_MAX_DEPTH];
	size_t value[JP_MAX_DEPTH + 1];  /* value[k]: after k steps; value[0]: the root */
	size_t nlast;
	size_t line_at;                  /* the last offset turned into a line */
	unsigned line, col;
	/* The line and column at every JP_MARK_STEP bytes read so far, so that
	 * going back scans at most that much again. */
	struct { unsigned line, col; } mark[JP_MARKS];
	size_t nmarks;
};

/* Starts on TEXT (LEN bytes, need not end in NUL). */
void jp_init(struct jsonpos *p, const char *text, size_t len);

/* The byte offset of the value at PATH (N steps, at most JP_MAX_DEPTH) in a
 * text that is valid JSON, or with AT_KEY of the last step's key (of the
 * value itself when the last step is an index). Returns false when the path
 * is not in the text. Keys written with escapes ("\u0073tatus") match. */
bool jp_find(struct jsonpos *p, const struct jp_step *path, size_t n, bool at_key, size_t *off);

/* The 1-based line and column of byte OFF. */
void jp_line_col(struct jsonpos *p, size_t off, unsigned *line, unsigned *col);

/* Reads the tokens of any text, valid JSON or not, from its start up to
 * byte END or until more than MAX values were seen (a value: a string, a
 * number, a literal, '{' or '['; keys count as values). Returns the
 * offset where the last token before END starts (the token an error found
 * at END is in), and the number of values in *N. */
size_t jp_tokens(const char *text, size_t len, size_t end, size_t max, size_t *n);

#endif
