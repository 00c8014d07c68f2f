/* test_score.c - the weighted maturity model by hand-computed examples:
 * the worked example of docs/scoring.md, caps and their ties on a scale
 * that does not start at 0, an empty assessment, a very narrow scale, the
 * comparison of two assessments and the scale <-> percent helpers. The
 * properties over generated data are in test_score_props.c. */
#include "score_util.h"

static void test_worked_example(void **state)
{
	(void)state;
	const char *apath = "fixtures/score/worked-example.answers.yaml";
	struct itm_errors e = { 0 };
	char *id = ans_peek_questionnaire(apath, &e);
	assert_non_null(id);
	assert_string_equal(id, "worked-example");
	free(id);
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/worked-example.yaml");
	struct ans_set *a = ans_load_file(apath, q, &e);
	tu_print_errors(&e);
	assert_non_null(a);
	struct score_result *r = score_compute(a, NULL);
	assert_ptr_equal(r->q, q);
	assert_int_equal(r->n_domains, 2);

	/* Security: (2 x 0.25 + 1 x 1) / 3 = 50 %, 0 + 0.5 x 4 = 2: Repeatable,
	 * capped at Initial by the backups (1 < threshold 2; 0.25 x 4 = 1). */
	const struct score_domain *sec = domain(r, "security");
	assert_true(sec->s.scored);
	assert_near(sec->s.percent, 50);
	assert_near(sec->s.scale, 2);
	assert_near(sec->s.percent_if_known, 50);
	assert_near(sec->s.scale_if_known, 2);
	assert_string_equal(sec->s.level_uncapped->name, "Repeatable");
	assert_string_equal(sec->s.level->name, "Initial");
	assert_true(sec->s.capped);
	assert_ptr_equal(sec->s.cap_question, question(q, "security.backups"));
	assert_string_equal(sec->s.cap_level->name, "Initial");
	assert_true(sec->has_target);
	assert_near(sec->target, 3);
	assert_near(sec->gap, 1);
	assert_int_equal(sec->s.n_questions, 3);
	assert_int_equal(sec->s.n_scored, 3);
	assert_int_equal(sec->s.n_option, 2);
	assert_int_equal(sec->s.n_na, 1);
	assert_int_equal(sec->s.n_unknown, 0);
	assert_int_equal(sec->s.n_unanswered, 0);
	assert_false(sec->s.provisional);

	/* Structure: (1 x 0 + 3 x 0.75) / 4 = 56.25 %, scale 2.25: Repeatable;
	 * with the inventory known at its best: (1 + 2.25) / 4 = 81.25 %. */
	const struct score_domain *str = domain(r, "structure");
	assert_true(str->s.scored);
	assert_near(str->s.percent, 56.25);
	assert_near(str->s.scale, 2.25);
	assert_near(str->s.percent_if_known, 81.25);
	assert_near(str->s.scale_if_known, 3.25);
	assert_string_equal(str->s.level->name, "Repeatable");
	assert_ptr_equal(str->s.level, str->s.level_uncapped);
	assert_false(str->s.capped);
	assert_null(str->s.cap_question);
	assert_null(str->s.cap_level);
	assert_near(str->target, 2);
	assert_near(str->gap, -0.25);
	assert_int_equal(str->s.n_questions, 4);
	assert_int_equal(str->s.n_scored, 3);
	assert_int_equal(str->s.n_option, 2);
	assert_int_equal(str->s.n_na, 0);
	assert_int_equal(str->s.n_unknown, 1);
	assert_int_equal(str->s.n_unanswered, 1);
	assert_true(str->s.provisional);

	/* Overall: (2 x 50 + 1 x 56.25) / 3 = 52.083 %, scale 2.083:
	 * Repeatable, capped at Initial; if known (100 + 81.25) / 3. */
	const struct score_summary *o = &r->overall;
	assert_true(o->scored);
	assert_near(o->percent, 156.25 / 3);
	assert_near(o->scale, 4 * 156.25 / 300);
	assert_near(o->percent_if_known, 181.25 / 3);
	assert_near(o->scale_if_known, 4 * 181.25 / 300);
	assert_string_equal(o->level_uncapped->name, "Repeatable");
	assert_string_equal(o->level->name, "Initial");
	assert_true(o->capped);
	assert_ptr_equal(o->cap_question, question(q, "security.backups"));
	assert_int_equal(o->n_questions, 7);
	assert_int_equal(o->n_scored, 6);
	assert_int_equal(o->n_option, 4);
	assert_int_equal(o->n_na, 1);
	assert_int_equal(o->n_unknown, 1);
	assert_int_equal(o->n_unanswered, 1);
	assert_true(o->provisional);

	assert_int_equal(r->n_na, 1);
	assert_ptr_equal(r->na[0], question(q, "security.wifi"));
	assert_int_equal(r->n_unknown, 1);
	assert_ptr_equal(r->unknown[0], question(q, "structure.inventory"));
	assert_int_equal(r->n_unanswered, 1);
	assert_ptr_equal(r->unanswered[0], question(q, "structure.patching"));
	assert_int_equal(r->n_scope_unsure, 1);
	assert_ptr_equal(r->scope_unsure[0], question(q, "structure.scope-migrations"));
	assert_int_equal(r->n_scope_excluded, 0);

	/* Roadmap: weights without n/a: security 3, structure 5; domain
	 * shares 2/3 and 1/3. The capping backups first, then by gain. */
	assert_int_equal(r->n_roadmap, 4);
	const struct score_step *st = &r->roadmap[0];
	assert_ptr_equal(st->question, question(q, "security.backups"));
	assert_int_equal(st->kind, ANS_OPTION);
	assert_false(st->find_out);
	assert_string_equal(st->from->key, "some");
	assert_string_equal(st->to->key, "automatic");
	assert_string_equal(st->next_step, "Automate the backup.");
	assert_near(st->domain_gain, 100 * 2.0 / 3 * 0.25);   /* 16.67 */
	assert_near(st->gain, 100 * 2.0 / 3 * 0.25 * 2 / 3);  /* 11.11 */
	assert_string_equal(st->cap_level->name, "Initial");
	st = &r->roadmap[1];
	assert_ptr_equal(st->question, question(q, "structure.patching"));
	assert_int_equal(st->kind, ANS_NONE);
	assert_true(st->find_out);
	assert_string_equal(st->from->key, "manual");
	assert_string_equal(st->to->key, "automatic");
	assert_string_equal(st->next_step, "Turn on automatic updates.");
	assert_near(st->domain_gain, 20);
	assert_near(st->gain, 20.0 / 3);
	assert_null(st->cap_level);
	st = &r->roadmap[2];
	assert_ptr_equal(st->question, question(q, "structure.documentation"));
	assert_string_equal(st->from->key, "documented");
	assert_string_equal(st->to->key, "reviewed");
	assert_near(st->domain_gain, 15);
	assert_near(st->gain, 5);
	st = &r->roadmap[3];
	assert_ptr_equal(st->question, question(q, "structure.inventory"));
	assert_int_equal(st->kind, ANS_UNKNOWN);
	assert_true(st->find_out);
	assert_string_equal(st->from->key, "none");
	assert_string_equal(st->to->key, "partial");
	assert_near(st->domain_gain, 10);
	assert_near(st->gain, 10.0 / 3);
	score_free(r);

	/* Target overrides: NaN keeps the questionnaire's target. */
	const double targets[] = { NAN, 3 };
	r = score_compute(a, targets);
	assert_near(domain(r, "security")->gap, 1);
	assert_near(domain(r, "structure")->target, 3);
	assert_near(domain(r, "structure")->gap, 0.75);
	score_free(r);
	const double targets2[] = { 1.5, NAN };
	r = score_compute(a, targets2);
	assert_near(domain(r, "security")->gap, -0.5);
	assert_near(domain(r, "structure")->gap, -0.25);
	assert_near(r->overall.percent, 156.25 / 3);  /* targets change no score */
	score_free(r);

	ans_set_free(a);
	qn_free(q);
	errs_free(&e);
}

