/* report_csv.c - one row per question, with the organisation's size and
 * the target of the question's domain, for a spreadsheet (RFC 4180: CRLF,
 * fields quoted when needed; UTF-8 with a byte-order mark so that
 * spreadsheet programs read accents right). */
#include "itmaturity/report.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/text.h"

/* Whether a spreadsheet could take S for a formula: it starts with =, +,
 * - or @, with a tab or a carriage return, or with one of them after white
 * space (OWASP's list for CSV injection). */
static bool starts_formula(const char *s)
{
	if (*s == '\t' || *s == '\r')
		return true;
	s += strspn(s, " \t\r\n");
	return *s && strchr("=+-@", *s);
}

/* TEXT made safe (text_safe) for whoever reads the file, its line breaks
 * (LF or CRLF) kept: a bare CR is shown as \x0d. Caller frees. */
static char *safe_text(const char *text)
{
	char *out = xmalloc(strlen(text) * 4 + 1), *o = out;  /* a byte becomes at most 4 */
	for (;;) {
		const char *crlf = strstr(text, "\r\n");
		char *part = xstrndup(text, crlf ? (size_t)(crlf - text) : strlen(text));
		char *safe = text_safe(part, false);
		o = stpcpy(stpcpy(o, safe), crlf ? "\r\n" : "");
		free(safe);
		free(part);
		if (!crlf)
			return out;
		text = crlf + 2;
	}
}

/* A text field, made safe. One that could be taken for a formula gets a
 * leading apostrophe, which spreadsheets hide. */
void report_csv_field(FILE *out, const char *text)
{
	if (!text)
		return;
	char *copy = text_is_safe(text, false) ? NULL : safe_text(text);
	const char *s = copy ? copy : text;
	bool formula = starts_formula(s);
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	free(copy);
}

void report_assessment_csv(FILE *out, const struct report_input *in)
{
	const struct score_result *r = in->score;
	const struct qn_questionnaire *q = r->q;
	fputs("\xEF\xBB\xBF" "domain,question_id,question,answer,value,weight,note,size,target,skipped\r\n", out);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		const struct ans_answer *a = ans_get(in->answers, qq);
		report_csv_field(out, qq->domain->title);
		fputc(',', out);
		report_csv_field(out, qq->ref);
		fputc(',', out);
		report_csv_field(out, qq->text);
		fputc(',', out);
		if (a->kind == ANS_OPTION)
			report_csv_field(out, a->option->key);
		else if (a->kind != ANS_NONE)
			report_csv_field(out, ans_kind_name(a->kind));
		fputc(',', out);
		if (a->kind == ANS_OPTION && a->option->has_value)
			fprintf(out, "%g", a->option->value);
		fprintf(out, ",%g,", qq->weight);
		report_csv_field(out, a->note);
		fputc(',', out);
		report_csv_field(out, in->meta.size);
		fputc(',', out);
		const struct score_domain *d = &r->domains[qq->domain->index];
		if (d->has_target)
			fprintf(out, "%g", d->target);
		fputc(',', out);
		char *why = report_skipped(in->answers, qq);
		report_csv_field(out, why);
		free(why);
		fputs("\r\n", out);
	}
	report_plan_csv(out, in->plan);
	report_frameworks_csv(out, in);
}
