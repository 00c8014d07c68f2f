/* ui_history.c - an organisation's complete assessments over time, with a
 * trend per domain from the cached scores, and the comparison of any two. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

static const struct ui_screen history_screen, compare_screen;

static void compare_free(struct ui_history_state *h)
{
	if (h->loaded) {
		asmt_free(&h->a);
		asmt_free(&h->b);
		score_comparison_free(h->cmp);
		h->cmp = NULL;
	}
	h->loaded = false;
}

void ui_history_free(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	compare_free(h);
	asmt_history_free(&h->h);
	memset(h, 0, sizeof(*h));
}

void ui_history_open(struct ui *ui, int64_t org_id, const struct ui_screen *back)
{
	if (!org_id) {
		ui_goto(ui, &history_screen);
		return;
	}
	ui_history_free(ui);
	struct ui_history_state *h = &ui->hist;
	h->org_id = org_id;
	h->back = back;
	h->mark[0] = h->mark[1] = -1;
	struct itm_errors e = { 0 };
	if (asmt_history(&ui->ctx, org_id, &h->h, &e) != ITM_OK)
		ui_fail(ui, _("Cannot read the history"), &e);
	h->sel = h->h.n ? h->h.n - 1 : 0;
	ui_goto(ui, &history_screen);
}

static void history_draw(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	/* TRANSLATORS: a title: a separator, the organisation, a separator,
	 * then the screen's name. */
	char *left = xasprintf(_("itmaturity %s %s %s history"), ui_sym(US_SEP), h->h.n ? h->h.v[0].org : "",
			       ui_sym(US_SEP));
	char right[80];
	snprintf(right, sizeof(right), ngettext("%zu complete assessment", "%zu complete assessments", h->h.n), h->h.n);
	ui_title(ui, left, right);
	free(left);
	if (!h->h.n) {
		ui_put(2, 2, COLS - 4, A_NORMAL, _("No complete assessment yet."));
		return;
	}
	int x0 = 2, cw = 7;
	size_t shown_cols = h->h.n_domains;
	int fixed = 2 + 11 + 17 + 8;
	while (shown_cols && fixed + (int)shown_cols * cw > COLS - 4)
		shown_cols--;
	attr_t hd = ui_attr(ui, UC_HEAD);
	/* The headings over their columns: the date at 2, the questionnaire
	 * at 13, the overall percentage at 30. */
	/* TRANSLATORS: column headings of the history: at most 10 and 16
	 * columns. */
	const char *date = _("Date"), *qn = _("Questionnaire");
	int wd = ui_width(date);
	char *head = xasprintf("  %s%*s%s", date, wd < 10 ? 11 - wd : 1, "", qn);
	ui_put(2, x0, 29, hd, head);
	free(head);
	/* TRANSLATORS: the history's column of overall percentages: at most
	 * 7 columns. */
	ui_put(2, x0 + 30, 7, hd, _("Overall"));
	for (size_t k = 0; k < shown_cols; k++) {
		char c[16];
		snprintf(c, sizeof(c), "%.6s", h->h.domains[k]);
		ui_put(2, x0 + fixed + (int)k * cw, cw, hd, c);
	}
	int table_rows = LINES - 6 - (int)h->h.n_domains - 2;
	if (table_rows < 3)
		table_rows = 3;
	size_t first = h->sel >= (size_t)table_rows ? h->sel - (size_t)table_rows + 1 : 0;
	int y = 3;
	for (size_t i = first; i < h->h.n && y < 3 + table_rows; i++, y++) {
		bool sel = i == h->sel, marked = (long)i == h->mark[0] || (long)i == h->mark[1];
		attr_t a = sel ? ui_attr(ui, UC_SELECT) : A_NORMAL;
		if (sel) {
			attron(a);
			mvhline(y, x0, ' ', COLS - 4);
			attroff(a);
		}
		char row[120];
		snprintf(row, sizeof(row), "%s%s %s %-16.16s", sel ? ui_sym(US_POINTER) : " ",
			 marked ? ui_sym(US_MARKED) : " ", h->h.v[i].taken, h->h.v[i].qn_id);
		ui_put(y, x0, COLS - 4, a, row);
		char ov[16] = "  -";
		if (h->h.v[i].has_overall && !isnan(h->h.v[i].overall))
			snprintf(ov, sizeof(ov), "%5.0f%%", h->h.v[i].overall);
		ui_put(y, x0 + 30, 8, sel ? a : ui_attr(ui, UC_HEAD), ov);
		for (size_t k = 0; k < shown_cols; k++) {
			double v = h->h.pct[i * h->h.n_domains + k], p = i > 0 ? h->h.pct[(i - 1) * h->h.n_domains + k] : NAN;
			char c[24] = "   -";
			if (!isnan(v))
				snprintf(c, sizeof(c), "%3.0f%%%s", v, isnan(p) || fabs(v - p) < 0.5 ? " " : ui_sym(v > p ? US_RISE : US_FALL));
			attr_t ca = sel ? a : isnan(p) || isnan(v) || fabs(v - p) < 0.5 ? A_NORMAL
					   : v > p ? ui_attr(ui, UC_GOOD) : ui_attr(ui, UC_BAD);
			ui_put(y, x0 + fixed + (int)k * cw, cw, ca, c);
		}
	}
	y = 3 + table_rows + 1;
	if (y < LINES - 2)
		ui_put(y++, x0, COLS - 4, hd, _("Trend per domain, oldest to newest"));
	for (size_t k = 0; k < h->h.n_domains && y < LINES - 1; k++, y++) {
		char name[24];
		snprintf(name, sizeof(name), "%-.14s", h->h.domains[k]);
		ui_put(y, x0, 15, A_NORMAL, name);
		int x = x0 + 16, maxw = COLS - 4 - 16 - 22;
		size_t from = h->h.n > (size_t)maxw ? h->h.n - (size_t)maxw : 0;
		double firstv = NAN, lastv = NAN;
		for (size_t i = from; i < h->h.n; i++, x++) {
			double v = h->h.pct[i * h->h.n_domains + k];
			if (isnan(v)) {
				ui_put(y, x, 1, ui_attr(ui, UC_DIM), ui_sym(US_NONE));
				continue;
			}
			if (isnan(firstv))
				firstv = v;
			lastv = v;
			int lvl = (int)(v / 100.0 * 7.999);
			ui_put(y, x, 1, ui_attr(ui, UC_BAR), ui_sym(US_SPARK + (lvl < 0 ? 0 : lvl > 7 ? 7 : lvl)));
		}
		if (!isnan(firstv)) {
			char t[48];
			snprintf(t, sizeof(t), "%.0f%% %s %.0f%% (%+.0f)", firstv, ui_sym(US_RIGHT), lastv, lastv - firstv);
			ui_put(y, x + 2, COLS - x - 4, lastv >= firstv ? ui_attr(ui, UC_GOOD) : ui_attr(ui, UC_BAD), t);
		}
	}
}

