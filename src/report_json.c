/* report_json.c - an assessment and its scores as JSON. */
#include "itmaturity/report.h"

#include <math.h>
#include <stdlib.h>

#include "itmaturity/jsonw.h"

static void num_or_null(struct jsonw *w, const char *key, double v)
{
	jw_key(w, key);
	jw_num(w, v);  /* NaN writes null */
}

static void summary(struct jsonw *w, const struct score_summary *s)
{
	num_or_null(w, "percent", s->scored ? s->percent : NAN);
	num_or_null(w, "percent_if_known", s->scored ? s->percent_if_known : NAN);
	num_or_null(w, "scale", s->scored ? s->scale : NAN);
	jw_key(w, "level"), jw_str(w, s->scored ? s->level->name : NULL);
	jw_key(w, "level_uncapped"), jw_str(w, s->scored ? s->level_uncapped->name : NULL);
	jw_key(w, "level_if_known"), jw_str(w, s->scored ? s->level_if_known->name : NULL);
	jw_key(w, "capped_by"), jw_str(w, s->cap_question && s->capped ? s->cap_question->ref : NULL);
	jw_key(w, "provisional"), jw_bool(w, s->provisional);
	jw_key(w, "counts"), jw_obj(w);
	jw_key(w, "questions"), jw_int(w, (long long)s->n_questions);
	jw_key(w, "answered"), jw_int(w, (long long)s->n_option);
	jw_key(w, "not_applicable"), jw_int(w, (long long)s->n_na);
	jw_key(w, "unknown"), jw_int(w, (long long)s->n_unknown);
	jw_key(w, "unanswered"), jw_int(w, (long long)s->n_unanswered);
	jw_key(w, "skipped"), jw_int(w, (long long)s->n_skipped);
	jw_key(w, "unknown_critical"), jw_int(w, (long long)s->n_unknown_critical);
	jw_end(w);
}

static void refs(struct jsonw *w, const char *key, const struct qn_question *const *v, size_t n)
{
	jw_key(w, key), jw_arr(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, v[i]->ref);
	jw_end(w);
}

/* The questions that do not apply, and why: their applies_if question
 * and its answer. */
static void skipped(struct jsonw *w, const struct ans_set *a, const struct score_result *r)
{
	jw_key(w, "skipped"), jw_arr(w);
	for (size_t i = 0; i < r->n_na; i++) {
		const struct qn_option *because = score_skipped_by(a, r->na[i]);
		if (!because)
			continue;
		jw_obj(w);
		jw_key(w, "question"), jw_str(w, r->na[i]->ref);
		jw_key(w, "because"), jw_str(w, r->na[i]->applies_if.question->ref);
		jw_key(w, "answer"), jw_str(w, because->key);
		jw_end(w);
	}
	jw_end(w);
}

