/* ui_overlay.c - the overlays drawn over a screen: the text prompt and
 * the list to choose from, which take every key while they are open (their
 * bindings are the key table's KS_PROMPT and KS_PICK, also shown on the
 * status line meanwhile). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "itmaturity/util.h"

#include "ui_impl.h"

void ui_prompt(struct ui *ui, const char *title, const char *initial, ui_prompt_done done)
{
	snprintf(ui->prompt.title, sizeof(ui->prompt.title), "%s", title);
	size_t n = 0;
	if (initial) {
		wchar_t *w = ui_widen(initial, strlen(initial), &n);
		if (n > UI_PROMPT_MAX)
			n = UI_PROMPT_MAX;
		wmemcpy(ui->prompt.buf, w, n);
		free(w);
	}
	ui->prompt.buf[n] = L'\0';
	ui->prompt.len = ui->prompt.pos = n;
	ui->prompt.done = done;
	ui->prompt.on = true;
}

void ui_pick(struct ui *ui, const char *title, char **items, size_t n, size_t sel, ui_pick_done done)
{
	ui->pick.title = xstrdup(title);
	ui->pick.items = items;
	ui->pick.n = n;
	ui->pick.sel = sel < n ? sel : 0;
	ui->pick.done = done;
	ui->pick.on = true;
}

void ui_pick_close(struct ui *ui)
{
	if (!ui->pick.on)
		return;
	for (size_t i = 0; i < ui->pick.n; i++)
		free(ui->pick.items[i]);
	free(ui->pick.items);
	free(ui->pick.title);
	ui->pick.items = NULL;
	ui->pick.title = NULL;
	ui->pick.n = 0;
	ui->pick.on = false;
}

/* A frame with TITLE (or none) in its top edge, blank inside, and a blank
 * column either side so that nothing of the screen behind touches it. */
static void box_at(const struct ui *ui, int y, int x, int h, int w, const char *title)
{
	attr_t a = ui_attr(ui, UC_HEAD);
	int l = x > 0 ? x - 1 : x, r2 = x + w < COLS ? x + w + 1 : x + w;
	for (int r = y; r < y + h; r++)
		mvhline(r, l, ' ', r2 - l);
	attron(a);
	/* ncurses' line characters: what the terminal can draw. */
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	attroff(a);
	if (!title)
		return;
	char t[200];
	snprintf(t, sizeof(t), " %s ", title);
	ui_put(y, x + 2, w - 4, a, t);
}

static void prompt_draw(const struct ui *ui)
{
	int w = COLS - 8 < 72 ? COLS - 8 : 72, x = (COLS - w) / 2;
	/* The title wrapped: its lines counted first (a canvas of no rows
	 * draws nothing), then drawn in the box. */
	struct ui_canvas c;
	ui_cv_init(&c, 0, 0, x + 2, w - 4, 0);
	int n = ui_cv_text(ui, &c, 0, NULL, 0, ui->prompt.title, 0);
	if (n > LINES - 8)
		n = LINES - 8;
	int h = n + 5, y = (LINES - h) / 2;
	box_at(ui, y, x, h, w, NULL);
	ui_cv_init(&c, y + 1, n, x + 2, w - 4, 0);
	ui_cv_text(ui, &c, 0, NULL, 0, ui->prompt.title, ui_attr(ui, UC_HEAD));
	y += n - 1;
	/* The text, scrolled so that the cursor shows. */
	int fw = w - 4, before = 0;
	size_t first = 0;
	for (size_t i = ui->prompt.pos; i > 0; i--) {
		before += ui_wcw(ui->prompt.buf[i - 1]);
		if (before >= fw - 1) {
			first = i;
			break;
		}
	}
	attr_t a = ui_attr(ui, UC_SELECT);
	attron(a);
	mvhline(y + 3, x + 2, ' ', fw);
	int used = 0, cx = x + 2;
	for (size_t i = first; i < ui->prompt.len; i++) {
		int cw = ui_wcw(ui->prompt.buf[i]);
		if (used + cw > fw)
			break;
		if (i == ui->prompt.pos)
			cx = x + 2 + used;
		ui_put_wc(y + 3, x + 2 + used, a, ui->prompt.buf[i]);
		used += cw;
	}
	if (ui->prompt.pos >= ui->prompt.len)
		cx = x + 2 + used;
	attroff(a);
	if (cx < x + 2 + fw)
		mvaddstr(y + 3, cx, ui_sym(US_CURSOR));
}

/* Closes the prompt and calls back with the text typed, trimmed (OK), or
 * with NULL. */
static void prompt_end(struct ui *ui, bool ok)
{
	ui->prompt.on = false;
	if (!ok) {
		ui->prompt.done(ui, NULL);
		return;
	}
	char *s = ui_narrow(ui->prompt.buf, ui->prompt.len);
	/* Trim spaces at both ends. */
	char *p = s;
	while (*p == ' ')
		p++;
	size_t l = strlen(p);
	while (l && p[l - 1] == ' ')
		p[--l] = '\0';
	ui->prompt.done(ui, p);
	free(s);
}

