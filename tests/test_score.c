/* test_score.c - the weighted maturity model.
 *
 * Hand-computed examples (the worked example of docs/scoring.md, caps and
 * their ties on a scale that does not start at 0, an empty assessment),
 * properties over hundreds of generated answer sets (monotonicity, the
 * extremes, "not applicable" leaving the rest alone, order independence,
 * the roadmap gain being the real gain), and OWASP SAMM's Governance
 * function scored as SAMM scores it. */
#include "testutil.h"

#include <math.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/score.h"

#define EPS 1e-9
#define assert_near(got, want) assert_near_at((got), (want), #got, __LINE__)

static void assert_near_at(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) < EPS)) {
		print_message("line %d: %s = %.12g, expected %.12g\n", line, what, got, want);
		fail();
	}
}

static struct qn_questionnaire *load_q(const char *path)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(path, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_int_equal(errs_count(&e), 0);
	assert_non_null(q);
	errs_free(&e);
	return q;
}

static struct qn_questionnaire *load_q_buffer(const char *yaml)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("buf.yaml", yaml, strlen(yaml), QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	errs_free(&e);
	return q;
}

static const struct qn_question *question(const struct qn_questionnaire *q, const char *ref)
{
	const struct qn_question *qq = qn_find_question(q, ref);
	if (!qq)
		print_message("no question %s\n", ref);
	assert_non_null(qq);
	return qq;
}

/* Puts TOKEN (as ans_parse_value reads it) as the answer to REF. */
static void put(struct ans_set *s, const char *ref, const char *token)
{
	const struct qn_question *qq = question(s->q, ref);
	struct ans_answer a;
	char *msg = ans_parse_value(qq, token, true, &a);
	if (msg)
		print_message("%s: %s\n", ref, msg);
	assert_null(msg);
	ans_set_put(s, qq, a.kind, a.option, NULL);
}

static const struct score_domain *domain(const struct score_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_domains; i++)
		if (strcmp(r->domains[i].domain->id, id) == 0)
			return &r->domains[i];
	fail_msg("no domain %s", id);
	return NULL;
}

/* The worked example of docs/scoring.md: every number computed by hand
 * there. */
static void test_worked_example(void **state)
{
	(void)state;
	const char *apath = "fixtures/score/worked-example.answers.yaml";
	struct itm_errors e = { 0 };
	char *id = ans_peek_questionnaire(apath, &e);
	assert_non_null(id);
	assert_string_equal(id, "worked-example");
	free(id);
	struct qn_questionnaire *q = load_q("fixtures/score/worked-example.yaml");
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
	"  - id: q1\n    text: T\n    help: H\n    critical: true\n    options:\n"
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

/* Caps on a 1-5 scale: "don't know" caps at the lowest level, the lowest
 * cap wins and ties go to the first question; n/a and unanswered critical
 * questions do not cap; a domain with only n/a answers has no score and
 * is left out of the overall mean. */
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

	/* d1: (0 + 1) / 2 = 50 %, 1 + 0.5 x 4 = 3: C, capped at A by q1. */
	const struct score_domain *d = domain(r, "d1");
	assert_near(d->s.percent, 50);
	assert_near(d->s.scale, 3);
	assert_near(d->s.percent_if_known, 100);
	assert_near(d->s.scale_if_known, 5);
	assert_string_equal(d->s.level_uncapped->name, "C");
	assert_string_equal(d->s.level->name, "A");
	assert_true(d->s.capped);
	assert_ptr_equal(d->s.cap_question, question(q, "d1.q1"));
	assert_false(d->has_target);
	assert_true(isnan(d->gap));
	/* d2: q3 (2 of 1..5) 0.25 caps at 1 + 0.25 x 4 = 2: B; q4 at A, the
	 * lower cap. (0.25 + 0) / 2 = 12.5 %, 1.5: A already, not capped. */
	d = domain(r, "d2");
	assert_near(d->s.percent, 12.5);
	assert_near(d->s.scale, 1.5);
	assert_near(d->s.percent_if_known, 62.5);
	assert_string_equal(d->s.level->name, "A");
	assert_false(d->s.capped);
	assert_ptr_equal(d->s.cap_question, question(q, "d2.q4"));
	assert_string_equal(d->s.cap_level->name, "A");
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
	/* Overall over d1, d2, d4: (50 + 12.5 + 100) / 3; capped at A by q1,
	 * the first of the two A caps. */
	assert_near(r->overall.percent, 162.5 / 3);
	assert_near(r->overall.scale, 1 + 4 * 162.5 / 300);
	assert_near(r->overall.percent_if_known, 87.5);
	assert_string_equal(r->overall.level_uncapped->name, "C");
	assert_string_equal(r->overall.level->name, "A");
	assert_ptr_equal(r->overall.cap_question, question(q, "d1.q1"));
	assert_true(r->overall.provisional);

	/* Roadmap: the A caps (q4: gain 100 x 1/2 x 1 / 3, q1: 100 x 1/2 x
	 * 0.5 / 3), the B cap (q3: 100 x 1/2 x 0.25 / 3), then q7 (100 x 1/2
	 * x 1 / 3, more than q3 but not capping). */
	assert_int_equal(r->n_roadmap, 4);
	assert_ptr_equal(r->roadmap[0].question, question(q, "d2.q4"));
	assert_near(r->roadmap[0].gain, 50.0 / 3);
	assert_ptr_equal(r->roadmap[1].question, question(q, "d1.q1"));
	assert_near(r->roadmap[1].gain, 25.0 / 3);
	assert_string_equal(r->roadmap[1].next_step, "s1");
	assert_string_equal(r->roadmap[1].to->key, "b");
	assert_ptr_equal(r->roadmap[2].question, question(q, "d2.q3"));
	assert_near(r->roadmap[2].gain, 12.5 / 3);
	assert_string_equal(r->roadmap[2].cap_level->name, "B");
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
	struct qn_questionnaire *q = load_q("fixtures/score/worked-example.yaml");
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

/* A deterministic generator (xorshift64*). */
static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)(((rng_state * 2685821657736338717ull) >> 32) % n);
}

