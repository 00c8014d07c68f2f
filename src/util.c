/* util.c - allocation that never fails, the bump arena and calendar dates. */
#include "itmaturity/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itmaturity/i18n.h"

static void oom(void)
{
	fputs("itmaturity: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow_array(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / elem)
		oom();
	*p = xrealloc(*p, n * elem);
	*cap = n;
}

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	max_align_t data[];
};

enum { ARENA_CHUNK = 64 * 1024 };

/* N bytes aligned to ALIGN (a power of two, at most max_align_t's). */
static void *arena_get(struct arena *a, size_t n, size_t align)
{
	n = (n + align - 1) & ~(align - 1);
	if (n > ARENA_CHUNK / 4) {
		/* A large block gets a chunk of its own, kept behind the head so
		 * that the head's free space is not lost. */
		struct arena_chunk *c = xmalloc(sizeof(*c) + n);
		c->size = n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->used = n;
		}
		a->total += n;
		memset(c->data, 0, n);
		return c->data;
	}
	a->used = (a->used + align - 1) & ~(align - 1);
	if (!a->head || a->used + n > a->head->size) {
		struct arena_chunk *c = xmalloc(sizeof(*c) + ARENA_CHUNK);
		c->size = ARENA_CHUNK;
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->total += ARENA_CHUNK;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return arena_get(a, n, _Alignof(max_align_t));
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	/* Text needs no alignment: strings are packed. */
	char *p = arena_get(a, n + 1, 1);
	memcpy(p, s, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used = a->total = 0;
}

static bool leap_year(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The number of days of month M (1-12) of year Y. */
static int month_days(long y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return mdays[m - 1] + (m == 2 && leap_year(y));
}

bool date_valid(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	return y >= 1900 && m >= 1 && m <= 12 && day >= 1 && day <= month_days(y, m);
}

void date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

const char *date_assessable(const char *d)
{
	char today[11];
	date_today(today);
	if (!date_valid(d))
		return _("is not a date (YYYY-MM-DD)");
	if (strcmp(d, DATE_FIRST) < 0)
		return _("is before 1990-01-01");  /* DATE_FIRST */
	return strcmp(d, today) > 0 ? _("is after today") : NULL;
}

/* Howard Hinnant's days_from_civil. */
long date_days(const char *d)
{
	long y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_add_months(const char *d, int months, char out[11])
{
	/* Months counted from year 0, divided rounding down, so that going
	 * back past January lands in the year before. */
	long long total = atoll(d) * 12 + atoi(d + 5) - 1 + months;
	long long q = total / 12 - (total % 12 < 0);
	long y = (long)q;
	int m = (int)(total - q * 12) + 1, day = atoi(d + 8), last = month_days(y, m);
	char buf[48];
	snprintf(buf, sizeof(buf), "%04ld-%02d-%02d", y % 10000, m, day < last ? day : last);
	memcpy(out, buf, 10);
	out[10] = '\0';
}
