/* ui_results.c - the results of a complete assessment: overall level and
 * percentage with the don't-know band, a bar per domain against its
 * target, the change since the previous assessment, critical caps, the
 * top of the roadmap, what to ask the IT partner, and the export of the
 * report to a file. Every figure comes from the score module. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/report.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

enum { ROADMAP_SHOWN = 5 };

static const struct ui_screen results_screen;

void ui_results_free(struct ui *ui)
{
	if (ui->res_loaded)
		asmt_free(&ui->res);
	if (ui->res_has_prev)
		asmt_free(&ui->res_prev);
	score_comparison_free(ui->res_cmp);
	ui->res_cmp = NULL;
	plan_list_free(&ui->res_plan);
	ui->res_loaded = ui->res_has_prev = false;
}

void ui_results_show(struct ui *ui, struct asmt *a, struct asmt *prev)
{
	ui_results_free(ui);
	ui->res = *a;
	memset(a, 0, sizeof(*a));
	ui->res_loaded = true;
	if (prev) {
		ui->res_prev = *prev;
		memset(prev, 0, sizeof(*prev));
		ui->res_has_prev = true;
		ui->res_cmp = score_compare(ui->res_prev.answers, ui->res_prev.score, ui->res.answers, ui->res.score);
	}
	ui_results_plan_load(ui);
	ui->next = (struct ui_nav){ .go = UI_GO_RESULTS };
}

void ui_results_open(struct ui *ui, int64_t id)
{
	if (!id) {
		if (ui->res_loaded)
			ui_goto(ui, &results_screen);
		else
			ui->next = (struct ui_nav){ .go = UI_GO_START };
		return;
	}
	struct asmt a, p;
	struct itm_errors e = { 0 };
	int64_t prev = 0;
	if (asmt_load(&ui->ctx, id, ASMT_ROADMAP, &a, &e) != ITM_OK) {
		ui_fail(ui, _("Cannot show the results"), &e);
		ui->next = (struct ui_nav){ .go = UI_GO_START };
		return;
	}
	bool has_prev = asmt_previous(&ui->ctx, &a.meta, &prev, NULL, NULL, &e) == ITM_OK && prev &&
			asmt_load(&ui->ctx, prev, ASMT_SUMMARY, &p, &e) == ITM_OK;
	if (errs_count(&e))
		ui_fail(ui, _("The previous assessment cannot be shown"), &e);
	ui_results_show(ui, &a, has_prev ? &p : NULL);
}

void ui_results_plan_load(struct ui *ui)
{
	char today[11];
	date_today(today);
	plan_list_free(&ui->res_plan);
	struct itm_errors e = { 0 };
	if (plan_list(&ui->ctx, ui->res.meta.org_id, ui->res.meta.id, today, &ui->res_plan, &e) != ITM_OK)
		ui_fail(ui, _("The plan cannot be shown"), &e);
}

static const char *answer_key(const struct ans_set *a, const struct qn_question *qq)
{
	return ans_shown(ans_get(a, qq));
}

/* The overall bar, with the don't-know band drawn in the warning colour. */
static void overall_bar(const struct ui *ui, struct ui_canvas *c, const struct score_summary *o)
{
	int row = ui_cv_line(c);
	if (row < 0 || !o->scored)
		return;
	int w = c->cols - 8;
	ui_bar(ui, row, c->left, w, o->percent, NAN, ui_attr(ui, UC_GOOD));
	int from = (int)lround(o->percent / 100.0 * w), to = (int)lround(o->percent_if_known / 100.0 * w);
	for (int i = from; i < to && i < w; i++)
		ui_put(row, c->left + i, 1, ui_attr(ui, UC_WARN), ui_sym(US_BAND));
	char pct[16];
	snprintf(pct, sizeof(pct), "%4.0f%%", o->percent);
	ui_put(row, c->left + w + 1, 7, ui_attr(ui, UC_HEAD), pct);
}

