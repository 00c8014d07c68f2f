/* report_qn.c - the questionnaire as text and as JSON. */
#include "itmaturity/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"

int report_format_parse(const char *name)
{
	static const char *const names[] = { "text", "markdown", "csv", "json", "html" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *report_format_name(enum report_format f)
{
	static const char *const names[] = { "text", "markdown", "csv", "json", "html" };
	return names[f];
}

/* The formatted line, wrapped to 78 columns with INDENT (a hanging
 * INDENT2 below); what comes from the file made safe by report_wrap. */
static void line(FILE *out, int indent, int indent2, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void line(FILE *out, int indent, int indent2, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = xvasprintf(fmt, ap);
	va_end(ap);
	report_wrap(out, t, indent, indent2, 78);
	free(t);
}

/* The line of D's targets by size (`targets:`), when it has any. */
static void size_targets(FILE *out, const struct qn_domain *d)
{
	char by_size[128] = "";
	size_t n = 0;
	for (size_t z = 0; z < QN_N_SIZES; z++)
		if (d->has_size_target[z])
			n += (size_t)snprintf(by_size + n, sizeof(by_size) - n, "%s%s %g", n ? ", " : "",
					      qn_size_name((enum qn_size)z), d->size_target[z]);
	if (n)
		/* TRANSLATORS: "targets by size: micro 2, small 3": the sizes stay
		 * as the questionnaire file writes them. */
		line(out, 2, 4, _("targets by size: %s"), by_size);
}

/* What a critical question holds down, and when a question applies. */
static void scoring_keys(FILE *out, const struct qn_question *qq)
{
	if (qq->critical)
		/* TRANSLATORS: a critical question answered below its threshold
		 * holds ... at the level named. */
		line(out, 4, 4, qq->caps_overall ? _("Below it, holds the domain and the overall level at %s.")
						 : _("Below it, holds the domain at %s."), qq->cap->name);
	if (!qq->applies_if.question)
		return;
	char *keys = xstrdup("");
	for (size_t k = 0; k < qq->applies_if.n_options; k++) {
		char *t = xasprintf("%s%s%s", keys, k ? ", " : "", qq->applies_if.options[k]->key);
		free(keys);
		keys = t;
	}
	/* TRANSLATORS: a question's id, and the keys of its answers (a list). */
	line(out, 4, 4, _("Applies if %s is %s."), qq->applies_if.question->ref, keys);
	free(keys);
}

static void show_text(FILE *out, const struct qn_questionnaire *q)
{
	report_wrap(out, q->title, 0, 0, 78);
	/* TRANSLATORS: the questionnaire's id, version and language code, and
	 * the minutes it takes. */
	if (q->minutes)
		line(out, 0, 0, ngettext("id %s, version %s, language %s, about %u minute",
					 "id %s, version %s, language %s, about %u minutes", q->minutes),
		     q->id, q->version, q->language, q->minutes);
	else
		line(out, 0, 0, _("id %s, version %s, language %s"), q->id, q->version, q->language);
	/* TRANSLATORS: "6 domains, 30 questions" (one message a count). */
	fprintf(out, ngettext("%zu domain", "%zu domains", q->n_domains), q->n_domains);
	fputs(", ", out);
	fprintf(out, ngettext("%zu question", "%zu questions", q->n_questions), q->n_questions);
	fputs("\n\n", out);
	report_wrap(out, q->description, 0, 0, 78);
	fprintf(out, "\n%s\n", _("Scale"));
	for (size_t i = 0; i < q->n_scale; i++)
		line(out, 2, 6, "%g %s: %s", q->scale[i].value, q->scale[i].name, q->scale[i].meaning);
	for (size_t i = 0; i < q->n_domains; i++) {
		const struct qn_domain *d = &q->domains[i];
		fputc('\n', out);
		if (d->has_target)
			/* TRANSLATORS: a domain: its title, id, weight, and target on
			 * the scale with the level's name. */
			line(out, 0, 2, _("%s (%s): weight %g, target %g %s"), d->title, d->id, d->weight,
			     d->target, qn_level_at(q, d->target)->name);
		else
			line(out, 0, 2, _("%s (%s): weight %g"), d->title, d->id, d->weight);
		size_targets(out, d);
		report_wrap(out, d->description, 2, 2, 78);
		for (size_t j = 0; j < d->n_questions; j++) {
			const struct qn_question *qq = &d->questions[j];
			fprintf(out, "\n  %s", qq->ref);
			if (qq->kind == QN_SCOPE)
				fputs(" [scope]", out);
			/* TRANSLATORS: after a question's id, each with its leading
			 * space or comma: its weight, the threshold below which it is
			 * critical, the indicator it is (a keyword of the file). */
			if (qq->scored)
				fprintf(out, _(" weight %g"), qq->weight);
			if (qq->critical)
				fprintf(out, _(", critical below %g"), qq->threshold);
			if (qq->indicator)
				fprintf(out, _(", indicator %s"), qn_indicator_name(qq->indicator));
			fputc('\n', out);
			scoring_keys(out, qq);
			report_wrap(out, qq->text, 4, 4, 78);
			for (size_t k = 0; k < qq->n_options; k++) {
				const struct qn_option *o = &qq->options[k];
				if (o->has_value)
					line(out, 4, 8, "%g %s: %s", o->value, o->key, o->description);
				else
					line(out, 4, 8, "%s: %s", o->key, o->description);
			}
		}
	}
}

/* D's targets by size as "targets": {SIZE: LEVEL, ...}. */
static void size_targets_json(struct jsonw *w, const struct qn_domain *d)
{
	jw_key(w, "targets"), jw_obj(w);
	for (size_t z = 0; z < QN_N_SIZES; z++)
		if (d->has_size_target[z])
			jw_key(w, qn_size_name((enum qn_size)z)), jw_num(w, d->size_target[z]);
	jw_end(w);
}

/* One question of `questionnaire show --format json`. */
static void question_json(struct jsonw *w, const struct qn_question *qq)
{
	jw_obj(w);
	jw_key(w, "id"); jw_str(w, qq->ref);
	jw_key(w, "text"); jw_str(w, qq->text);
	jw_key(w, "help"); jw_str(w, qq->help);
	jw_key(w, "kind"); jw_str(w, qn_kind_name(qq->kind));
	jw_key(w, "weight"); jw_num(w, qq->weight);
	jw_key(w, "scored"); jw_bool(w, qq->scored);
	jw_key(w, "critical"); jw_bool(w, qq->critical);
	jw_key(w, "threshold");
	if (qq->critical)
		jw_num(w, qq->threshold);
	else
		jw_null(w);
	jw_key(w, "cap"); jw_str(w, qq->cap ? qq->cap->name : NULL);
	jw_key(w, "caps_overall"); jw_bool(w, qq->caps_overall);
	jw_key(w, "applies_if");
	if (qq->applies_if.question) {
		jw_obj(w);
		jw_key(w, "question"); jw_str(w, qq->applies_if.question->ref);
		jw_key(w, "answers"); jw_arr(w);
		for (size_t k = 0; k < qq->applies_if.n_options; k++)
			jw_str(w, qq->applies_if.options[k]->key);
		jw_end(w);
		jw_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "not_applicable"); jw_bool(w, qq->allow_na);
	jw_key(w, "dont_know"); jw_bool(w, qq->allow_unknown);
	jw_key(w, "indicator"); jw_str(w, qn_indicator_name(qq->indicator));
	jw_key(w, "references");
	jw_arr(w);
	for (size_t k = 0; k < qq->n_refs; k++)
		jw_str(w, qq->refs[k]);
	jw_end(w);
	jw_key(w, "options");
	jw_arr(w);
	for (size_t k = 0; k < qq->n_options; k++) {
		const struct qn_option *o = &qq->options[k];
		jw_obj(w);
		jw_key(w, "key"); jw_str(w, o->key);
		jw_key(w, "value");
		if (o->has_value)
			jw_num(w, o->value);
		else
			jw_null(w);
		jw_key(w, "description"); jw_str(w, o->description);
		jw_key(w, "next_step"); jw_str(w, o->next_step);
		if (qq->kind == QN_SCOPE) {
			jw_key(w, "status");
			jw_str(w, qn_status_name(o->status));
		}
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static void show_json(FILE *out, const struct qn_questionnaire *q)
{
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "id"); jw_str(&w, q->id);
	jw_key(&w, "title"); jw_str(&w, q->title);
	jw_key(&w, "version"); jw_str(&w, q->version);
	jw_key(&w, "language"); jw_str(&w, q->language);
	jw_key(&w, "description"); jw_str(&w, q->description);
	jw_key(&w, "minutes");
	if (q->minutes)
		jw_int(&w, q->minutes);
	else
		jw_null(&w);
	jw_key(&w, "scale");
	jw_arr(&w);
	for (size_t i = 0; i < q->n_scale; i++) {
		jw_obj(&w);
		jw_key(&w, "value"); jw_num(&w, q->scale[i].value);
		jw_key(&w, "name"); jw_str(&w, q->scale[i].name);
		jw_key(&w, "meaning"); jw_str(&w, q->scale[i].meaning);
		jw_key(&w, "verdict"); jw_str(&w, q->scale[i].verdict);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "domains");
	jw_arr(&w);
	for (size_t i = 0; i < q->n_domains; i++) {
		const struct qn_domain *d = &q->domains[i];
		jw_obj(&w);
		jw_key(&w, "id"); jw_str(&w, d->id);
		jw_key(&w, "title"); jw_str(&w, d->title);
		jw_key(&w, "description"); jw_str(&w, d->description);
		jw_key(&w, "why"); jw_str(&w, d->why);
		jw_key(&w, "weight"); jw_num(&w, d->weight);
		jw_key(&w, "target");
		if (d->has_target)
			jw_num(&w, d->target);
		else
			jw_null(&w);
		size_targets_json(&w, d);
		jw_key(&w, "questions");
		jw_arr(&w);
		for (size_t j = 0; j < d->n_questions; j++)
			question_json(&w, &d->questions[j]);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
}

void report_questionnaire(FILE *out, const struct qn_questionnaire *q, enum report_format f)
{
	if (f == REPORT_JSON)
		show_json(out, q);
	else
		show_text(out, q);
}
