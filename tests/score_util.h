/* score_util.h - what the score tests share: loading questionnaires,
 * putting answers, generated answer sets and the invariants every result
 * keeps. Included by tests/test_score*.c. */
#ifndef ITM_TEST_SCORE_UTIL_H
#define ITM_TEST_SCORE_UTIL_H

#include "testutil.h"

#include <math.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/score.h"

#define EPS 1e-9
#define assert_near(got, want) assert_near_at((got), (want), #got, __LINE__)

static inline void assert_near_at(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) < EPS)) {
		print_message("line %d: %s = %.12g, expected %.12g\n", line, what, got, want);
		fail();
	}
}

static inline struct qn_questionnaire *load_q_buffer(const char *yaml)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("buf.yaml", yaml, strlen(yaml), QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	errs_free(&e);
	return q;
}

static inline const struct qn_question *question(const struct qn_questionnaire *q, const char *ref)
{
	const struct qn_question *qq = qn_find_question(q, ref);
	if (!qq)
		print_message("no question %s\n", ref);
	assert_non_null(qq);
	return qq;
}

/* Puts TOKEN (as ans_parse_value reads it) as the answer to REF. */
static inline void put(struct ans_set *s, const char *ref, const char *token)
{
	const struct qn_question *qq = question(s->q, ref);
	struct ans_answer a;
	char *msg = ans_parse_value(qq, token, true, &a);
	if (msg)
		print_message("%s: %s\n", ref, msg);
	assert_null(msg);
	ans_set_put(s, qq, a.kind, a.option, NULL);
}

static inline const struct score_domain *domain(const struct score_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_domains; i++)
		if (strcmp(r->domains[i].domain->id, id) == 0)
			return &r->domains[i];
	fail_msg("no domain %s", id);
	return NULL;
}

/* The worked example of docs/scoring.md: every number computed by hand
 * there. */

/* A deterministic generator (xorshift64*). */
static uint64_t rng_state;

static inline uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)(((rng_state * 2685821657736338717ull) >> 32) % n);
}

/* A random answer: unanswered, n/a, don't know or an option. */
static inline void random_answer(const struct qn_question *qq, bool complete, struct ans_answer *a)
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

static inline struct ans_set *random_set(const struct qn_questionnaire *q, bool complete)
{
	struct ans_set *s = ans_set_new(q);
	for (size_t i = 0; i < q->n_questions; i++) {
		struct ans_answer a;
		random_answer(q->questions[i], complete, &a);
		ans_set_put(s, q->questions[i], a.kind, a.option, NULL);
	}
	return s;
}

static inline struct ans_set *copy_set(const struct ans_set *s)
{
	struct ans_set *c = ans_set_new(s->q);
	for (size_t i = 0; i < s->q->n_questions; i++)
		ans_set_put(c, s->q->questions[i], s->v[i].kind, s->v[i].option, s->v[i].note);
	return c;
}

static inline size_t level_ix(const struct qn_questionnaire *q, const struct qn_level *l)
{
	return l ? (size_t)(l - q->scale) : 0;
}

/* No percentage and no level of B is below A's. */
static inline void assert_not_lower(const struct score_result *a, const struct score_result *b)
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

static inline bool same_double(double x, double y)
{
	return (isnan(x) && isnan(y)) || x == y;
}

static inline void assert_same_summary(const struct score_summary *x, const struct score_summary *y)
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
	assert_ptr_equal(x->level_if_known, y->level_if_known);
	assert_int_equal(x->n_questions, y->n_questions);
	assert_int_equal(x->n_scored, y->n_scored);
	assert_int_equal(x->n_option, y->n_option);
	assert_int_equal(x->n_na, y->n_na);
	assert_int_equal(x->n_unknown, y->n_unknown);
	assert_int_equal(x->n_unanswered, y->n_unanswered);
	assert_int_equal(x->n_skipped, y->n_skipped);
	assert_int_equal(x->n_unknown_critical, y->n_unknown_critical);
	assert_int_equal(x->provisional, y->provisional);
}

static inline void assert_same_list(const struct qn_question *const *x, size_t nx,
			     const struct qn_question *const *y, size_t ny)
{
	assert_int_equal(nx, ny);
	for (size_t i = 0; i < nx; i++)
		assert_ptr_equal(x[i], y[i]);
}

static inline void assert_same_result(const struct score_result *a, const struct score_result *b)
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

/* A roadmap step's group: 0 a critical "don't know", 1 another capping
 * step, 2 the rest. */
static inline int step_group(const struct score_step *st)
{
	return st->cap_level ? st->kind == ANS_UNKNOWN ? 0 : 1 : 2;
}

/* What every result must satisfy, whatever the answers. */
static inline void assert_invariants(const struct score_result *r)
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
		/* Knowing can only raise the level; without "don't know" it is the level. */
		assert_true(level_ix(q, s->level_if_known) >= level_ix(q, s->level));
		if (s->n_unknown == 0)
			assert_ptr_equal(s->level_if_known, s->level);
		if (s->n_unknown_critical > 0)
			assert_true(s->provisional);
	}
	/* The roadmap's order: critical answers to find out first, then the
	 * other capping steps, each lowest cap first, then by gain. */
	for (size_t i = 1; i < r->n_roadmap; i++) {
		const struct score_step *x = &r->roadmap[i - 1], *y = &r->roadmap[i];
		if (step_group(x) != step_group(y)) {
			assert_true(step_group(x) < step_group(y));
			continue;
		}
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

#endif