/* A random answer: unanswered, n/a, don't know or an option. */
static void random_answer(const struct qn_question *qq, bool complete, struct ans_answer *a)
{
	for (;;) {
		uint32_t r = rnd(10);
		a->option = NULL;
		if (r == 0 && !complete) {
			a->kind = ANS_NONE;
			return;
		}
		if (r == 1) {
			if (!qq->allow_na)
				continue;
			a->kind = ANS_NA;
			return;
		}
		if (r == 2) {
			if (!qq->allow_unknown)
				continue;
			a->kind = ANS_UNKNOWN;
			return;
		}
		a->kind = ANS_OPTION;
		a->option = &qq->options[rnd((uint32_t)qq->n_options)];
		return;
	}
}

static struct ans_set *random_set(const struct qn_questionnaire *q, bool complete)
{
	struct ans_set *s = ans_set_new(q);
	for (size_t i = 0; i < q->n_questions; i++) {
		struct ans_answer a;
		random_answer(q->questions[i], complete, &a);
		ans_set_put(s, q->questions[i], a.kind, a.option, NULL);
	}
	return s;
}

static struct ans_set *copy_set(const struct ans_set *s)
{
	struct ans_set *c = ans_set_new(s->q);
	for (size_t i = 0; i < s->q->n_questions; i++)
		ans_set_put(c, s->q->questions[i], s->v[i].kind, s->v[i].option, s->v[i].note);
	return c;
}

static size_t level_ix(const struct qn_questionnaire *q, const struct qn_level *l)
{
	return l ? (size_t)(l - q->scale) : 0;
}

/* No percentage and no level of B is below A's. */
static void assert_not_lower(const struct score_result *a, const struct score_result *b)
{
	const struct qn_questionnaire *q = a->q;
	for (size_t i = 0; i < a->n_domains; i++) {
		const struct score_summary *x = &a->domains[i].s, *y = &b->domains[i].s;
		assert_int_equal(x->scored, y->scored);
		if (!x->scored)
			continue;
		assert_true(y->percent >= x->percent - EPS);
		assert_true(level_ix(q, y->level) >= level_ix(q, x->level));
		assert_true(level_ix(q, y->level_uncapped) >= level_ix(q, x->level_uncapped));
	}
	assert_int_equal(a->overall.scored, b->overall.scored);
	if (a->overall.scored) {
		assert_true(b->overall.percent >= a->overall.percent - EPS);
		assert_true(level_ix(q, b->overall.level) >= level_ix(q, a->overall.level));
	}
}

