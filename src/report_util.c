/* report_util.c - what the output formats share: text made safe and
 * measured in display columns, word wrapping, fixed-width table cells, and
 * the verdict sentences. */
#include "itmaturity/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

const char *report_safe(const char *s, bool one_line, char **copy)
{
	*copy = text_is_safe(s, one_line) ? NULL : text_safe(s, one_line);
	return *copy ? *copy : s;
}

void report_wrap_from(FILE *out, const char *text, int col, int indent, int width)
{
	char *safe;
	const char *p = report_safe(text, false, &safe);
	bool line_empty = true;  /* nothing of TEXT on this line yet */
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, " \n\t");
		while (p[n] == ' ' && text_glued_space(p, n))  /* "mot :" as one word */
			n += 1 + strcspn(p + n + 1, " \n\t");
		int w = text_width(p, n);
		if (!line_empty && col + 1 + w > width) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
			line_empty = true;
		} else if (!line_empty) {
			fputc(' ', out);
			col++;
		}
		if (col + w > width) {
			/* Wider than the line: what fits here, the rest below. */
			size_t k = text_fit(p, width - col);
			if (k == 0 && col > indent) {
				fprintf(out, "\n%*s", indent, "");
				col = indent;
				continue;
			}
			if (k == 0)  /* not even one character fits: one anyway */
				for (k = 1; ((unsigned char)p[k] & 0xC0) == 0x80; k++)
					;
			n = k;
			w = text_width(p, k);
		}
		fwrite(p, 1, n, out);
		col += w;
		line_empty = false;
		p += n;
	}
	fputc('\n', out);
	free(safe);
}

void report_wrap(FILE *out, const char *text, int first_indent, int indent, int width)
{
	fprintf(out, "%*s", first_indent, "");
	report_wrap_from(out, text, first_indent, indent, width);
}

int report_put(FILE *out, const char *s, int max)
{
	char *copy;
	const char *safe = report_safe(s, true, &copy);
	size_t n = strlen(safe);
	int w = text_width(safe, n);
	bool cut = max >= 0 && w > max;
	if (cut) {
		/* Cut at a character boundary and mark the cut. */
		n = max > 0 ? text_fit(safe, max - 1) : 0;
		w = max > 0 ? text_width(safe, n) + 1 : 0;
	}
	fwrite(safe, 1, n, out);
	if (cut && max > 0)
		fputs("\u2026", out);
	free(copy);
	return w;
}

void report_cell(FILE *out, const char *s, int width)
{
	fprintf(out, "%*s", width - report_put(out, s, width), "");
}

int report_width(const char *s)
{
	char *copy;
	const char *safe = report_safe(s, true, &copy);
	int w = text_width(safe, strlen(safe));
	free(copy);
	return w;
}

int report_fit(int *w, const int *min, size_t n, int avail)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	while (sum > avail) {
		size_t widest = n;
		for (size_t i = 0; i < n; i++)
			if (w[i] > min[i] && (widest == n || w[i] > w[widest]))
				widest = i;
		if (widest == n)
			break;
		w[widest]--;
		sum--;
	}
	return sum;
}

void report_pad(FILE *out, const char *s, int width)
{
	int w = report_put(out, s, -1);
	fprintf(out, "%*s", w < width ? width - w : 0, "");
}

void report_rpad(FILE *out, const char *s, int width)
{
	int w = report_width(s);
	fprintf(out, "%*s", w < width ? width - w : 0, "");
	report_put(out, s, -1);
}

/* TITLE's width of C, then a newline. */
static void underline(FILE *out, const char *title, int c)
{
	for (int i = report_width(title); i > 0; i--)
		fputc(c, out);
	fputc('\n', out);
}

void report_title(FILE *out, const char *title)
{
	fprintf(out, "%s\n", title);
	underline(out, title, '=');
	fputc('\n', out);
}

void report_heading(FILE *out, const char *title, bool markdown)
{
	if (markdown) {
		fprintf(out, "\n## %s\n\n", title);
		return;
	}
	fprintf(out, "\n%s\n", title);
	underline(out, title, '-');
}

char *report_size(const struct report_meta *m)
{
	enum qn_size z;
	if (!m->size || !qn_size_parse(m->size, &z))
		return NULL;
	return xasprintf("%s (%s)", qn_size_title(z), qn_size_people(z));
}

char *report_level(const struct score_summary *s)
{
	if (s->n_unknown_critical == 0 || s->level_if_known == s->level)
		return xstrdup(s->level->name);
	/* TRANSLATORS: "Repeatable (provisional: Defined once 1 critical answer is
	 * known)": the level, the level once the critical "don't know" answers
	 * are known, their number. */
	return xasprintf(ngettext("%s (provisional: %s once %zu critical answer is known)",
				  "%s (provisional: %s once %zu critical answers are known)",
				  s->n_unknown_critical),
			 s->level->name, s->level_if_known->name, s->n_unknown_critical);
}

