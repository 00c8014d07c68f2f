/* report_compare.c - two assessments side by side: overall and per-domain
 * deltas, questions that moved, questions added or removed between
 * questionnaire versions, and the perception gap between two respondents of
 * the same quarter. */
#include "itmaturity/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"

enum { WIDTH = 78 };

static bool same_quarter(const char *a, const char *b)
{
	return strncmp(a, b, 4) == 0 && (atoi(a + 5) - 1) / 3 == (atoi(b + 5) - 1) / 3;
}

bool report_perception_applies(const struct report_side *a, const struct report_side *b)
{
	return strcmp(a->meta->org, b->meta->org) == 0 && same_quarter(a->meta->date, b->meta->date) &&
	       strcmp(a->meta->respondent, b->meta->respondent) != 0;
}

/* How a question was answered: for JSON (ans_label), or for a person. */
static const char *answer_text(const struct report_side *s, const struct qn_question *qq)
{
	return ans_label(ans_get(s->answers, qq));
}

static const char *answer_shown(const struct report_side *s, const struct qn_question *qq)
{
	return ans_shown(ans_get(s->answers, qq));
}

/* How a question moved, in JSON. */
static const char *const change_names[] = { "same", "improved", "declined", "newly answered",
					     "no longer answered", "changed" };
/* The headings of the questions that moved, by how. */
static const char *const change_heads[] = {
	[SCORE_IMPROVED] = N_("QUESTIONS improved"),
	[SCORE_DECLINED] = N_("QUESTIONS declined"),
	[SCORE_NEWLY] = N_("QUESTIONS newly answered"),
	[SCORE_NO_LONGER] = N_("QUESTIONS no longer answered"),
	[SCORE_CHANGED] = N_("QUESTIONS changed"),
};

static void side_line(FILE *out, const char *label, const struct report_side *s)
{
	/* TRANSLATORS: "A: assessment 3 of Acme, 2026-01-15, by Ann (owner),
	 * sme-it-maturity version 1.1": the side (A: or B:), the number, the
	 * organisation, the date, the respondent, the role, the questionnaire. */
	char *t = xasprintf(_("%s assessment %lld of %s, %s, by %s (%s), %s version %s"), label,
			    (long long)s->meta->id, s->meta->org, s->meta->date, s->meta->respondent,
			    s->meta->role, s->score->q->id, s->score->q->version);
	report_wrap(out, t, 0, 4, WIDTH);
	free(t);
}

/* The questions answered differently, by how they moved, with their notes. */
static void moved_text(FILE *out, const struct report_side *a, const struct report_side *b,
		       const struct score_comparison *cmp)
{
	const struct score_moved *mv = cmp->moved;
	for (int how = SCORE_IMPROVED; how <= SCORE_CHANGED; how++) {
		size_t k = 0;
		for (size_t i = 0; i < cmp->n_moved; i++) {
			if ((int)mv[i].how != how)
				continue;
			if (k++ == 0)
				fprintf(out, "\n%s\n", _(change_heads[how]));
			char *t = xasprintf("%s: %s -> %s", mv[i].qb->ref, answer_shown(a, mv[i].qa),
					    answer_shown(b, mv[i].qb));
			fputs("- ", out);
			report_wrap_from(out, t, 2, 2, WIDTH);
			free(t);
			const char *na = ans_get(a->answers, mv[i].qa)->note;
			const char *nb = ans_get(b->answers, mv[i].qb)->note;
			if (na) {
				t = xasprintf(_("A's note: %s"), na);
				report_wrap(out, t, 2, 4, WIDTH);
				free(t);
			}
			if (nb) {
				t = xasprintf(_("B's note: %s"), nb);
				report_wrap(out, t, 2, 4, WIDTH);
				free(t);
			}
		}
	}
}

/* The questions added or removed between the two questionnaires, under
 * HEADING. */
static void refs(FILE *out, const char *heading, const struct qn_question **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			fprintf(out, "\n%s\n", heading);
		fputs("- ", out);
		report_wrap_from(out, v[i]->ref, 2, 2, WIDTH);
	}
}