static void prompt_key(struct ui *ui, enum keys_action a, int key)
{
	size_t *len = &ui->prompt.len, *pos = &ui->prompt.pos;
	wchar_t *b = ui->prompt.buf;
	switch (a) {
	case KA_SELECT:
	case KA_BACK:
		prompt_end(ui, a == KA_SELECT);
		break;
	case KA_ERASE:
		if (*pos > 0) {
			wmemmove(b + *pos - 1, b + *pos, *len - *pos);
			(*pos)--;
			(*len)--;
		}
		break;
	case KA_DELETE:
		if (*pos < *len) {
			wmemmove(b + *pos, b + *pos + 1, *len - *pos - 1);
			(*len)--;
		}
		break;
	case KA_PREV:
		if (*pos > 0)
			(*pos)--;
		break;
	case KA_NEXT:
		if (*pos < *len)
			(*pos)++;
		break;
	case KA_FIRST:
		*pos = 0;
		break;
	case KA_LAST:
		*pos = *len;
		break;
	case KA_CLEAR:
		*len = *pos = 0;
		break;
	default:
		/* Every other character is typed. */
		/* Without UTF-8, what the terminal sends beyond ASCII is no
		 * character we can know. */
		if (key >= ' ' && key < (ui_utf8() ? KEYS_BASE : 0x7F) && *len < UI_PROMPT_MAX) {
			wmemmove(b + *pos + 1, b + *pos, *len - *pos);
			b[(*pos)++] = (wchar_t)key;
			(*len)++;
		}
		break;
	}
}

static void pick_draw(const struct ui *ui)
{
	int w = 0;
	for (size_t i = 0; i < ui->pick.n; i++) {
		int iw = ui_width(ui->pick.items[i]);
		if (iw > w)
			w = iw;
	}
	int tw = ui_width(ui->pick.title) + 6;
	w = (w + 6 > tw ? w + 6 : tw);
	if (w > COLS - 4)
		w = COLS - 4;
	int rows = (int)ui->pick.n, maxrows = LINES - 6;
	if (rows > maxrows)
		rows = maxrows;
	int h = rows + 2, x = (COLS - w) / 2, y = (LINES - h) / 2;
	box_at(ui, y, x, h, w, ui->pick.title);
	size_t first = 0;
	if (ui->pick.sel >= (size_t)rows)
		first = ui->pick.sel - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = first + (size_t)r;
		bool s = i == ui->pick.sel;
		attr_t a = s ? ui_attr(ui, UC_SELECT) : A_NORMAL;
		if (s) {
			attron(a);
			mvhline(y + 1 + r, x + 1, ' ', w - 2);
			attroff(a);
		}
		ui_put(y + 1 + r, x + 2, w - 4, a, s ? ui_sym(US_POINTER) : " ");
		ui_put(y + 1 + r, x + 4, w - 6, a, ui->pick.items[i]);
	}
}

/* Closes the list and calls back with item I (-1: cancelled). */
static void pick_end(struct ui *ui, long i)
{
	ui_pick_done done = ui->pick.done;
	ui_pick_close(ui);
	done(ui, i);
}

static void pick_key(struct ui *ui, enum keys_action a, int key)
{
	switch (a) {
	case KA_UP:
		if (ui->pick.sel > 0)
			ui->pick.sel--;
		break;
	case KA_DOWN:
		if (ui->pick.sel + 1 < ui->pick.n)
			ui->pick.sel++;
		break;
	case KA_FIRST:
		ui->pick.sel = 0;
		break;
	case KA_LAST:
		ui->pick.sel = ui->pick.n ? ui->pick.n - 1 : 0;
		break;
	case KA_SELECT:
		pick_end(ui, (long)ui->pick.sel);
		break;
	case KA_BACK:
		pick_end(ui, -1);
		break;
	case KA_ANSWER:
		if ((size_t)(key - '1') < ui->pick.n)
			pick_end(ui, key - '1');
		break;
	default:
		break;
	}
}

unsigned ui_overlay_keys(const struct ui *ui)
{
	return ui->prompt.on ? KS_PROMPT : ui->pick.on ? KS_PICK : 0;
}

bool ui_overlay_key(struct ui *ui, int key)
{
	unsigned ks = ui_overlay_keys(ui);
	if (ks == KS_PROMPT)
		prompt_key(ui, keys_lookup(ks, key), key);
	else if (ks == KS_PICK)
		pick_key(ui, keys_lookup(ks, key), key);
	return ks != 0;
}

void ui_overlay_draw(const struct ui *ui)
{
	if (ui->pick.on)
		pick_draw(ui);
	if (ui->prompt.on)
		prompt_draw(ui);
}
