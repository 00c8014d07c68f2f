/* bench_scale.c - the tool at the sizes the issues name, for the bundled
 * questionnaire and a generated one of 10,000 questions in 50 domains
 * (tests/bench/gen-questionnaire): loading against libyaml's bare event
 * parse of the same bytes (the floor for loading), scoring, saving one
 * answer and one assessment, list / compare / trend in a database of
 * 10,000 assessments, each report format, and the peak memory of the tool
 * loading each questionnaire, taking an assessment of it and reporting it. Prints one line a measurement, with its
 * target where the issue sets one, and a count of the targets missed (a
 * benchmark measures: it does not fail on a slow machine).
 *
 * usage: bench_scale DIR   (DIR: where generated files and databases go;
 *                           run from the source tree, next to ./itmaturity) */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"
#include "itmaturity/yamltree.h"

#include "bench.h"
#include "itmaturity/assessment.h"

#define PROG "bench_scale"

/* Every format report_assessment writes. */
static const enum report_format formats[] = {
	REPORT_TEXT, REPORT_MARKDOWN, REPORT_CSV, REPORT_JSON, REPORT_HTML,
};

static int missed;  /* targets not met */

static void target(const char *what, double value, double limit, const char *unit)
{
	bool ok = value <= limit;
	printf("  target %-49s %9.3f %s  %s (limit %g %s)\n", what, value, unit, ok ? "met" : "MISSED",
	       limit, unit);
	if (!ok)
		missed++;
}

/* libyaml alone: every event of BUF parsed and freed, nothing built. */
static void bare_parse(const char *buf, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, PROG ": libyaml refused the file\n");
			exit(1);
		}
		yaml_event_type_t t = ev.type;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
}

/* Every question answered: options in turn, every 7th n/a where allowed,
 * every 11th "don't know" where allowed. */
static void answer_all(struct ans_set *a)
{
	const struct qn_questionnaire *q = a->q;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		if (i % 7 == 3 && qq->allow_na)
			ans_set_put(a, qq, ANS_NA, NULL, NULL);
		else if (i % 11 == 5 && qq->allow_unknown)
			ans_set_put(a, qq, ANS_UNKNOWN, NULL, NULL);
		else
			ans_set_put(a, qq, ANS_OPTION, &qq->options[i % qq->n_options],
				    i % 5 ? NULL : "a short note about this answer");
	}
}

/* The answers of A as the store keeps them (strings point into A). */
/* A score result's figures as the store caches them. */
struct scores {
	const char **domains;
	double *percents;
	struct store_scores sc;
};

static void scores_of(const struct score_result *r, struct scores *c)
{
	c->domains = xcalloc(r->n_domains + 1, sizeof(*c->domains));
	c->percents = xcalloc(r->n_domains + 1, sizeof(*c->percents));
	for (size_t i = 0; i < r->n_domains; i++) {
		c->domains[i] = r->domains[i].domain->id;
		c->percents[i] = r->domains[i].s.scored ? r->domains[i].s.percent : NAN;
	}
	c->sc = (struct store_scores){ .overall = r->overall.scored ? r->overall.percent : NAN,
				       .n = r->n_domains, .domains = c->domains, .percents = c->percents };
}

static struct store_answer *store_answers_of(const struct ans_set *a, size_t *n)
{
	const struct qn_questionnaire *q = a->q;
	struct store_answer *v = xcalloc(q->n_questions + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct ans_answer *an = &a->v[i];
		if (an->kind == ANS_NONE)
			continue;
		v[*n] = (struct store_answer){
			.question = (char *)q->questions[i]->ref,
			.kind = an->kind == ANS_NA ? STORE_NA : an->kind == ANS_UNKNOWN ? STORE_UNKNOWN : STORE_OPTION,
			.option = an->option ? (char *)an->option->key : NULL,
			.note = an->note,
		};
		(*n)++;
	}
	return v;
}

