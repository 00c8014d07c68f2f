/* report_compare.c - two assessments side by side: overall and per-domain
 * deltas, questions that moved, questions added or removed between
 * questionnaire versions, and the perception gap between two respondents of
 * the same quarter. */
#include "itmaturity/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/jsonw.h"

enum { WIDTH = 78 };

/* A question's answer on the scale (NaN unless an option of a scored
 * question). */
static double on_scale(const struct report_side *s, const struct qn_question *qq)
{
	const struct ans_answer *a = ans_get(s->answers, qq);
	if (!qq->scored || a->kind != ANS_OPTION)
		return NAN;
	const struct qn_questionnaire *q = s->score->q;
	double lo = q->scale[0].value, hi = q->scale[q->n_scale - 1].value;
	return lo + score_norm(qq, a->option->value) * (hi - lo);
}

static const struct score_domain *find_domain(const struct score_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_domains; i++)
		if (strcmp(r->domains[i].domain->id, id) == 0)
			return &r->domains[i];
	return NULL;
}

static bool same_quarter(const char *a, const char *b)
{
	return strncmp(a, b, 4) == 0 && (atoi(a + 5) - 1) / 3 == (atoi(b + 5) - 1) / 3;
}

bool report_perception_applies(const struct report_side *a, const struct report_side *b)
{
	return strcmp(a->meta->org, b->meta->org) == 0 && same_quarter(a->meta->date, b->meta->date) &&
	       strcmp(a->meta->respondent, b->meta->respondent) != 0;
}

enum change { SAME, IMPROVED, DECLINED, NEWLY, NO_LONGER, CHANGED };

struct moved {
	const struct qn_question *qa, *qb;  /* the question in A and in B */
	enum change how;
	double va, vb;                      /* on the scale, for level questions */
};

static const char *answer_text(const struct report_side *s, const struct qn_question *qq)
{
	const struct ans_answer *a = ans_get(s->answers, qq);
	switch (a->kind) {
	case ANS_OPTION:
		return a->option->key;
	case ANS_NA:
		return "n/a";
	case ANS_UNKNOWN:
		return "don't know";
	case ANS_NONE:
		break;
	}
	return "unanswered";
}

static enum change classify(const struct report_side *a, const struct report_side *b,
			    const struct qn_question *qa, const struct qn_question *qb, double *va,
			    double *vb)
{
	const struct ans_answer *x = ans_get(a->answers, qa), *y = ans_get(b->answers, qb);
	*va = on_scale(a, qa);
	*vb = on_scale(b, qb);
	bool ax = x->kind == ANS_OPTION, by = y->kind == ANS_OPTION;
	if (!ax && by)
		return NEWLY;
	if (ax && !by)
		return NO_LONGER;
	if (!isnan(*va) && !isnan(*vb)) {
		if (*vb > *va + 1e-9)
			return IMPROVED;
		if (*vb < *va - 1e-9)
			return DECLINED;
		return SAME;
	}
	if (ax && by && strcmp(x->option->key, y->option->key) != 0)
		return CHANGED;
	return SAME;
}

/* Y's question in P: Y itself when both sides were taken with one
 * questionnaire. */
static const struct qn_question *counterpart(const struct qn_questionnaire *p,
					     const struct qn_questionnaire *q, const struct qn_question *y)
{
	return p == q ? y : qn_find_question(p, y->ref);
}

static size_t collect(const struct report_side *a, const struct report_side *b, struct moved **out)
{
	const struct qn_questionnaire *qb = b->score->q;
	struct moved *v = xcalloc(qb->n_questions + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < qb->n_questions; i++) {
		const struct qn_question *y = qb->questions[i];
		const struct qn_question *x = counterpart(a->score->q, qb, y);
		if (!x)
			continue;
		struct moved m = { .qa = x, .qb = y };
		m.how = classify(a, b, x, y, &m.va, &m.vb);
		if (m.how != SAME)
			v[n++] = m;
	}
	*out = v;
	return n;
}

/* Questions of one questionnaire that the other lacks. */
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

struct gap {
	const struct qn_question *qa, *qb;
	double va, vb;
};

static int gap_cmp(const void *x, const void *y)
{
	const struct gap *a = x, *b = y;
	if (a->qb->weight != b->qb->weight)
		return a->qb->weight > b->qb->weight ? -1 : 1;
	double da = fabs(a->va - a->vb), db = fabs(b->va - b->vb);
	if (da != db)
		return da > db ? -1 : 1;
	return (a->qb->index > b->qb->index) - (a->qb->index < b->qb->index);
}

static size_t perception(const struct report_side *a, const struct report_side *b, struct gap **out)
{
	const struct qn_questionnaire *qb = b->score->q;
	struct gap *v = xcalloc(qb->n_questions + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < qb->n_questions; i++) {
		const struct qn_question *y = qb->questions[i];
		const struct qn_question *x = counterpart(a->score->q, qb, y);
		if (!x)
			continue;
		double va = on_scale(a, x), vb = on_scale(b, y);
		if (!isnan(va) && !isnan(vb) && fabs(va - vb) >= 2 - 1e-9)
			v[n++] = (struct gap){ x, y, va, vb };
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), gap_cmp);
	*out = v;
	return n;
}