void ui_compare_open(struct ui *ui, size_t i, size_t j)
{
	struct ui_history_state *h = &ui->hist;
	compare_free(h);
	if (i > j) {
		size_t t = i;
		i = j;
		j = t;
	}
	struct itm_errors e = { 0 };
	if (asmt_load(&ui->ctx, h->h.v[i].id, ASMT_SUMMARY, &h->a, &e) != ITM_OK) {
		ui_fail(ui, _("Cannot compare"), &e);
		return;
	}
	if (asmt_load(&ui->ctx, h->h.v[j].id, ASMT_SUMMARY, &h->b, &e) != ITM_OK) {
		asmt_free(&h->a);
		ui_fail(ui, _("Cannot compare"), &e);
		return;
	}
	h->cmp = score_compare(h->a.answers, h->a.score, h->b.answers, h->b.score);
	h->loaded = true;
	ui_goto(ui, &compare_screen);
}

static struct ui_nav compare_of(size_t i, size_t j)
{
	return (struct ui_nav){ .go = UI_GO_COMPARE, .arg = (int64_t)i, .arg2 = (int64_t)j };
}

static struct ui_nav history_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	struct ui_history_state *h = &ui->hist;
	switch (a) {
	case KA_UP:
		if (h->sel > 0)
			h->sel--;
		break;
	case KA_DOWN:
		if (h->sel + 1 < h->h.n)
			h->sel++;
		break;
	case KA_PREV:
		h->sel = h->sel > 10 ? h->sel - 10 : 0;
		break;
	case KA_NEXT:
		h->sel = h->sel + 10 < h->h.n ? h->sel + 10 : h->h.n ? h->h.n - 1 : 0;
		break;
	case KA_SELECT:
		if (h->h.n)
			return (struct ui_nav){ .go = UI_GO_RESULTS, .arg = h->h.v[h->sel].id };
		break;
	case KA_MARK:
		if (!h->h.n)
			break;
		if (h->mark[0] == (long)h->sel) {
			h->mark[0] = h->mark[1];
			h->mark[1] = -1;
		} else if (h->mark[1] == (long)h->sel) {
			h->mark[1] = -1;
		} else {
			h->mark[1] = h->mark[0];
			h->mark[0] = (long)h->sel;
		}
		break;
	case KA_COMPARE:
		if (h->mark[0] >= 0 && h->mark[1] >= 0)
			return compare_of((size_t)h->mark[0], (size_t)h->mark[1]);
		if (h->mark[0] >= 0 && (size_t)h->mark[0] != h->sel)
			return compare_of((size_t)h->mark[0], h->sel);
		if (h->sel > 0)
			return compare_of(h->sel - 1, h->sel);
		ui_message(ui, true, _("Mark two assessments with Space, or highlight one that has a previous one."));
		break;
	case KA_BACK:
		return ui_back_to(h->back);
	case KA_START:
		return (struct ui_nav){ .go = UI_GO_START };
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static const struct ui_screen history_screen = { "history", KS_HISTORY, history_draw, history_key };

/* ---- comparing two ----------------------------------------------------- */

static void compare_draw(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	const struct asmt *a = &h->a, *b = &h->b;
	/* TRANSLATORS: a title: a separator, the organisation, a separator,
	 * then the screen's name. */
	char *left = xasprintf(_("itmaturity %s %s %s compare"), ui_sym(US_SEP), b->meta.org, ui_sym(US_SEP));
	char right[40];
	snprintf(right, sizeof(right), "%s %s %s", a->meta.taken, ui_sym(US_RIGHT), b->meta.taken);
	ui_title(ui, left, right);
	free(left);
	struct ui_canvas c;
	ui_cv_init(&c, 1, LINES - 2, 2, COLS - 4, ui->scroll);
	/* TRANSLATORS: the date, the questionnaire, the respondent, the role. */
	ui_cv_printf(ui, &c, ui_attr(ui, UC_DIM), _("A: %s, %s by %s (%s)"), a->meta.taken, a->q->title,
		  a->meta.respondent, a->meta.role);
	/* TRANSLATORS: the date, the questionnaire, the respondent, the role. */
	ui_cv_printf(ui, &c, ui_attr(ui, UC_DIM), _("B: %s, %s by %s (%s)"), b->meta.taken, b->q->title,
		  b->meta.respondent, b->meta.role);
	ui_cv_line(&c);
	const struct score_comparison *cmp = h->cmp;
	const struct score_summary *oa = &a->score->overall, *ob = &b->score->overall;
	if (!cmp->same_questionnaire)
		/* TRANSLATORS: a questionnaire's id and version, then the other's. */
		ui_cv_printf(ui, &c, ui_attr(ui, UC_WARN), cmp->other_text
			  ? _("The same version with different texts (%s %s and %s %s): questions are matched by id, "
			      "domains by id.")
			  : _("Different questionnaires (%s %s and %s %s): questions are matched by id, domains by id."),
			  a->q->id, a->q->version, b->q->id, b->q->version);
	if (!isnan(cmp->overall_change))
		/* TRANSLATORS: from one percentage to the other, the change, from
		 * one level's name to the other; each %s between is an arrow. */
		ui_cv_printf(ui, &c, ui_attr(ui, UC_HEAD), _("Overall: %.0f%% %s %.0f%% (%+.0f points), %s %s %s"),
			  oa->percent, ui_sym(US_RIGHT), ob->percent, cmp->overall_change, oa->level->name,
			  ui_sym(US_RIGHT), ob->level->name);
	ui_cv_line(&c);
	ui_cv_printf(ui, &c, ui_attr(ui, UC_HEAD), "%s", _("Domains"));
	for (size_t i = 0; i < cmp->n_domains && cmp->domains[i].b; i++) {
		const struct score_domain_change *d = &cmp->domains[i];
		char va[16] = "-", vb[16] = "-", ch[24] = "";
		if (d->a && d->a->s.scored)
			snprintf(va, sizeof(va), "%.0f%%", d->a->s.percent);
		if (d->b->s.scored)
			snprintf(vb, sizeof(vb), "%.0f%%", d->b->s.percent);
		if (!isnan(d->change))
			snprintf(ch, sizeof(ch), "%+.0f", d->change);
		/* The title in 30 columns, cut between characters. */
		size_t fit = text_fit(d->domain->title, 30);
		int pad = 30 - text_width(d->domain->title, fit);
		char *t = xasprintf("%.*s%*s %5s %s %-5s %s", (int)fit, d->domain->title, pad, "", va, ui_sym(US_RIGHT),
				    vb, ch);
		ui_cv_printf(ui, &c, isnan(d->change) || fabs(d->change) < 0.5 ? A_NORMAL
			  : d->change > 0 ? ui_attr(ui, UC_GOOD) : ui_attr(ui, UC_BAD), "%s", t);
		free(t);
	}
	ui_cv_line(&c);
	ui_cv_printf(ui, &c, ui_attr(ui, UC_HEAD), "%s", _("Answers that changed"));
	for (size_t i = 0; i < cmp->n_moved; i++) {
		const struct score_moved *m = &cmp->moved[i];
		const struct ans_answer *x = ans_get(a->answers, m->qa), *y = ans_get(b->answers, m->qb);
		char *bullet = xasprintf("%s ", ui_sym(US_BULLET));
		ui_cv_text(ui, &c, 0, bullet, ui_attr(ui, UC_KEY), m->qb->text, A_BOLD);
		free(bullet);
		/* TRANSLATORS: the answer before, an arrow, the answer after, a
		 * separator, then the note to it. */
		char *t = y->note ? xasprintf(_("%s %s %s %s note: %s"), ans_shown(x), ui_sym(US_RIGHT), ans_shown(y),
					      ui_sym(US_SEP), y->note)
				  : xasprintf("%s %s %s", ans_shown(x), ui_sym(US_RIGHT), ans_shown(y));
		ui_cv_text(ui, &c, 2, NULL, 0, t, ui_attr(ui, UC_DIM));
		free(t);
	}
	ui_cv_printf(ui, &c, ui_attr(ui, UC_DIM), _("%zu changed, %zu the same (questions in both)."), cmp->n_moved,
		  cmp->n_same);
	ui_cv_end(ui, &c);
}

static struct ui_nav compare_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KA_BACK:
		compare_free(&ui->hist);
		return (struct ui_nav){ .go = UI_GO_HISTORY };
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

static const struct ui_screen compare_screen = { "compare", KS_COMPARE, compare_draw, compare_key };