static const char caps_yaml[] =
	"id: caps\ntitle: Caps\nversion: '1'\nlanguage: en\ndescription: Caps.\n"
	"scale:\n"
	"- {value: 1, name: A, meaning: a}\n- {value: 2, name: B, meaning: b}\n"
	"- {value: 3, name: C, meaning: c}\n- {value: 4, name: D, meaning: d}\n"
	"- {value: 5, name: E, meaning: e}\n"
	"domains:\n"
	"- id: d1\n  title: D1\n  description: D.\n  questions:\n"
	"  - id: q1\n    text: T\n    help: H\n    critical: true\n    cap: 1\n"
	"    caps_overall: true\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s1}\n"
	"    - {key: b, value: 3, description: b, next_step: s2}\n"
	"    - {key: c, value: 5, description: c}\n"
	"  - id: q2\n    text: T\n    help: H\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n"
	"- id: d2\n  title: D2\n  description: D.\n  questions:\n"
	"  - id: q3\n    text: T\n    help: H\n    critical: true\n    threshold: 5\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 2, description: b, next_step: s}\n"
	"    - {key: c, value: 3, description: c, next_step: s}\n"
	"    - {key: d, value: 5, description: d}\n"
	"  - id: q4\n    text: T\n    help: H\n    critical: true\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n"
	"- id: d3\n  title: D3\n  description: D.\n  questions:\n"
	"  - id: q5\n    text: T\n    help: H\n    not_applicable: true\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n"
	"  - id: q6\n    text: T\n    help: H\n    critical: true\n    not_applicable: true\n"
	"    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n"
	"- id: d4\n  title: D4\n  description: D.\n  questions:\n"
	"  - id: q7\n    text: T\n    help: H\n    critical: true\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n"
	"  - id: q8\n    text: T\n    help: H\n    options:\n"
	"    - {key: a, value: 1, description: a, next_step: s}\n"
	"    - {key: b, value: 5, description: b}\n";