/* The assessment, its overall figures, and the change since the previous one. */
static void draw_overall(const struct ui *ui, struct ui_canvas *c)
{
	const struct asmt *a = &ui->res;
	const struct score_result *r = a->score;
	const struct qn_questionnaire *q = a->q;
	const struct score_summary *o = &r->overall;
	/* TRANSLATORS: the questionnaire's title and version, a separator,
	 * the date, the respondent, the role. */
	if (a->meta.complete)
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM), _("%s %s %s taken %s by %s (%s)"), q->title, q->version,
			  ui_sym(US_SEP), a->meta.taken, a->meta.respondent, a->meta.role);
	else
		/* TRANSLATORS: as "%s %s %s taken %s by %s (%s)", then a separator. */
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM), _("%s %s %s taken %s by %s (%s) %s DRAFT"), q->title, q->version,
			  ui_sym(US_SEP), a->meta.taken, a->meta.respondent, a->meta.role, ui_sym(US_SEP));
	ui_cv_line(c);
	if (o->scored) {
		char *level = report_level(o);
		bool unanswered = o->provisional && o->n_unanswered;
		/* TRANSLATORS: the level's name, its place on the scale, the percentage. */
		if (unanswered)
			ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD),
				  _("Overall: level %s (%.1f on the scale), %.0f%% %s provisional, some questions are unanswered"),
				  level, o->scale, o->percent, ui_sym(US_DASH));
		else
			ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), _("Overall: level %s (%.1f on the scale), %.0f%%"), level,
				  o->scale, o->percent);
		free(level);
		overall_bar(ui, c, o);
		if (o->n_unknown)
			ui_cv_printf(ui, c, ui_attr(ui, UC_WARN),
				  /* TRANSLATORS: %s after the percentages is the band's symbol. */
				  ngettext("%zu \"don't know\" answer: the score lies between %.0f%% and %.0f%% (%s) once it "
					   "is found out.",
					   "%zu \"don't know\" answers: the score lies between %.0f%% and %.0f%% (%s) once they "
					   "are found out.", o->n_unknown),
				  o->n_unknown, o->percent, o->percent_if_known, ui_sym(US_BAND));
		if (o->capped)
			ui_cv_printf(ui, c, ui_attr(ui, UC_BAD), _("Capped at %s (from %s) by the critical question \"%s\" (%s)."),
				  o->level->name, o->level_uncapped->name, o->cap_question->text,
				  answer_key(a->answers, o->cap_question));
	} else {
		ui_cv_printf(ui, c, ui_attr(ui, UC_WARN), "%s", _("No score: no scored question was answered."));
	}
	if (ui->res_has_prev) {
		const struct score_summary *po = &ui->res_prev.score->overall;
		if (!isnan(ui->res_cmp->overall_change))
			/* TRANSLATORS: the date, the percentages before and after, the
			 * change, the levels before and after; %s between are arrows. */
			ui_cv_printf(ui, c, A_NORMAL, _("Since %s: %.0f%% %s %.0f%% (%+.0f points), level %s %s %s."),
				  ui->res_prev.meta.taken, po->percent, ui_sym(US_RIGHT), o->percent, ui->res_cmp->overall_change,
				  po->level->name, ui_sym(US_RIGHT), o->level->name);
		else
			ui_cv_printf(ui, c, A_NORMAL, _("Previous assessment: %s."), ui->res_prev.meta.taken);
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM),
			  /* TRANSLATORS: the date, the respondent, the questionnaire's id and version. */
			  _("Compared with the assessment of %s by %s: the last complete one with this questionnaire (%s %s)."),
			  ui->res_prev.meta.taken, ui->res_prev.meta.respondent, ui->res_prev.q->id,
			  ui->res_prev.q->version);
	} else {
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM), _("The first complete assessment of %s with this questionnaire: nothing to compare with yet."),
			  a->meta.org);
	}
}

/* What the answers did to the plan: the actions they verified, and those
 * still open or overdue (as of the assessment's date). */
