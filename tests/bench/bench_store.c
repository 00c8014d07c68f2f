/* bench_store.c - how fast the store is at the sizes the issues name:
 * saving one answer (the wizard does it on every key press), saving a
 * 1,000-answer assessment, and list / compare / trend in a database of
 * 10,000 assessments across 200 organisations. Prints one line a
 * measurement: median and 90th percentile in milliseconds.
 *
 * usage: bench_store DIR   (DIR: where the databases go; on the disk to
 * measure, since every commit is synced) */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/store.h"
#include "itmaturity/util.h"

#include "bench.h"

static const char source[] = "id: bench\n# the questionnaire's text stands here\n";


/* N answers named q0..; every third an n/a, every fifth with a note. */
static struct store_answer *answers(size_t n, char ***names)
{
	struct store_answer *v = xcalloc(n, sizeof(*v));
	*names = xcalloc(n, sizeof(**names));
	for (size_t i = 0; i < n; i++) {
		(*names)[i] = xasprintf("d%zu.q%zu", i % 5, i);
		v[i].question = (*names)[i];
		v[i].kind = i % 3 ? STORE_OPTION : STORE_NA;
		v[i].option = (char *)"level-3";
		v[i].note = i % 5 ? NULL : (char *)"a short note about this answer";
	}
	return v;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: bench_store DIR\n", stderr);
		return 2;
	}
	char *p1 = xasprintf("%s/bench-small.db", argv[1]);
	char *p2 = xasprintf("%s/bench-large.db", argv[1]);
	remove(p1);
	remove(p2);
	const char *doms[] = { "d0", "d1", "d2", "d3", "d4" };
	double pct[] = { 40, 55, 62.5, 70, 81 };
	struct store_scores sc = { .overall = 61.7, .n = 5, .domains = doms, .percents = pct };

	/* One answer at a time, as the wizard saves them. */
	struct store *s = bench_open_db("bench_store", p1);
	int64_t org, id;
	if (store_org_add(s, "Bench", &org))
		bench_die("bench_store", s, "org");
	struct store_new in = { .org_id = org, .respondent = "R", .role = "owner", .taken = "2026-01-01",
				.qn_id = "bench", .qn_version = "1", .source = source,
				.source_len = sizeof(source) - 1 };
	if (store_draft_new(s, &in, &id))
		bench_die("bench_store", s, "draft");
	enum { ONE = 300 };
	double t[ONE];
	for (size_t i = 0; i < ONE; i++) {
		char q[32];
		snprintf(q, sizeof(q), "d%zu.q%zu", i % 5, i % 60);
		struct store_answer a = { .question = q, .kind = STORE_OPTION, .option = "level-2" };
		double t0 = bench_now_ms();
		if (store_answer_put(s, id, &a))
			bench_die("bench_store", s, "answer");
		t[i] = bench_now_ms() - t0;
	}
	bench_report("save one answer (one synced transaction)", t, ONE);

	/* A whole 1,000-answer assessment. */
	char **names;
	struct store_answer *v = answers(1000, &names);
	enum { WHOLE = 20 };
	for (size_t i = 0; i < WHOLE; i++) {
		bool added;
		double t0 = bench_now_ms();
		if (store_assessment_save(s, &in, v, 1000, &sc, &id, &added))
			bench_die("bench_store", s, "save");
		t[i] = bench_now_ms() - t0;
	}
	bench_report("save a 1,000-answer assessment (one transaction)", t, WHOLE);
	free(v);
	free_names(names, 1000);
	store_close(s);

	/* 10,000 assessments across 200 organisations, 60 answers each. */
	s = bench_open_db("bench_store", p2);
	double t0 = bench_now_ms();
	v = answers(60, &names);
	int64_t orgs[200];
	if (store_begin(s))
		bench_die("bench_store", s, "begin");
	for (int o = 0; o < 200; o++) {
		char name[32];
		snprintf(name, sizeof(name), "Organisation %03d", o);
		if (store_org_add(s, name, &orgs[o]))
			bench_die("bench_store", s, "org");
	}
	for (int i = 0; i < 10000; i++) {
		char date[11];
		snprintf(date, sizeof(date), "%04d-%02d-15", 2014 + (i / 200) / 4, 1 + 3 * ((i / 200) % 4));
		in.org_id = orgs[i % 200];
		in.taken = date;
		bool added;
		pct[0] = i % 100;
		sc.overall = (i * 7) % 100;
		if (store_assessment_save(s, &in, v, 60, &sc, &id, &added))
			bench_die("bench_store", s, "fill");
	}
	if (store_commit(s))
		bench_die("bench_store", s, "commit");
	free(v);
	free_names(names, 60);
	printf("%-58s %9.0f ms\n", "fill: 10,000 assessments, 600,000 answers", bench_now_ms() - t0);

	enum { RUNS = 200 };
	double tl[RUNS], tall[RUNS], tc[RUNS], tt[RUNS];
	for (size_t r = 0; r < RUNS; r++) {
		int64_t o = orgs[(r * 37) % 200];
		struct store_assessment *l;
		size_t n;
		t0 = bench_now_ms();
		if (bench_list(s, o))
			bench_die("bench_store", s, "list");
		tl[r] = bench_now_ms() - t0;

		struct store_filter all = { .limit = 50 };
		t0 = bench_now_ms();
		if (store_assessment_list(s, &all, &l, &n))
			bench_die("bench_store", s, "list all");
		tall[r] = bench_now_ms() - t0;
		store_assessments_free(l, n);

		/* compare: the last two complete ones, their answers and scores. */
		t0 = bench_now_ms();
		if (bench_compare(s, o))
			bench_die("bench_store", s, "compare");
		tc[r] = bench_now_ms() - t0;

		/* trend: every complete one, oldest first, with its domain scores. */
		t0 = bench_now_ms();
		if (bench_trend(s, o))
			bench_die("bench_store", s, "trend");
		tt[r] = bench_now_ms() - t0;
	}
	bench_report("list one organisation's 50 assessments (of 10,000)", tl, RUNS);
	bench_report("list the newest 50 of all 10,000", tall, RUNS);
	bench_report("compare: last two assessments, answers and scores", tc, RUNS);
	bench_report("trend: 50 assessments with their domain scores", tt, RUNS);
	store_close(s);
	remove(p1);
	remove(p2);
	free(p1);
	free(p2);
	return 0;
}