/* Caps on a 1-5 scale: a critical answer below its threshold, or "don't
 * know", holds its domain at the question's cap (by default the highest
 * level below the threshold, not the level of the answer: the rule of
 * issue 14, which replaced the answer's own level); the lowest cap wins
 * and ties go to the first question; only caps_overall questions cap the
 * overall level; "don't know" makes the level provisional, with the level
 * once known; n/a and unanswered critical questions do not cap; a domain
 * with only n/a answers has no score and is left out of the overall
 * mean. */
static void test_caps(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q_buffer(caps_yaml);
	struct ans_set *a = ans_set_new(q);
	put(a, "d1.q1", "unknown");
	put(a, "d1.q2", "5");
	put(a, "d2.q3", "2");
	put(a, "d2.q4", "unknown");
	put(a, "d3.q5", "n/a");
	put(a, "d3.q6", "n/a");
	put(a, "d4.q8", "5");
	struct score_result *r = score_compute(a, NULL);

	/* The caps: q1's own (1: A), q3's and q4's by default the level below
	 * their threshold 5: D. */
	assert_string_equal(question(q, "d1.q1")->cap->name, "A");
	assert_string_equal(question(q, "d2.q3")->cap->name, "D");
	assert_string_equal(question(q, "d2.q4")->cap->name, "D");
	assert_null(question(q, "d1.q2")->cap);
	/* d1: (0 + 1) / 2 = 50 %, 1 + 0.5 x 4 = 3: C, capped at A by q1's
	 * "don't know": provisional, E once known (100 %). */
	const struct score_domain *d = domain(r, "d1");
	assert_near(d->s.percent, 50);
	assert_near(d->s.scale, 3);
	assert_near(d->s.percent_if_known, 100);
	assert_near(d->s.scale_if_known, 5);
	assert_string_equal(d->s.level_uncapped->name, "C");
	assert_string_equal(d->s.level->name, "A");
	assert_true(d->s.capped);
	assert_ptr_equal(d->s.cap_question, question(q, "d1.q1"));
	assert_true(d->s.provisional);
	assert_int_equal(d->s.n_unknown_critical, 1);
	assert_string_equal(d->s.level_if_known->name, "E");
	assert_false(d->has_target);
	assert_true(isnan(d->gap));
	/* d2: q3 (2, below 5) and q4 ("don't know") both cap at D; the tie
	 * goes to q3. (0.25 + 0) / 2 = 12.5 %, 1.5: A already, not capped.
	 * Once known: 62.5 %, 3.5: C, which q3's D does not hold down. */
	d = domain(r, "d2");
	assert_near(d->s.percent, 12.5);
	assert_near(d->s.scale, 1.5);
	assert_near(d->s.percent_if_known, 62.5);
	assert_string_equal(d->s.level->name, "A");
	assert_false(d->s.capped);
	assert_ptr_equal(d->s.cap_question, question(q, "d2.q3"));
	assert_string_equal(d->s.cap_level->name, "D");
	assert_string_equal(d->s.level_if_known->name, "C");
	/* d3: only n/a. */
	d = domain(r, "d3");
	assert_false(d->s.scored);
	assert_true(isnan(d->s.percent) && isnan(d->s.scale) && isnan(d->s.percent_if_known));
	assert_null(d->s.level);
	assert_null(d->s.cap_question);
	assert_int_equal(d->s.n_na, 2);
	assert_false(d->s.provisional);
	/* d4: q7 unanswered (no cap), q8 top: 100 %, E, provisional. */
	d = domain(r, "d4");
	assert_near(d->s.percent, 100);
	assert_string_equal(d->s.level->name, "E");
	assert_null(d->s.cap_question);
	assert_true(d->s.provisional);
	/* Overall over d1, d2, d4: (50 + 12.5 + 100) / 3: C, capped at A by
	 * q1 alone (caps_overall; q3's and q4's caps stay in d2). Once known:
	 * 87.5 %, 4.5: D. */
	assert_near(r->overall.percent, 162.5 / 3);
	assert_near(r->overall.scale, 1 + 4 * 162.5 / 300);
	assert_near(r->overall.percent_if_known, 87.5);
	assert_string_equal(r->overall.level_uncapped->name, "C");
	assert_string_equal(r->overall.level->name, "A");
	assert_ptr_equal(r->overall.cap_question, question(q, "d1.q1"));
	assert_true(r->overall.provisional);
	assert_int_equal(r->overall.n_unknown_critical, 2);
	assert_string_equal(r->overall.level_if_known->name, "D");

	/* Roadmap: the critical "don't know" answers first (q1: cap A, gain
	 * 100 x 1/2 x 0.5 / 3; q4: cap D, 100 x 1/2 x 1 / 3), the other cap
	 * (q3: 100 x 1/2 x 0.25 / 3), then q7 (100 x 1/2 x 1 / 3, more than
	 * q3 but not capping). */
	assert_int_equal(r->n_roadmap, 4);
	assert_ptr_equal(r->roadmap[0].question, question(q, "d1.q1"));
	assert_near(r->roadmap[0].gain, 25.0 / 3);
	assert_string_equal(r->roadmap[0].next_step, "s1");
	assert_string_equal(r->roadmap[0].to->key, "b");
	assert_ptr_equal(r->roadmap[1].question, question(q, "d2.q4"));
	assert_near(r->roadmap[1].gain, 50.0 / 3);
	assert_ptr_equal(r->roadmap[2].question, question(q, "d2.q3"));
	assert_near(r->roadmap[2].gain, 12.5 / 3);
	assert_string_equal(r->roadmap[2].cap_level->name, "D");
	assert_ptr_equal(r->roadmap[3].question, question(q, "d4.q7"));
	assert_near(r->roadmap[3].gain, 50.0 / 3);
	assert_null(r->roadmap[3].cap_level);
	score_free(r);
	ans_set_free(a);
	qn_free(q);
}

