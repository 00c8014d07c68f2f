/* report_html.c - one self-contained HTML page: no external assets, no
 * scripts; an SVG radar chart of the domains against their targets and an
 * SVG line of the overall trend. Prints to PDF from a browser. */
#include "itmaturity/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

static const double PI = 3.14159265358979323846;

/* S made safe (text_safe: no control characters, valid UTF-8) with the
 * characters HTML gives a meaning written as references. */
void report_html_esc(FILE *out, const char *s)
{
	if (!s)
		return;
	char *copy;
	for (s = report_safe(s, false, &copy); *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
	free(copy);
}

/* FMT's message, escaped. */
static void esc_f(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void esc_f(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = xvasprintf(fmt, ap);
	va_end(ap);
	report_html_esc(out, t);
	free(t);
}

/* <TAG>text</TAG>, escaped. */
static void tag(FILE *out, const char *t, const char *s)
{
	fprintf(out, "<%s>", t);
	report_html_esc(out, s);
	fprintf(out, "</%s>\n", t);
}

static const char css[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;"
	"margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.45}"
	"h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
	"border-bottom:1px solid #d0d7de;padding-bottom:.2rem}"
	"table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;"
	"border-bottom:1px solid #eaeef2;vertical-align:top}td.n{text-align:right;white-space:nowrap}"
	".meta td:first-child{color:#57606a;width:10rem}.verdict{font-size:1.1rem;background:#f6f8fa;"
	"padding:.6rem .8rem;border-left:4px solid #0969da}.charts{display:flex;flex-wrap:wrap;gap:1rem}"
	".bar{background:#eaeef2;height:.8rem;width:12rem;position:relative}"
	".bar span{position:absolute;left:0;top:0;bottom:0;background:#0969da}"
	".bar i{position:absolute;top:-.2rem;bottom:-.2rem;width:2px;background:#cf222e}"
	"li{margin:.3rem 0}.step{color:#57606a}figure{margin:0}figcaption{font-size:.85rem;color:#57606a}"
	"@media print{body{margin:0;max-width:none}h2{break-after:avoid}}";

/* A point on the radar: domain I of N at FRACTION of the radius. */
static void radar_point(FILE *out, size_t i, size_t n, double fraction)
{
	double a = -PI / 2 + 2 * PI * (double)i / (double)n;
	fprintf(out, "%.1f,%.1f ", 160 + 110 * fraction * cos(a), 150 + 110 * fraction * sin(a));
}

static double clamp01(double v)
{
	return isnan(v) ? 0 : v < 0 ? 0 : v > 1 ? 1 : v;
}

static void radar(FILE *out, const struct score_result *r)
{
	size_t n = r->n_domains;
	if (n < 3)
		return;  /* a radar needs three axes */
	fputs("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-80 0 480 300\" "
	      "width=\"480\" role=\"img\" aria-label=\"", out);
	report_html_esc(out, _("Domains against their targets"));
	fputs("\">\n", out);
	for (int ring = 1; ring <= 4; ring++) {
		fputs("<polygon fill=\"none\" stroke=\"#d0d7de\" points=\"", out);
		for (size_t i = 0; i < n; i++)
			radar_point(out, i, n, ring / 4.0);
		fputs("\"/>\n", out);
	}
	bool any_target = false;
	for (size_t i = 0; i < n; i++)
		any_target |= r->domains[i].has_target;
	if (any_target) {
		fputs("<polygon class=\"target\" fill=\"none\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\" "
		      "stroke-width=\"2\" points=\"", out);
		for (size_t i = 0; i < n; i++) {
			const struct score_domain *d = &r->domains[i];
			radar_point(out, i, n, d->has_target ? clamp01(score_to_percent(r->q, d->target) / 100) : 0);
		}
		fputs("\"/>\n", out);
	}
	fputs("<polygon class=\"score\" fill=\"#0969da\" fill-opacity=\"0.25\" stroke=\"#0969da\" "
	      "stroke-width=\"2\" points=\"", out);
	for (size_t i = 0; i < n; i++)
		radar_point(out, i, n, clamp01(r->domains[i].s.percent / 100));
	fputs("\"/>\n", out);
	for (size_t i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double x = 160 + 128 * cos(a), y = 150 + 128 * sin(a) + 4;
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%s\">", x, y,
			fabs(cos(a)) < 0.2 ? "middle" : cos(a) > 0 ? "start" : "end");
		report_html_esc(out, r->domains[i].domain->title);
		fputs("</text>\n", out);
	}
	fputs("</svg><figcaption>", out);
	/* TRANSLATORS: under the radar chart ("100 %" is not a format). */
	/* xgettext:no-c-format */
	report_html_esc(out, _("Score per domain (blue) against its target (red, dashed); the outer "
			       "ring is 100 %."));
	fputs("</figcaption></figure>\n", out);
}

static void trend(FILE *out, const double *h, size_t n)
{
	if (n < 2)
		return;
	fputs("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 200\" width=\"400\" "
	      "role=\"img\" aria-label=\"", out);
	report_html_esc(out, _("Overall score over time"));
	fputs("\">\n"
	      "<line x1=\"30\" y1=\"170\" x2=\"310\" y2=\"170\" stroke=\"#d0d7de\"/>\n"
	      "<line x1=\"30\" y1=\"20\" x2=\"30\" y2=\"170\" stroke=\"#d0d7de\"/>\n"
	      "<text x=\"26\" y=\"24\" font-size=\"9\" text-anchor=\"end\">100</text>\n"
	      "<text x=\"26\" y=\"173\" font-size=\"9\" text-anchor=\"end\">0</text>\n"
	      "<polyline class=\"trend\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"", out);
	for (size_t i = 0; i < n; i++)
		if (!isnan(h[i]))
			fprintf(out, "%.1f,%.1f ", 30 + 280.0 * (double)i / (double)(n - 1), 170 - 1.5 * h[i]);
	fputs("\"/>\n", out);
	for (size_t i = 0; i < n; i++)
		if (!isnan(h[i]))
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0969da\"/>\n",
				30 + 280.0 * (double)i / (double)(n - 1), 170 - 1.5 * h[i]);
	fputs("</svg><figcaption>", out);
	esc_f(out, ngettext("Overall score of the last %zu assessment, oldest first.",
			    "Overall score of the last %zu assessments, oldest first.", n), n);
	fputs("</figcaption></figure>\n", out);
}

static void list(FILE *out, const char *title, const char *intro, const struct qn_question *const *v,
		 size_t n)
{
	if (!n)
		return;
	tag(out, "h2", title);
	tag(out, "p", intro);
	fputs("<ul>\n", out);
	for (size_t i = 0; i < n; i++) {
		fputs("<li>", out);
		report_html_esc(out, v[i]->text);
		fputs(" <span class=\"step\">(", out);
		report_html_esc(out, v[i]->ref);
		fputs(")</span></li>\n", out);
	}
	fputs("</ul>\n", out);
}

/* The critical caps, with the level each domain's average earns. */
static void caps(FILE *out, const struct score_result *r)
{
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_summary *s = &r->domains[i].s;
		if (!s->cap_question)
			continue;
		fprintf(out, "<p><strong>%s</strong> ", _("Critical cap:"));
		/* TRANSLATORS: the domain, the level it is held at, the critical
		 * question's text, and the level the domain's average earns. */
		if (s->capped)
			esc_f(out, _("%s is held at %s by \"%s\"; its average earns %s."),
			      r->domains[i].domain->title, s->cap_level->name, s->cap_question->text,
			      s->level_uncapped->name);
		else
			esc_f(out, _("%s is held at %s by \"%s\"."), r->domains[i].domain->title,
			      s->cap_level->name, s->cap_question->text);
		fputs("</p>\n", out);
	}
}

/* The questions that do not apply, and why. */
static void skipped(FILE *out, const struct ans_set *a, const struct score_result *r)
{
	bool any = false;
	for (size_t i = 0; i < r->n_na; i++) {
		char *why = report_skipped(a, r->na[i]);
		if (!why)
			continue;
		if (!any)
			fprintf(out, "<h2>%s</h2>\n<p>%s</p>\n<ul>\n", _("Skipped"),
				_("These do not apply, by an earlier answer:"));
		any = true;
		fputs("<li>", out);
		report_html_esc(out, r->na[i]->text);
		fputs(" <span class=\"step\">(", out);
		report_html_esc(out, r->na[i]->ref);
		fputs("; ", out);
		report_html_esc(out, why);
		fputs(")</span></li>\n", out);
		free(why);
	}
	if (any)
		fputs("</ul>\n", out);
}

/* The domains: score, a bar with the target marked, level and target. */
static void domains(FILE *out, const struct score_result *r)
{
	/* TRANSLATORS: the HTML report's table of domains. */
	fprintf(out, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th></th><th>%s</th><th>%s</th>"
		"</tr>\n", _("Domains"), _("Domain"), _("Score"), _("Level"), _("Target"));
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		fputs("<tr><td>", out);
		report_html_esc(out, d->domain->title);
		fputs("</td>", out);
		if (d->s.scored)
			fprintf(out, "<td class=\"n\">%.0f %%</td><td><div class=\"bar\"><span style=\"width:%.0f%%\">"
				"</span>", d->s.percent, d->s.percent);
		else
			fputs("<td class=\"n\">-</td><td><div class=\"bar\">", out);
		if (d->has_target)
			fprintf(out, "<i style=\"left:%.0f%%\"></i>", 100 * clamp01(score_to_percent(r->q, d->target) / 100));
		fputs("</div></td><td>", out);
		char *level = d->s.scored ? report_level(&d->s) : NULL;
		report_html_esc(out, level ? level : _("not scored"));
		free(level);
		fputs("</td><td>", out);
		if (d->has_target)
			report_html_esc(out, qn_level_at(r->q, d->target)->name);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

void report_assessment_html(FILE *out, const struct report_input *in)
{
	const struct report_meta *m = &in->meta;
	const struct score_result *r = in->score;
	const struct score_summary *o = &r->overall;
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		i18n_lang());
	/* TRANSLATORS: the HTML page's title: the organisation, the date. */
	esc_f(out, _("IT maturity report: %s (%s)"), m->org, m->date);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	fputs("<h1>", out);
	/* TRANSLATORS: the HTML page's heading: the organisation. */
	esc_f(out, _("IT maturity report: %s"), m->org);
	fputs("</h1>\n<table class=\"meta\">\n", out);
	char *size = report_size(m);
	const struct { const char *k, *v; } rows[] = {
		{ N_("Size"), size }, { N_("Date"), m->date }, { N_("Respondent"), m->respondent },
		{ N_("Role"), m->role }, { N_("Questionnaire"), r->q->title }, { N_("Version"), r->q->version },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!rows[i].v)
			continue;
		fprintf(out, "<tr><td>%s</td><td>", _(rows[i].k));
		report_html_esc(out, rows[i].v);
		fputs("</td></tr>\n", out);
	}
	free(size);
	fprintf(out, "</table>\n<h2>%s</h2>\n", _("Overall"));
	if (o->scored) {
		fputs("<p class=\"overall\"><strong>", out);
		char *level = report_level(o);
		report_html_esc(out, level);
		free(level);
		fprintf(out, "</strong>, %.0f %%", o->percent);
		if (o->capped)
			esc_f(out, _(" (its average earns %s)"), o->level_uncapped->name);
		if (o->n_unknown)
			esc_f(out, ngettext(" (up to %.0f %% depending on %zu \"don't know\" answer)",
					    " (up to %.0f %% depending on %zu \"don't know\" answers)", o->n_unknown),
			      o->percent_if_known, o->n_unknown);
		if (o->provisional && o->n_unanswered)
			esc_f(out, ngettext("; provisional, %zu unanswered", "; provisional, %zu unanswered",
					    o->n_unanswered), o->n_unanswered);
		fputs("</p>\n", out);
	}
	fputs("<p class=\"verdict\">", out);
	report_html_esc(out, report_verdict(r));
	fputs("</p>\n<div class=\"charts\">\n", out);
	radar(out, r);
	trend(out, in->history, in->n_history);
	fputs("</div>\n", out);
	domains(out, r);
	if (in->prev_meta && in->prev_score && in->prev_score->overall.scored && o->scored) {
		fputs("<p>", out);
		esc_f(out, _("Since the previous assessment (%s): %+.1f points overall."), in->prev_meta->date,
		      o->percent - in->prev_score->overall.percent);
		fputs("</p>\n", out);
	}

	fprintf(out, "<h2>%s</h2>\n<ol>\n", _("What to do next quarter"));
	for (size_t i = 0; i < r->n_roadmap && i < 5; i++) {
		const struct score_step *s = &r->roadmap[i];
		fputs("<li>", out);
		report_html_esc(out, s->question->text);
		fputs(" <span class=\"step\">", out);
		esc_f(out, s->cap_level ? _("(+%.1f points, lifts a critical cap)") : _("(+%.1f points)"),
		      s->gain);
		fputs("</span><br>", out);
		if (s->find_out)
			fprintf(out, "%s ", _("Find out first."));
		report_html_esc(out, s->next_step ? s->next_step : _("Choose the next option up."));
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
	caps(out, r);
	skipped(out, in->answers, r);
	list(out, _("Ask your IT partner explicitly"),
	     _("Nobody here knew whether the support contract covers these:"), r->scope_unsure,
	     r->n_scope_unsure);
	list(out, _("Excluded but needed: risks to cover"),
	     _("The support contract does not cover these, yet the business needs them:"),
	     r->scope_excluded, r->n_scope_excluded);
	list(out, _("To find out"), _("Answered \"don't know\":"), r->unknown, r->n_unknown);
	const char *reactive = report_reactive_verdict(in);
	if (reactive) {
		tag(out, "h2", _("Firefighting and the support arrangement"));
		tag(out, "p", reactive);
	}
	report_plan_html(out, in->plan);
	report_frameworks_html(out, in);
	fputs("</body>\n</html>\n", out);
}
