/* report_plan.c - the reports' Plan section (the actions agreed, with the
 * status plan.c derived), in every format; each format calls it with one
 * line, and it writes nothing when there are no actions. Also what
 * 'itmaturity plan' lists. Owners, notes, steps and reasons are the
 * user's text: made safe for each format. */
#include "itmaturity/report.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"
#include "itmaturity/util.h"

enum { WIDTH = 78 };

/* TRANSLATORS: the heading of the action plan in reports. */
static const char title[] = N_("Plan");

/* The order the sections show them in. */
static const enum report_action_status order[] = {
	REPORT_ACTION_DONE, REPORT_ACTION_OVERDUE, REPORT_ACTION_OPEN, REPORT_ACTION_DROPPED,
};

const char *report_action_status_name(enum report_action_status st)
{
	static const char *const names[] = { "open", "overdue", "done", "dropped" };
	return names[st];
}

void report_plan_count(const struct report_plan *p, struct report_plan_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->n = p->n;
	for (size_t i = 0; i < p->n; i++) {
		const struct report_action *a = &p->v[i];
		c->done += a->status == REPORT_ACTION_DONE;
		c->verified_here += a->verified_by && (!p->here || a->verified_by == p->here);
		c->overdue += a->status == REPORT_ACTION_OVERDUE;
		c->open += a->status == REPORT_ACTION_OPEN;
		c->dropped += a->status == REPORT_ACTION_DROPPED;
	}
}

/* "Plan since 2026-01-15: 5 actions - 3 done (2 verified by this
 * assessment), 1 overdue, 1 open." Caller frees. */
static char *lead(const struct report_plan *p)
{
	struct report_plan_counts c;
	report_plan_count(p, &c);
	char *s;
	size_t len;
	FILE *m = open_memstream(&s, &len);
	/* TRANSLATORS: the plan's counts: "Plan since 2026-01-15: 5 actions - 3
	 * done (2 verified by this assessment), 1 overdue, 1 open, 1 dropped."
	 * (the line is put together from the messages up to "%zu dropped"). */
	if (p->since[0])
		fprintf(m, _("Plan since %s: "), p->since);
	fprintf(m, ngettext("%zu action", "%zu actions", c.n), c.n);
	fputs(" - ", m);
	fprintf(m, p->here ? ngettext("%zu done (%zu verified by this assessment)",
				      "%zu done (%zu verified by this assessment)", c.done)
			   : ngettext("%zu done (%zu verified by the answers)",
				      "%zu done (%zu verified by the answers)", c.done),
		c.done, c.verified_here);
	fputs(", ", m);
	fprintf(m, ngettext("%zu overdue", "%zu overdue", c.overdue), c.overdue);
	fputs(", ", m);
	fprintf(m, ngettext("%zu open", "%zu open", c.open), c.open);
	if (c.dropped) {
		fputs(", ", m);
		fprintf(m, ngettext("%zu dropped", "%zu dropped", c.dropped), c.dropped);
	}
	fputc('.', m);
	fclose(m);
	return s;
}

/* What A's status says, in words ("done, verified by assessment 5 on
 * 2026-04-15"). Caller frees. */
static char *status_words(const struct report_action *a)
{
	switch (a->status) {
	case REPORT_ACTION_DONE:
		/* TRANSLATORS: an action's status: the assessment's number and date. */
		if (a->verified_by)
			return xasprintf(a->by_hand ? _("done by hand, verified by assessment %lld (%s)")
						    : _("done, verified by assessment %lld (%s)"),
					 (long long)a->verified_by, a->closed_on);
		return xstrdup(a->unconfirmed ? _("marked done, not confirmed by the answers")
					      : _("done by hand"));
	case REPORT_ACTION_DROPPED:
		/* TRANSLATORS: why an action was dropped (the user's text), and when. */
		if (a->closed_on[0])
			return xasprintf(_("dropped: %s (%s)"), a->reason, a->closed_on);
		if (a->reason)
			return xasprintf(_("dropped: %s"), a->reason);
		return xstrdup(_("dropped: by hand"));
	case REPORT_ACTION_OVERDUE:
		return xasprintf(_("overdue since %s"), a->due);
	default:
		return xasprintf(_("open, due %s"), a->due);
	}
}

/* A's two lines of text ("#3 ops.backups: manual -> automatic: ..."),
 * made safe. Caller frees. */
static char *action_line(const struct report_action *a)
{
	char *st = status_words(a), *s;
	size_t len;
	FILE *m = open_memstream(&s, &len);
	fprintf(m, "#%lld %s: %s -> %s: %s.", (long long)a->id, a->question, a->from ? a->from : "?", a->to, st);
	/* TRANSLATORS: the parts of an action's line after its status, each
	 * starting with a space: the next step, the owner (the user's text), the
	 * due date, the date it was agreed, a note. */
	if (a->step[0])
		fprintf(m, _(" Next step: %s"), a->step);
	if (a->owner[0])
		fprintf(m, _(" Owner: %s."), a->owner);
	if (a->status == REPORT_ACTION_DONE || a->status == REPORT_ACTION_DROPPED)
		fprintf(m, _(" Due %s."), a->due);
	if (a->agreed[0])
		fprintf(m, _(" Agreed %s."), a->agreed);
	if (a->note[0])
		fprintf(m, _(" Note: %s"), a->note);
	fclose(m);
	free(st);
	char *copy;
	const char *safe = report_safe(s, true, &copy);
	char *out = xstrdup(safe);
	free(copy);
	free(s);
	return out;
}