/* Nothing answered: no score anywhere, provisional, and a roadmap of
 * "find out first" steps. */
static void test_nothing_answered(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/worked-example.yaml");
	struct ans_set *a = ans_set_new(q);
	struct score_result *r = score_compute(a, NULL);
	assert_false(r->overall.scored);
	assert_true(isnan(r->overall.percent));
	assert_null(r->overall.level);
	assert_true(r->overall.provisional);
	assert_int_equal(r->overall.n_unanswered, 7);
	assert_int_equal(r->n_unanswered, 7);
	for (size_t i = 0; i < r->n_domains; i++) {
		assert_false(r->domains[i].s.scored);
		assert_true(isnan(r->domains[i].gap));
	}
	/* Six scored questions, all from their lowest option (unanswered
	 * critical questions do not cap). Weights without n/a: security 2, 1,
	 * 1 (of 4), domain share 2/3; structure 1, 3, 1 (of 5), share 1/3. */
	static const struct {
		const char *ref;
		double domain_gain, gain;
	} want[] = {
		{ "security.wifi", 100 * 0.25 * 1, 100 * 0.25 * 1 * 2 / 3.0 },         /* 0 -> 4 */
		{ "security.backups", 100 * 0.5 * 0.25, 100 * 0.5 * 0.25 * 2 / 3.0 },  /* 0 -> 1 */
		{ "security.mfa", 100 * 0.25 * 0.5, 100 * 0.25 * 0.5 * 2 / 3.0 },      /* 0 -> 2: a tie */
		{ "structure.patching", 100 * 0.2 * 1, 100 * 0.2 * 1 / 3.0 },           /* 0 -> 4 */
		{ "structure.documentation", 100 * 0.6 * 0.25, 100 * 0.6 * 0.25 / 3.0 }, /* 0 -> 1 */
		{ "structure.inventory", 100 * 0.2 * 0.5, 100 * 0.2 * 0.5 / 3.0 },      /* 0 -> 2 */
	};
	assert_int_equal(r->n_roadmap, ARRAY_LEN(want));
	for (size_t i = 0; i < r->n_roadmap; i++) {
		const struct score_step *st = &r->roadmap[i];
		assert_ptr_equal(st->question, question(q, want[i].ref));
		assert_true(st->find_out);
		assert_int_equal(st->kind, ANS_NONE);
		assert_null(st->cap_level);
		assert_near(st->domain_gain, want[i].domain_gain);
		assert_near(st->gain, want[i].gain);
	}
	score_free(r);
	ans_set_free(a);
	qn_free(q);
}