static bool same_double(double x, double y)
{
	return (isnan(x) && isnan(y)) || x == y;
}

static void assert_same_summary(const struct score_summary *x, const struct score_summary *y)
{
	assert_int_equal(x->scored, y->scored);
	assert_true(same_double(x->percent, y->percent));
	assert_true(same_double(x->scale, y->scale));
	assert_true(same_double(x->percent_if_known, y->percent_if_known));
	assert_true(same_double(x->scale_if_known, y->scale_if_known));
	assert_ptr_equal(x->level, y->level);
	assert_ptr_equal(x->level_uncapped, y->level_uncapped);
	assert_ptr_equal(x->cap_question, y->cap_question);
	assert_ptr_equal(x->cap_level, y->cap_level);
	assert_int_equal(x->capped, y->capped);
	assert_int_equal(x->n_questions, y->n_questions);
	assert_int_equal(x->n_scored, y->n_scored);
	assert_int_equal(x->n_option, y->n_option);
	assert_int_equal(x->n_na, y->n_na);
	assert_int_equal(x->n_unknown, y->n_unknown);
	assert_int_equal(x->n_unanswered, y->n_unanswered);
	assert_int_equal(x->provisional, y->provisional);
}

static void assert_same_list(const struct qn_question *const *x, size_t nx,
			     const struct qn_question *const *y, size_t ny)
{
	assert_int_equal(nx, ny);
	for (size_t i = 0; i < nx; i++)
		assert_ptr_equal(x[i], y[i]);
}

static void assert_same_result(const struct score_result *a, const struct score_result *b)
{
	assert_same_summary(&a->overall, &b->overall);
	assert_int_equal(a->n_domains, b->n_domains);
	for (size_t i = 0; i < a->n_domains; i++) {
		assert_same_summary(&a->domains[i].s, &b->domains[i].s);
		assert_true(same_double(a->domains[i].gap, b->domains[i].gap));
	}
	assert_int_equal(a->n_roadmap, b->n_roadmap);
	for (size_t i = 0; i < a->n_roadmap; i++) {
		const struct score_step *x = &a->roadmap[i], *y = &b->roadmap[i];
		assert_ptr_equal(x->question, y->question);
		assert_ptr_equal(x->from, y->from);
		assert_ptr_equal(x->to, y->to);
		assert_true(x->gain == y->gain && x->domain_gain == y->domain_gain);
		assert_ptr_equal(x->cap_level, y->cap_level);
	}
	assert_same_list(a->unknown, a->n_unknown, b->unknown, b->n_unknown);
	assert_same_list(a->na, a->n_na, b->na, b->n_na);
	assert_same_list(a->unanswered, a->n_unanswered, b->unanswered, b->n_unanswered);
	assert_same_list(a->scope_unsure, a->n_scope_unsure, b->scope_unsure, b->n_scope_unsure);
	assert_same_list(a->scope_excluded, a->n_scope_excluded, b->scope_excluded,
			 b->n_scope_excluded);
}

