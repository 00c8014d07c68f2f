/* score.c - the weighted maturity model (docs/scoring.md). Pure: reads an
 * answer set and its questionnaire, allocates the result, nothing else. */
#include "itmaturity/score.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

double score_norm(const struct qn_question *qq, double value)
{
	return (value - qq->min_value) / (qq->max_value - qq->min_value);
}

double score_on_scale(const struct qn_questionnaire *q, double fraction)
{
	double lo = q->scale[0].value, hi = q->scale[q->n_scale - 1].value;
	return lo + fraction * (hi - lo);
}

double score_to_scale(const struct qn_questionnaire *q, double percent)
{
	return score_on_scale(q, percent / 100);
}

double score_to_percent(const struct qn_questionnaire *q, double scale)
{
	double lo = q->scale[0].value, hi = q->scale[q->n_scale - 1].value;
	return hi > lo ? 100.0 * (scale - lo) / (hi - lo) : NAN;
}

double score_answer_on_scale(const struct qn_questionnaire *q, const struct qn_question *qq,
			     const struct ans_answer *a)
{
	if (!qq->scored || a->kind != ANS_OPTION)
		return NAN;
	return score_on_scale(q, score_norm(qq, a->option->value));
}

static size_t level_index(const struct qn_questionnaire *q, const struct qn_level *l)
{
	return (size_t)(l - q->scale);
}

const struct qn_option *score_lowest_option(const struct qn_question *qq)
{
	const struct qn_option *lo = &qq->options[0];
	for (size_t i = 1; i < qq->n_options; i++)
		if (qq->options[i].value < lo->value)
			lo = &qq->options[i];
	return lo;
}

const struct qn_option *score_option_above(const struct qn_question *qq, double value)
{
	const struct qn_option *up = NULL;
	for (size_t i = 0; i < qq->n_options; i++) {
		const struct qn_option *o = &qq->options[i];
		if (o->value > value && (!up || o->value < up->value))
			up = o;
	}
	return up;
}

/* The normalised score an answer counts with: its option's, or the lowest
 * option's (0) for "don't know". Only for ANS_OPTION and ANS_UNKNOWN. */
static double answer_norm(const struct qn_question *qq, const struct ans_answer *a)
{
	return a->kind == ANS_OPTION ? score_norm(qq, a->option->value) : 0;
}

/* The cap level of QQ's answer A, or NULL when it does not cap: a critical
 * question answered (or "don't know") below its threshold holds its domain
 * at the question's cap, not at the level of the answer itself. */
static const struct qn_level *cap_of(const struct qn_question *qq, const struct ans_answer *a)
{
	if (!qq->scored || !qq->critical)
		return NULL;
	if (a->kind == ANS_OPTION && !(a->option->value < qq->threshold))
		return NULL;
	if (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN)
		return NULL;
	return qq->cap;
}

const struct qn_option *score_skipped_by(const struct ans_set *set, const struct qn_question *qq)
{
	const struct qn_applies *ai = &qq->applies_if;
	if (!ai->question)
		return NULL;
	const struct ans_answer *a = ans_get(set, ai->question);
	if (a->kind != ANS_OPTION)
		return NULL;
	for (size_t i = 0; i < ai->n_options; i++)
		if (ai->options[i] == a->option)
			return NULL;
	return a->option;
}

const struct ans_answer *score_answer(const struct ans_set *set, const struct qn_question *qq)
{
	static const struct ans_answer skipped = { ANS_NA, NULL, NULL };
	return score_skipped_by(set, qq) ? &skipped : ans_get(set, qq);
}

/* Takes CAP from QQ when it is lower than the summary's (strictly: the
 * first of equal caps wins, callers go in questionnaire order). */
static void take_cap(const struct qn_questionnaire *q, struct score_summary *s,
		     const struct qn_question *qq, const struct qn_level *cap)
{
	if (cap && (!s->cap_level || level_index(q, cap) < level_index(q, s->cap_level))) {
		s->cap_level = cap;
		s->cap_question = qq;
	}
}

/* The lower of the levels A and B; B may be NULL. */
static const struct qn_level *lower(const struct qn_questionnaire *q, const struct qn_level *a,
				    const struct qn_level *b)
{
	return b && level_index(q, b) < level_index(q, a) ? b : a;
}

/* Fills the summary from its percentages (SCORED false: there are none);
 * KNOWN_CAP: the lowest cap of the answers given (not "don't know"). */
static void finish(const struct qn_questionnaire *q, struct score_summary *s, bool scored,
		   double percent, double percent_if_known, const struct qn_level *known_cap)
{
	s->provisional |= s->n_unknown_critical > 0;
	if (!scored) {
		s->scored = false;
		s->percent = s->scale = s->percent_if_known = s->scale_if_known = NAN;
		return;
	}
	s->scored = true;
	s->percent = percent;
	s->percent_if_known = percent_if_known;
	s->scale = score_to_scale(q, s->percent);
	s->scale_if_known = score_to_scale(q, s->percent_if_known);
	/* From the percentage, not the scale score: exact on any scale. */
	s->level_uncapped = qn_level_at_fraction(q, s->percent / 100);
	s->level = lower(q, s->level_uncapped, s->cap_level);
	s->capped = s->level != s->level_uncapped;
	s->level_if_known = lower(q, qn_level_at_fraction(q, s->percent_if_known / 100), known_cap);
}

