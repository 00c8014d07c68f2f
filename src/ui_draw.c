/* ui_draw.c - the wizard's drawing helpers: the character set and the
 * symbols (decided once, from the locale), colours named by meaning, UTF-8
 * text cut to a width (in ASCII where the terminal has nothing else), the
 * title bar, bars, and the scrolling canvas with its word wrapping and
 * keys. */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

/* Whether the terminal shows UTF-8 (the locale's character set). */
static bool utf8 = true;

/* Every symbol the screens draw, as a UTF-8 terminal shows it and in
 * ASCII. No screen writes a symbol of its own. */
static const struct {
	const char *utf8, *ascii;
} symbols[US_COUNT] = {
	[US_SEP] = { "·", "-" },
	[US_POINTER] = { "▸", ">" },
	[US_DONE] = { "■", "#" },
	[US_TODO] = { "□", "." },
	[US_BAR_FULL] = { "█", "#" },
	[US_BAR_EMPTY] = { "░", "." },
	[US_TARGET] = { "┃", "|" },
	[US_RADIO_ON] = { "●", "(*)" },
	[US_RADIO_OFF] = { "○", "( )" },
	[US_RIGHT] = { "→", "->" },
	[US_ELLIPSIS] = { "…", "..." },
	[US_TIMES] = { "×", "x" },
	[US_MARKED] = { "◆", "*" },
	[US_RISE] = { "▲", "+" },
	[US_FALL] = { "▼", "-" },
	[US_NONE] = { "·", "." },
	[US_BULLET] = { "•", "*" },
	[US_BAND] = { "▒", "~" },
	[US_WARN] = { "⚠", "!" },
	[US_EXCLUDED] = { "✗", "-" },
	[US_DASH] = { "—", "--" },
	[US_DOWN] = { "↓", "..." },
	[US_PLUSMINUS] = { "±", "+/-" },
	[US_CURSOR] = { "▏", "_" },
	[US_SPARK] = { "▁", "_" },
	[US_SPARK + 1] = { "▂", "." },
	[US_SPARK + 2] = { "▃", ":" },
	[US_SPARK + 3] = { "▄", "-" },
	[US_SPARK + 4] = { "▅", "=" },
	[US_SPARK + 5] = { "▆", "+" },
	[US_SPARK + 6] = { "▇", "*" },
	[US_SPARK + 7] = { "█", "#" },
};

void ui_charset_start(void)
{
	utf8 = text_locale_utf8();
}

bool ui_utf8(void)
{
	return utf8;
}

const char *ui_sym(enum ui_sym s)
{
	return utf8 ? symbols[s].utf8 : symbols[s].ascii;
}

/* LEN bytes of TEXT as the terminal is to show them: a copy, or its ASCII
 * form. The caller frees it. */
static char *shown(const char *text, size_t len)
{
	char *s = xstrndup(text, len);
	if (utf8)
		return s;
	char *a = text_ascii(s);
	free(s);
	return a;
}

/* Text and wide characters are UTF-8 whatever the locale. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	if (!loc)
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return loc;
}

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
	/* The palette has the eight colours every colour terminal has (8 or
	 * 256); with fewer, or none, or NO_COLOR: the monochrome column. */
	if ((nc && *nc) || !has_colors() || start_color() != OK || COLORS < 8 || COLOR_PAIRS < UC_COUNT)
		return;
	/* The terminal's own colours where it can keep them, white on black
	 * where it cannot. */
	short fg0 = -1, bg0 = -1;
	if (use_default_colors() != OK)
		fg0 = COLOR_WHITE, bg0 = COLOR_BLACK;
	for (short i = 1; i < UC_COUNT; i++) {
		short bg = bg0;
		if (i == UC_TITLE)
			bg = COLOR_BLUE;
		else if (i == UC_SELECT)
			bg = COLOR_CYAN;
		init_pair(i, palette[i].fg < 0 ? fg0 : palette[i].fg, bg);
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
	locale_t old = utf8_locale() ? uselocale(utf8_locale()) : (locale_t)0;
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
	if (old)
		uselocale(old);
	*n = k;
	return w;
}

char *ui_narrow(const wchar_t *w, size_t n)
{
	char *s = xmalloc(n * 4 + 1), *o = s;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	locale_t old = utf8_locale() ? uselocale(utf8_locale()) : (locale_t)0;
	for (size_t i = 0; i < n; i++) {
		size_t r = wcrtomb(o, w[i], &st);
		if (r != (size_t)-1)
			o += r;
	}
	if (old)
		uselocale(old);
	*o = '\0';
	return s;
}

/* C as UTF-8 and as the terminal shows it; the caller frees it. */
static char *shown_wc(wchar_t c)
{
	char *s = ui_narrow(&c, 1), *a = shown(s, strlen(s));
	free(s);
	return a;
}

int ui_wcw(wchar_t c)
{
	if (!utf8) {
		if (c >= L' ' && c < 0x80)
			return 1;
		char *a = shown_wc(c);
		int w = (int)strlen(a);
		free(a);
		return w;
	}
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int ui_put_wc(int y, int x, attr_t a, wchar_t c)
{
	char *s = shown_wc(c);
	int w = ui_put(y, x, ui_width(s), a, s);
	free(s);
	return w;
}

int ui_width(const char *text)
{
	char *s = shown(text, strlen(text));
	size_t n;
	wchar_t *w = ui_widen(s, strlen(s), &n);
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += ui_wcw(w[i]);
	free(w);
	free(s);
	return cols;
}

/* Where a line of N wide characters WC cut to W columns ends (the room
 * left for the ellipsis not counted in W): the characters that fit; the
 * cut falls at the last space when that keeps at least half of the line. */
static size_t cut_at(const wchar_t *wc, size_t n, int w)
{
	int used = 0;
	size_t k = 0, space = 0;
	for (; k < n; k++) {
		int cw = ui_wcw(wc[k]);
		if (used + cw > w)
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
	char *s = shown(text, len);
	size_t n;
	wchar_t *wc = ui_widen(s, strlen(s), &n);
	free(s);
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
	const char *ellipsis = ui_sym(US_ELLIPSIS);
	int ew = ui_utf8() ? 1 : (int)strlen(ellipsis);
	bool cut = k < n && w >= ew;
	if (cut) {
		k = cut_at(wc, n, w - ew);
		used = 0;
		for (size_t i = 0; i < k; i++)
			used += ui_wcw(wc[i]);
	}
	attron(a);
	mvaddnwstr(y, x, wc, (int)k);
	if (cut) {
		mvaddstr(y, x + used, ellipsis);
		used += ew;
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
		const char *ch = ui_sym(i < full ? US_BAR_FULL : US_BAR_EMPTY);
		attr_t a = i < full ? fill : ui_attr(ui, UC_DIM);
		if (i == mark) {
			ch = ui_sym(US_TARGET);
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
			if (c == L' ' && !text_glued_space(text, j)) {
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
	char *shown_text = text ? shown(text, strlen(text)) : xstrdup("");
	text = shown_text;
	size_t n = wrap(text, c->cols - indent - pw, &st, &ln);
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
	free(shown_text);
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
	/* TRANSLATORS: at the foot of a page that goes on; %s is an arrow. */
	char *mark = xasprintf(_("%s more below"), ui_sym(US_DOWN));
	int row = c->top + c->rows - 1, w = ui_width(mark);
	mvhline(row, c->left, ' ', c->cols);
	ui_put(row, c->left + c->cols - w, w, ui_attr(ui, UC_KEY), mark);
	free(mark);
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