char *report_skipped(const struct ans_set *a, const struct qn_question *qq)
{
	const struct qn_option *because = score_skipped_by(a, qq);
	if (!because)
		return NULL;
	/* TRANSLATORS: "skipped: support-model is in-house": the id of the
	 * question that decides, and the key of its answer. */
	return xasprintf(_("skipped: %s is %s"), qq->applies_if.question->id, because->key);
}

char *report_option_label(const struct qn_option *o, double number, const char *ellipsis)
{
	enum { LABEL_MAX = 48 };
	const char *d = o->description;
	size_t n = strcspn(d, ".:;(\n");
	bool cut = d[n] && d[n] != '.';
	if (n > LABEL_MAX) {
		n = LABEL_MAX;
		while (n > LABEL_MAX / 2 && d[n] != ' ')
			n--;
		while (n && ((unsigned char)d[n] & 0xC0) == 0x80)  /* not inside a character */
			n--;
		cut = true;
	}
	while (n && d[n - 1] == ' ')
		n--;
	char num[32] = "";
	if (!isnan(number))
		snprintf(num, sizeof(num), "%g ", number);
	return xasprintf("%s\"%.*s%s\"", num, (int)n, d, cut ? ellipsis : "");
}

const char *report_verdict(const struct score_result *r)
{
	const struct score_summary *o = &r->overall;
	if (!o->scored)
		return _("No verdict yet: nothing was scored.");
	if (o->capped)
		return _("A critical practice is missing and holds the whole assessment down, whatever "
			 "the average: fix that first.");
	if (o->level->verdict)
		return o->level->verdict;
	/* A questionnaire without verdicts of its own: sentences that hold for
	 * any subject, by the level's place on the scale. */
	static const char *const bands[] = {
		N_("Most of the practices assessed are missing, or done only when something forces it."),
		N_("Some practices are in place, but they depend on individuals and are rarely written "
		   "down or agreed."),
		N_("The basic practices are in place and repeated; defining them and checking them is the "
		   "next step."),
		N_("The practices are defined and followed; the remaining gaps are specific and can be "
		   "planned."),
		N_("The practices are managed, measured and improved continuously."),
	};
	const struct qn_questionnaire *q = r->q;
	double pos = score_to_percent(q, o->level->value) / 100;
	int band = pos >= 1 ? 4 : (int)(pos * 4 + 1e-9);
	return _(bands[band < 0 ? 0 : band > 4 ? 4 : band]);
}

/* The answer to QQ (the question with the reactive indicator), normalised
 * 0..1 (the share of planned work), or NaN when it has no value. */
static double planned_share(const struct report_input *in, const struct qn_question *qq)
{
	const struct ans_answer *a = ans_get(in->answers, qq);
	return a->kind == ANS_OPTION ? score_norm(qq, a->option->value) : NAN;
}

bool report_not_improving(const struct report_input *in)
{
	if (in->n_history < 3)
		return false;
	double now = in->history[in->n_history - 1], before = in->history[in->n_history - 3];
	return !isnan(now) && !isnan(before) && now <= before + 1.0;
}

const char *report_reactive_verdict(const struct report_input *in)
{
	const struct qn_question *qq = in->score->q->indicators[QN_REACTIVE];
	if (!qq)
		return NULL;
	double share = planned_share(in, qq);
	bool stuck = report_not_improving(in);
	if (isnan(share))
		return stuck ? _("The overall score has not improved over the last two assessments. How "
				 "much IT work is firefighting was not answered: find out, and discuss with "
				 "your IT partner whether the support arrangement still fits.")
			     : _("How much IT work is planned and how much is firefighting was not answered.");
	if (share < 0.5 && stuck)
		return _("IT is mostly putting out fires, and the overall score has not improved over "
			 "the last two assessments: revisit the support arrangement with your IT partner "
			 "- what the contract covers, who plans structural improvements, and what "
			 "budget they get.");
	if (share < 0.5)
		return _("IT is mostly putting out fires. A support contract fixes what breaks; it does "
			 "not make IT structured. Plan structural work with your IT partner, separately "
			 "from the support contract.");
	if (stuck)
		return _("Most IT work is planned, but the overall score has not improved over the last "
			 "two assessments: check that the plan addresses the gaps in this report.");
	return _("Most IT work is planned rather than firefighting: the support arrangement can work "
		 "as intended.");
}