static void count(struct score_summary *s, const struct qn_question *qq, enum ans_kind kind,
		  bool skipped)
{
	s->n_questions++;
	s->n_scored += qq->scored;
	s->n_skipped += skipped;
	s->n_unknown_critical += kind == ANS_UNKNOWN && qq->critical && qq->scored;
	switch (kind) {
	case ANS_OPTION:
		s->n_option++;
		break;
	case ANS_NA:
		s->n_na++;
		break;
	case ANS_UNKNOWN:
		s->n_unknown++;
		break;
	case ANS_NONE:
		s->n_unanswered++;
		s->provisional |= qq->scored;
		break;
	}
}

static void add_counts(struct score_summary *to, const struct score_summary *from)
{
	to->n_questions += from->n_questions;
	to->n_scored += from->n_scored;
	to->n_option += from->n_option;
	to->n_na += from->n_na;
	to->n_unknown += from->n_unknown;
	to->n_unanswered += from->n_unanswered;
	to->n_skipped += from->n_skipped;
	to->n_unknown_critical += from->n_unknown_critical;
	to->provisional |= from->provisional;
}

/* Lists every question whose answer is in one of the lists. */
static void list_question(struct score_result *r, const struct qn_question *qq,
			  const struct ans_answer *a)
{
	switch (a->kind) {
	case ANS_NA:
		r->na[r->n_na++] = qq;
		break;
	case ANS_UNKNOWN:
		r->unknown[r->n_unknown++] = qq;
		break;
	case ANS_NONE:
		r->unanswered[r->n_unanswered++] = qq;
		break;
	case ANS_OPTION:
		if (qq->kind != QN_SCOPE)
			break;
		if (a->option->status == QN_UNSURE)
			r->scope_unsure[r->n_scope_unsure++] = qq;
		else if (a->option->status == QN_EXCLUDED)
			r->scope_excluded[r->n_scope_excluded++] = qq;
		break;
	}
}

static long long gain_key(double gain)
{
	return llround(gain * 1e9);
}

/* A step's place in the roadmap, worked out once per step (comparing the
 * steps themselves is costly for large questionnaires; docs/performance.md):
 * KEY puts
 * capping steps first, the lowest cap first, then the highest gain (in
 * billionths, below 2^40); ties go in questionnaire order, the order the
 * steps are made in (AT). */
struct rank {
	uint64_t key;
	size_t at;
};

static bool rank_before(const struct rank *a, const struct rank *b)
{
	return a->key != b->key ? a->key < b->key : a->at < b->at;
}

/* Sorts V (N ranks) by merging runs of doubling width, without qsort's
 * calls through a pointer (docs/performance.md, second round). */
static void rank_sort(struct rank *v, size_t n)
{
	struct rank *tmp = xmalloc((n + 1) * sizeof(*tmp)), *from = v, *to = tmp;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				to[k++] = rank_before(&from[j], &from[i]) ? from[j++] : from[i++];
			while (i < mid)
				to[k++] = from[i++];
			while (j < hi)
				to[k++] = from[j++];
		}
		struct rank *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
	free(tmp);
}

/* The roadmap. WALL[i]: the weight of domain i's scored questions that are
 * not n/a; DWALL: the weight of the domains where WALL is not 0. */
static void roadmap(struct score_result *r, const struct ans_set *set, const double *wall,
		    double dwall)
{
	const struct qn_questionnaire *q = r->q;
	r->roadmap = xcalloc(q->n_questions + 1, sizeof(*r->roadmap));
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		const struct ans_answer *a = score_answer(set, qq);
		if (!qq->scored || a->kind == ANS_NA)
			continue;
		const struct qn_option *from = a->kind == ANS_OPTION ? a->option : score_lowest_option(qq);
		const struct qn_option *to = score_option_above(qq, from->value);
		if (!to)
			continue;
		const struct qn_domain *d = qq->domain;
		struct score_step *st = &r->roadmap[r->n_roadmap++];
		st->question = qq;
		st->kind = a->kind;
		st->find_out = a->kind != ANS_OPTION;
		st->from = from;
		st->to = to;
		st->next_step = from->next_step;
		st->domain_gain = 100 * qq->weight / wall[d->index] *
				  (score_norm(qq, to->value) - score_norm(qq, from->value));
		st->gain = st->domain_gain * d->weight / dwall;
		st->cap_level = cap_of(qq, a);
	}
	size_t n = r->n_roadmap;
	struct rank *rk = xcalloc(n + 1, sizeof(*rk));
	for (size_t i = 0; i < n; i++) {
		const struct score_step *st = &r->roadmap[i];
		uint64_t cap = st->cap_level ? level_index(q, st->cap_level) : q->n_scale;
		uint64_t later = !(st->cap_level && st->kind == ANS_UNKNOWN);
		rk[i] = (struct rank){ later << 63 | cap << 40 |
				       ((UINT64_C(1) << 40) - 1 - (uint64_t)gain_key(st->gain)), i };
	}
	rank_sort(rk, n);
	/* Puts the steps in that order in place, a cycle of the permutation
	 * at a time (place j takes the step at rk[j].at). */
	for (size_t i = 0; i < n; i++) {
		if (rk[i].at == i)
			continue;
		struct score_step keep = r->roadmap[i];
		size_t j = i;
		for (size_t from; (from = rk[j].at) != i; j = from) {
			r->roadmap[j] = r->roadmap[from];
			rk[j].at = j;
		}
		r->roadmap[j] = keep;
		rk[j].at = j;
	}
	free(rk);
}

