/* ui_draw.c - the wizard's drawing helpers: colours named by meaning,
 * UTF-8 text cut to a width, the title bar, bars, and the scrolling canvas
 * with its word wrapping and keys. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "itmaturity/util.h"

#include "ui_impl.h"

static const struct {
	short fg;
	attr_t extra, mono;
} palette[UC_COUNT] = {
	[UC_NORMAL] = { -1, 0, 0 },
	[UC_TITLE] = { COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD },
	[UC_HEAD] = { COLOR_CYAN, A_BOLD, A_BOLD },
	[UC_GOOD] = { COLOR_GREEN, A_BOLD, A_BOLD },
	[UC_WARN] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[UC_BAD] = { COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
	[UC_SELECT] = { COLOR_BLACK, 0, A_REVERSE },
	[UC_DIM] = { -1, A_DIM, A_DIM },
	[UC_KEY] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[UC_BAR] = { COLOR_BLUE, 0, 0 },
	[UC_TARGET] = { COLOR_MAGENTA, A_BOLD, A_BOLD },
};

void ui_colors_start(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	for (short i = 1; i < UC_COUNT; i++) {
		short bg = -1;
		if (i == UC_TITLE)
			bg = COLOR_BLUE;
		else if (i == UC_SELECT)
			bg = COLOR_CYAN;
		init_pair(i, palette[i].fg, bg);
	}
	ui->colors = true;
}

attr_t ui_attr(const struct ui *ui, enum ui_color c)
{
	if (c == UC_NORMAL)
		return A_NORMAL;
	if (!ui->colors)
		return palette[c].mono;
	return COLOR_PAIR(c) | palette[c].extra;
}

wchar_t *ui_widen(const char *text, size_t len, size_t *n)
{
	wchar_t *w = xcalloc(len + 1, sizeof(*w));
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t i = 0, k = 0;
	while (i < len) {
		wchar_t c;
		size_t r = mbrtowc(&c, text + i, len - i, &st);
		if (r == 0)
			break;
		if (r == (size_t)-1 || r == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			c = L'?';
			r = 1;
		}
		w[k++] = c == L'\t' || c == L'\n' ? L' ' : c;
		i += r;
	}
	*n = k;
	return w;
}

int ui_wcw(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int ui_width(const char *text)
{
	size_t n;
	wchar_t *w = ui_widen(text, strlen(text), &n);
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += ui_wcw(w[i]);
	free(w);
	return cols;
}

/* Where a line of N wide characters WC cut to W columns ends: *K
 * characters fit, leaving room for the ellipsis; the cut falls at the last
 * space when that keeps at least half of the line. */
static size_t cut_at(const wchar_t *wc, size_t n, int w)
{
	int used = 0;
	size_t k = 0, space = 0;
	for (; k < n; k++) {
		int cw = ui_wcw(wc[k]);
		if (used + cw > w - 1)
			break;
		if (wc[k] == L' ')
			space = k;
		used += cw;
	}
	if (space > k / 2)
		k = space;
	while (k > 0 && wc[k - 1] == L' ')
		k--;
	return k;
}

/* Draws LEN bytes of TEXT, cut to W columns with an ellipsis when it is
 * wider. */
static int put_n(int y, int x, int w, attr_t a, const char *text, size_t len)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	size_t n;
	wchar_t *wc = ui_widen(text, len, &n);
	int used = 0;
	size_t k = 0;
	for (; k < n; k++) {
		int cw = ui_wcw(wc[k]);
		if (used + cw > w)
			break;
		if (wc[k] < L' ')
			wc[k] = L'?';
		used += cw;
	}
	bool cut = k < n;
	if (cut) {
		k = cut_at(wc, n, w);
		used = 0;
		for (size_t i = 0; i < k; i++)
			used += ui_wcw(wc[i]);
	}
	attron(a);
	mvaddnwstr(y, x, wc, (int)k);
	if (cut) {
		mvaddstr(y, x + used, "…");
		used++;
	}
	attroff(a);
	free(wc);
	return used;
}

int ui_put(int y, int x, int w, attr_t a, const char *text)
{
	return put_n(y, x, w, a, text, strlen(text));
}

int ui_put_before(int y, int x, int w, attr_t a, const char *text, const char *tail)
{
	int tw = ui_width(tail), used = ui_put(y, x, w - tw, a, text);
	return used + ui_put(y, x + used, w - used, a, tail);
}

void ui_title(const struct ui *ui, const char *left, const char *right)
{
	attr_t a = ui_attr(ui, UC_TITLE);
	attron(a);
	mvhline(0, 0, ' ', COLS);
	attroff(a);
	int rw = right ? ui_width(right) : 0;
	ui_put(0, 1, COLS - rw - 3, a, left);
	if (right)
		ui_put(0, COLS - rw - 1, rw, a, right);
}

