/* bench_plan.c - the action plan at the size issue 15 names: an
 * organisation with 200 actions agreed over 40 assessments, in a database
 * of 10,000 assessments. Measures what 'itmaturity plan' does (every
 * action's status derived from the later answers, then the list written)
 * and a report of the latest assessment with its Plan section, each on a
 * freshly opened database (the questionnaire cache cold, as in a new
 * process). Prints one line a measurement and its target (10 ms); a
 * benchmark measures: it does not fail on a slow machine.
 *
 * usage: bench_plan DIR   (DIR: where the database goes; run from the
 *                          source tree) */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/assessment.h"
#include "itmaturity/plan.h"
#include "itmaturity/report.h"

#include "bench.h"

#define PROG "bench_plan"

enum { ORGS = 250, QUARTERS = 40, PER = 5, RUNS = 30, QUESTIONS = 50 };

/* Saves a complete assessment of Q for ORG taken on TAKEN, question i
 * answered option (i + SHIFT) % its options; returns its id. */
static int64_t save(struct store *s, const struct qn_questionnaire *q, int64_t org, const char *taken, size_t shift)
{
	struct store_answer *v = xcalloc(q->n_questions, sizeof(*v));
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		v[i] = (struct store_answer){ .question = (char *)qq->ref, .kind = STORE_OPTION,
					      .option = (char *)qq->options[(i + shift) % qq->n_options].key };
	}
	const char *doms[] = { "domain-1" };
	double pct[] = { 50 };
	struct store_scores sc = { .overall = 50, .n = 1, .domains = doms, .percents = pct };
	struct store_new in = { .org_id = org, .respondent = "R", .role = "owner", .taken = taken,
				.qn_id = q->id, .qn_version = q->version, .source = q->source,
				.source_len = q->source_len };
	int64_t id;
	bool added;
	if (store_assessment_save(s, &in, v, q->n_questions, &sc, &id, &added))
		bench_die(PROG, s, "save");
	free(v);
	return id;
}

/* The database: ORGS organisations of QUARTERS assessments each; the
 * first has PER actions from each of its assessments. */
static int64_t fill(const char *path, const struct qn_questionnaire *q, int64_t *latest)
{
	struct store *s = bench_open_db(PROG, path);
	int64_t big = 0;
	double t0 = bench_now_ms();
	if (store_begin(s))
		bench_die(PROG, s, "begin");
	for (int o = 0; o < ORGS; o++) {
		char name[32];
		int64_t org;
		snprintf(name, sizeof(name), "Org %03d", o);
		if (store_org_add(s, name, &org))
			bench_die(PROG, s, "org");
		big = big ? big : org;
		for (int k = 0; k < QUARTERS; k++) {
			char taken[11], due[11];
			snprintf(taken, sizeof(taken), "%04d-%02d-15", 2016 + k / 4, 1 + 3 * (k % 4));
			int64_t id = save(s, q, org, taken, (size_t)k / 8);
			if (o)
				continue;
			*latest = id;
			date_add_months(taken, 3, due);
			for (int j = 0; j < PER; j++) {
				const struct qn_question *qq = q->questions[(k * PER + j) % q->n_questions];
				struct store_action a = { .org_id = org, .question = (char *)qq->ref, .from_id = id,
							  .from_option = (char *)qq->options[0].key,
							  .to_option = (char *)qq->options[1 + j % 3].key,
							  .step = "Do the next thing.", .owner = "IT partner", .note = "" };
				snprintf(a.due, sizeof(a.due), "%s", due);
				snprintf(a.status, sizeof(a.status), "%s", j == 4 ? "done" : "open");
				snprintf(a.done_on, sizeof(a.done_on), "%s", j == 4 ? due : "");
				int64_t aid;
				bool added;
				if (store_action_add(s, &a, &aid, &added))
					bench_die(PROG, s, "action");
			}
		}
	}
	if (store_commit(s))
		bench_die(PROG, s, "commit");
	printf("%-58s %9.0f ms\n", "fill: 10,000 assessments, 200 actions", bench_now_ms() - t0);
	store_close(s);
	return big;
}

static void open_ctx(struct asmt_ctx *c, const char *path)
{
	struct itm_errors e = { 0 };
	if (asmt_open(c, path, true, ASMT_READ, NULL, &e) != ITM_OK) {
		fprintf(stderr, PROG ": cannot open %s\n", path);
		exit(1);
	}
}

static int missed;

static void target(const char *what, double *v, size_t n)
{
	bench_report(what, v, n);
	double med = bench_median(v, n);
	printf("  target %-49s %9.3f ms  %s (limit 10 ms)\n", what, med, med <= 10 ? "met" : "MISSED");
	missed += med > 10;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: " PROG " DIR\n", stderr);
		return 2;
	}
	char *gen = xasprintf("%s/plan-questionnaire.yaml", argv[1]);
	char *cmd = xasprintf("tests/bench/gen-questionnaire %d >'%s'", QUESTIONS, gen);
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = system(cmd) == 0 ? qn_load_file(gen, QN_SOURCE, &e) : NULL;
	if (!q) {
		fputs(PROG ": cannot make the questionnaire\n", stderr);
		return 1;
	}
	char *db = xasprintf("%s/bench-plan.db", argv[1]);
	char *out = xasprintf("%s/bench-plan-report.txt", argv[1]);
	remove(db);
	int64_t latest = 0, org = fill(db, q, &latest);
	double t[RUNS];
	size_t n = 0;
	for (int i = 0; i < RUNS; i++) {
		struct asmt_ctx c = { 0 };
		open_ctx(&c, db);
		FILE *devnull = fopen("/dev/null", "w");
		double t0 = bench_now_ms();
		struct plan_list l;
		if (plan_list(&c, org, 0, "2026-01-01", &l, &e) != ITM_OK)
			return 1;
		report_plan(devnull, "Org 000", &l.plan, REPORT_TEXT);
		t[i] = bench_now_ms() - t0;
		n = l.n;
		plan_list_free(&l);
		fclose(devnull);
		asmt_close(&c);
	}
	printf("(%zu actions)\n", n);
	target("plan: 200 actions over 40 assessments (of 10,000)", t, RUNS);
	for (int i = 0; i < RUNS; i++) {
		struct asmt_ctx c = { 0 };
		open_ctx(&c, db);
		remove(out);
		double t0 = bench_now_ms();
		if (asmt_report(&c, latest, out, REPORT_TEXT, &e) != ITM_OK)
			return 1;
		t[i] = bench_now_ms() - t0;
		asmt_close(&c);
	}
	target("report with a plan section (text)", t, RUNS);
	printf("%d target%s missed\n", missed, missed == 1 ? "" : "s");
	remove(out);
	qn_free(q);
	free(gen);
	free(cmd);
	free(db);
	free(out);
	return 0;
}
