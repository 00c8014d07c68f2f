/* report_text.c - the management summary as plain text (at most 80
 * columns, for print and e-mail) and as Markdown (the same content). */
#include "itmaturity/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

enum style { PLAIN, MARKDOWN };

enum { WIDTH = 78, TOP_STEPS = 5, BAR = 24, LABEL = 16 };

static void heading(FILE *out, enum style st, const char *title)
{
	report_heading(out, title, st == MARKDOWN);
}

/* The characters Markdown would take for markup. */
static const char md_markup[] = "\\`*_[]<>|#";

/* S made safe (text_safe) with the characters that Markdown would take
 * for markup escaped: no HTML, link, code span, emphasis, table cell or
 * heading can come from a name or a questionnaire. The report's own
 * sentences hold none of these, so a whole sentence can be escaped.
 * ONE_LINE as for text_safe. Caller frees. */
static char *md_escape(const char *s, bool one_line)
{
	char *safe = text_safe(s, one_line);
	char *out = xmalloc(strlen(safe) * 2 + 1), *o = out;
	for (const char *p = safe; *p; p++) {
		if (strchr(md_markup, *p))
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	free(safe);
	return out;
}

/* LEAD, then TEXT wrapped under it with INDENT; escaped for Markdown. */
static void wrap(FILE *out, enum style st, const char *lead, const char *text, int indent)
{
	bool plain = st == PLAIN || (!strpbrk(text, md_markup) && text_is_safe(text, false));
	char *md = plain ? NULL : md_escape(text, false);
	fputs(lead, out);
	report_wrap_from(out, md ? md : text, (int)strlen(lead), indent, WIDTH);
	free(md);
}

/* A list item: "- " then TEXT wrapped under itself. */
static void item(FILE *out, enum style st, const char *text)
{
	wrap(out, st, "- ", text, 2);
}

static void para(FILE *out, enum style st, const char *text)
{
	wrap(out, st, "", text, 0);
}

/* The Markdown title: a heading is one line, so a name too wide for 80
 * columns is cut there (the table below has it whole). */
static void md_title(FILE *out, const char *org)
{
	/* TRANSLATORS: the title of the Markdown report, before the
	 * organisation's name. */
	const char *lead = _("# IT maturity report: ");
	char *md = md_escape(org, true);
	size_t n = strlen(md);
	int room = 80 - report_width(lead);
	bool cut = text_width(md, n) > room;
	if (cut) {
		n = text_fit(md, room - 1);
		size_t bs = 0;  /* a backslash cut from what it escapes goes too */
		while (bs < n && md[n - 1 - bs] == '\\')
			bs++;
		n -= bs % 2;
	}
	fprintf(out, "%s%.*s%s\n\n", lead, (int)n, md, cut ? "\u2026" : "");
	free(md);
}

/* LABEL, then VALUE wrapped in the column after it. */
static void field(FILE *out, const char *label, const char *value)
{
	report_pad(out, label, LABEL);
	report_wrap_from(out, value, LABEL, LABEL, WIDTH);
}

static void write_header(FILE *out, enum style st, const struct report_input *in)
{
	const struct report_meta *m = &in->meta;
	const struct qn_questionnaire *q = in->score->q;
	char *size = report_size(m);
	if (st == MARKDOWN) {
		md_title(out, m->org);
		const char *v[] = { m->org, m->date, m->respondent, m->role, q->title, q->id, q->version };
		char *e[ARRAY_LEN(v)];
		for (size_t i = 0; i < ARRAY_LEN(v); i++)
			e[i] = md_escape(v[i], true);
		fprintf(out, "| | |\n|---|---|\n");
		fprintf(out, _("| Organisation | %s |\n"), e[0]);
		if (size)
			fprintf(out, _("| Size | %s |\n"), size);
		fprintf(out, _("| Date | %s |\n| Respondent | %s (%s) |\n"), e[1], e[2], e[3]);
		fprintf(out, _("| Questionnaire | %s (%s, version %s) |\n"), e[4], e[5], e[6]);
		if (m->complete)
			fprintf(out, _("| Assessment | %lld |\n"), (long long)m->id);
		else
			fprintf(out, _("| Assessment | %lld, draft |\n"), (long long)m->id);
		for (size_t i = 0; i < ARRAY_LEN(v); i++)
			free(e[i]);
		free(size);
		return;
	}
	report_title(out, _("IT MATURITY REPORT"));
	/* TRANSLATORS: the labels of the text report's header are followed by
	 * their value in column 17: at most 15 columns each. */
	field(out, _("Organisation:"), m->org);
	if (size)
		field(out, _("Size:"), size);
	free(size);
	field(out, _("Date:"), m->date);
	char *t = xasprintf("%s (%s)", m->respondent, m->role);
	field(out, _("Respondent:"), t);
	free(t);
	t = xasprintf(_("%s (%s, version %s)"), q->title, q->id, q->version);
	field(out, _("Questionnaire:"), t);
	free(t);
	t = m->complete ? xasprintf("%lld", (long long)m->id)
			: xasprintf(_("%lld (draft, not completed)"), (long long)m->id);
	field(out, _("Assessment:"), t);
	free(t);
}

static void write_overall(FILE *out, enum style st, const struct report_input *in)
{
	const struct score_summary *o = &in->score->overall;
	heading(out, st, _("Overall"));
	if (!o->scored) {
		para(out, st, _("Nothing has been scored yet: no question was answered."));
		return;
	}
	char *level = report_level(o);
	char *line = o->n_unknown == 0
		? xasprintf(_("Level: %s, %.0f %%."), level, o->percent)
		: xasprintf(ngettext("Level: %s, %.0f %% (between %.0f %% and %.0f %%, depending on the "
				     "%zu \"don't know\" answer).",
				     "Level: %s, %.0f %% (between %.0f %% and %.0f %%, depending on the "
				     "%zu \"don't know\" answers).", o->n_unknown),
			    level, o->percent, o->percent, o->percent_if_known, o->n_unknown);
	free(level);
	para(out, st, line);
	free(line);
	if (o->capped) {
		line = xasprintf(_("Without its critical gaps it would be %s: a weak critical practice "
				   "holds it down (see Critical caps)."), o->level_uncapped->name);
		para(out, st, line);
		free(line);
	}
	if (o->provisional && o->n_unanswered) {
		line = xasprintf(ngettext("Provisional: %zu question not answered yet.",
					  "Provisional: %zu questions not answered yet.", o->n_unanswered),
				 o->n_unanswered);
		para(out, st, line);
		free(line);
	}
	fputc('\n', out);
	para(out, st, report_verdict(in->score));
}

/* The bar of one domain: BAR cells, '#' up to the score, '|' at the target. */
static void bar(FILE *out, const struct qn_questionnaire *q, const struct score_domain *d)
{
	int fill = d->s.scored ? (int)lround(d->s.percent / 100.0 * BAR) : 0;
	double at = d->has_target ? score_to_percent(q, d->target) : NAN;
	int mark = !isnan(at) ? (int)lround(at / 100 * BAR) : -1;
	fputc('[', out);
	for (int i = 0; i < BAR; i++)
		fputc(i == mark - 1 || (mark == 0 && i == 0) ? '|' : i < fill ? '#' : '.', out);
	fputc(']', out);
}

static void write_domains(FILE *out, enum style st, const struct report_input *in)
{
	const struct score_result *r = in->score;
	heading(out, st, _("Domains"));
	if (st == MARKDOWN)
		fputs("```\n", out);
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		/* A title too wide for its column has a line of its own, whole
		 * (wrapped), and the bar goes below it. */
		if (report_width(d->domain->title) > 26) {
			report_wrap_from(out, d->domain->title, 0, 0, WIDTH);
			fprintf(out, "%27s", "");
		} else {
			report_cell(out, d->domain->title, 26);
			fputc(' ', out);
		}
		bar(out, r->q, d);
		if (d->s.scored) {
			/* 26 + 1 + 26 + 7 columns before the level's name */
			fprintf(out, " %3.0f %% ", d->s.percent);
			report_put(out, d->s.level->name, WIDTH - 60);
			fputc('\n', out);
		} else {
			fputs("   -   ", out);
			report_put(out, _("not scored"), WIDTH - 60);
			fputc('\n', out);
		}
	}
	/* TRANSLATORS: the legend under the bars of the text report; keep the
	 * characters '#' and '|'; at most 52 columns. */
	fprintf(out, "%26s %s\n", "", _("'#' score, '|' target"));
	if (st == MARKDOWN)
		fputs("```\n\n", out);
	else
		fputc('\n', out);
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		if (!d->s.scored || d->s.n_unknown_critical == 0 || d->s.level_if_known == d->s.level)
			continue;
		/* TRANSLATORS: a domain's title, then its level (provisional). */
		char *level = report_level(&d->s), *t = xasprintf(_("%s: %s."), d->domain->title, level);
		item(out, st, t);
		free(t);
		free(level);
	}
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		if (!d->has_target || !d->s.scored)
			continue;
		char *t;
		if (d->gap > 0.005)
			t = xasprintf(_("%s: %.1f below its target %s (%g)."), d->domain->title, d->gap,
				      qn_level_at(r->q, d->target)->name, d->target);
		else
			t = xasprintf(_("%s: at or above its target %s (%g)."), d->domain->title,
				      qn_level_at(r->q, d->target)->name, d->target);
		item(out, st, t);
		free(t);
	}
}