static void draw_plan(const struct ui *ui, struct ui_canvas *c)
{
	const struct plan_list *l = &ui->res_plan;
	if (!l->n)
		return;
	size_t verified = 0, open = 0, overdue = 0;
	char *names = xstrdup("");
	for (size_t i = 0; i < l->n; i++) {
		if (plan_verified_by(l, i, ui->res.meta.id)) {
			const struct qn_question *qq = qn_find_question(ui->res.q, l->v[i].question);
			char *t = xasprintf("%s%s%s", names, verified++ ? "; " : "", qq ? qq->text : l->v[i].question);
			free(names);
			names = t;
		}
		open += l->v[i].status == REPORT_ACTION_OPEN;
		overdue += l->v[i].status == REPORT_ACTION_OVERDUE;
	}
	if (verified)
		ui_cv_text(ui, c, 0, _("Plan, verified by these answers: "), ui_attr(ui, UC_GOOD), names, A_NORMAL);
	ui_cv_printf(ui, c, overdue ? ui_attr(ui, UC_BAD) : A_NORMAL,
		     ngettext("Plan: %zu action still open, %zu overdue (the plan screen has the details).",
			      "Plan: %zu actions still open, %zu overdue (the plan screen has the details).", open),
		     open, overdue);
	free(names);
}

/* A bar per domain against its target, and the caps. */
static void draw_domains(const struct ui *ui, struct ui_canvas *c)
{
	const struct asmt *a = &ui->res;
	const struct score_result *r = a->score;
	const struct qn_questionnaire *q = a->q;
	if (ui->res_has_prev)
		ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), _("Domains (bar: percentage; %s the target; %s points since %s)"),
			  ui_sym(US_TARGET), ui_sym(US_PLUSMINUS), ui->res_prev.meta.taken);
	else
		ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), _("Domains (bar: percentage; %s the target)"), ui_sym(US_TARGET));
	int bw = c->cols - 20;
	for (size_t i = 0; i < r->n_domains; i++) {
		const struct score_domain *d = &r->domains[i];
		char right[120] = "";
		if (d->s.scored && d->has_target)
			/* TRANSLATORS: the percentage, a separator, the level's name, a
			 * separator, the target level's name. */
			snprintf(right, sizeof(right), _("%.0f%% %s %s %s target %s"), d->s.percent, ui_sym(US_SEP),
				 d->s.level->name, ui_sym(US_SEP), qn_level_at(q, d->target)->name);
		else if (d->s.scored)
			snprintf(right, sizeof(right), "%.0f%% %s %s", d->s.percent, ui_sym(US_SEP), d->s.level->name);
		else
			snprintf(right, sizeof(right), "%s", _("no score"));
		int row = ui_cv_line(c);
		if (row >= 0) {
			int rw = ui_width(right);
			ui_put(row, c->left, c->cols - rw - 2, A_BOLD, d->domain->title);
			ui_put(row, c->left + c->cols - rw, rw, A_NORMAL, right);
		}
		row = ui_cv_line(c);
		if (row >= 0 && d->s.scored) {
			enum ui_color col = !d->has_target ? UC_BAR : d->gap <= 0 ? UC_GOOD : d->gap <= 1 ? UC_WARN
														 : UC_BAD;
			ui_bar(ui, row, c->left, bw, d->s.percent,
			       d->has_target ? score_to_percent(q, d->target) : NAN, ui_attr(ui, col));
			/* The comparison lists B's domains first, in order. */
			double change = ui->res_cmp ? ui->res_cmp->domains[i].change : NAN;
			char ch[40] = "";
			if (!isnan(change))
				snprintf(ch, sizeof(ch), "%+.0f", change);
			ui_put(row, c->left + bw + 2, c->cols - bw - 2, ui_attr(ui, UC_DIM), ch);
		}
		if (d->s.capped) {
			/* TRANSLATORS: the level, the critical question, its answer, the
			 * level the domain's average earns. */
			char *t = xasprintf(_("capped at %s by \"%s\" (%s); its average earns %s"), d->s.level->name,
					    d->s.cap_question->text, answer_key(a->answers, d->s.cap_question),
					    d->s.level_uncapped->name);
			char *warn = xasprintf("%s ", ui_sym(US_WARN));
			ui_cv_text(ui, c, 2, warn, ui_attr(ui, UC_BAD), t, ui_attr(ui, UC_BAD));
			free(warn);
			free(t);
		}
		if (d->s.scored && d->s.n_unknown_critical && d->s.level_if_known != d->s.level) {
			char *t = report_level(&d->s);
			ui_cv_text(ui, c, 2, NULL, 0, t, ui_attr(ui, UC_WARN));
			free(t);
		}
	}
}

