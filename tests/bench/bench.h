/* bench.h - what the benchmarks share: a clock, the median / 90th
 * percentile line, a database to fill, and the queries the list, compare
 * and trend screens make. Header-only: each benchmark is one program. */
#ifndef ITM_BENCH_H
#define ITM_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "itmaturity/store.h"
#include "itmaturity/util.h"

static inline double bench_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts V and returns its median. */
static inline double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return v[n / 2];
}

/* One line: WHAT, median and 90th percentile of V (N runs), in ms. */
static inline void bench_report(const char *what, double *v, size_t n)
{
	double med = bench_median(v, n);
	printf("%-58s %9.3f ms  p90 %9.3f ms  (n=%zu)\n", what, med, v[n * 9 / 10], n);
}

static inline void bench_die(const char *prog, struct store *s, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, s ? store_errmsg(s) : "?");
	exit(1);
}

/* Opens (creating) the database at PATH, or exits. */
static inline struct store *bench_open_db(const char *prog, const char *path)
{
	struct store_open_opts o = { .create = true };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	if (!s) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, err);
		exit(1);
	}
	return s;
}

/* The list screen: one organisation's assessments, newest first. */
static inline int bench_list(struct store *s, int64_t org)
{
	struct store_assessment *l;
	size_t n;
	struct store_filter f = { .org_id = org };
	if (store_assessment_list(s, &f, &l, &n))
		return -1;
	store_assessments_free(l, n);
	return 0;
}

/* Compare: the organisation's last two complete assessments, their
 * answers and cached domain scores. */
static inline int bench_compare(struct store *s, int64_t org)
{
	struct store_assessment *l;
	size_t n;
	struct store_filter last2 = { .org_id = org, .status = STORE_COMPLETE, .limit = 2 };
	if (store_assessment_list(s, &last2, &l, &n) || n != 2)
		return -1;
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		struct store_answer *a;
		struct store_domain_score *d;
		size_t na, nd;
		if (store_answers(s, l[k].id, &a, &na))
			rc = -1;
		else if (store_answers_free(a, na), store_domain_scores(s, l[k].id, &d, &nd))
			rc = -1;
		else
			store_domain_scores_free(d, nd);
	}
	store_assessments_free(l, n);
	return rc;
}

/* Trend: every complete assessment of the organisation, oldest first, with
 * its cached domain scores. */
static inline int bench_trend(struct store *s, int64_t org)
{
	struct store_assessment *l;
	size_t n;
	struct store_filter hist = { .org_id = org, .status = STORE_COMPLETE, .oldest_first = true };
	if (store_assessment_list(s, &hist, &l, &n))
		return -1;
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		struct store_domain_score *d;
		size_t nd;
		if (store_domain_scores(s, l[k].id, &d, &nd))
			rc = -1;
		else
			store_domain_scores_free(d, nd);
	}
	store_assessments_free(l, n);
	return rc;
}

#endif
