/* score_frameworks.c - where an assessment stands against the frameworks
 * of the catalogue (framework.h): a status for each control from the
 * answers to the scored questions that reference it. Pure, like score.c;
 * the rules are in docs/scoring.md, "Frameworks". */
#include "itmaturity/score.h"

#include <stdlib.h>

#include "itmaturity/util.h"

/* Whether VALUE, an answer to scored question QQ, reaches its threshold:
 * a critical question's own, else the one the loader gives a critical
 * question by default (the lowest value at half of the range or above). */
static bool reaches(const struct qn_question *qq, double value)
{
	if (qq->critical)
		return value >= qq->threshold;
	return (value - qq->min_value) * 2 >= qq->max_value - qq->min_value;
}

/* "Don't know" or unanswered first: the status cannot be told. Answers
 * "not applicable" count neither way; when nothing else is left, nothing
 * the control asks for is there to fail it. */
static enum fw_status status(const struct ans_set *set, const struct score_control *c)
{
	if (c->n_questions == 0)
		return FW_NOT_COVERED;
	size_t met = 0, below = 0;
	for (size_t i = 0; i < c->n_questions; i++) {
		const struct ans_answer *a = score_answer(set, c->questions[i]);
		if (a->kind == ANS_UNKNOWN || a->kind == ANS_NONE)
			return FW_UNKNOWN;
		if (a->kind == ANS_OPTION && reaches(c->questions[i], a->option->value))
			met++;
		else if (a->kind == ANS_OPTION)
			below++;
	}
	return below == 0 ? FW_MET : met > 0 ? FW_PARTLY : FW_NOT_MET;
}

/* Calls FN(V, QQ, F, C) for each reference of a scored question of Q to
 * control C of framework F, in questionnaire order. */
static void each_reference(const struct qn_questionnaire *q, struct score_framework *v,
			   void (*fn)(struct score_framework *, const struct qn_question *, size_t,
				      size_t))
{
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		size_t f, c;
		for (size_t r = 0; qq->scored && r < qq->n_refs; r++)
			if (fw_find(qq->refs[r], &f, &c))
				fn(v, qq, f, c);
	}
}

static void count(struct score_framework *v, const struct qn_question *qq, size_t f, size_t c)
{
	(void)qq;
	v[f].controls[c].n_questions++;
}

/* Adds QQ to the evidence of control C, once however often it names it. */
static void add(struct score_framework *v, const struct qn_question *qq, size_t f, size_t c)
{
	struct score_control *sc = &v[f].controls[c];
	if (sc->n_questions == 0 || sc->questions[sc->n_questions - 1] != qq)
		sc->questions[sc->n_questions++] = qq;
}

/* V's controls, key measures first, each group in the owner's order. */
static void key_measures_first(struct score_framework *v)
{
	struct score_control *sorted = xcalloc(v->n_controls, sizeof(*sorted));
	size_t n = 0;
	for (int key = 1; key >= 0; key--)
		for (size_t c = 0; c < v->n_controls; c++)
			if (v->controls[c].control->key_measure == (bool)key)
				sorted[n++] = v->controls[c];
	free(v->controls);
	v->controls = sorted;
}

struct score_framework *score_frameworks(const struct ans_set *set)
{
	struct score_framework *v = xcalloc(FW_N_FRAMEWORKS, sizeof(*v));
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		v[f].framework = &fw_frameworks[f];
		v[f].n_controls = fw_frameworks[f].n_controls;
		v[f].controls = xcalloc(v[f].n_controls, sizeof(*v[f].controls));
	}
	each_reference(set->q, v, count);
	bool any = false;
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++)
		for (size_t c = 0; c < v[f].n_controls; c++) {
			struct score_control *sc = &v[f].controls[c];
			sc->control = &fw_frameworks[f].controls[c];
			any |= sc->n_questions > 0;
			sc->questions = xcalloc(sc->n_questions + 1, sizeof(*sc->questions));
			sc->n_questions = 0;
		}
	if (!any) {
		score_frameworks_free(v);
		return NULL;
	}
	each_reference(set->q, v, add);
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		for (size_t c = 0; c < v[f].n_controls; c++)
			v[f].controls[c].status = status(set, &v[f].controls[c]);
		key_measures_first(&v[f]);
	}
	return v;
}

void score_frameworks_free(struct score_framework *v)
{
	if (!v)
		return;
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		for (size_t c = 0; c < v[f].n_controls; c++)
			free(v[f].controls[c].questions);
		free(v[f].controls);
	}
	free(v);
}