/* Option O of QQ as a reader knows it from the question page: its number
 * there and the start of its description. The caller frees the result. */
static char *option_label(const struct qn_question *qq, const struct qn_option *o)
{
	int digit = ui_option_digit(qq, (size_t)(o - qq->options));
	return report_option_label(o, digit >= 0 ? digit : NAN, ui_sym(US_ELLIPSIS));
}

/* The top of the roadmap. */
static void draw_roadmap(const struct ui *ui, struct ui_canvas *c)
{
	const struct asmt *a = &ui->res;
	const struct score_result *r = a->score;
	ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), _("Next steps (the roadmap's top %zu of %zu)"),
		  r->n_roadmap < ROADMAP_SHOWN ? r->n_roadmap : (size_t)ROADMAP_SHOWN, r->n_roadmap);
	for (size_t i = 0; i < r->n_roadmap && i < ROADMAP_SHOWN; i++) {
		const struct score_step *st = &r->roadmap[i];
		char num[8];
		snprintf(num, sizeof(num), "%zu. ", i + 1);
		ui_cv_text(ui, c, 0, num, ui_attr(ui, UC_KEY), st->question->text, A_BOLD);
		char *how;
		char *to = option_label(st->question, st->to);
		if (st->find_out) {
			/* TRANSLATORS: %s is the option to reach. */
			how = xasprintf(st->kind == ANS_UNKNOWN
					? _("don't know: find out the real answer first (then up to %s); +%.1f points")
					: _("unanswered: find out the real answer first (then up to %s); +%.1f points"),
					to, st->gain);
		} else {
			char *from = option_label(st->question, st->from);
			/* TRANSLATORS: from one option, an arrow, to the next; the points gained. */
			how = xasprintf(st->cap_level ? _("%s %s %s; +%.1f points; lifts a cap") : _("%s %s %s; +%.1f points"),
					from, ui_sym(US_RIGHT), to, st->gain);
			free(from);
		}
		free(to);
		ui_cv_text(ui, c, 3, NULL, 0, how, ui_attr(ui, UC_DIM));
		free(how);
		if (st->next_step)
			ui_cv_text(ui, c, 3, _("Next: "), ui_attr(ui, UC_GOOD), st->next_step, A_NORMAL);
	}
	if (r->n_roadmap == 0)
		ui_cv_printf(ui, c, ui_attr(ui, UC_GOOD), "%s",
			     _("Nothing to improve: every scored answer is at its highest option."));
}

/* What to ask the IT partner, and what is to be found out. */
static void draw_open(const struct ui *ui, struct ui_canvas *c)
{
	const struct asmt *a = &ui->res;
	const struct score_result *r = a->score;
	const struct qn_questionnaire *q = a->q;
	ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), "%s", _("Ask your IT partner (support contract)"));
	bool scope = false;
	for (size_t i = 0; i < q->n_questions; i++)
		scope |= q->questions[i]->kind == QN_SCOPE;
	for (size_t i = 0; i < r->n_scope_unsure; i++)
		ui_cv_text(ui, c, 0, "? ", ui_attr(ui, UC_WARN), r->scope_unsure[i]->text, A_NORMAL);
	char *x = xasprintf("%s ", ui_sym(US_EXCLUDED));
	for (size_t i = 0; i < r->n_scope_excluded; i++)
		ui_cv_text(ui, c, 0, x, ui_attr(ui, UC_BAD), r->scope_excluded[i]->text, A_NORMAL);
	free(x);
	if (r->n_scope_excluded)
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM), _("%s: not covered by the contract; a risk to cover some other way."),
			  ui_sym(US_EXCLUDED));
	if (!scope)
		ui_cv_printf(ui, c, ui_attr(ui, UC_DIM),
			  "%s", _("This questionnaire has no support-contract questions; the full assessment has them."));
	else if (!r->n_scope_unsure && !r->n_scope_excluded)
		ui_cv_printf(ui, c, ui_attr(ui, UC_GOOD), "%s", _("Nothing open: every contract question is settled."));
	if (r->n_unknown) {
		ui_cv_line(c);
		ui_cv_printf(ui, c, ui_attr(ui, UC_HEAD), "%s", _("To find out (answered \"don't know\")"));
		for (size_t i = 0; i < r->n_unknown; i++)
			ui_cv_text(ui, c, 0, "- ", A_NORMAL, r->unknown[i]->text, A_NORMAL);
	}
}