static void test_compare(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/worked-example.yaml");
	struct ans_set *a = ans_set_new(q), *b = ans_set_new(q);
	put(a, "security.backups", "1");        put(b, "security.backups", "4");     /* improved */
	put(a, "security.mfa", "4");            put(b, "security.mfa", "2");         /* declined */
	put(a, "security.wifi", "n/a");         put(b, "security.wifi", "unknown");  /* changed */
	put(a, "structure.inventory", "unknown"); put(b, "structure.inventory", "2"); /* newly */
	put(a, "structure.documentation", "3");                                      /* no longer */
	put(a, "structure.patching", "0");      put(b, "structure.patching", "0");   /* same */
	put(a, "structure.scope-migrations", "included");
	put(b, "structure.scope-migrations", "not-sure");                            /* changed */
	struct score_result *ra = score_compute(a, NULL), *rb = score_compute(b, NULL);
	struct score_comparison *c = score_compare(a, ra, b, rb);
	assert_true(c->same_questionnaire);
	assert_near(c->overall_change, rb->overall.percent - ra->overall.percent);
	assert_int_equal(c->n_domains, 2);
	assert_near(c->domains[0].change, rb->domains[0].s.percent - ra->domains[0].s.percent);
	assert_int_equal(c->n_moved, 6);
	static const struct { const char *ref; enum score_change how; double va, vb; } want[] = {
		{ "security.backups", SCORE_IMPROVED, 1, 4 },
		{ "security.mfa", SCORE_DECLINED, 4, 2 },
		{ "security.wifi", SCORE_CHANGED, NAN, NAN },
		{ "structure.inventory", SCORE_NEWLY, NAN, 2 },
		{ "structure.documentation", SCORE_NO_LONGER, 3, NAN },
		{ "structure.scope-migrations", SCORE_CHANGED, NAN, NAN },
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_string_equal(c->moved[i].qb->ref, want[i].ref);
		assert_int_equal(c->moved[i].how, want[i].how);
		assert_true(isnan(want[i].va) ? isnan(c->moved[i].va) : fabs(c->moved[i].va - want[i].va) < EPS);
		assert_true(isnan(want[i].vb) ? isnan(c->moved[i].vb) : fabs(c->moved[i].vb - want[i].vb) < EPS);
	}
	assert_int_equal(c->n_same, 1);
	assert_int_equal(c->n_added + c->n_removed, 0);
	/* Two or more levels apart: backups (weight 2, 3 apart) before mfa. */
	assert_int_equal(c->n_gaps, 2);
	assert_string_equal(c->gaps[0].qb->ref, "security.backups");
	assert_string_equal(c->gaps[1].qb->ref, "security.mfa");
	score_comparison_free(c);

	/* Against a version without the scope question and with one more. */
	char *text = xstrndup(q->source, q->source_len);
	char *cut = strstr(text, "      - id: scope-migrations");
	assert_non_null(cut);
	strcpy(cut, "      - id: monitoring\n        text: Is it monitored?\n        help: Watch it.\n"
		    "        options:\n          - {key: no, value: 0, description: No., next_step: Watch it.}\n"
		    "          - {key: yes, value: 4, description: Yes.}\n");
	struct qn_questionnaire *q2 = load_q_buffer(text);
	struct ans_set *b2 = ans_set_new(q2);
	put(b2, "security.backups", "1");
	struct score_result *rb2 = score_compute(b2, NULL);
	c = score_compare(a, ra, b2, rb2);
	assert_true(c->same_questionnaire);   /* same id and version: the caller compares hashes */
	assert_int_equal(c->n_added, 1);
	assert_string_equal(c->added[0]->ref, "structure.monitoring");
	assert_int_equal(c->n_removed, 1);
	assert_string_equal(c->removed[0]->ref, "structure.scope-migrations");
	score_comparison_free(c);
	score_free(rb2);
	ans_set_free(b2);
	qn_free(q2);
	free(text);
	score_free(ra);
	score_free(rb);
	ans_set_free(a);
	ans_set_free(b);
	qn_free(q);
}

