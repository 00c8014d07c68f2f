/* score_compare.c - the comparison of two scored assessments: overall and
 * per-domain changes, the questions that moved, the questions one
 * questionnaire has and the other lacks, and the gaps of two levels or
 * more. Pure, like score.c. */
#include "itmaturity/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/util.h"

/* Values on a scale closer than this part of its range are equal
 * (rounding; scale levels lie at least a millionth of the range apart). */
#define SAME_VALUE 1e-9

/* SAME_VALUE on the wider scale of A's and B's questionnaires. */
static double same_value(const struct qn_questionnaire *a, const struct qn_questionnaire *b)
{
	double ra = a->scale[a->n_scale - 1].value - a->scale[0].value;
	double rb = b->scale[b->n_scale - 1].value - b->scale[0].value;
	return SAME_VALUE * (ra > rb ? ra : rb);
}

/* SAME: the distance at which two values are equal. */
static enum score_change classify(const struct ans_answer *x, const struct ans_answer *y, double va,
				  double vb, double same)
{
	bool ax = x->kind == ANS_OPTION, by = y->kind == ANS_OPTION;
	if (!ax && by)
		return SCORE_NEWLY;
	if (ax && !by)
		return SCORE_NO_LONGER;
	if (!isnan(va) && !isnan(vb)) {
		if (vb > va + same)
			return SCORE_IMPROVED;
		if (vb < va - same)
			return SCORE_DECLINED;
	}
	if (ax ? strcmp(x->option->key, y->option->key) != 0 : x->kind != y->kind)
		return SCORE_CHANGED;
	return SCORE_SAME;
}

static const struct score_domain *domain_in(const struct score_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_domains; i++)
		if (strcmp(r->domains[i].domain->id, id) == 0)
			return &r->domains[i];
	return NULL;
}

static void domains(struct score_comparison *c, const struct score_result *ra, const struct score_result *rb)
{
	c->domains = xcalloc(ra->n_domains + rb->n_domains + 1, sizeof(*c->domains));
	for (size_t i = 0; i < rb->n_domains; i++) {
		const struct score_domain *y = &rb->domains[i], *x = domain_in(ra, y->domain->id);
		c->domains[c->n_domains++] = (struct score_domain_change){
			.domain = y->domain, .a = x, .b = y,
			.change = x && x->s.scored && y->s.scored ? y->s.percent - x->s.percent : NAN,
		};
	}
	for (size_t i = 0; i < ra->n_domains; i++)
		if (!domain_in(rb, ra->domains[i].domain->id))
			c->domains[c->n_domains++] = (struct score_domain_change){
				.domain = ra->domains[i].domain, .a = &ra->domains[i], .change = NAN,
			};
}

/* Questions of P that Q lacks. */
static size_t only_in(const struct qn_questionnaire *p, const struct qn_questionnaire *q,
		      const struct qn_question ***out)
{
	const struct qn_question **v = xcalloc(p->n_questions + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < p->n_questions && p != q; i++)
		if (!qn_find_question(q, p->questions[i]->ref))
			v[n++] = p->questions[i];
	*out = v;
	return n;
}

static int gap_cmp(const void *x, const void *y)
{
	const struct score_moved *a = x, *b = y;
	if (a->qb->weight != b->qb->weight)
		return a->qb->weight > b->qb->weight ? -1 : 1;
	double da = fabs(a->va - a->vb), db = fabs(b->va - b->vb);
	if (da != db)
		return da > db ? -1 : 1;
	return (a->qb->index > b->qb->index) - (a->qb->index < b->qb->index);
}

struct score_comparison *score_compare(const struct ans_set *a, const struct score_result *ra,
				       const struct ans_set *b, const struct score_result *rb)
{
	const struct qn_questionnaire *qa = ra->q, *qb = rb->q;
	struct score_comparison *c = xcalloc(1, sizeof(*c));
	bool same_version = strcmp(qa->id, qb->id) == 0 && strcmp(qa->version, qb->version) == 0;
	c->other_text = same_version && qa->hash[0] && qb->hash[0] && strcmp(qa->hash, qb->hash) != 0;
	c->same_questionnaire = same_version && !c->other_text;
	c->overall_change = ra->overall.scored && rb->overall.scored ? rb->overall.percent - ra->overall.percent
								     : NAN;
	domains(c, ra, rb);
	double same = same_value(qa, qb);
	c->moved = xcalloc(qb->n_questions + 1, sizeof(*c->moved));
	c->gaps = xcalloc(qb->n_questions + 1, sizeof(*c->gaps));
	for (size_t i = 0; i < qb->n_questions; i++) {
		const struct qn_question *y = qb->questions[i];
		/* The same questionnaire on both sides: no lookups. */
		const struct qn_question *x = qa == qb ? y : qn_find_question(qa, y->ref);
		if (!x)
			continue;
		const struct ans_answer *ax = score_answer(a, x), *by = score_answer(b, y);
		struct score_moved m = { .qa = x, .qb = y, .va = score_answer_on_scale(qa, x, ax),
					 .vb = score_answer_on_scale(qb, y, by) };
		m.how = classify(ax, by, m.va, m.vb, same);
		if (m.how == SCORE_SAME)
			c->n_same++;
		else
			c->moved[c->n_moved++] = m;
		if (!isnan(m.va) && !isnan(m.vb) && fabs(m.va - m.vb) >= 2 - same)
			c->gaps[c->n_gaps++] = m;
	}
	if (c->n_gaps > 1)
		qsort(c->gaps, c->n_gaps, sizeof(*c->gaps), gap_cmp);
	c->n_added = only_in(qb, qa, &c->added);
	c->n_removed = only_in(qa, qb, &c->removed);
	return c;
}

void score_comparison_free(struct score_comparison *c)
{
	if (!c)
		return;
	free(c->domains);
	free(c->moved);
	free(c->gaps);
	free(c->added);
	free(c->removed);
	free(c);
}
