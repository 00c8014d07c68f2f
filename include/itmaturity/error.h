/* error.h - positioned diagnostics for input files.
 *
 * A loader collects every problem it finds in a file into a struct
 * itm_errors and the caller prints them as "PATH:LINE:COL: message".
 * Line and column are 1-based; 0 means "no position" (the whole file). */
#ifndef ITM_ERROR_H
#define ITM_ERROR_H

#include <stddef.h>
#include <stdio.h>

enum { ERRORS_MAX = 100 };

/* What a function that returns its errors as values returns: the exit
 * status the command line gives it (itmaturity(1)). */
enum itm_code {
	ITM_OK = 0,
	ITM_FAIL = 1,     /* not the input's fault: the database, a file, the disk */
	ITM_INPUT = 2,    /* invalid input, or an id or name that does not exist */
};  /* further errors are counted, not kept */

struct itm_error {
	char *path;     /* owned; NULL: the message stands alone */
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
/* Prints every error, one a line, and a count of the dropped ones; control
 * characters are shown as \xHH. errs_print_prefixed puts PREFIX before
 * each that has no line and column: "FILE:LINE:COL: message" stands alone. */
void errs_print(FILE *out, const struct itm_errors *e);
void errs_print_prefixed(FILE *out, const char *prefix, const struct itm_errors *e);
/* The first error as one line ("" when there is none). Caller frees. */
char *errs_first(const struct itm_errors *e);
void errs_free(struct itm_errors *e);

#endif