/* Maximum resident set of CMD (run by sh), in MiB. */
static double peak_mib(const char *cmd)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, PROG ": failed: %s\n", cmd);
		exit(1);
	}
	return ru.ru_maxrss / 1024.0;  /* Linux: KiB */
}

static void bench_questionnaire(const char *path, const char *dir, bool large)
{
	struct itm_errors e = { 0 };
	char *buf;
	size_t len;
	if (!yt_read_file(path, &buf, &len, &e)) {
		errs_print(stderr, &e);
		exit(1);
	}
	struct qn_questionnaire *q = qn_load_buffer(path, buf, len, QN_SOURCE, &e);
	if (!q) {
		errs_print(stderr, &e);
		exit(1);
	}
	printf("\n== %s: %zu questions in %zu domains, %.1f MiB\n", q->id, q->n_questions, q->n_domains,
	       len / 1048576.0);
	size_t runs = large ? 7 : 101, n;
	double *t = xcalloc(runs + 400, sizeof(*t)), t0;

	/* Loading: libyaml's bare parse against the whole load and validation. */
	double *tparse = xcalloc(runs, sizeof(*tparse)), *tload = xcalloc(runs, sizeof(*tload));
	for (size_t r = 0; r < runs; r++) {  /* interleaved: both see the same machine */
		t0 = bench_now_ms();
		bare_parse(buf, len);
		tparse[r] = bench_now_ms() - t0;
		t0 = bench_now_ms();
		struct qn_questionnaire *x = qn_load_buffer(path, buf, len, QN_SOURCE, &e);
		tload[r] = bench_now_ms() - t0;
		qn_free(x);
	}
	bench_report("libyaml bare event parse (the floor)", tparse, runs);
	bench_report("load + validate (qn_load_buffer)", tload, runs);
	double ratio = bench_median(tload, runs) / bench_median(tparse, runs);
	target("load / bare parse", ratio, 1.5, "x  ");
	free(tparse);
	free(tload);

	/* Scoring: every question answered, then one answer changed and the
	 * whole assessment scored again, as the wizard does on a key press. */
	struct ans_set *a = ans_set_new(q);
	answer_all(a);
	enum { SCORES = 200 };
	for (size_t r = 0; r < SCORES; r++) {
		const struct qn_question *qq = q->questions[(r * 7919) % q->n_questions];
		t0 = bench_now_ms();
		ans_set_put(a, qq, ANS_OPTION, &qq->options[r % qq->n_options], NULL);
		score_free(score_compute(a, NULL));
		t[r] = bench_now_ms() - t0;
	}
	bench_report("answer one question and score everything", t, SCORES);
	target("answer + score", bench_median(t, SCORES), 5, "ms ");
	struct score_result *sr = score_compute(a, NULL);

	/* The store: one answer (a key press in the wizard), completing an
	 * assessment, and a whole assessment in one transaction. */
	char *db = xasprintf("%s/scale-%s.db", dir, q->id);
	remove(db);
	struct store *s = bench_open_db(PROG, db);
	int64_t org, id;
	if (store_org_add(s, "Bench", &org))
		bench_die(PROG, s, "org");
	struct store_new in = { .org_id = org, .respondent = "R", .role = "owner", .taken = "2026-01-01",
				.qn_id = q->id, .qn_version = q->version, .source = q->source,
				.source_len = q->source_len, .complete = true };
	if (store_draft_new(s, &in, &id))
		bench_die(PROG, s, "draft");
	for (size_t r = 0; r < 300; r++) {
		const struct qn_question *qq = q->questions[(r * 7919) % q->n_questions];
		struct store_answer sa = { .question = (char *)qq->ref, .kind = STORE_OPTION,
					   .option = (char *)qq->options[r % qq->n_options].key };
		t0 = bench_now_ms();
		if (store_answer_put(s, id, &sa))
			bench_die(PROG, s, "answer");
		t[r] = bench_now_ms() - t0;
	}
	bench_report("save one answer (one synced transaction)", t, 300);
	target("save one answer", bench_median(t, 300), 5, "ms ");
	struct scores c;
	scores_of(sr, &c);
	struct store_answer *sv = store_answers_of(a, &n);
	/* Completing, as the wizard does on the last key: a draft with every
	 * question answered scored and marked complete with its domain
	 * scores; then, once the results are drawn, its answers packed. */
	size_t drafts = large ? 11 : 51;
	double *tp = xcalloc(drafts, sizeof(*tp));
	struct asmt_ctx dctx = { .store = s };  /* the questionnaire already loaded, as in the wizard */
	asmt_cache_add(&dctx, q);
	for (size_t r = 0; r < drafts; r++) {
		int64_t d;
		bool added;
		in.complete = false;
		if (store_assessment_save(s, &in, sv, n, NULL, &d, &added))
			bench_die(PROG, s, "draft");
		in.complete = true;
		struct asmt_draft dr;
		struct itm_errors e2 = { 0 };
		if (asmt_draft_open(&dctx, d, &dr, &e2))
			bench_die(PROG, s, "open the draft");
		t0 = bench_now_ms();
		if (asmt_draft_complete(&dctx, &dr, &e2))
			bench_die(PROG, s, "complete");
		t[r] = bench_now_ms() - t0;
		t0 = bench_now_ms();
		if (asmt_pack(&dctx, d, &e2))
			bench_die(PROG, s, "pack");
		tp[r] = bench_now_ms() - t0;
		asmt_draft_free(&dr);
	}
	for (size_t i = 0; i < ASMT_QCACHE_MAX; i++)
		qn_free(dctx.qc[i]);
	bench_report("complete an assessment (score, save the scores)", t, drafts);
	target("complete an assessment", bench_median(t, drafts), 5, "ms ");
	bench_report("then pack its answers (the wizard: once drawn)", tp, drafts);
	target("pack the answers", bench_median(tp, drafts), 5, "ms ");
	free(tp);
	size_t whole = large ? 5 : 50;
	for (size_t r = 0; r < whole; r++) {
		bool added;
		int64_t d;
		t0 = bench_now_ms();
		if (store_assessment_save(s, &in, sv, n, &c.sc, &d, &added))
			bench_die(PROG, s, "save");
		t[r] = bench_now_ms() - t0;
	}
	char what[100];
	snprintf(what, sizeof(what), "save a whole assessment of %zu answers (batch)", n);
	bench_report(what, t, whole);
	store_close(s);
	remove(db);

	/* 10,000 assessments: 200 organisations x 50 quarters. The first
	 * organisation, the one measured, answers every question; the others
	 * answer 60 (or all, when there are fewer). */
	s = bench_open_db(PROG, db);
	int64_t orgs[200];
	t0 = bench_now_ms();
	if (store_begin(s))
		bench_die(PROG, s, "begin");
	for (int o = 0; o < 200; o++) {
		char name[32];
		snprintf(name, sizeof(name), "Organisation %03d", o);
		if (store_org_add(s, name, &orgs[o]))
			bench_die(PROG, s, "org");
	}
	size_t rows = 0;
	static const char other[] = "id: other\n# another questionnaire's text\n";
	for (int i = 0; i < 10000; i++) {
		char date[11];
		snprintf(date, sizeof(date), "%04d-%02d-15", 2014 + (i / 200) / 4, 1 + 3 * ((i / 200) % 4));
		in.org_id = orgs[i % 200];
		in.taken = date;
		/* The others were taken with another questionnaire: saving
		 * hashes the questionnaire's text, 13 MiB for the large one. */
		bool mine = i % 200 == 0;
		size_t k = mine || n < 60 ? n : 60;
		in.source = mine ? q->source : other;
		in.source_len = mine ? q->source_len : strlen(other);
		bool added;
		int64_t d;
		if (store_assessment_save(s, &in, sv, k, &c.sc, &d, &added))
			bench_die(PROG, s, "fill");
		rows += k;
	}
	if (store_commit(s))
		bench_die(PROG, s, "commit");
	printf("%-58s %9.0f ms  (%zu answers)\n", "fill: 10,000 assessments", bench_now_ms() - t0, rows);
	enum { RUNS = 100 };
	double tl[RUNS], tc[RUNS], tt[RUNS];
	for (size_t r = 0; r < RUNS; r++) {
		t0 = bench_now_ms();
		if (bench_list(s, orgs[0]))
			bench_die(PROG, s, "list");
		tl[r] = bench_now_ms() - t0;
		t0 = bench_now_ms();
		if (bench_compare(s, orgs[0]))
			bench_die(PROG, s, "compare");
		tc[r] = bench_now_ms() - t0;
		t0 = bench_now_ms();
		if (bench_trend(s, orgs[0]))
			bench_die(PROG, s, "trend");
		tt[r] = bench_now_ms() - t0;
	}
	bench_report("list: an organisation's 50 assessments (of 10,000)", tl, RUNS);
	target("list", bench_median(tl, RUNS), 5, "ms ");
	snprintf(what, sizeof(what), "compare: last two, %zu answers each, domain scores", n);
	bench_report(what, tc, RUNS);
	target("compare", bench_median(tc, RUNS), 5, "ms ");
	bench_report("trend: 50 assessments with their domain scores", tt, RUNS);
	target("trend", bench_median(tt, RUNS), 5, "ms ");

	/* Compare as the wizard's compare screen and the compare command do
	 * it: both assessments loaded (their questionnaire already loaded
	 * once), scored with the organisation's targets, and compared. */
	struct asmt_ctx ctx = { .store = s };
	asmt_cache_add(&ctx, q);
	struct store_filter last2 = { .org_id = orgs[0], .status = STORE_COMPLETE, .limit = 2 };
	struct store_assessment *l2;
	size_t n2;
	if (store_assessment_list(s, &last2, &l2, &n2) || n2 != 2)
		bench_die(PROG, s, "last two");
	FILE *null = fopen("/dev/null", "w");
	for (size_t r = 0; r < RUNS; r++) {
		struct asmt x, y;
		struct itm_errors e2 = { 0 };
		t0 = bench_now_ms();
		if (asmt_load(&ctx, l2[1].id, ASMT_SUMMARY, &x, &e2) ||
		    asmt_load(&ctx, l2[0].id, ASMT_SUMMARY, &y, &e2))
			bench_die(PROG, s, "load");
		struct report_meta mx = { .id = 1, .org = "Bench", .respondent = "R", .role = "owner",
					  .date = x.meta.taken, .complete = true };
		struct report_meta my = mx;
		my.date = y.meta.taken;
		struct report_side sx = { .meta = &mx, .answers = x.answers, .score = x.score },
				   sy = { .meta = &my, .answers = y.answers, .score = y.score };
		report_compare(null, &sx, &sy, REPORT_TEXT);
		fflush(null);
		tc[r] = bench_now_ms() - t0;
		asmt_free(&x);
		asmt_free(&y);
	}
	fclose(null);
	store_assessments_free(l2, n2);
	for (size_t i = 0; i < ASMT_QCACHE_MAX; i++)
		qn_free(ctx.qc[i]);
	bench_report("compare, whole: both loaded and scored, compared", tc, RUNS);
	target("compare, whole", bench_median(tc, RUNS), 5, "ms ");
	store_close(s);
	remove(db);
	free(db);

	/* Reports. */
	FILE *sink = fopen("/dev/null", "w");
	double hist[] = { 40, 45.5, 52, sr->overall.scored ? sr->overall.percent : NAN };
	struct report_meta pm = { .id = 1, .uuid = "00000000-0000-4000-8000-000000000001", .org = "Bench",
				  .respondent = "R", .role = "owner", .date = "2025-10-01", .complete = true };
	struct report_input ri = {
		.meta = { .id = 2, .uuid = "00000000-0000-4000-8000-000000000002", .org = "Bench",
			  .respondent = "R", .role = "owner", .date = "2026-01-01", .complete = true },
		.answers = a, .score = sr, .prev_meta = &pm, .prev_score = sr,
		.history = hist, .n_history = ARRAY_LEN(hist),
	};
	for (size_t f = 0; f < ARRAY_LEN(formats); f++) {
		size_t rr = large ? 20 : 200;
		for (size_t r = 0; r < rr; r++) {
			t0 = bench_now_ms();
			report_assessment(sink, &ri, formats[f]);
			fflush(sink);
			t[r] = bench_now_ms() - t0;
		}
		snprintf(what, sizeof(what), "report, %s", report_format_name(formats[f]));
		bench_report(what, t, rr);
	}
	fclose(sink);
	printf("%-58s %s\n", "the wizard's first screen", "see bench_wizard");

	free(c.domains);
	free(c.percents);
	free(sv);
	score_free(sr);
	ans_set_free(a);
	qn_free(q);
	free(t);
	free(buf);
	errs_free(&e);
}

