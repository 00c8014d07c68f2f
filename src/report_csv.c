/* report_csv.c - one row per question, for a spreadsheet (RFC 4180: CRLF,
 * fields quoted when needed; UTF-8 with a byte-order mark so that
 * spreadsheet programs read accents right). */
#include "itmaturity/report.h"

#include <string.h>

/* A text field. One that a spreadsheet would take for a formula (it starts
 * with =, +, - or @) gets a leading apostrophe, which spreadsheets hide. */
static void field(FILE *out, const char *s)
{
	if (!s)
		return;
	bool formula = strchr("=+-@", s[0]) && s[0];
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
}

void report_assessment_csv(FILE *out, const struct report_input *in)
{
	const struct qn_questionnaire *q = in->score->q;
	fputs("\xEF\xBB\xBF" "domain,question_id,question,answer,value,weight,note\r\n", out);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		const struct ans_answer *a = ans_get(in->answers, qq);
		field(out, qq->domain->title);
		fputc(',', out);
		field(out, qq->ref);
		fputc(',', out);
		field(out, qq->text);
		fputc(',', out);
		if (a->kind == ANS_OPTION)
			field(out, a->option->key);
		else if (a->kind != ANS_NONE)
			field(out, ans_kind_name(a->kind));
		fputc(',', out);
		if (a->kind == ANS_OPTION && a->option->has_value)
			fprintf(out, "%g", a->option->value);
		fprintf(out, ",%g,", qq->weight);
		field(out, a->note);
		fputs("\r\n", out);
	}
}