static const char *const change_names[] = { "same", "improved", "declined", "newly answered",
					     "no longer answered", "changed" };

static void side_line(FILE *out, const char *label, const struct report_side *s)
{
	char *t = xasprintf("%s assessment %lld of %s, %s, by %s (%s), %s version %s", label,
			    (long long)s->meta->id, s->meta->org, s->meta->date, s->meta->respondent,
			    s->meta->role, s->score->q->id, s->score->q->version);
	report_wrap(out, t, 0, 4, WIDTH);
	free(t);
}

static void text(FILE *out, const struct report_side *a, const struct report_side *b)
{
	const struct score_result *ra = a->score, *rb = b->score;
	fputs("COMPARISON\n==========\n\n", out);
	side_line(out, "A:", a);
	side_line(out, "B:", b);
	if (strcmp(ra->q->id, rb->q->id) != 0 || strcmp(ra->q->version, rb->q->version) != 0) {
		char *t = xasprintf("Warning: the two used different questionnaires (%s %s and %s %s); "
				    "questions are matched by id and domains by id.", ra->q->id,
				    ra->q->version, rb->q->id, rb->q->version);
		fputc('\n', out);
		report_wrap(out, t, 0, 0, WIDTH);
		free(t);
	}
	fputs("\nOVERALL\n", out);
	if (ra->overall.scored && rb->overall.scored)
		fprintf(out, "  %5.1f %% -> %5.1f %%  %+6.1f  (%s -> %s)\n", ra->overall.percent,
			rb->overall.percent, rb->overall.percent - ra->overall.percent,
			ra->overall.level->name, rb->overall.level->name);
	else
		fputs("  not comparable: one of the two has no score\n", out);

	fputs("\nDOMAINS                            A        B   CHANGE\n", out);
	for (size_t i = 0; i < rb->n_domains; i++) {
		const struct score_domain *y = &rb->domains[i];
		const struct score_domain *x = find_domain(ra, y->domain->id);
		fputs("  ", out);
		report_cell(out, y->domain->title, 28);
		if (x && x->s.scored)
			fprintf(out, " %6.1f", x->s.percent);
		else
			fputs("      -", out);
		if (y->s.scored)
			fprintf(out, "   %6.1f", y->s.percent);
		else
			fputs("        -", out);
		if (x && x->s.scored && y->s.scored)
			fprintf(out, "   %+6.1f\n", y->s.percent - x->s.percent);
		else
			fputs("        -\n", out);
	}
	for (size_t i = 0; i < ra->n_domains; i++)
		if (!find_domain(rb, ra->domains[i].domain->id))
			fprintf(out, "  %-28s (only in A)\n", ra->domains[i].domain->id);

	struct moved *mv;
	size_t nm = collect(a, b, &mv);
	for (int how = IMPROVED; how <= CHANGED; how++) {
		size_t k = 0;
		for (size_t i = 0; i < nm; i++) {
			if ((int)mv[i].how != how)
				continue;
			if (k++ == 0)
				fprintf(out, "\nQUESTIONS %s\n", change_names[how]);
			char *t = xasprintf("%s: %s -> %s", mv[i].qb->ref, answer_text(a, mv[i].qa),
					    answer_text(b, mv[i].qb));
			fputs("- ", out);
			report_wrap_from(out, t, 2, 2, WIDTH);
			free(t);
			const char *na = ans_get(a->answers, mv[i].qa)->note;
			const char *nb = ans_get(b->answers, mv[i].qb)->note;
			if (na) {
				t = xasprintf("A's note: %s", na);
				report_wrap(out, t, 2, 4, WIDTH);
				free(t);
			}
			if (nb) {
				t = xasprintf("B's note: %s", nb);
				report_wrap(out, t, 2, 4, WIDTH);
				free(t);
			}
		}
	}
	if (nm == 0)
		fputs("\nNo question was answered differently.\n", out);
	free(mv);

	const struct qn_question **v;
	size_t n = only_in(rb->q, ra->q, &v);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s\n", i ? "- " : "\nQUESTIONS ADDED in B's questionnaire\n- ", v[i]->ref);
	free(v);
	n = only_in(ra->q, rb->q, &v);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s\n", i ? "- " : "\nQUESTIONS REMOVED from B's questionnaire\n- ", v[i]->ref);
	free(v);

	if (!report_perception_applies(a, b))
		return;
	struct gap *g;
	size_t ng = perception(a, b, &g);
	fputs("\nPERCEPTION GAP\n", out);
	char *t = xasprintf("%s (%s) and %s (%s) answered in the same quarter. Questions where they "
			    "are two or more levels apart, the heaviest first: this is where "
			    "expectations and reality are not aligned.", a->meta->respondent,
			    a->meta->role, b->meta->respondent, b->meta->role);
	report_wrap(out, t, 0, 0, WIDTH);
	free(t);
	if (ng == 0)
		fputs("None: their answers are never two levels apart.\n", out);
	for (size_t i = 0; i < ng; i++) {
		t = xasprintf("%s (weight %g): %s says %s, %s says %s (%.0f levels apart)", g[i].qb->ref,
			      g[i].qb->weight, a->meta->respondent, answer_text(a, g[i].qa),
			      b->meta->respondent, answer_text(b, g[i].qb), fabs(g[i].va - g[i].vb));
		fputs("- ", out);
		report_wrap_from(out, t, 2, 2, WIDTH);
		free(t);
	}
	free(g);
}

