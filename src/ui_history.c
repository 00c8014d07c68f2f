/* ui_history.c - an organisation's complete assessments over time, with a
 * trend per domain from the cached scores, and the comparison of any two. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/util.h"

#include "ui_impl.h"

static void compare_free(struct ui_history_state *h)
{
	if (h->loaded) {
		cli_assessment_free(&h->a);
		cli_assessment_free(&h->b);
	}
	h->loaded = false;
}

void ui_history_free(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	compare_free(h);
	for (size_t i = 0; i < h->n; i++)
		free(h->pct[i]);
	free(h->pct);
	for (size_t i = 0; i < h->n_cols; i++)
		free(h->cols[i]);
	free(h->cols);
	store_assessments_free(h->v, h->n);
	memset(h, 0, sizeof(*h));
}

static size_t column(struct ui_history_state *h, const char *domain, size_t *cap)
{
	for (size_t i = 0; i < h->n_cols; i++)
		if (strcmp(h->cols[i], domain) == 0)
			return i;
	grow_array((void **)&h->cols, cap, h->n_cols + 1, sizeof(*h->cols));
	h->cols[h->n_cols] = xstrdup(domain);
	return h->n_cols++;
}

void ui_history_open(struct ui *ui, int64_t org_id, const struct ui_screen *back)
{
	ui_history_free(ui);
	struct ui_history_state *h = &ui->hist;
	h->org_id = org_id;
	h->back = back;
	h->mark[0] = h->mark[1] = -1;
	struct store_filter f = { .org_id = org_id, .status = STORE_COMPLETE, .oldest_first = true };
	if (store_assessment_list(ui->store, &f, &h->v, &h->n)) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(ui->store), store_errmsg(ui->store));
		ui_fail(ui, "Cannot read the history");
		h->n = 0;
		h->v = NULL;
		return;
	}
	/* Columns in the order the domains first appear. */
	struct store_domain_score **sc = xcalloc(h->n + 1, sizeof(*sc));
	size_t *nsc = xcalloc(h->n + 1, sizeof(*nsc)), cap = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (store_domain_scores(ui->store, h->v[i].id, &sc[i], &nsc[i]))
			nsc[i] = 0;
		for (size_t k = 0; k < nsc[i]; k++)
			column(h, sc[i][k].domain, &cap);
	}
	h->pct = xcalloc(h->n + 1, sizeof(*h->pct));
	for (size_t i = 0; i < h->n; i++) {
		h->pct[i] = xcalloc(h->n_cols + 1, sizeof(**h->pct));
		for (size_t k = 0; k < h->n_cols; k++)
			h->pct[i][k] = NAN;
		for (size_t k = 0; k < nsc[i]; k++)
			h->pct[i][column(h, sc[i][k].domain, &cap)] = sc[i][k].percent;
		store_domain_scores_free(sc[i], nsc[i]);
	}
	free(sc);
	free(nsc);
	h->sel = h->n ? h->n - 1 : 0;
	ui_goto(ui, &ui_history_screen);
}