void ui_bar(const struct ui *ui, int y, int x, int w, double percent, double target, attr_t fill)
{
	if (w <= 0)
		return;
	int full = isnan(percent) ? 0 : (int)lround(percent / 100.0 * w);
	int mark = isnan(target) ? -1 : (int)lround(target / 100.0 * w);
	if (mark >= w)
		mark = w - 1;
	for (int i = 0; i < w; i++) {
		const char *ch = i < full ? "█" : "░";
		attr_t a = i < full ? fill : ui_attr(ui, UC_DIM);
		if (i == mark) {
			ch = "┃";
			a = ui_attr(ui, UC_TARGET);
		}
		ui_put(y, x + i, 1, a, ch);
	}
}

/* Word-wraps TEXT to WIDTH columns: *STARTS and *LENS get the byte spans
 * of the lines (the caller frees both). Returns the number of lines. */
static size_t wrap(const char *text, int width, size_t **starts, size_t **lens)
{
	size_t len = strlen(text), n = 0, cap = 0;
	*starts = NULL;
	*lens = NULL;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	if (width < 1)
		width = 1;
	size_t i = 0;
	mbstate_t st;
	while (i < len) {
		while (i < len && text[i] == ' ')
			i++;
		size_t line = i, brk = 0, brk_next = 0, j = i;
		int cols = 0;
		bool hard = false;
		memset(&st, 0, sizeof(st));
		while (j < len) {
			if (text[j] == '\n') {
				brk = j;
				brk_next = j + 1;
				hard = true;
				break;
			}
			wchar_t c;
			size_t r = mbrtowc(&c, text + j, len - j, &st);
			if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
				memset(&st, 0, sizeof(st));
				c = L'?';
				r = 1;
			}
			int cw = ui_wcw(c);
			if (cols + cw > width)
				break;
			if (c == L' ') {
				brk = j;
				brk_next = j + 1;
			}
			cols += cw;
			j += r;
		}
		size_t end;
		if (hard) {
			end = brk;
			i = brk_next;
		} else if (j >= len) {
			end = len;
			i = len;
		} else if (brk > line) {
			end = brk;
			i = brk_next;
		} else {
			end = j > line ? j : line + 1;  /* a word longer than the line */
			i = end;
		}
		grow_array((void **)starts, &cap, n + 1, sizeof(**starts));
		size_t cap2 = n;
		grow_array((void **)lens, &cap2, n + 1, sizeof(**lens));
		(*starts)[n] = line;
		(*lens)[n] = end - line;
		n++;
	}
	return n;
}

void ui_cv_init(struct ui_canvas *c, int top, int rows, int left, int cols, int scroll)
{
	*c = (struct ui_canvas){ .top = top, .rows = rows, .left = left, .cols = cols, .scroll = scroll };
}

int ui_cv_line(struct ui_canvas *c)
{
	int r = c->y - c->scroll;
	c->y++;
	return r >= 0 && r < c->rows ? c->top + r : -1;
}

int ui_cv_text(const struct ui *ui, struct ui_canvas *c, int indent, const char *prefix, attr_t pattr,
	    const char *text, attr_t attr)
{
	(void)ui;
	int pw = prefix ? ui_width(prefix) : 0;
	size_t *st, *ln;
	size_t n = wrap(text ? text : "", c->cols - indent - pw, &st, &ln);
	if (n == 0) {
		int row = ui_cv_line(c);
		if (row >= 0 && prefix)
			ui_put(row, c->left + indent, pw, pattr, prefix);
		n = 1;
	}
	for (size_t i = 0; st && i < n; i++) {
		int row = ui_cv_line(c);
		if (row < 0)
			continue;
		if (i == 0 && prefix)
			ui_put(row, c->left + indent, pw, pattr, prefix);
		put_n(row, c->left + indent + pw, c->cols - indent - pw, attr, text + st[i], ln[i]);
	}
	free(st);
	free(ln);
	return (int)n;
}

int ui_cv_printf(const struct ui *ui, struct ui_canvas *c, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	int n = ui_cv_text(ui, c, 0, NULL, 0, s, attr);
	free(s);
	return n;
}

bool ui_cv_more(const struct ui *ui, const struct ui_canvas *c)
{
	if (c->y - c->scroll <= c->rows)
		return false;
	static const char mark[] = "↓ more below";
	int row = c->top + c->rows - 1, w = ui_width(mark);
	mvhline(row, c->left, ' ', c->cols);
	ui_put(row, c->left + c->cols - w, w, ui_attr(ui, UC_KEY), mark);
	return true;
}

void ui_cv_end(struct ui *ui, const struct ui_canvas *c)
{
	ui->page_rows = c->rows;
	ui->max_scroll = c->y > c->rows ? c->y - c->rows : 0;
	ui_cv_more(ui, c);
}

void ui_scroll_key(struct ui *ui, enum keys_action a)
{
	int page = ui->page_rows > 1 ? ui->page_rows - 1 : 1;
	if (a == KA_UP)
		ui->scroll--;
	else if (a == KA_DOWN)
		ui->scroll++;
	else if (a == KA_NEXT)
		ui->scroll += page;
	else if (a == KA_PREV)
		ui->scroll -= page;
	if (ui->scroll > ui->max_scroll)
		ui->scroll = ui->max_scroll;
	if (ui->scroll < 0)
		ui->scroll = 0;
}
