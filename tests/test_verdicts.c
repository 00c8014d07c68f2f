/* test_verdicts.c - the scenarios of issue 14 (docs/scoring.md, "The
 * scenarios"): verdicts an owner can trust, on the bundled sme-it-maturity
 * questionnaire (S1-S4), and the applies_if mechanism of S4 on a
 * questionnaire of its own (tests/fixtures/score/applies-if.yaml). The
 * bundled texts change with every version: nothing here depends on their
 * number or wording, only on the ids the scenarios name. */
#include "score_util.h"

#include "itmaturity/report.h"

#define BUNDLED "../questionnaires/sme-it-maturity.yaml"

/* The option of QQ with the DOWN-th highest value (0: the highest). */
static const struct qn_option *ranked(const struct qn_question *qq, size_t down)
{
	const struct qn_option *best = NULL;
	double below = INFINITY;
	for (size_t k = 0; k <= down; k++) {
		best = NULL;
		for (size_t i = 0; i < qq->n_options; i++) {
			const struct qn_option *o = &qq->options[i];
			if (o->value < below && (!best || o->value > best->value))
				best = o;
		}
		assert_non_null(best);
		below = best->value;
	}
	return best;
}

/* Every question of Q answered: scored ones DOWN options below their
 * highest, unscored ones with their first option. */
static struct ans_set *fill(const struct qn_questionnaire *q, size_t down)
{
	struct ans_set *s = ans_set_new(q);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		const struct qn_option *o = qq->scored ? ranked(qq, down) : &qq->options[0];
		ans_set_put(s, qq, ANS_OPTION, o, NULL);
	}
	/* With an external IT partner, so that the contract questions apply. */
	if (qn_find_question(q, "agreements.support-model"))
		put(s, "agreements.support-model", "managed");
	return s;
}

static void put_lowest(struct ans_set *s, const char *ref)
{
	const struct qn_question *qq = question(s->q, ref);
	ans_set_put(s, qq, ANS_OPTION, ranked(qq, qq->n_options - 1), NULL);
}

static size_t ix(const struct qn_questionnaire *q, const struct qn_level *l)
{
	assert_non_null(l);
	return (size_t)(l - q->scale);
}

/* S1. Every answer just below the top, the contract exclusions at their
 * lowest: the overall level is at most one step below the level the
 * average earns, and never the lowest. The cap holds its own domain. */
