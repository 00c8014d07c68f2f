/* report_trend.c - an organisation's complete assessments over time, with a
 * plain-text sparkline and the change from one to the next. */
#include "itmaturity/report.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"

/* One character a value: 0-100 % in eight steps; blank when not scored. */
static void sparkline(FILE *out, const double *v, size_t n, size_t stride)
{
	static const char steps[] = "_.:-=+*#";
	for (size_t i = 0; i < n; i++) {
		double x = v[i * stride];
		if (isnan(x)) {
			fputc(' ', out);
			continue;
		}
		int k = (int)(x / 12.5);
		fputc(steps[k < 0 ? 0 : k > 7 ? 7 : k], out);
	}
}

/* V between LO and HI (LO when HI is lower). */
static int clamp(int v, int lo, int hi)
{
	return v > hi ? (hi > lo ? hi : lo) : v < lo ? lo : v;
}

static void text(FILE *out, const char *org, const char *const *domains, size_t nd,
		 const struct report_trend_row *rows, size_t n, int width)
{
	/* The questionnaire and domain columns as wide as their widest name,
	 * within WIDTH, room for the header "OLDEST TO NEWEST" beside the domains. */
	/* TRANSLATORS: the heading of the trend's sparklines, oldest assessment
	 * first; as short as you can (it takes room from the domains' names). */
	const char *spark = _("OLDEST TO NEWEST");
	int qw = 0, dw = 7;
	for (size_t i = 0; i < n; i++)
		qw = clamp(report_width(rows[i].qn), qw, INT_MAX);
	for (size_t d = 0; d < nd; d++)
		dw = clamp(report_width(domains[d]), dw, INT_MAX);
	qw = clamp(qw, 20, width - 30);
	dw = clamp(dw, 18, width - 29 - report_width(spark));
	size_t shown = (size_t)clamp(width - 29 - dw, 1, INT_MAX);
	const char *lead = _("TREND: ");
	fputs(lead, out);
	report_wrap_from(out, org, report_width(lead), report_width(lead), 78);
	fprintf(out, ngettext("%zu complete assessment, oldest first\n",
			      "%zu complete assessments, oldest first\n", n), n);
	fputc('\n', out);
	if (n == 0)
		return;
	/* TRANSLATORS: the trend's column headings: DATE at most 11 columns;
	 * OVERALL (the overall score) and CHANGE at most 8. */
	report_pad(out, _("DATE"), 12);
	report_cell(out, _("QUESTIONNAIRE"), qw);
	report_rpad(out, _("OVERALL"), 9);
	report_rpad(out, _("CHANGE"), 9);
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		report_cell(out, rows[i].date, 10);
		fputs("  ", out);
		report_cell(out, rows[i].qn, qw);
		if (isnan(rows[i].overall))
			fputs("       -", out);
		else
			fprintf(out, "  %5.1f %%", rows[i].overall);
		if (i > 0 && !isnan(rows[i].overall) && !isnan(rows[i - 1].overall))
			fprintf(out, "   %+6.1f\n", rows[i].overall - rows[i - 1].overall);
		else
			fputs("        -\n", out);
	}
	/* TRANSLATORS: the first and the last assessment's score: at most 7
	 * columns. */
	fprintf(out, "\n%*s", dw, "");
	report_rpad(out, _("FIRST"), 9);
	report_rpad(out, _("LAST"), 8);
	report_rpad(out, _("CHANGE"), 9);
	fprintf(out, "  %s\n", spark);
	/* The overall row, then one a domain. */
	double *col = xcalloc(n + 1, sizeof(*col));
	for (size_t d = 0; d <= nd; d++) {
		/* TRANSLATORS: the row of the overall score in the trend. */
		const char *name = d == 0 ? _("overall") : domains[d - 1];
		double first = NAN, last = NAN;
		for (size_t i = 0; i < n; i++) {
			col[i] = d == 0 ? rows[i].overall : rows[i].domains[d - 1];
			if (!isnan(col[i])) {
				if (isnan(first))
					first = col[i];
				last = col[i];
			}
		}
		fputs("  ", out);
		report_cell(out, name, dw);
		if (isnan(first))
			fputs("      -       -        -  ", out);
		else
			fprintf(out, "  %6.1f  %6.1f   %+6.1f  ", first, last, last - first);
		size_t k = n < shown ? n : shown;  /* the newest that fit */
		sparkline(out, col + (n - k), k, 1);
		fputc('\n', out);
	}
	free(col);
	/* TRANSLATORS: keep the eight characters as they are. */
	fprintf(out, "\n  %s\n", _("Sparkline: one character an assessment, _ . : - = + * # from 0 to "
				    "100 %."));
}

static void json(FILE *out, const char *org, const char *const *domains, size_t nd,
		 const struct report_trend_row *rows, size_t n)
{
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "organisation"), jw_str(&w, org);
	jw_key(&w, "assessments"), jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(&w);
		jw_key(&w, "id"), jw_int(&w, rows[i].id);
		jw_key(&w, "date"), jw_str(&w, rows[i].date);
		jw_key(&w, "questionnaire"), jw_str(&w, rows[i].qn);
		jw_key(&w, "overall"), jw_num(&w, rows[i].overall);
		jw_key(&w, "change");
		jw_num(&w, i ? rows[i].overall - rows[i - 1].overall : NAN);
		jw_key(&w, "domains"), jw_obj(&w);
		for (size_t d = 0; d < nd; d++)
			jw_key(&w, domains[d]), jw_num(&w, rows[i].domains[d]);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
}

void report_trend(FILE *out, const char *org, const char *const *domains, size_t nd,
		  const struct report_trend_row *rows, size_t n, enum report_format f, int width)
{
	if (f == REPORT_JSON)
		json(out, org, domains, nd, rows, n);
	else
		text(out, org, domains, nd, rows, n, width < 80 ? 80 : width);
}