/* Writes each action's line, in the sections' order: an HTML list item,
 * or a wrapped text item. */
static void action_lines(FILE *out, const struct report_plan *p, bool html)
{
	for (size_t k = 0; k < ARRAY_LEN(order); k++)
		for (size_t i = 0; i < p->n; i++) {
			if (p->v[i].status != order[k])
				continue;
			char *s = action_line(&p->v[i]);
			if (html) {
				fputs("<li>", out);
				report_html_esc(out, s);
				fputs("</li>\n", out);
			} else {
				fputs("- ", out);
				report_wrap_from(out, s, 2, 2, WIDTH);
			}
			free(s);
		}
}

void report_plan_text(FILE *out, const struct report_plan *p, bool markdown)
{
	if (!p || p->n == 0)
		return;
	report_heading(out, _(title), markdown);
	char *s = lead(p);
	report_wrap(out, s, 0, 0, WIDTH);
	free(s);
	if (markdown)
		fputc('\n', out);
	action_lines(out, p, false);
}

static const char csv_head[] = "action,question,from,to,status,verified_by,owner,due,agreed,step,note,reason\r\n";

static void csv_rows(FILE *out, const struct report_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct report_action *a = &p->v[i];
		fprintf(out, "%lld,%s,%s,", (long long)a->id, a->question, a->from ? a->from : "");
		report_csv_field(out, a->to);
		fprintf(out, ",%s,", report_action_status_name(a->status));
		if (a->verified_by)
			fprintf(out, "%lld", (long long)a->verified_by);
		fputc(',', out);
		report_csv_field(out, a->owner);
		fprintf(out, ",%s,%s,", a->due, a->agreed);
		report_csv_field(out, a->step);
		fputc(',', out);
		report_csv_field(out, a->note);
		fputc(',', out);
		report_csv_field(out, a->reason);
		fputs("\r\n", out);
	}
}

void report_plan_csv(FILE *out, const struct report_plan *p)
{
	if (!p || p->n == 0)
		return;
	fputs("\r\n", out);
	fputs(csv_head, out);
	csv_rows(out, p);
}

/* The members of the plan object: since, actions[]. */
static void json_members(struct jsonw *w, const struct report_plan *p)
{
	jw_key(w, "since"), jw_str(w, p->since[0] ? p->since : NULL);
	jw_key(w, "actions");
	jw_arr(w);
	for (size_t i = 0; i < p->n; i++) {
		const struct report_action *a = &p->v[i];
		jw_obj(w);
		jw_key(w, "id"), jw_int(w, a->id);
		jw_key(w, "question"), jw_str(w, a->question);
		jw_key(w, "from"), jw_str(w, a->from);
		jw_key(w, "to"), jw_str(w, a->to);
		jw_key(w, "owner"), jw_str(w, a->owner);
		jw_key(w, "due"), jw_str(w, a->due);
		jw_key(w, "status"), jw_str(w, report_action_status_name(a->status));
		jw_key(w, "verified_by");
		if (a->verified_by)
			jw_int(w, a->verified_by);
		else
			jw_null(w);
		jw_key(w, "note"), jw_str(w, a->note);
		jw_key(w, "step"), jw_str(w, a->step);
		jw_key(w, "agreed"), jw_str(w, a->agreed[0] ? a->agreed : NULL);
		jw_key(w, "closed_on"), jw_str(w, a->closed_on[0] ? a->closed_on : NULL);
		jw_key(w, "by_hand"), jw_bool(w, a->by_hand);
		jw_key(w, "unconfirmed"), jw_bool(w, a->unconfirmed);
		jw_key(w, "reason"), jw_str(w, a->reason);
		jw_end(w);
	}
	jw_end(w);
}

void report_plan_json(struct jsonw *w, const struct report_plan *p)
{
	if (!p || p->n == 0)
		return;
	jw_key(w, "plan");
	jw_obj(w);
	json_members(w, p);
	jw_end(w);
}

void report_plan_html(FILE *out, const struct report_plan *p)
{
	if (!p || p->n == 0)
		return;
	fprintf(out, "<h2>%s</h2>\n<p>", _(title));
	char *s = lead(p);
	report_html_esc(out, s);
	free(s);
	fputs("</p>\n<ul>\n", out);
	action_lines(out, p, true);
	fputs("</ul>\n", out);
}

void report_plan(FILE *out, const char *org, const struct report_plan *p, enum report_format f)
{
	struct jsonw w;
	switch (f) {
	case REPORT_JSON:
		jw_init(&w, out);
		jw_obj(&w);
		jw_key(&w, "organisation");
		jw_str(&w, org);
		json_members(&w, p);
		jw_end(&w);
		fputc('\n', out);
		break;
	case REPORT_CSV:
		fputs("organisation,", out);
		fputs(csv_head, out);
		for (size_t i = 0; i < p->n; i++) {
			report_csv_field(out, org);
			fputc(',', out);
			struct report_plan one = *p;
			one.v = &p->v[i];
			one.n = 1;
			csv_rows(out, &one);
		}
		break;
	default: {
		char *copy;
		const char *name = report_safe(org, true, &copy);
		if (f == REPORT_MARKDOWN)
			fprintf(out, "# %s\n", name);
		else
			fprintf(out, "%s\n", name);
		free(copy);
		if (p->n == 0)
			fprintf(out, "\n%s\n", _("No actions."));
		report_plan_text(out, p, f == REPORT_MARKDOWN);
	}
	}
}