/* Writes an answers file for the questionnaire at PATH with every question
 * answered, in a child process: this one must stay small (see peaks). */
static void write_answers(const char *path, const char *out)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_file(path, QN_SOURCE, &e);
		FILE *af = q ? fopen(out, "w") : NULL;
		if (!af)
			_exit(1);
		fprintf(af, "questionnaire: %s\nanswers:\n", q->id);
		for (size_t i = 0; i < q->n_questions; i++)
			fprintf(af, "  %s: %s\n", q->questions[i]->ref,
				q->questions[i]->options[i % q->questions[i]->n_options].key);
		_exit(fclose(af) ? 1 : 0);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, PROG ": cannot write %s\n", out);
		exit(1);
	}
}

/* One peak: in MiB, and in MB (10^6 bytes), the unit of the targets. */
static double peak_line(const char *what, const char *cmd)
{
	double mib = peak_mib(cmd);
	printf("%-58s %9.1f MiB = %.1f MB\n", what, mib, mib * 1.048576);
	return mib * 1.048576;
}

/* Peak memory of the tool itself, a process of its own each. Measured
 * first, while this process is small: a child's maximum resident set
 * counts what it inherited through fork() before exec(). */
static void peaks(const char *path, const char *name, const char *dir, bool large)
{
	printf("\n== peak memory, %s\n", name);
	char *cmd = xasprintf("./itmaturity validate '%s' >/dev/null", path);
	double mb = peak_line("itmaturity validate", cmd);
	free(cmd);
	target("peak memory loading", mb, large ? 50 : 5, "MB ");
	char *answers = xasprintf("%s/scale-answers.yaml", dir);
	char *db = xasprintf("%s/scale-assess.db", dir);
	write_answers(path, answers);
	remove(db);
	cmd = xasprintf("./itmaturity --db '%s' assess --answers '%s' --questionnaire '%s' --org X "
			">/dev/null 2>&1", db, answers, path);
	peak_line("itmaturity assess --answers (all answered, scored, stored)", cmd);
	free(cmd);
	cmd = xasprintf("./itmaturity --db '%s' report latest --format json >/dev/null", db);
	peak_line("itmaturity report --format json", cmd);
	free(cmd);
	remove(db);
	remove(answers);
	free(db);
	free(answers);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: " PROG " DIR\n", stderr);
		return 2;
	}
	const char *dir = argv[1];
	peak_line("peak memory: itmaturity --version (the process alone)",
		  "./itmaturity --version >/dev/null");
	char *gen = xasprintf("%s/generated-10000.yaml", dir);
	char *cmd = xasprintf("tests/bench/gen-questionnaire 10000 >'%s'", gen);
	if (system(cmd) != 0) {
		fprintf(stderr, PROG ": failed: %s\n", cmd);
		return 1;
	}
	peaks("questionnaires/sme-it-maturity.yaml", "sme-it-maturity", dir, false);
	peaks(gen, "generated-10000", dir, true);
	bench_questionnaire("questionnaires/sme-it-maturity.yaml", dir, false);
	bench_questionnaire(gen, dir, true);
	remove(gen);
	free(cmd);
	free(gen);
	printf("\n%d target%s missed\n", missed, missed == 1 ? "" : "s");
	return 0;
}