static double domain_percent(const struct score_result *r, const char *id, bool *found)
{
	for (size_t i = 0; i < r->n_domains; i++)
		if (strcmp(r->domains[i].domain->id, id) == 0 && r->domains[i].s.scored) {
			*found = true;
			return r->domains[i].s.percent;
		}
	*found = false;
	return NAN;
}

static void write_change(FILE *out, enum style st, const struct report_input *in)
{
	heading(out, st, _("Change since the previous assessment"));
	const struct score_result *p = in->prev_score, *r = in->score;
	if (!p || !in->prev_meta) {
		para(out, st, _("This is the organisation's first complete assessment: the next one will "
				"show the change."));
		return;
	}
	char *t;
	if (p->overall.scored && r->overall.scored)
		t = xasprintf(_("Overall: %+.1f points since %s (%.0f %% then, %.0f %% now; %s then, %s "
				"now)."), r->overall.percent - p->overall.percent, in->prev_meta->date,
			      p->overall.percent, r->overall.percent, p->overall.level->name,
			      r->overall.level->name);
	else
		t = xasprintf(_("Overall: no comparison with %s (one of the two has no score)."),
			      in->prev_meta->date);
	para(out, st, t);
	free(t);
	if (strcmp(p->q->id, r->q->id) != 0 || strcmp(p->q->version, r->q->version) != 0) {
		t = xasprintf(_("Note: the previous assessment used %s version %s, this one %s version %s; "
				"compare domains with care."), p->q->id, p->q->version, r->q->id, r->q->version);
		para(out, st, t);
		free(t);
	}
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		bool found;
		double before = domain_percent(p, d->domain->id, &found);
		if (!found || !d->s.scored)
			continue;
		t = xasprintf(_("%s: %+.1f points (%.0f %% to %.0f %%)"), d->domain->title,
			      d->s.percent - before, before, d->s.percent);
		item(out, st, t);
		free(t);
	}
}