static void side_json(struct jsonw *w, const struct report_side *s)
{
	jw_obj(w);
	jw_key(w, "id"), jw_int(w, s->meta->id);
	jw_key(w, "organisation"), jw_str(w, s->meta->org);
	jw_key(w, "date"), jw_str(w, s->meta->date);
	jw_key(w, "respondent"), jw_str(w, s->meta->respondent);
	jw_key(w, "role"), jw_str(w, s->meta->role);
	jw_key(w, "questionnaire"), jw_str(w, s->score->q->id);
	jw_key(w, "questionnaire_version"), jw_str(w, s->score->q->version);
	jw_key(w, "percent"), jw_num(w, s->score->overall.scored ? s->score->overall.percent : NAN);
	jw_key(w, "level"), jw_str(w, s->score->overall.scored ? s->score->overall.level->name : NULL);
	jw_end(w);
}

static void json(FILE *out, const struct report_side *a, const struct report_side *b)
{
	const struct score_result *ra = a->score, *rb = b->score;
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "a"), side_json(&w, a);
	jw_key(&w, "b"), side_json(&w, b);
	jw_key(&w, "same_questionnaire"),
		jw_bool(&w, strcmp(ra->q->id, rb->q->id) == 0 && strcmp(ra->q->version, rb->q->version) == 0);
	jw_key(&w, "overall_change");
	jw_num(&w, ra->overall.scored && rb->overall.scored ? rb->overall.percent - ra->overall.percent : NAN);
	jw_key(&w, "domains"), jw_arr(&w);
	for (size_t i = 0; i < rb->n_domains; i++) {
		const struct score_domain *y = &rb->domains[i];
		const struct score_domain *x = find_domain(ra, y->domain->id);
		double pa = x && x->s.scored ? x->s.percent : NAN, pb = y->s.scored ? y->s.percent : NAN;
		jw_obj(&w);
		jw_key(&w, "id"), jw_str(&w, y->domain->id);
		jw_key(&w, "a"), jw_num(&w, pa);
		jw_key(&w, "b"), jw_num(&w, pb);
		jw_key(&w, "change"), jw_num(&w, pb - pa);
		jw_end(&w);
	}
	jw_end(&w);
	struct moved *mv;
	size_t nm = collect(a, b, &mv);
	jw_key(&w, "questions"), jw_arr(&w);
	for (size_t i = 0; i < nm; i++) {
		jw_obj(&w);
		jw_key(&w, "question"), jw_str(&w, mv[i].qb->ref);
		jw_key(&w, "change"), jw_str(&w, change_names[mv[i].how]);
		jw_key(&w, "a"), jw_str(&w, answer_text(a, mv[i].qa));
		jw_key(&w, "b"), jw_str(&w, answer_text(b, mv[i].qb));
		jw_key(&w, "a_note"), jw_str(&w, ans_get(a->answers, mv[i].qa)->note);
		jw_key(&w, "b_note"), jw_str(&w, ans_get(b->answers, mv[i].qb)->note);
		jw_end(&w);
	}
	jw_end(&w);
	free(mv);
	const struct qn_question **v;
	size_t n = only_in(rb->q, ra->q, &v);
	jw_key(&w, "added"), jw_arr(&w);
	for (size_t i = 0; i < n; i++)
		jw_str(&w, v[i]->ref);
	jw_end(&w);
	free(v);
	n = only_in(ra->q, rb->q, &v);
	jw_key(&w, "removed"), jw_arr(&w);
	for (size_t i = 0; i < n; i++)
		jw_str(&w, v[i]->ref);
	jw_end(&w);
	free(v);
	jw_key(&w, "perception_gap");
	if (report_perception_applies(a, b)) {
		struct gap *g;
		size_t ng = perception(a, b, &g);
		jw_arr(&w);
		for (size_t i = 0; i < ng; i++) {
			jw_obj(&w);
			jw_key(&w, "question"), jw_str(&w, g[i].qb->ref);
			jw_key(&w, "weight"), jw_num(&w, g[i].qb->weight);
			jw_key(&w, "a"), jw_str(&w, answer_text(a, g[i].qa));
			jw_key(&w, "b"), jw_str(&w, answer_text(b, g[i].qb));
			jw_key(&w, "levels_apart"), jw_num(&w, fabs(g[i].va - g[i].vb));
			jw_end(&w);
		}
		jw_end(&w);
		free(g);
	} else {
		jw_null(&w);
	}
	jw_end(&w);
}

void report_compare(FILE *out, const struct report_side *a, const struct report_side *b,
		    enum report_format f)
{
	if (f == REPORT_JSON)
		json(out, a, b);
	else
		text(out, a, b);
}