static void test_s1_one_weak_contract_answer(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(BUNDLED);
	struct ans_set *s = fill(q, 1);
	put_lowest(s, "agreements.contract-exclusions");
	struct score_result *r = score_compute(s, NULL);
	const struct score_summary *o = &r->overall;
	assert_true(ix(q, o->level) + 1 >= ix(q, o->level_uncapped));
	assert_true(ix(q, o->level) > 0);
	const struct qn_question *ce = question(q, "agreements.contract-exclusions");
	const struct score_summary *ag = &domain(r, "agreements")->s;
	assert_ptr_equal(ag->cap_question, ce);
	assert_ptr_equal(ag->cap_level, ce->cap);
	assert_true(ix(q, ag->level) <= ix(q, ce->cap));
	assert_true(ix(q, ce->cap) > 0);
	assert_ptr_not_equal(o->cap_question, ce);  /* it caps its domain only */
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* S2. Every answer at the top, the backups "don't know": provisional, the
 * top level once known, not the lowest now, and finding out comes first. */
static void test_s2_backups_unknown(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(BUNDLED);
	struct ans_set *s = fill(q, 0);
	put(s, "security.backups", "unknown");
	struct score_result *r = score_compute(s, NULL);
	const struct score_summary *o = &r->overall;
	assert_true(o->provisional);
	assert_ptr_equal(o->level_if_known, &q->scale[q->n_scale - 1]);
	assert_true(ix(q, o->level) > 0);
	assert_int_equal(o->n_unknown_critical, 1);
	const struct score_summary *sec = &domain(r, "security")->s;
	assert_true(sec->provisional);
	assert_ptr_equal(sec->level_if_known, &q->scale[q->n_scale - 1]);
	assert_true(r->n_roadmap > 0);
	assert_ptr_equal(r->roadmap[0].question, question(q, "security.backups"));
	assert_true(r->roadmap[0].find_out);
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* S3. Every answer at the top, the backups at their lowest: the security
 * domain and the overall level are below the top. Caps still bite. */
static void test_s3_no_backups(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(BUNDLED);
	struct ans_set *s = fill(q, 0);
	put_lowest(s, "security.backups");
	struct score_result *r = score_compute(s, NULL);
	size_t top = q->n_scale - 1;
	const struct score_summary *sec = &domain(r, "security")->s;
	assert_true(ix(q, sec->level) < top);
	assert_true(ix(q, r->overall.level) < top);
	assert_true(r->overall.capped);
	assert_ptr_equal(r->overall.cap_question, question(q, "security.backups"));
	assert_false(r->overall.provisional);
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* S4. Every answer at the top, in-house IT: the support-contract questions
 * do not apply, and the level is the top. Needs agreements.support-model
 * (questionnaire 1.1). */
static void test_s4_in_house(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(BUNDLED);
	struct ans_set *s = fill(q, 0);
	put(s, "agreements.support-model", "in-house");
	struct score_result *r = score_compute(s, NULL);
	assert_ptr_equal(r->overall.level, &q->scale[q->n_scale - 1]);
	assert_true(r->overall.n_skipped > 0);
	assert_non_null(score_skipped_by(s, question(q, "agreements.contract-exclusions")));
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* Scenario K (0-5) on Q: S1-S4, then every answer one and two options
 * below the top (caller frees). */
static struct ans_set *scenario(const struct qn_questionnaire *q, int k)
{
	struct ans_set *s = fill(q, k == 0 || k == 4 ? 1 : k == 5 ? 2 : 0);
	if (k == 0)
		put_lowest(s, "agreements.contract-exclusions");
	else if (k == 1)
		put(s, "security.backups", "unknown");
	else if (k == 2)
		put_lowest(s, "security.backups");
	else if (k == 3)
		put(s, "agreements.support-model", "in-house");
	return s;
}

/* The quick scan's critical flags do not make it harsher than the full
 * assessment: on each scenario its overall level is at least the full
 * assessment's, and it is capped only where the full one is. */
static void test_quick_scan_not_harsher(void **state)
{
	(void)state;
	struct qn_questionnaire *full = tu_load_qn(BUNDLED);
	struct qn_questionnaire *quick = tu_load_qn("../questionnaires/quick-scan.yaml");
	for (int k = 0; k < 6; k++) {
		struct ans_set *sf = scenario(full, k), *sq = scenario(quick, k);
		struct score_result *rf = score_compute(sf, NULL), *rq = score_compute(sq, NULL);
		print_message("scenario %d: full %s%s, quick %s%s\n", k, rf->overall.level->name,
			      rf->overall.capped ? " (capped)" : "", rq->overall.level->name,
			      rq->overall.capped ? " (capped)" : "");
		assert_true(ix(quick, rq->overall.level) >= ix(full, rf->overall.level));
		assert_true(!rq->overall.capped || rf->overall.capped);
		score_free(rf);
		score_free(rq);
		ans_set_free(sf);
		ans_set_free(sq);
	}
	qn_free(full);
	qn_free(quick);
}

/* The S4 mechanism: in-house IT skips the contract questions, whatever
 * answer is stored for them (kept, not scored), and they count and are
 * listed as not applicable; with a partner the same answer caps. */
static void test_s4_mechanism(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/applies-if.yaml");
	struct ans_set *s = fill(q, 0);
	put_lowest(s, "agreements.contract-exclusions");
	put(s, "agreements.scope-monitoring", "not-sure");
	put(s, "agreements.support-model", "in-house");
	const struct qn_question *ce = question(q, "agreements.contract-exclusions");
	assert_ptr_equal(score_skipped_by(s, ce), qn_find_option(question(q, "agreements.support-model"),
								 "in-house"));
	struct score_result *r = score_compute(s, NULL);
	assert_ptr_equal(r->overall.level, &q->scale[4]);
	assert_near(r->overall.percent, 100);
	const struct score_summary *ag = &domain(r, "agreements")->s;
	assert_int_equal(ag->n_skipped, 2);
	assert_int_equal(ag->n_na, 2);
	assert_null(ag->cap_question);
	assert_int_equal(r->n_na, 2);
	assert_ptr_equal(r->na[0], ce);
	assert_int_equal(r->n_scope_unsure, 0);
	assert_int_equal(r->n_roadmap, 0);
	assert_int_equal(ans_get(s, ce)->kind, ANS_OPTION);  /* kept */
	score_free(r);

	/* With a partner the stored answer counts again, and caps. */
	put(s, "agreements.support-model", "break-fix");
	assert_null(score_skipped_by(s, ce));
	r = score_compute(s, NULL);
	ag = &domain(r, "agreements")->s;
	assert_int_equal(ag->n_skipped, 0);
	assert_ptr_equal(ag->cap_question, ce);
	assert_string_equal(ag->cap_level->name, "Repeatable");  /* threshold 3, cap 3 - 1 */
	assert_string_equal(ag->level->name, "Initial");  /* (3 x 0 + 1 x 1) / 4: lower already */
	assert_int_equal(r->n_scope_unsure, 1);
	assert_null(r->overall.cap_question);  /* not caps_overall */
	score_free(r);

	/* Unanswered or not yet answered: the question applies. */
	ans_set_put(s, question(q, "agreements.support-model"), ANS_NONE, NULL, NULL);
	assert_null(score_skipped_by(s, ce));
	ans_set_free(s);
	qn_free(q);
}

/* A question that stops applying compares as "no longer" answered, not as
 * the same answer kept; the frameworks read it as not applicable. */
static void test_skipped_compares_as_na(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/applies-if.yaml");
	struct ans_set *a = fill(q, 0), *b = fill(q, 0);
	put(a, "agreements.support-model", "managed");
	put(b, "agreements.support-model", "in-house");
	const struct qn_question *ce = question(q, "agreements.contract-exclusions");
	assert_int_equal(score_answer(b, ce)->kind, ANS_NA);
	assert_ptr_equal(score_answer(a, ce), ans_get(a, ce));
	struct score_result *ra = score_compute(a, NULL), *rb = score_compute(b, NULL);
	struct score_comparison *c = score_compare(a, ra, b, rb);
	bool seen = false;
	for (size_t i = 0; i < c->n_moved; i++)
		if (c->moved[i].qb == ce) {
			assert_int_equal(c->moved[i].how, SCORE_NO_LONGER);
			seen = true;
		}
	assert_true(seen);
	score_comparison_free(c);
	score_free(ra);
	score_free(rb);
	ans_set_free(a);
	ans_set_free(b);
	qn_free(q);
}

/* IN's report in format FMT (caller frees). */
static char *report(const struct ans_set *a, const struct score_result *r, enum report_format fmt)
{
	struct report_input in = { .meta = { .id = 1, .uuid = "u", .org = "O", .respondent = "R",
					     .role = "owner", .date = "2026-11-01", .complete = true },
				   .answers = a, .score = r };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	report_assessment(out, &in, fmt);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/* The reports say it: the provisional level and the level once known, and
 * why a question was skipped, in every format. */
static void test_reports(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/applies-if.yaml");
	struct ans_set *s = fill(q, 0);
	put(s, "agreements.support-model", "in-house");
	put(s, "security.backups", "unknown");
	struct score_result *r = score_compute(s, NULL);
	char *level = report_level(&r->overall);
	assert_string_equal(level, "Repeatable (provisional: Optimised once 1 critical answer is known)");
	free(level);
	static const struct { enum report_format fmt; const char *want[2]; } cases[] = {
		{ REPORT_TEXT, { "Level: Repeatable (provisional: Optimised once 1 critical answer is known),",
				 "skipped: support-model is in-house" } },
		{ REPORT_MARKDOWN, { "provisional: Optimised once 1 critical", "skipped: support-model is in-house" } },
		{ REPORT_HTML, { "Repeatable (provisional: Optimised once 1 critical answer is known)",
				 "skipped: support-model is in-house" } },
		{ REPORT_JSON, { "\"level_if_known\": \"Optimised\"", "\"answer\": \"in-house\"" } },
		{ REPORT_CSV, { ",skipped\r\n", ",skipped: support-model is in-house\r\n" } },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *t = report(s, r, cases[i].fmt);
		for (size_t k = 0; k < 2; k++)
			if (!strstr(t, cases[i].want[k])) {
				print_message("format %d lacks: %s\n%s\n", (int)cases[i].fmt, cases[i].want[k], t);
				fail();
			}
		free(t);
	}
	score_free(r);
	ans_set_free(s);

	/* 'questionnaire show' says what caps and when a question applies. */
	static const struct { enum report_format fmt; const char *want; } show[] = {
		{ REPORT_TEXT, "Below it, holds the domain and the overall level at Repeatable." },
		{ REPORT_TEXT, "Applies if agreements.support-model is managed, hour-bundle, break-fix." },
		{ REPORT_JSON, "\"cap\": \"Repeatable\",\n          \"caps_overall\": true" },
		{ REPORT_JSON, "\"applies_if\": {\n            \"question\": \"agreements.support-model\"" },
	};
	for (size_t i = 0; i < ARRAY_LEN(show); i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		report_questionnaire(out, q, show[i].fmt);
		assert_int_equal(fclose(out), 0);
		if (!strstr(buf, show[i].want)) {
			print_message("questionnaire show lacks: %s\n%s\n", show[i].want, buf);
			fail();
		}
		free(buf);
	}
	qn_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s1_one_weak_contract_answer),
		cmocka_unit_test(test_s2_backups_unknown),
		cmocka_unit_test(test_s3_no_backups),
		cmocka_unit_test(test_s4_mechanism),
		cmocka_unit_test(test_skipped_compares_as_na),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_s4_in_house),
		cmocka_unit_test(test_quick_scan_not_harsher),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