static void write_roadmap(FILE *out, enum style st, const struct report_input *in)
{
	const struct score_result *r = in->score;
	heading(out, st, _("What to do next quarter"));
	if (r->n_roadmap == 0) {
		para(out, st, _("Every practice is at its highest level: keep it there."));
		return;
	}
	size_t n = r->n_roadmap < TOP_STEPS ? r->n_roadmap : TOP_STEPS;
	for (size_t i = 0; i < n; i++) {
		const struct score_step *s = &r->roadmap[i];
		/* TRANSLATORS: a step of the roadmap: its number, the question, its
		 * id, and the points it adds to the overall score. */
		char *t = xasprintf(s->cap_level ? _("%zu. %s (%s; lifts a critical cap; +%.1f points overall)")
						 : _("%zu. %s (%s; +%.1f points overall)"),
				    i + 1, s->question->text, s->question->ref, s->gain);
		wrap(out, st, "", t, 3);
		free(t);
		const char *next = s->next_step ? s->next_step : _("Choose the next option up.");
		if (!s->find_out)
			t = xasprintf(_("Next: %s"), next);
		else if (s->kind == ANS_UNKNOWN)
			t = xasprintf(_("Find out first (the answer was \"don't know\"). Then: %s"), next);
		else
			t = xasprintf(_("Find out first (the answer was not given). Then: %s"), next);
		wrap(out, st, "   ", t, 3);
		free(t);
	}
}

/* The line of the cap S puts on its domain (titled TITLE), its critical
 * question answered LABEL. Caller frees. */