static const char *const spark[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

static void history_draw(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	char *left = xasprintf("itmaturity · %s · history", h->n ? h->v[0].org : "");
	char right[40];
	snprintf(right, sizeof(right), "%zu complete assessment%s", h->n, h->n == 1 ? "" : "s");
	ui_title(ui, left, right);
	free(left);
	if (!h->n) {
		ui_put(2, 2, COLS - 4, A_NORMAL, "No complete assessment yet.");
		return;
	}
	int x0 = 2, cw = 7;
	size_t shown_cols = h->n_cols;
	int fixed = 2 + 11 + 17 + 8;
	while (shown_cols && fixed + (int)shown_cols * cw > COLS - 4)
		shown_cols--;
	attr_t hd = ui_attr(ui, UC_HEAD);
	ui_put(2, x0, COLS - 4, hd, "  Date       Questionnaire    Overall");
	for (size_t k = 0; k < shown_cols; k++) {
		char c[16];
		snprintf(c, sizeof(c), "%.6s", h->cols[k]);
		ui_put(2, x0 + fixed + (int)k * cw, cw, hd, c);
	}
	int table_rows = LINES - 6 - (int)h->n_cols - 2;
	if (table_rows < 3)
		table_rows = 3;
	size_t first = h->sel >= (size_t)table_rows ? h->sel - (size_t)table_rows + 1 : 0;
	int y = 3;
	for (size_t i = first; i < h->n && y < 3 + table_rows; i++, y++) {
		bool sel = i == h->sel, marked = (long)i == h->mark[0] || (long)i == h->mark[1];
		attr_t a = sel ? ui_attr(ui, UC_SELECT) : A_NORMAL;
		if (sel) {
			attron(a);
			mvhline(y, x0, ' ', COLS - 4);
			attroff(a);
		}
		char row[120];
		snprintf(row, sizeof(row), "%s%s %s %-16.16s", sel ? "▸" : " ", marked ? "◆" : " ", h->v[i].taken,
			 h->v[i].qn_id);
		ui_put(y, x0, COLS - 4, a, row);
		char ov[16] = "  -";
		if (h->v[i].has_overall && !isnan(h->v[i].overall))
			snprintf(ov, sizeof(ov), "%5.0f%%", h->v[i].overall);
		ui_put(y, x0 + 30, 8, sel ? a : ui_attr(ui, UC_HEAD), ov);
		for (size_t k = 0; k < shown_cols; k++) {
			double v = h->pct[i][k], p = i > 0 ? h->pct[i - 1][k] : NAN;
			char c[24] = "   -";
			if (!isnan(v))
				snprintf(c, sizeof(c), "%3.0f%%%s", v, isnan(p) || fabs(v - p) < 0.5 ? " " : v > p ? "▲" : "▼");
			attr_t ca = sel ? a : isnan(p) || isnan(v) || fabs(v - p) < 0.5 ? A_NORMAL
					   : v > p ? ui_attr(ui, UC_GOOD) : ui_attr(ui, UC_BAD);
			ui_put(y, x0 + fixed + (int)k * cw, cw, ca, c);
		}
	}
	y = 3 + table_rows + 1;
	if (y < LINES - 2)
		ui_put(y++, x0, COLS - 4, hd, "Trend per domain, oldest to newest");
	for (size_t k = 0; k < h->n_cols && y < LINES - 1; k++, y++) {
		char name[24];
		snprintf(name, sizeof(name), "%-.14s", h->cols[k]);
		ui_put(y, x0, 15, A_NORMAL, name);
		int x = x0 + 16, maxw = COLS - 4 - 16 - 22;
		size_t from = h->n > (size_t)maxw ? h->n - (size_t)maxw : 0;
		double firstv = NAN, lastv = NAN;
		for (size_t i = from; i < h->n; i++, x++) {
			double v = h->pct[i][k];
			if (isnan(v)) {
				ui_put(y, x, 1, ui_attr(ui, UC_DIM), "·");
				continue;
			}
			if (isnan(firstv))
				firstv = v;
			lastv = v;
			int lvl = (int)(v / 100.0 * 7.999);
			ui_put(y, x, 1, ui_attr(ui, UC_BAR), spark[lvl < 0 ? 0 : lvl > 7 ? 7 : lvl]);
		}
		if (!isnan(firstv)) {
			char t[48];
			snprintf(t, sizeof(t), "%.0f%% → %.0f%% (%+.0f)", firstv, lastv, lastv - firstv);
			ui_put(y, x + 2, COLS - x - 4, lastv >= firstv ? ui_attr(ui, UC_GOOD) : ui_attr(ui, UC_BAD), t);
		}
	}
}

static void compare_open(struct ui *ui, size_t i, size_t j)
{
	struct ui_history_state *h = &ui->hist;
	compare_free(h);
	if (i > j) {
		size_t t = i;
		i = j;
		j = t;
	}
	if (cli_load_assessment(ui->store, &ui->qc, h->v[i].id, CLI_SUMMARY, &h->a) != EXIT_OK) {
		ui_fail(ui, "Cannot compare");
		return;
	}
	if (cli_load_assessment(ui->store, &ui->qc, h->v[j].id, CLI_SUMMARY, &h->b) != EXIT_OK) {
		cli_assessment_free(&h->a);
		ui_fail(ui, "Cannot compare");
		return;
	}
	h->loaded = true;
	ui_goto(ui, &ui_compare_screen);
}

static enum ui_step history_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	struct ui_history_state *h = &ui->hist;
	switch (a) {
	case KA_UP:
		if (h->sel > 0)
			h->sel--;
		break;
	case KA_DOWN:
		if (h->sel + 1 < h->n)
			h->sel++;
		break;
	case KA_PREV:
		h->sel = h->sel > 10 ? h->sel - 10 : 0;
		break;
	case KA_NEXT:
		h->sel = h->sel + 10 < h->n ? h->sel + 10 : h->n ? h->n - 1 : 0;
		break;
	case KA_SELECT:
		if (h->n)
			ui_results_open(ui, h->v[h->sel].id);
		break;
	case KA_MARK:
		if (!h->n)
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
			compare_open(ui, (size_t)h->mark[0], (size_t)h->mark[1]);
		else if (h->mark[0] >= 0 && (size_t)h->mark[0] != h->sel)
			compare_open(ui, (size_t)h->mark[0], h->sel);
		else if (h->sel > 0)
			compare_open(ui, h->sel - 1, h->sel);
		else
			ui_message(ui, true, "Mark two assessments with Space, or highlight one that has a previous one.");
		break;
	case KA_BACK:
		if (h->back == &ui_results_screen && ui->res_loaded) {
			ui_goto(ui, &ui_results_screen);
			break;
		}
		/* fall through */
	case KA_START:
		ui_start_load(ui);
		ui_goto(ui, &ui_start_screen);
		break;
	case KA_QUIT:
		return UI_QUIT;
	default:
		break;
	}
	return UI_STAY;
}