static void text(FILE *out, const struct report_side *a, const struct report_side *b,
		 const struct score_comparison *cmp)
{
	const struct score_result *ra = a->score, *rb = b->score;
	report_title(out, _("COMPARISON"));
	side_line(out, "A:", a);
	side_line(out, "B:", b);
	if (!cmp->same_questionnaire) {
		char *t = cmp->other_text
			? xasprintf(_("Warning: both used %s %s, but with different texts (the questionnaire "
				      "changed without a new version); questions are matched by id and domains "
				      "by id."), ra->q->id, ra->q->version)
			: xasprintf(_("Warning: the two used different questionnaires (%s %s and %s %s); "
				      "questions are matched by id and domains by id."), ra->q->id,
				    ra->q->version, rb->q->id, rb->q->version);
		fputc('\n', out);
		report_wrap(out, t, 0, 0, WIDTH);
		free(t);
	}
	fprintf(out, "\n%s\n", _("OVERALL"));
	if (ra->overall.scored && rb->overall.scored)
	{
		/* 31 columns, then the two levels' names within WIDTH */
		fprintf(out, "  %5.1f %% -> %5.1f %%  %+6.1f  (", ra->overall.percent,
			rb->overall.percent, cmp->overall_change);
		report_put(out, ra->overall.level->name, (WIDTH - 36) / 2);
		fputs(" -> ", out);
		report_put(out, rb->overall.level->name, (WIDTH - 36) / 2);
		fputs(")\n", out);
	} else
		fprintf(out, "  %s\n", _("not comparable: one of the two has no score"));

	/* TRANSLATORS: the heading of the compare report's table of domains,
	 * at most 34 columns; A and B are the two assessments' columns. */
	fputc('\n', out);
	report_pad(out, _("DOMAINS"), 35);
	/* TRANSLATORS: the last column of a table: the change in points. */
	fprintf(out, "A        B   %s\n", _("CHANGE"));
	for (size_t i = 0; i < cmp->n_domains; i++) {
		const struct score_domain_change *d = &cmp->domains[i];
		if (!d->b) {
			fputs("  ", out);
			report_cell(out, d->domain->id, 28);
			fprintf(out, " %s\n", _("(only in A)"));
			continue;
		}
		fputs("  ", out);
		report_cell(out, d->domain->title, 28);
		if (d->a && d->a->s.scored)
			fprintf(out, " %6.1f", d->a->s.percent);
		else
			fputs("      -", out);
		if (d->b->s.scored)
			fprintf(out, "   %6.1f", d->b->s.percent);
		else
			fputs("        -", out);
		if (!isnan(d->change))
			fprintf(out, "   %+6.1f\n", d->change);
		else
			fputs("        -\n", out);
	}

	moved_text(out, a, b, cmp);
	if (cmp->n_moved == 0)
		fprintf(out, "\n%s\n", _("No question was answered differently."));

	refs(out, _("QUESTIONS ADDED in B's questionnaire"), cmp->added, cmp->n_added);
	refs(out, _("QUESTIONS REMOVED from B's questionnaire"), cmp->removed, cmp->n_removed);

	if (!report_perception_applies(a, b))
		return;
	const struct score_moved *g = cmp->gaps;
	size_t ng = cmp->n_gaps;
	fprintf(out, "\n%s\n", _("PERCEPTION GAP"));
	/* TRANSLATORS: the two respondents, each with their role. */
	char *t = xasprintf(_("%s (%s) and %s (%s) answered in the same quarter. Questions where they "
			      "are two or more levels apart, the heaviest first: this is where "
			      "expectations and reality are not aligned."), a->meta->respondent,
			    a->meta->role, b->meta->respondent, b->meta->role);
	report_wrap(out, t, 0, 0, WIDTH);
	free(t);
	if (ng == 0)
		fprintf(out, "%s\n", _("None: their answers are never two levels apart."));
	for (size_t i = 0; i < ng; i++) {
		/* TRANSLATORS: the question's id and weight, each respondent with
		 * their answer, and how many levels apart they are. */
		t = xasprintf(_("%s (weight %g): %s says %s, %s says %s (%.0f levels apart)"), g[i].qb->ref,
			      g[i].qb->weight, a->meta->respondent, answer_shown(a, g[i].qa),
			      b->meta->respondent, answer_shown(b, g[i].qb), fabs(g[i].va - g[i].vb));
		fputs("- ", out);
		report_wrap_from(out, t, 2, 2, WIDTH);
		free(t);
	}
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

static void json(FILE *out, const struct report_side *a, const struct report_side *b,
		 const struct score_comparison *cmp)
{
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "a"), side_json(&w, a);
	jw_key(&w, "b"), side_json(&w, b);
	jw_key(&w, "same_questionnaire"), jw_bool(&w, cmp->same_questionnaire);
	jw_key(&w, "overall_change"), jw_num(&w, cmp->overall_change);
	jw_key(&w, "domains"), jw_arr(&w);
	for (size_t i = 0; i < cmp->n_domains && cmp->domains[i].b; i++) {
		const struct score_domain_change *d = &cmp->domains[i];
		jw_obj(&w);
		jw_key(&w, "id"), jw_str(&w, d->domain->id);
		jw_key(&w, "a"), jw_num(&w, d->a && d->a->s.scored ? d->a->s.percent : NAN);
		jw_key(&w, "b"), jw_num(&w, d->b->s.scored ? d->b->s.percent : NAN);
		jw_key(&w, "change"), jw_num(&w, d->change);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "questions"), jw_arr(&w);
	for (size_t i = 0; i < cmp->n_moved; i++) {
		const struct score_moved *m = &cmp->moved[i];
		jw_obj(&w);
		jw_key(&w, "question"), jw_str(&w, m->qb->ref);
		jw_key(&w, "change"), jw_str(&w, change_names[m->how]);
		jw_key(&w, "a"), jw_str(&w, answer_text(a, m->qa));
		jw_key(&w, "b"), jw_str(&w, answer_text(b, m->qb));
		jw_key(&w, "a_note"), jw_str(&w, ans_get(a->answers, m->qa)->note);
		jw_key(&w, "b_note"), jw_str(&w, ans_get(b->answers, m->qb)->note);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "added"), jw_arr(&w);
	for (size_t i = 0; i < cmp->n_added; i++)
		jw_str(&w, cmp->added[i]->ref);
	jw_end(&w);
	jw_key(&w, "removed"), jw_arr(&w);
	for (size_t i = 0; i < cmp->n_removed; i++)
		jw_str(&w, cmp->removed[i]->ref);
	jw_end(&w);
	jw_key(&w, "perception_gap");
	if (report_perception_applies(a, b)) {
		const struct score_moved *g = cmp->gaps;
		jw_arr(&w);
		for (size_t i = 0; i < cmp->n_gaps; i++) {
			jw_obj(&w);
			jw_key(&w, "question"), jw_str(&w, g[i].qb->ref);
			jw_key(&w, "weight"), jw_num(&w, g[i].qb->weight);
			jw_key(&w, "a"), jw_str(&w, answer_text(a, g[i].qa));
			jw_key(&w, "b"), jw_str(&w, answer_text(b, g[i].qb));
			jw_key(&w, "levels_apart"), jw_num(&w, fabs(g[i].va - g[i].vb));
			jw_end(&w);
		}
		jw_end(&w);
	} else {
		jw_null(&w);
	}
	report_plan_json(&w, b->plan);
	jw_end(&w);
}

void report_compare(FILE *out, const struct report_side *a, const struct report_side *b,
		    enum report_format f)
{
	struct score_comparison *cmp = score_compare(a->answers, a->score, b->answers, b->score);
	if (f == REPORT_JSON)
		json(out, a, b, cmp);
	else
		text(out, a, b, cmp);
	if (f != REPORT_JSON)
		report_plan_text(out, b->plan, false);
	score_comparison_free(cmp);
}