static char *cap_line(const char *title, const struct score_summary *s, const char *label)
{
	const struct qn_question *qq = s->cap_question;
	/* TRANSLATORS: a critical cap: the domain, the question's text, its id,
	 * the answer given ("don't know", "not at all" or the option), the
	 * level it is held at, and (when it says so) the level its average
	 * earns. */
	if (s->capped)
		return xasprintf(qq->caps_overall
				 ? _("%s: \"%s\" (%s) was answered %s, which caps the domain and the overall "
				     "level at %s; its average earns %s.")
				 : _("%s: \"%s\" (%s) was answered %s, which caps the domain at %s; its average "
				     "earns %s."),
				 title, qq->text, qq->ref, label, s->cap_level->name, s->level_uncapped->name);
	return xasprintf(qq->caps_overall
			 ? _("%s: \"%s\" (%s) was answered %s, which caps the domain and the overall level "
			     "at %s (its average is lower already).")
			 : _("%s: \"%s\" (%s) was answered %s, which caps the domain at %s (its average is "
			     "lower already)."),
			 title, qq->text, qq->ref, label, s->cap_level->name);
}

static void write_caps(FILE *out, enum style st, const struct report_input *in)
{
	const struct score_result *r = in->score;
	bool any = false;
	for (size_t i = 0; i < r->n_domains; i++)
		any |= r->domains[i].s.cap_question != NULL;
	if (!any)
		return;
	heading(out, st, _("Critical caps"));
	para(out, st, _("A critical practice answered below its threshold, or \"don't know\", holds the "
			"level below the one that practice requires, whatever the average:"));
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_summary *s = &r->domains[i].s;
		if (!s->cap_question)
			continue;
		const struct ans_answer *a = ans_get(in->answers, s->cap_question);
		char *label = a->kind == ANS_OPTION ? report_option_label(a->option, a->option->value, "…")
			    : xstrdup(a->kind == ANS_UNKNOWN ? _("\"don't know\"") : _("not at all"));
		char *t = cap_line(r->domains[i].domain->title, s, label);
		item(out, st, t);
		free(t);
		free(label);
	}
}

static void question_list(FILE *out, enum style st, const char *title, const char *intro,
			  const struct qn_question *const *v, size_t n)
{
	if (n == 0)
		return;
	heading(out, st, title);
	para(out, st, intro);
	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s (%s)", v[i]->text, v[i]->ref);
		item(out, st, t);
		free(t);
	}
}

static void write_lists(FILE *out, enum style st, const struct report_input *in)
{
	const struct score_result *r = in->score;
	question_list(out, st, _("Ask your IT partner explicitly"),
		      _("Nobody here knew whether the support contract covers these; ask, and have "
			"the answer written into the contract:"), r->scope_unsure, r->n_scope_unsure);
	question_list(out, st, _("Excluded but needed: risks to cover"),
		      _("The support contract does not cover these, yet the business needs them: "
			"arrange them separately or accept the risk knowingly:"),
		      r->scope_excluded, r->n_scope_excluded);
	question_list(out, st, _("To find out"),
		      _("Answered \"don't know\"; they count as the lowest answer until someone finds "
			"out:"), r->unknown, r->n_unknown);
	if (r->n_na == 0)
		return;
	heading(out, st, _("Not applicable"));
	para(out, st, _("Left out of the score as not applicable; check that they really are:"));
	for (size_t i = 0; i < r->n_na; i++) {
		char *why = report_skipped(in->answers, r->na[i]);
		char *t = xasprintf("%s (%s%s%s)", r->na[i]->text, r->na[i]->ref, why ? "; " : "",
				    why ? why : "");
		item(out, st, t);
		free(t);
		free(why);
	}
}

static void write_support(FILE *out, enum style st, const struct report_input *in)
{
	const char *verdict = report_reactive_verdict(in);
	if (!verdict)
		return;
	heading(out, st, _("Firefighting and the support arrangement"));
	para(out, st, verdict);
}

static void write(FILE *out, const struct report_input *in, enum style st)
{
	write_header(out, st, in);
	write_overall(out, st, in);
	write_domains(out, st, in);
	write_change(out, st, in);
	write_roadmap(out, st, in);
	write_caps(out, st, in);
	write_lists(out, st, in);
	write_support(out, st, in);
	report_plan_text(out, in->plan, st == MARKDOWN);
	report_frameworks_text(out, in, st == MARKDOWN);
}

void report_assessment_text(FILE *out, const struct report_input *in)
{
	write(out, in, PLAIN);
}

void report_assessment_markdown(FILE *out, const struct report_input *in)
{
	write(out, in, MARKDOWN);
}