static void test_narrow_scale(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q_buffer(
		"id: narrow\ntitle: N\nversion: \"1\"\nlanguage: en\ndescription: D.\n"
		"scale:\n  - {value: 0, name: None, meaning: N.}\n"
		"  - {value: 1e-10, name: Some, meaning: S.}\n"
		"  - {value: 0.000001, name: All, meaning: A.}\n"
		"domains:\n  - id: d\n    title: D\n    description: D.\n    questions:\n"
		"      - id: q\n        text: Q?\n        help: H.\n        critical: true\n"
		"        threshold: 0.000001\n        options:\n"
		"          - {key: none, value: 0, description: N., next_step: Do.}\n"
		"          - {key: some, value: 1e-10, description: S., next_step: Do.}\n"
		"          - {key: all, value: 0.000001, description: A.}\n");
	assert_ptr_equal(qn_level_at(q, 0), &q->scale[0]);
	assert_ptr_equal(qn_level_at(q, 5e-11), &q->scale[0]);
	assert_ptr_equal(qn_level_at(q, 1e-10), &q->scale[1]);
	assert_ptr_equal(qn_level_at(q, 1e-6), &q->scale[2]);
	assert_ptr_equal(qn_level_at_fraction(q, 1e-4), &q->scale[1]);
	assert_ptr_equal(qn_level_at_fraction(q, 1e-4 - 1e-8), &q->scale[0]);
	static const struct { const char *answer; double percent; size_t level, cap; } want[] = {
		{ "none", 0, 0, 1 }, { "some", 0.01, 1, 1 }, { "all", 100, 2, 3 },
	};
	struct score_result *r[ARRAY_LEN(want)];
	struct ans_set *a[ARRAY_LEN(want)];
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		a[i] = ans_set_new(q);
		put(a[i], "d.q", want[i].answer);
		r[i] = score_compute(a[i], NULL);
		assert_near(r[i]->overall.percent, want[i].percent);
		assert_ptr_equal(r[i]->overall.level_uncapped, &q->scale[want[i].level]);
		/* The cap: the level below the threshold, a ten-thousandth of
		 * the way up (none at the top); in the domain only. */
		if (want[i].cap < q->n_scale)
			assert_ptr_equal(r[i]->domains[0].s.cap_level, &q->scale[want[i].cap]);
		else
			assert_null(r[i]->domains[0].s.cap_level);
		assert_null(r[i]->overall.cap_level);
	}
	struct score_comparison *c = score_compare(a[0], r[0], a[1], r[1]);
	assert_int_equal(c->n_moved, 1);
	assert_int_equal(c->moved[0].how, SCORE_IMPROVED);
	score_comparison_free(c);
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		score_free(r[i]);
		ans_set_free(a[i]);
	}
	qn_free(q);
}

static void test_helpers(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	const struct qn_question *qq = question(q, "roles.owner");  /* options 1..5 */
	assert_near(score_norm(qq, 1), 0);
	assert_near(score_norm(qq, 2), 0.25);
	assert_near(score_norm(qq, 5), 1);
	assert_near(score_to_scale(q, 0), 1);
	assert_near(score_to_scale(q, 50), 3);
	assert_near(score_to_scale(q, 100), 5);
	assert_near(score_on_scale(q, 0.25), 2);
	assert_near(score_to_percent(q, 2), 25);
	assert_near(score_to_percent(q, score_to_scale(q, 37.5)), 37.5);
	score_free(NULL);
	qn_free(q);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_nothing_answered),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_narrow_scale),
	};
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
