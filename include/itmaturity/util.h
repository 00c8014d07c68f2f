/* util.h - allocation that never returns NULL, a bump arena, small string
 * helpers and calendar dates (YYYY-MM-DD).
 *
 * The x* functions print "itmaturity: out of memory" and exit(1) when an
 * allocation fails, so callers never handle NULL from them. */
#ifndef ITM_UTIL_H
#define ITM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow *p (an array of elem-sized items with *cap slots) so that it holds
 * at least need items. */
void grow_array(void **p, size_t *cap, size_t need, size_t elem);

/* A bump allocator: everything allocated from it is freed at once by
 * arena_free. Memory is zeroed. */
struct arena {
	struct arena_chunk *head;
	size_t used;        /* bytes handed out in head */
	size_t total;       /* bytes reserved in all chunks */
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* Whether D is a real calendar date written YYYY-MM-DD (years 1900-9999). */
bool date_valid(const char *d);
/* Today's local date as YYYY-MM-DD. */
void date_today(char out[11]);
/* The first day an assessment can have been taken on. */
#define DATE_FIRST "1990-01-01"
/* Whether an assessment can have been taken on D: a valid date from
 * DATE_FIRST to today. Returns NULL, or why not ("is after today"). */
const char *date_assessable(const char *d);
/* Days since 1970-01-01 of a valid date D. */
long date_days(const char *d);
/* D plus MONTHS months (a negative number goes back), the day clamped to
 * the month's length. The result's year must be within 0-9999. */
void date_add_months(const char *d, int months, char out[11]);

/* Number of elements of a true array. */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