void report_assessment_json(FILE *out, const struct report_input *in)
{
	const struct report_meta *m = &in->meta;
	const struct ans_set *a = in->answers;
	const struct score_result *r = in->score;
	const struct qn_questionnaire *q = r->q;
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "assessment"), jw_obj(&w);
	jw_key(&w, "id"), jw_int(&w, m->id);
	jw_key(&w, "uuid"), jw_str(&w, m->uuid);
	jw_key(&w, "organisation"), jw_str(&w, m->org);
	if (m->size)
		jw_key(&w, "size"), jw_str(&w, m->size);
	jw_key(&w, "respondent"), jw_str(&w, m->respondent);
	jw_key(&w, "role"), jw_str(&w, m->role);
	jw_key(&w, "date"), jw_str(&w, m->date);
	if (m->language)
		jw_key(&w, "language"), jw_str(&w, m->language);
	jw_key(&w, "status"), jw_str(&w, m->complete ? "complete" : "draft");
	jw_key(&w, "questionnaire"), jw_str(&w, q->id);
	jw_key(&w, "questionnaire_version"), jw_str(&w, q->version);
	jw_end(&w);

	jw_key(&w, "overall"), jw_obj(&w);
	summary(&w, &r->overall);
	jw_end(&w);

	jw_key(&w, "domains"), jw_arr(&w);
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		jw_obj(&w);
		jw_key(&w, "id"), jw_str(&w, d->domain->id);
		jw_key(&w, "title"), jw_str(&w, d->domain->title);
		jw_key(&w, "weight"), jw_num(&w, d->domain->weight);
		summary(&w, &d->s);
		num_or_null(&w, "target", d->has_target ? d->target : NAN);
		num_or_null(&w, "gap", d->gap);
		jw_end(&w);
	}
	jw_end(&w);

	jw_key(&w, "roadmap"), jw_arr(&w);
	for (size_t i = 0; i < r->n_roadmap; i++) {
		const struct score_step *s = &r->roadmap[i];
		jw_obj(&w);
		jw_key(&w, "question"), jw_str(&w, s->question->ref);
		jw_key(&w, "text"), jw_str(&w, s->question->text);
		jw_key(&w, "gain"), jw_num(&w, s->gain);
		jw_key(&w, "from"), jw_str(&w, s->from ? s->from->key : NULL);
		jw_key(&w, "to"), jw_str(&w, s->to ? s->to->key : NULL);
		jw_key(&w, "find_out"), jw_bool(&w, s->find_out);
		jw_key(&w, "critical_cap"), jw_str(&w, s->cap_level ? s->cap_level->name : NULL);
		jw_key(&w, "next_step"), jw_str(&w, s->next_step);
		jw_end(&w);
	}
	jw_end(&w);

	refs(&w, "unknown", r->unknown, r->n_unknown);
	refs(&w, "not_applicable", r->na, r->n_na);
	refs(&w, "unanswered", r->unanswered, r->n_unanswered);
	skipped(&w, a, r);
	jw_key(&w, "support_contract"), jw_obj(&w);
	refs(&w, "ask_it_partner", r->scope_unsure, r->n_scope_unsure);
	refs(&w, "excluded_but_needed", r->scope_excluded, r->n_scope_excluded);
	jw_end(&w);
	report_plan_json(&w, in->plan);
	report_frameworks_json(&w, in);

	jw_key(&w, "previous"), jw_obj(&w);
	jw_key(&w, "id"), in->prev_meta ? jw_int(&w, in->prev_meta->id) : jw_null(&w);
	jw_key(&w, "date"), jw_str(&w, in->prev_meta ? in->prev_meta->date : NULL);
	num_or_null(&w, "percent", in->prev_score && in->prev_score->overall.scored
				   ? in->prev_score->overall.percent : NAN);
	jw_end(&w);
	jw_key(&w, "history"), jw_arr(&w);
	for (size_t i = 0; i < in->n_history; i++)
		jw_num(&w, in->history[i]);
	jw_end(&w);

	jw_key(&w, "answers"), jw_arr(&w);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		const struct ans_answer *an = ans_get(a, qq);
		jw_obj(&w);
		jw_key(&w, "question"), jw_str(&w, qq->ref);
		jw_key(&w, "answer"), jw_str(&w, ans_kind_name(an->kind));
		jw_key(&w, "option"), jw_str(&w, an->option ? an->option->key : NULL);
		num_or_null(&w, "value", an->option && an->option->has_value ? an->option->value : NAN);
		jw_key(&w, "note"), jw_str(&w, an->note);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
}

void report_assessment(FILE *out, const struct report_input *in, enum report_format f)
{
	switch (f) {
	case REPORT_JSON:
		report_assessment_json(out, in);
		break;
	case REPORT_TEXT:
		report_assessment_text(out, in);
		break;
	case REPORT_MARKDOWN:
		report_assessment_markdown(out, in);
		break;
	case REPORT_CSV:
		report_assessment_csv(out, in);
		break;
	case REPORT_HTML:
		report_assessment_html(out, in);
		break;
	}
}
