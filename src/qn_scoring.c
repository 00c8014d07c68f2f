/* qn_scoring.c - the questionnaire keys that change how a question
 * scores: `cap` and `caps_overall` of a critical question, and
 * `applies_if` (docs/questionnaire-format.md, docs/scoring.md). */
#include <stdio.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "qn_impl.h"

/* The highest level of Q's scale that lies below the threshold of QQ (put
 * on the scale as answers are: by its place among QQ's options); the
 * lowest level when none does. */
static const struct qn_level *below_threshold(const struct qn_questionnaire *q,
					      const struct qn_question *qq)
{
	double lo = q->scale[0].value, range = q->scale[q->n_scale - 1].value - lo;
	double t = (qq->threshold - qq->min_value) / (qq->max_value - qq->min_value);
	const struct qn_level *l = &q->scale[0];
	for (size_t i = 1; i < q->n_scale; i++)
		if ((q->scale[i].value - lo) / range < t - 1e-9)
			l = &q->scale[i];
	return l;
}

void qn_load_cap(struct yf *f, const struct qn_questionnaire *q, struct qn_question *qq,
		 const struct yt_node *cap, const struct yt_node *caps_overall, const char *what,
		 bool ok, bool scale_ok)
{
	if (caps_overall && yf_bool(f, caps_overall, what, "caps_overall", &qq->caps_overall) &&
	    qq->caps_overall && !qq->critical)
		yf_error(f, caps_overall, _("%s: 'caps_overall' is only for critical questions"), what);
	double v;
	if (cap && yf_value(f, cap, what, "cap", &v)) {
		if (!qq->critical)
			yf_error(f, cap, _("%s: 'cap' is only for critical questions"), what);
		else if (scale_ok && (v < q->scale[0].value || v > q->scale[q->n_scale - 1].value))
			yf_error(f, cap, _("%s: cap %g is outside the scale (%g to %g)"), what, v,
				 q->scale[0].value, q->scale[q->n_scale - 1].value);
		else if (scale_ok)
			qq->cap = qn_level_at(q, v);
		return;
	}
	if (qq->critical && ok && scale_ok && !cap)
		qq->cap = below_threshold(q, qq);
}

/* The option keys of NODE (a list) as options of GATE, into A. */
static void load_answers(struct yf *f, struct qn_applies *a, const struct yt_node *node,
			 const char *what, struct arena *arena)
{
	a->options = arena_alloc(arena, node->n * sizeof(*a->options));
	for (const struct yt_node *it = node->first; it < node->first + node->n; it++) {
		const char *key = yf_key(f, it, what, "answers");
		const struct qn_option *o = NULL;
		for (size_t j = 0; key && j < a->question->n_options; j++)
			if (a->question->options[j].key && strcmp(a->question->options[j].key, key) == 0)
				o = &a->question->options[j];
		if (key && !o)
			yf_error(f, it, _("%s: applies_if: question '%s' has no option '%s'"), what,
				 a->question->ref, key);
		for (size_t j = 0; o && j < a->n_options; j++)
			if (a->options[j] == o) {
				yf_error(f, it, _("%s: applies_if: option '%s' is listed twice"), what, key);
				o = NULL;
			}
		if (o)
			a->options[a->n_options++] = o;
	}
}

void qn_load_applies(struct yf *f, const struct qn_questionnaire *q, struct qn_question *qq,
		     const struct yt_node *node)
{
	static const struct yf_field fields[] = { { "question", true }, { "answers", true } };
	char what[200];
	snprintf(what, sizeof(what), _("question '%s'"), qq->ref);
	const struct yt_node *v[ARRAY_LEN(fields)];
	if (!yf_map(f, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *ref = yf_text(f, v[0], what, "question");
	bool list = yf_list(f, v[1], what, "answers", 1);
	if (!ref)
		return;
	const struct qn_question *gate = qn_find_question(q, ref);
	if (!gate)
		yf_error(f, v[0], _("%s: applies_if: there is no question '%s' (write DOMAIN.QUESTION)"),
			 what, ref);
	else if (gate == qq)
		yf_error(f, v[0], _("%s: applies_if: a question cannot depend on itself"), what);
	else if (gate->index > qq->index)
		yf_error(f, v[0], _("%s: applies_if: question '%s' (line %u) comes later; it must be an "
			 "earlier one"), what, ref, gate->line);
	else if (gate->applies_if.question)
		yf_error(f, v[0], _("%s: applies_if: question '%s' has an applies_if of its own; depend "
			 "on the question it depends on instead"), what, ref);
	else if (list) {
		qq->applies_if.question = gate;
		load_answers(f, &qq->applies_if, v[1], what, f->arena);
	}
}