static void results_draw(struct ui *ui)
{
	const struct asmt *a = &ui->res;
	/* TRANSLATORS: a title: a separator, the organisation, a separator,
	 * then the screen's name. */
	char *left = xasprintf(_("itmaturity %s %s %s results"), ui_sym(US_SEP), a->meta.org, ui_sym(US_SEP));
	ui_title(ui, left, a->meta.taken);
	free(left);
	struct ui_canvas c;
	ui_cv_init(&c, 1, LINES - 2, 2, COLS - 4, ui->scroll);
	draw_overall(ui, &c);
	draw_plan(ui, &c);
	ui_cv_line(&c);
	draw_domains(ui, &c);
	ui_cv_line(&c);
	draw_roadmap(ui, &c);
	ui_cv_line(&c);
	draw_open(ui, &c);
	ui_cv_line(&c);
	/* The screen's keys, from the key table, as the status line has them. */
	char *keys = keys_status_line(KS_RESULTS, 4 * c.cols);
	ui_cv_text(ui, &c, 0, NULL, 0, keys, ui_attr(ui, UC_DIM));
	free(keys);
	ui_cv_end(ui, &c);
}

static void export_done(struct ui *ui, const char *path)
{
	if (!path)
		return;
	if (!*path) {
		ui_message(ui, true, _("No file name: nothing exported."));
		return;
	}
	size_t l = strlen(path);
	enum report_format f = l > 5 && strcmp(path + l - 5, ".json") == 0 ? REPORT_JSON : REPORT_TEXT;
	struct itm_errors e = { 0 };
	if (asmt_report(&ui->ctx, ui->res.meta.id, path, f, &e) == ITM_OK)
		ui_message(ui, false, _("Report written to %s (%s)."), path, report_format_name(f));
	else
		ui_fail(ui, _("Not exported"), &e);
}

/* itmaturity-ORG-DATE.txt, the organisation's name made safe for a file
 * name (letters and digits kept, UTF-8 included). */
static char *default_name(const struct asmt *a)
{
	size_t n = strlen(a->meta.org);
	char *slug = xmalloc(n + 1), *p = slug;
	for (const unsigned char *s = (const unsigned char *)a->meta.org; *s; s++) {
		if (*s >= 0x80 || isalnum(*s))
			*p++ = *s < 0x80 ? (char)tolower(*s) : (char)*s;
		else if (p > slug && p[-1] != '-')
			*p++ = '-';
	}
	while (p > slug && p[-1] == '-')
		p--;
	*p = '\0';
	char *name = xasprintf("itmaturity-%s-%s.txt", *slug ? slug : "report", a->meta.taken);
	free(slug);
	return name;
}

static struct ui_nav results_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KA_EXPORT: {
		char *name = default_name(&ui->res);
		ui_prompt(ui, _("Export the report to (in the current folder; .json for JSON):"), name, export_done);
		free(name);
		break;
	}
	case KA_HISTORY:
		return (struct ui_nav){ .go = UI_GO_HISTORY, .arg = ui->res.meta.org_id };
	case KA_ADD:
		ui_plan_add(ui);
		break;
	case KA_PLAN:
		return (struct ui_nav){ .go = UI_GO_PLAN, .arg = ui->res.meta.org_id, .arg2 = ui->res.meta.id };
	case KA_START:
		return (struct ui_nav){ .go = UI_GO_START };
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		ui_scroll_key(ui, a);
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static const struct ui_screen results_screen = { "results", KS_RESULTS, results_draw, results_key };