static struct score_result *compute(const struct ans_set *set, const double *targets, bool steps)
{
	const struct qn_questionnaire *q = set->q;
	struct score_result *r = xcalloc(1, sizeof(*r));
	size_t nq = q->n_questions + 1;
	r->q = q;
	r->n_domains = q->n_domains;
	r->domains = xcalloc(q->n_domains + 1, sizeof(*r->domains));
	r->unknown = xcalloc(nq, sizeof(*r->unknown));
	r->na = xcalloc(nq, sizeof(*r->na));
	r->unanswered = xcalloc(nq, sizeof(*r->unanswered));
	r->scope_unsure = xcalloc(nq, sizeof(*r->scope_unsure));
	r->scope_excluded = xcalloc(nq, sizeof(*r->scope_excluded));
	double *wall = xcalloc(q->n_domains + 1, sizeof(*wall));
	double dwall = 0;
	double o_w = 0, o_sum = 0, o_known = 0;
	const struct qn_level *o_known_cap = NULL;  /* see finish() */

	for (size_t i = 0; i < q->n_domains; i++) {
		const struct qn_domain *d = &q->domains[i];
		struct score_domain *sd = &r->domains[i];
		struct score_summary *s = &sd->s;
		double wsum = 0, sum = 0, sum_known = 0;
		const struct qn_level *known_cap = NULL;
		sd->domain = d;
		for (size_t j = 0; j < d->n_questions; j++) {
			const struct qn_question *qq = &d->questions[j];
			const struct ans_answer *a = score_answer(set, qq);
			count(s, qq, a->kind, a != ans_get(set, qq));
			list_question(r, qq, a);
			if (!qq->scored || a->kind == ANS_NA)
				continue;
			wall[i] += qq->weight;
			if (a->kind == ANS_NONE)
				continue;
			double norm = answer_norm(qq, a);
			wsum += qq->weight;
			sum += qq->weight * norm;
			sum_known += qq->weight * (a->kind == ANS_UNKNOWN ? 1 : norm);
			const struct qn_level *cap = cap_of(qq, a);
			take_cap(q, s, qq, cap);
			if (qq->caps_overall)
				take_cap(q, &r->overall, qq, cap);
			if (cap && a->kind == ANS_OPTION) {
				known_cap = lower(q, cap, known_cap);
				if (qq->caps_overall)
					o_known_cap = lower(q, cap, o_known_cap);
			}
		}
		if (wsum > 0)
			finish(q, s, true, 100 * sum / wsum, 100 * sum_known / wsum, known_cap);
		else
			finish(q, s, false, 0, 0, NULL);
		if (wall[i] > 0)
			dwall += d->weight;
		sd->has_target = d->has_target;
		sd->target = d->has_target ? d->target : NAN;
		if (targets && !isnan(targets[i])) {
			sd->has_target = true;
			sd->target = targets[i];
		}
		sd->gap = sd->has_target && s->scored ? sd->target - s->scale : NAN;

		add_counts(&r->overall, s);
		if (s->scored) {
			o_w += d->weight;
			o_sum += d->weight * s->percent;
			o_known += d->weight * s->percent_if_known;
		}
	}
	if (o_w > 0)
		finish(q, &r->overall, true, o_sum / o_w, o_known / o_w, o_known_cap);
	else
		finish(q, &r->overall, false, 0, 0, NULL);
	if (steps)
		roadmap(r, set, wall, dwall);
	free(wall);
	return r;
}

struct score_result *score_compute(const struct ans_set *set, const double *targets)
{
	return compute(set, targets, true);
}

struct score_result *score_summary(const struct ans_set *set, const double *targets)
{
	return compute(set, targets, false);
}

void score_free(struct score_result *r)
{
	if (!r)
		return;
	free(r->domains);
	free(r->roadmap);
	free(r->unknown);
	free(r->na);
	free(r->unanswered);
	free(r->scope_unsure);
	free(r->scope_excluded);
	free(r);
}