/* What every result must satisfy, whatever the answers. */
static void assert_invariants(const struct score_result *r)
{
	const struct qn_questionnaire *q = r->q;
	for (size_t i = 0; i <= r->n_domains; i++) {
		const struct score_summary *s = i < r->n_domains ? &r->domains[i].s : &r->overall;
		if (!s->scored)
			continue;
		assert_true(s->percent >= -EPS && s->percent <= 100 + EPS);
		assert_true(s->percent_if_known >= s->percent - EPS);
		if (s->n_unknown == 0)
			assert_near(s->percent_if_known, s->percent);
		assert_true(level_ix(q, s->level) <= level_ix(q, s->level_uncapped));
		if (s->cap_level) {
			assert_true(level_ix(q, s->level) <= level_ix(q, s->cap_level));
			assert_true(s->cap_question->critical);
		}
		assert_int_equal(s->capped, s->level != s->level_uncapped);
	}
	/* The roadmap's order. */
	for (size_t i = 1; i < r->n_roadmap; i++) {
		const struct score_step *x = &r->roadmap[i - 1], *y = &r->roadmap[i];
		if (x->cap_level && !y->cap_level)
			continue;
		assert_true(!y->cap_level || x->cap_level);  /* caps first */
		if (x->cap_level && x->cap_level != y->cap_level) {
			assert_true(level_ix(q, x->cap_level) < level_ix(q, y->cap_level));
			continue;
		}
		assert_true(x->gain >= y->gain - EPS);
		if (fabs(x->gain - y->gain) < 1e-12)
			assert_true(x->question->index < y->question->index);
	}
	for (size_t i = 0; i < r->n_roadmap; i++) {
		const struct score_step *st = &r->roadmap[i];
		assert_true(st->to->value > st->from->value);
		assert_true(st->gain > 0 && st->domain_gain >= st->gain - EPS);
		assert_ptr_equal(st->next_step, st->from->next_step);
	}
}

#define ROUNDS 300

/* Raising any answer (to any higher option, or from "don't know" to any
 * option) never lowers a percentage or a level. */