const struct ui_screen ui_history_screen = { "history", KS_HISTORY, history_draw, history_key };

/* ---- comparing two ----------------------------------------------------- */

static void line(const struct ui *ui, struct ui_canvas *c, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void line(const struct ui *ui, struct ui_canvas *c, attr_t a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	cv_text(ui, c, 0, NULL, 0, s, a);
	free(s);
}

static const char *key_of(const struct ans_answer *an)
{
	switch (an->kind) {
	case ANS_OPTION: return an->option->key;
	case ANS_NA: return "n/a";
	case ANS_UNKNOWN: return "don't know";
	default: return "unanswered";
	}
}

static void compare_draw(struct ui *ui)
{
	struct ui_history_state *h = &ui->hist;
	const struct cli_assessment *a = &h->a, *b = &h->b;
	char *left = xasprintf("itmaturity · %s · compare", b->meta.org);
	char right[40];
	snprintf(right, sizeof(right), "%s → %s", a->meta.taken, b->meta.taken);
	ui_title(ui, left, right);
	free(left);
	struct ui_canvas c;
	cv_init(&c, 1, LINES - 2, 2, COLS - 4, ui->scroll);
	line(ui, &c, ui_attr(ui, UC_DIM), "A: %s, %s by %s (%s)", a->meta.taken, a->q->title, a->meta.respondent,
	     a->meta.role);
	line(ui, &c, ui_attr(ui, UC_DIM), "B: %s, %s by %s (%s)", b->meta.taken, b->q->title, b->meta.respondent,
	     b->meta.role);
	cv_line(&c);
	const struct score_summary *oa = &a->score->overall, *ob = &b->score->overall;
	if (oa->scored && ob->scored)
		line(ui, &c, ui_attr(ui, UC_HEAD), "Overall: %.0f%% → %.0f%% (%+.0f points), %s → %s", oa->percent,
		     ob->percent, ob->percent - oa->percent, oa->level->name, ob->level->name);
	cv_line(&c);
	line(ui, &c, ui_attr(ui, UC_HEAD), "Domains");
	for (size_t i = 0; i < b->score->n_domains; i++) {
		const struct score_domain *db = &b->score->domains[i], *da = NULL;
		for (size_t k = 0; k < a->score->n_domains; k++)
			if (strcmp(a->score->domains[k].domain->id, db->domain->id) == 0)
				da = &a->score->domains[k];
		char va[16] = "-", vb[16] = "-", d[24] = "";
		if (da && da->s.scored)
			snprintf(va, sizeof(va), "%.0f%%", da->s.percent);
		if (db->s.scored)
			snprintf(vb, sizeof(vb), "%.0f%%", db->s.percent);
		double delta = da && da->s.scored && db->s.scored ? db->s.percent - da->s.percent : NAN;
		if (!isnan(delta))
			snprintf(d, sizeof(d), "%+.0f", delta);
		char *t = xasprintf("%-30.30s %5s → %-5s %s", db->domain->title, va, vb, d);
		line(ui, &c, isnan(delta) || fabs(delta) < 0.5 ? A_NORMAL : delta > 0 ? ui_attr(ui, UC_GOOD)
										       : ui_attr(ui, UC_BAD), "%s", t);
		free(t);
	}
	cv_line(&c);
	line(ui, &c, ui_attr(ui, UC_HEAD), "Answers that changed");
	size_t changed = 0, same = 0;
	for (size_t i = 0; i < b->q->n_questions; i++) {
		const struct qn_question *qb = b->q->questions[i];
		const struct qn_question *qa = qn_find_question(a->q, qb->ref);
		if (!qa)
			continue;
		const struct ans_answer *x = ans_get(a->answers, qa), *y = ans_get(b->answers, qb);
		if (strcmp(key_of(x), key_of(y)) == 0) {
			same++;
			continue;
		}
		changed++;
		cv_text(ui, &c, 0, "• ", ui_attr(ui, UC_KEY), qb->text, A_BOLD);
		char *t = xasprintf("%s → %s%s%s", key_of(x), key_of(y), y->note ? " · note: " : "",
				    y->note ? y->note : "");
		cv_text(ui, &c, 2, NULL, 0, t, ui_attr(ui, UC_DIM));
		free(t);
	}
	line(ui, &c, ui_attr(ui, UC_DIM), "%zu changed, %zu the same (questions in both).", changed, same);
	ui->page_rows = c.rows;
	ui->max_scroll = c.y > c.rows ? c.y - c.rows : 0;
}

static enum ui_step compare_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KA_BACK:
		compare_free(&ui->hist);
		ui_goto(ui, &ui_history_screen);
		break;
	case KA_START:
		ui_start_load(ui);
		ui_goto(ui, &ui_start_screen);
		break;
	case KA_QUIT:
		return UI_QUIT;
	default:
		ui_scroll_key(ui, a);
		break;
	}
	return UI_STAY;
}

const struct ui_screen ui_compare_screen = { "compare", KS_COMPARE, compare_draw, compare_key };