static void test_monotonic(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
	rng_state = 0x9E3779B97F4A7C15ull;
	size_t raises = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		struct score_result *base = score_compute(s, NULL);
		assert_invariants(base);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct ans_answer *a = &s->v[i];
			if (!qq->scored || (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
				continue;
			for (size_t j = 0; j < qq->n_options; j++) {
				const struct qn_option *o = &qq->options[j];
				if (a->kind == ANS_OPTION && !(o->value > a->option->value))
					continue;
				struct ans_set *up = copy_set(s);
				ans_set_put(up, qq, ANS_OPTION, o, NULL);
				struct score_result *r = score_compute(up, NULL);
				assert_not_lower(base, r);
				score_free(r);
				ans_set_free(up);
				raises++;
			}
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("monotonic: %d sets, %zu raises\n", ROUNDS, raises);
	assert_true(raises > ROUNDS * 5);
	qn_free(q);
}

/* Every question of Q at its highest option: 100 %, the top level, nothing
 * to do; at its lowest: 0 %, the lowest level. */
static void check_extremes(const struct qn_questionnaire *q)
{
	const struct qn_level *top = &q->scale[q->n_scale - 1];
	for (int lowest = 0; lowest < 2; lowest++) {
		struct ans_set *s = ans_set_new(q);
		size_t scored = 0;
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct qn_option *pick = &qq->options[0];
			for (size_t j = 1; j < qq->n_options && qq->scored; j++) {
				double v = qq->options[j].value;
				if (lowest ? v < pick->value : v > pick->value)
					pick = &qq->options[j];
			}
			ans_set_put(s, qq, ANS_OPTION, pick, NULL);
			scored += qq->scored;
		}
		struct score_result *r = score_compute(s, NULL);
		assert_invariants(r);
		for (size_t i = 0; i <= r->n_domains; i++) {
			const struct score_summary *x = i < r->n_domains ? &r->domains[i].s : &r->overall;
			assert_true(x->scored);
			assert_false(x->provisional);
			assert_near(x->percent, lowest ? 0 : 100);
			assert_near(x->scale, lowest ? q->scale[0].value : top->value);
			assert_ptr_equal(x->level, lowest ? &q->scale[0] : top);
			if (!lowest)
				assert_null(x->cap_question);
		}
		assert_int_equal(r->n_roadmap, lowest ? scored : 0);
		score_free(r);
		ans_set_free(s);
	}
}

static void test_extremes(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
	check_extremes(q);
	qn_free(q);
}

/* Weighted sum of the normalised scores of domain D's counted questions,
 * and their weight: what the domain's percentage is made of. */
static void domain_sums(const struct ans_set *s, const struct qn_domain *d, double *sum,
			double *weight)
{
	*sum = *weight = 0;
	for (size_t j = 0; j < d->n_questions; j++) {
		const struct qn_question *qq = &d->questions[j];
		const struct ans_answer *a = ans_get(s, qq);
		if (!qq->scored || (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
			continue;
		*weight += qq->weight;
		if (a->kind == ANS_OPTION)
			*sum += qq->weight * score_norm(qq, a->option->value);
	}
}

/* Marking a question n/a removes it from its domain and from nothing
 * else: the other domains keep their percentages, and the domain's
 * percentage times its weight loses exactly that question's part. */
static void test_na_neutral(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
	rng_state = 0x0123456789ABCDEFull;
	size_t checks = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		struct score_result *base = score_compute(s, NULL);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct ans_answer *a = &s->v[i];
			if (!qq->allow_na || !qq->scored ||
			    (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
				continue;
			double part = a->kind == ANS_OPTION ? score_norm(qq, a->option->value) : 0;
			struct ans_set *na = copy_set(s);
			ans_set_put(na, qq, ANS_NA, NULL, NULL);
			struct score_result *r = score_compute(na, NULL);
			size_t di = qq->domain->index;
			for (size_t k = 0; k < q->n_domains; k++) {
				if (k == di)
					continue;
				assert_same_summary(&base->domains[k].s, &r->domains[k].s);
			}
			double sum, w;
			domain_sums(s, qq->domain, &sum, &w);
			const struct score_summary *before = &base->domains[di].s, *after = &r->domains[di].s;
			assert_near(before->percent * w / 100, sum);
			if (w - qq->weight > 0) {
				assert_true(after->scored);
				assert_near(after->percent * (w - qq->weight) / 100,
					    before->percent * w / 100 - qq->weight * part);
			} else {
				assert_false(after->scored);
			}
			assert_int_equal(after->n_na, before->n_na + 1);
			assert_int_equal(r->n_na, base->n_na + 1);
			score_free(r);
			ans_set_free(na);
			checks++;
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("n/a: %d sets, %zu questions marked n/a\n", ROUNDS, checks);
	assert_true(checks > ROUNDS);
	qn_free(q);
}

/* The same answers put in another order (with other answers put and
 * overwritten on the way) give the same result. */
static void test_order_independent(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
	rng_state = 0xDEADBEEFCAFEF00Dull;
	size_t n = q->n_questions;
	size_t *perm = xcalloc(n, sizeof(*perm));
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		for (size_t i = 0; i < n; i++)
			perm[i] = i;
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = rnd((uint32_t)(i + 1)), t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		struct ans_set *t = ans_set_new(q);
		for (size_t k = 0; k < n; k++) {
			const struct qn_question *qq = q->questions[perm[k]];
			struct ans_answer noise;
			random_answer(qq, false, &noise);
			ans_set_put(t, qq, noise.kind, noise.option, "noise");
		}
		for (size_t k = n; k-- > 0;) {
			const struct qn_question *qq = q->questions[perm[k]];
			ans_set_put(t, qq, s->v[qq->index].kind, s->v[qq->index].option, NULL);
		}
		struct score_result *a = score_compute(s, NULL), *b = score_compute(t, NULL);
		assert_same_result(a, b);
		/* The summary is the same result without its roadmap. */
		struct score_result *c = score_summary(s, NULL);
		assert_int_equal(c->n_roadmap, 0);
		assert_null(c->roadmap);
		b->n_roadmap = 0;
		assert_same_result(b, c);
		score_free(a);
		score_free(b);
		score_free(c);
		ans_set_free(s);
		ans_set_free(t);
	}
	free(perm);
	qn_free(q);
}

/* With nothing unanswered, a roadmap step's gain is exactly how much the
 * overall (and the domain's) percentage rises when that one answer moves
 * up one option. */
static void test_gain_is_real(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
	rng_state = 42;
	size_t steps = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, true);
		struct score_result *base = score_compute(s, NULL);
		assert_false(base->overall.provisional);
		assert_invariants(base);
		for (size_t i = 0; i < base->n_roadmap; i++) {
			const struct score_step *st = &base->roadmap[i];
			struct ans_set *up = copy_set(s);
			ans_set_put(up, st->question, ANS_OPTION, st->to, NULL);
			struct score_result *r = score_compute(up, NULL);
			size_t di = st->question->domain->index;
			assert_near(r->overall.percent - base->overall.percent, st->gain);
			assert_near(r->domains[di].s.percent - base->domains[di].s.percent,
				    st->domain_gain);
			score_free(r);
			ans_set_free(up);
			steps++;
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("gain: %d sets, %zu steps\n", ROUNDS, steps);
	assert_true(steps > ROUNDS);
	qn_free(q);
}

/* OWASP SAMM: a stream scores the sum of its three answers (0-3), a
 * practice the mean of its two streams, the business function the mean
 * of its practices. With SAMM's practices as domains on a 0-3 scale and
 * equal weights, the domain's scale score is the practice score. */
static double samm_practice(const struct ans_set *s, const struct qn_domain *d)
{
	double stream[2] = { 0, 0 };
	for (size_t j = 0; j < d->n_questions; j++) {
		const struct qn_question *qq = &d->questions[j];
		/* ids are PRACTICE-STREAM-LEVEL: "sm-a1" */
		char which = qq->id[3];
		assert_true(which == 'a' || which == 'b');
		stream[which - 'a'] += ans_get(s, qq)->option->value;
	}
	return (stream[0] + stream[1]) / 2;
}

static void test_samm_equivalence(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/samm-governance.yaml");
	assert_int_equal(q->n_domains, 3);
	assert_int_equal(q->n_questions, 18);

	/* By hand: Strategy & Metrics stream A answers 1, 0.5, 0 (1.5), stream
	 * B 1, 1, 0.25 (2.25): practice (1.5 + 2.25) / 2 = 1.875; the tool:
	 * 3.75 / 6 = 62.5 %, 0 + 0.625 x 3 = 1.875. */
	struct ans_set *s = ans_set_new(q);
	static const char *const hand[][2] = {
		{ "strategy-metrics.sm-a1", "1" }, { "strategy-metrics.sm-a2", "0.5" },
		{ "strategy-metrics.sm-a3", "0" }, { "strategy-metrics.sm-b1", "most" },
		{ "strategy-metrics.sm-b2", "most" }, { "strategy-metrics.sm-b3", "0.25" },
	};
	for (size_t i = 0; i < ARRAY_LEN(hand); i++)
		put(s, hand[i][0], hand[i][1]);
	struct score_result *r = score_compute(s, NULL);
	assert_near(r->domains[0].s.percent, 62.5);
	assert_near(r->domains[0].s.scale, 1.875);
	assert_string_equal(r->domains[0].s.level->name, "Level 1");
	assert_false(r->domains[1].s.scored);
	score_free(r);
	ans_set_free(s);

	rng_state = 0x5A4D5A4D5A4D5A4Dull;
	for (int round = 0; round < 500; round++) {
		s = ans_set_new(q);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			ans_set_put(s, qq, ANS_OPTION, &qq->options[rnd(4)], NULL);
		}
		r = score_compute(s, NULL);
		double function = 0;
		for (size_t i = 0; i < q->n_domains; i++) {
			double practice = samm_practice(s, &q->domains[i]);
			assert_near(r->domains[i].s.scale, practice);
			function += practice / 3;
		}
		assert_near(r->overall.scale, function);
		score_free(r);
		ans_set_free(s);
	}
	qn_free(q);
}

/* The one comparison model: every kind of change, with its values on the
 * scale, and the percentages' changes. */
static void test_compare(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/worked-example.yaml");
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

/* A scale of a millionth, its second level a ten-thousandth of the way up:
 * levels are told apart relative to the range (a fixed 1e-9 put a score
 * of 0 at the second level), and so are changes between assessments. */
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
		{ "none", 0, 0, 0 }, { "some", 0.01, 1, 1 }, { "all", 100, 2, 3 },
	};
	struct score_result *r[ARRAY_LEN(want)];
	struct ans_set *a[ARRAY_LEN(want)];
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		a[i] = ans_set_new(q);
		put(a[i], "d.q", want[i].answer);
		r[i] = score_compute(a[i], NULL);
		assert_near(r[i]->overall.percent, want[i].percent);
		assert_ptr_equal(r[i]->overall.level_uncapped, &q->scale[want[i].level]);
		/* The cap: the level the answer stands for (none at the top). */
		if (want[i].cap < q->n_scale)
			assert_ptr_equal(r[i]->overall.cap_level, &q->scale[want[i].cap]);
		else
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

/* Every figure of a scored summary, step and gap is a number. */
static void assert_finite(const struct score_result *r)
{
	for (size_t i = 0; i <= r->n_domains; i++) {
		const struct score_summary *s = i < r->n_domains ? &r->domains[i].s : &r->overall;
		if (!s->scored)
			continue;
		assert_true(isfinite(s->percent) && isfinite(s->percent_if_known));
		assert_true(isfinite(s->scale) && isfinite(s->scale_if_known));
		assert_non_null(s->level);
		if (i < r->n_domains && r->domains[i].has_target)
			assert_true(isfinite(r->domains[i].gap));
	}
	for (size_t i = 0; i < r->n_roadmap; i++)
		assert_true(isfinite(r->roadmap[i].gain) && isfinite(r->roadmap[i].domain_gain));
}

/* The limits of the numbers, all at once: weights of 0.001 and 1000 side
 * by side, values of -1000000 and 1000000 (1e308 weights gave NaN, 1e-320
 * gave 0 %). */
static void test_number_limits(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q_buffer(
		"id: limits\ntitle: L\nversion: \"1\"\nlanguage: en\ndescription: D.\n"
		"scale:\n  - {value: -1000000, name: Low, meaning: L.}\n"
		"  - {value: 0, name: Mid, meaning: M.}\n  - {value: 1000000, name: High, meaning: H.}\n"
		"domains:\n  - id: heavy\n    title: H\n    description: D.\n    weight: 1000\n"
		"    target: 1000000\n    questions:\n"
		"      - {id: a, text: A?, help: H., weight: 1000, options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n"
		"      - {id: b, text: B?, help: H., weight: 0.001, critical: true, options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n"
		"  - id: light\n    title: L\n    description: D.\n    weight: 0.001\n    questions:\n"
		"      - {id: c, text: C?, help: H., weight: 0.001, options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n");
	struct ans_set *s = ans_set_new(q);
	put(s, "heavy.a", "hi");
	put(s, "heavy.b", "lo");
	put(s, "light.c", "hi");
	struct score_result *r = score_compute(s, NULL);
	assert_invariants(r);
	assert_finite(r);
	double heavy = 100 * 1000 / 1000.001;
	assert_near(r->domains[0].s.percent, heavy);
	assert_near(r->domains[0].s.scale, -1e6 + heavy / 100 * 2e6);
	assert_ptr_equal(r->domains[0].s.level_uncapped, &q->scale[1]);
	assert_ptr_equal(r->domains[0].s.level, &q->scale[0]);  /* capped by b */
	assert_near(r->domains[0].gap, 1e6 - r->domains[0].s.scale);
	assert_near(r->domains[1].s.percent, 100);
	assert_near(r->overall.percent, (1000 * heavy + 0.001 * 100) / 1000.001);
	assert_int_equal(r->n_roadmap, 1);
	assert_near(r->roadmap[0].domain_gain, 100 * 0.001 / 1000.001);
	assert_near(r->roadmap[0].gain, 100 * 0.001 / 1000.001 * 1000 / 1000.001);
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* A number for a questionnaire, written so that it reads back the same. */
static int put_num(char *buf, double v)
{
	return sprintf(buf, "%.17g", v);
}

/* A weight: often at a limit, else anywhere between them. */
static double random_weight(void)
{
	uint32_t r = rnd(4);
	return r == 0 ? 0.001 : r == 1 ? 1000 : pow(10, -3 + 6 * rnd(100001) / 100000.0);
}

/* Appends to *BUF (at *LEN, room for CAP) the text FMT. */
static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = xvasprintf(fmt, ap);
	va_end(ap);
	size_t n = strlen(t);
	grow_array((void **)buf, cap, *len + n + 1, 1);
	memcpy(*buf + *len, t, n + 1);
	*len += n;
	free(t);
}

/* A random questionnaire within the limits: a scale of 2 to 6 levels
 * anywhere from -1000000 to 1000000, of any range from a millionth to the
 * whole span; options anywhere on it; weights anywhere from 0.001 to 1000;
 * critical questions, n/a, targets. */
static char *random_questionnaire(void)
{
	char *b = NULL, n1[32], n2[32];
	size_t len = 0, cap = 0;
	double range = rnd(8) == 0 ? 2e6 : pow(10, -5.99 + 12.2 * rnd(100001) / 100000.0);
	if (range > 2e6)
		range = 2e6;
	double lo = -1e6 + (2e6 - range) * rnd(100001) / 100000.0, hi = lo + range;
	if (hi > 1e6)
		hi = 1e6;
	append(&b, &len, &cap, "id: r\ntitle: R\nversion: \"1\"\nlanguage: en\ndescription: D.\nscale:\n");
	uint32_t levels = 2 + rnd(5);
	for (uint32_t i = 0; i < levels; i++) {
		put_num(n1, i == 0 ? lo : i == levels - 1 ? hi : lo + range * i / (levels - 1));
		append(&b, &len, &cap, "  - {value: %s, name: l%u, meaning: M.}\n", n1, i);
	}
	append(&b, &len, &cap, "domains:\n");
	for (uint32_t d = 0, nd = 1 + rnd(4); d < nd; d++) {
		put_num(n1, random_weight());
		put_num(n2, lo + range * rnd(1001) / 1000.0);
		bool target = rnd(2);
		append(&b, &len, &cap, "  - id: d%u\n    title: D\n    description: D.\n    weight: %s\n"
		       "%s%s%s    questions:\n", d, n1, target ? "    target: " : "", target ? n2 : "",
		       target ? "\n" : "");
		for (uint32_t j = 0, nq = 1 + rnd(5); j < nq; j++) {
			put_num(n1, random_weight());
			append(&b, &len, &cap, "      - id: q%u-%u\n        text: Q?\n        help: H.\n"
			       "        weight: %s\n        critical: %s\n        not_applicable: %s\n"
			       "        options:\n", d, j, n1, rnd(3) ? "false" : "true",
			       rnd(2) ? "false" : "true");
			/* Distinct fractions of the range, the ends among them often. */
			uint32_t used[6], no = 2 + rnd(4);
			for (uint32_t k = 0; k < no; k++) {
				uint32_t f;
				bool again;
				do {
					f = rnd(3) == 0 ? 1000 * rnd(2) : rnd(1001);
					again = false;
					for (uint32_t m = 0; m < k; m++)
						again |= used[m] == f;
				} while (again);
				used[k] = f;
				put_num(n1, f == 0 ? lo : f == 1000 ? hi : lo + range * f / 1000.0);
				append(&b, &len, &cap, "          - {key: o%u, value: %s, description: O., "
				       "next_step: S.}\n", k, n1);
			}
		}
	}
	return b;
}

/* Random questionnaires within the limits, each answered at random and
 * at its extremes: every figure is a number, the invariants hold, and the
 * extremes give 0 % and 100 % at the lowest and the top level. */
static void test_random_limits(void **state)
{
	(void)state;
	rng_state = 0xD1B54A32D192ED03ull;
	size_t sets = 0;
	for (int round = 0; round < ROUNDS; round++) {
		char *text = random_questionnaire();
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_buffer("random.yaml", text, strlen(text),
							    QN_NO_SOURCE, &e);
		if (!q) {
			tu_print_errors(&e);
			fail_msg("refused:\n%s", text);
		}
		for (int k = 0; k < 10; k++, sets++) {
			struct ans_set *s = random_set(q, k % 2);
			struct score_result *r = score_compute(s, NULL);
			assert_invariants(r);
			assert_finite(r);
			score_free(r);
			ans_set_free(s);
		}
		check_extremes(q);
		qn_free(q);
		errs_free(&e);
		free(text);
	}
	print_message("limits: %d questionnaires, %zu answer sets\n", ROUNDS, sets);
}

static void test_helpers(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q("fixtures/score/properties.yaml");
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
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_na_neutral),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_gain_is_real),
		cmocka_unit_test(test_samm_equivalence),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_narrow_scale),
		cmocka_unit_test(test_number_limits),
		cmocka_unit_test(test_random_limits),
	};
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
