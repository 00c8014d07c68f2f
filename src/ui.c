/* ui.c - the wizard's terminal: start-up and the refusal without a usable
 * terminal, the loop, resize and the "too small" screen, signals,
 * colours, drawing helpers, and the prompt and list overlays. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>

#include "itmaturity/keys.h"
#include "itmaturity/ui.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

/* ---- drawing ---------------------------------------------------------- */

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

static void colors_start(struct ui *ui)
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

/* Decodes TEXT into wide characters (bad bytes become '?'); *N is set to
 * the count. The caller frees the result. */
static wchar_t *widen(const char *text, size_t len, size_t *n)
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

static int wcw(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int ui_width(const char *text)
{
	size_t n;
	wchar_t *w = widen(text, strlen(text), &n);
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += wcw(w[i]);
	free(w);
	return cols;
}

static int put_n(int y, int x, int w, attr_t a, const char *text, size_t len)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	size_t n;
	wchar_t *wc = widen(text, len, &n);
	int used = 0;
	size_t k = 0;
	for (; k < n; k++) {
		int cw = wcw(wc[k]);
		if (used + cw > w)
			break;
		if (wc[k] < L' ')
			wc[k] = L'?';
		used += cw;
	}
	attron(a);
	mvaddnwstr(y, x, wc, (int)k);
	attroff(a);
	free(wc);
	return used;
}

int ui_put(int y, int x, int w, attr_t a, const char *text)
{
	return put_n(y, x, w, a, text, strlen(text));
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
			int cw = wcw(c);
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

void cv_init(struct ui_canvas *c, int top, int rows, int left, int cols, int scroll)
{
	*c = (struct ui_canvas){ .top = top, .rows = rows, .left = left, .cols = cols, .scroll = scroll };
}

int cv_line(struct ui_canvas *c)
{
	int r = c->y - c->scroll;
	c->y++;
	return r >= 0 && r < c->rows ? c->top + r : -1;
}

int cv_text(const struct ui *ui, struct ui_canvas *c, int indent, const char *prefix, attr_t pattr,
	    const char *text, attr_t attr)
{
	(void)ui;
	int pw = prefix ? ui_width(prefix) : 0;
	size_t *st, *ln;
	size_t n = wrap(text ? text : "", c->cols - indent - pw, &st, &ln);
	if (n == 0) {
		int row = cv_line(c);
		if (row >= 0 && prefix)
			ui_put(row, c->left + indent, pw, pattr, prefix);
		n = 1;
	}
	for (size_t i = 0; st && i < n; i++) {
		int row = cv_line(c);
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

/* ---- messages, overlays --------------------------------------------- */

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_error = error;
}

void ui_fail(struct ui *ui, const char *what)
{
	char last[400] = "";
	if (ui->errlog) {
		fflush(stderr);
		rewind(ui->errlog);
		char line[400];
		while (fgets(line, sizeof(line), ui->errlog))
			if (line[0] != '\n')
				snprintf(last, sizeof(last), "%s", line);
		fseek(ui->errlog, 0, SEEK_END);
	}
	size_t l = strlen(last);
	while (l && last[l - 1] == '\n')
		last[--l] = '\0';
	const char *m = strncmp(last, "itmaturity: ", 12) == 0 ? last + 12 : last;
	ui_message(ui, true, "%s%s%s", what, *m ? ": " : "", m);
}

void ui_prompt(struct ui *ui, const char *title, const char *initial, ui_prompt_done done)
{
	snprintf(ui->prompt.title, sizeof(ui->prompt.title), "%s", title);
	size_t n = 0;
	if (initial) {
		wchar_t *w = widen(initial, strlen(initial), &n);
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

static void pick_close(struct ui *ui)
{
	for (size_t i = 0; i < ui->pick.n; i++)
		free(ui->pick.items[i]);
	free(ui->pick.items);
	free(ui->pick.title);
	ui->pick.items = NULL;
	ui->pick.title = NULL;
	ui->pick.n = 0;
	ui->pick.on = false;
}

static void box_at(const struct ui *ui, int y, int x, int h, int w, const char *title)
{
	attr_t a = ui_attr(ui, UC_HEAD);
	for (int r = y; r < y + h; r++)
		mvhline(r, x, ' ', w);
	attron(a);
	mvaddstr(y, x, "┌");
	mvaddstr(y, x + w - 1, "┐");
	mvaddstr(y + h - 1, x, "└");
	mvaddstr(y + h - 1, x + w - 1, "┘");
	for (int i = 1; i < w - 1; i++) {
		mvaddstr(y, x + i, "─");
		mvaddstr(y + h - 1, x + i, "─");
	}
	for (int r = y + 1; r < y + h - 1; r++) {
		mvaddstr(r, x, "│");
		mvaddstr(r, x + w - 1, "│");
	}
	attroff(a);
	char t[200];
	snprintf(t, sizeof(t), " %s ", title);
	ui_put(y, x + 2, w - 4, a, t);
}

static void prompt_draw(const struct ui *ui)
{
	int w = COLS - 8 < 72 ? COLS - 8 : 72, x = (COLS - w) / 2, y = LINES / 2 - 3;
	box_at(ui, y, x, 6, w, "Type, then Enter (Esc: cancel)");
	ui_put(y + 1, x + 2, w - 4, ui_attr(ui, UC_HEAD), ui->prompt.title);
	/* The text, scrolled so that the cursor shows. */
	int fw = w - 4, before = 0;
	size_t first = 0;
	for (size_t i = ui->prompt.pos; i > 0; i--) {
		before += wcw(ui->prompt.buf[i - 1]);
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
		int cw = wcw(ui->prompt.buf[i]);
		if (used + cw > fw)
			break;
		if (i == ui->prompt.pos)
			cx = x + 2 + used;
		mvaddnwstr(y + 3, x + 2 + used, &ui->prompt.buf[i], 1);
		used += cw;
	}
	if (ui->prompt.pos >= ui->prompt.len)
		cx = x + 2 + used;
	attroff(a);
	if (cx < x + 2 + fw)
		mvaddstr(y + 3, cx, "▏");
}

static void prompt_key(struct ui *ui, int key)
{
	size_t *len = &ui->prompt.len, *pos = &ui->prompt.pos;
	wchar_t *b = ui->prompt.buf;
	if (key == KEYS_ENTER || key == KEYS_ESC) {
		ui->prompt.on = false;
		if (key == KEYS_ESC) {
			ui->prompt.done(ui, NULL);
			return;
		}
		size_t cap = *len * MB_CUR_MAX + 1;
		char *s = xmalloc(cap);
		b[*len] = L'\0';
		size_t r = wcstombs(s, b, cap);
		if (r == (size_t)-1)
			s[0] = '\0';
		/* Trim spaces at both ends. */
		char *p = s;
		while (*p == ' ')
			p++;
		size_t l = strlen(p);
		while (l && p[l - 1] == ' ')
			p[--l] = '\0';
		ui->prompt.done(ui, p);
		free(s);
	} else if (key == KEYS_BACKSPACE || key == 127 || key == 8) {
		if (*pos > 0) {
			wmemmove(b + *pos - 1, b + *pos, *len - *pos);
			(*pos)--;
			(*len)--;
		}
	} else if (key == KEYS_DELETE) {
		if (*pos < *len) {
			wmemmove(b + *pos, b + *pos + 1, *len - *pos - 1);
			(*len)--;
		}
	} else if (key == KEYS_LEFT) {
		if (*pos > 0)
			(*pos)--;
	} else if (key == KEYS_RIGHT) {
		if (*pos < *len)
			(*pos)++;
	} else if (key == KEYS_HOME) {
		*pos = 0;
	} else if (key == KEYS_END) {
		*pos = *len;
	} else if (key == KEYS_CTRL_U) {
		*len = *pos = 0;
	} else if (key >= ' ' && key < KEYS_BASE && *len < UI_PROMPT_MAX) {
		wmemmove(b + *pos + 1, b + *pos, *len - *pos);
		b[(*pos)++] = (wchar_t)key;
		(*len)++;
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
		ui_put(y + 1 + r, x + 2, w - 4, a, s ? "▸ " : "  ");
		ui_put(y + 1 + r, x + 4, w - 6, a, ui->pick.items[i]);
	}
}

static void pick_key(struct ui *ui, int key)
{
	if (key == KEYS_UP || key == 'k') {
		if (ui->pick.sel > 0)
			ui->pick.sel--;
	} else if (key == KEYS_DOWN || key == 'j') {
		if (ui->pick.sel + 1 < ui->pick.n)
			ui->pick.sel++;
	} else if (key == KEYS_HOME) {
		ui->pick.sel = 0;
	} else if (key == KEYS_END) {
		ui->pick.sel = ui->pick.n ? ui->pick.n - 1 : 0;
	} else if (key == KEYS_ENTER || key == KEYS_ESC || key == 'q') {
		ui_pick_done done = ui->pick.done;
		long i = key == KEYS_ENTER ? (long)ui->pick.sel : -1;
		pick_close(ui);
		done(ui, i);
	} else if (key >= '1' && key <= '9' && (size_t)(key - '1') < ui->pick.n) {
		ui_pick_done done = ui->pick.done;
		long i = key - '1';
		pick_close(ui);
		done(ui, i);
	}
}

void ui_goto(struct ui *ui, const struct ui_screen *screen)
{
	ui->screen = screen;
	ui->scroll = 0;
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

/* ---- the key help screen -------------------------------------------- */

static void help_draw(struct ui *ui)
{
	ui_title(ui, "itmaturity · keys", NULL);
	char **v;
	size_t n = keys_help_lines(KS_ALL, &v);
	struct ui_canvas c;
	cv_init(&c, 1, LINES - 2, 1, COLS - 2, ui->scroll);
	cv_line(&c);
	cv_text(ui, &c, 0, NULL, 0, "Every key of the wizard, and where it works [in brackets]. "
		"Ctrl-C leaves at once; every answer is already saved, so the draft is kept.",
		ui_attr(ui, UC_HEAD));
	cv_line(&c);
	for (size_t i = 0; i < n; i++)
		cv_text(ui, &c, 0, NULL, 0, v[i], A_NORMAL);
	keys_lines_free(v, n);
	ui->page_rows = c.rows;
	ui->max_scroll = c.y > c.rows ? c.y - c.rows : 0;
}

static enum ui_step help_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	if (a == KA_BACK) {
		ui->screen = ui->help_back ? ui->help_back : &ui_start_screen;
		ui->scroll = 0;
	} else {
		ui_scroll_key(ui, a);
	}
	return UI_STAY;
}

const struct ui_screen ui_help_screen = { "help", KS_HELP, help_draw, help_key };

/* ---- the loop ------------------------------------------------------- */

static volatile sig_atomic_t got_signal;
static struct ui *active;   /* while curses runs: for the exit handler */

static void on_signal(int sig)
{
	got_signal = sig;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void trace_line(const struct ui *ui, const char *what, const char *arg)
{
	if (ui->trace) {
		fprintf(ui->trace, "%.3f %s %s\n", now_ms(), what, arg);
		fflush(ui->trace);
	}
}

static void stderr_restore(struct ui *ui)
{
	if (!ui->errlog)
		return;
	fflush(stderr);
	dup2(ui->saved_stderr, 2);
	close(ui->saved_stderr);
	rewind(ui->errlog);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), ui->errlog)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(ui->errlog);
	ui->errlog = NULL;
}

/* Restores the terminal if the process leaves through exit() while curses
 * runs (out of memory). */
static void at_exit(void)
{
	if (active) {
		endwin();
		stderr_restore(active);
		active = NULL;
	}
}

static int refuse(const char *why, const char *term)
{
	fputs("itmaturity: ", stderr);
	fprintf(stderr, why, term);
	fputs("; the wizard needs an interactive terminal that can move the cursor.\n"
	      "To take an assessment without one, fill in an answers file: "
	      "'itmaturity assess --template > answers.yaml', then "
	      "'itmaturity assess --answers answers.yaml --org NAME'.\n", stderr);
	return UI_EXIT_NO_TERMINAL;
}

/* Whether the terminal of standard output can address the cursor. */
static int terminal_check(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return refuse("standard input and output are not a terminal%s", "");
	const char *term = getenv("TERM");
	if (!term || !*term)
		return refuse("TERM is not set%s", "");
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return refuse("the terminal type '%s' is unknown", term);
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (const char *)-1;
	del_curterm(cur_term);
	if (!ok)
		return refuse("the terminal type '%s' cannot move the cursor", term);
	return 0;
}

static int map_key(int r, wint_t wch)
{
	if (r == KEY_CODE_YES) {
		switch (wch) {
		case KEY_UP: return KEYS_UP;
		case KEY_DOWN: return KEYS_DOWN;
		case KEY_LEFT: return KEYS_LEFT;
		case KEY_RIGHT: return KEYS_RIGHT;
		case KEY_PPAGE: return KEYS_PGUP;
		case KEY_NPAGE: return KEYS_PGDN;
		case KEY_HOME: return KEYS_HOME;
		case KEY_END: return KEYS_END;
		case KEY_ENTER: return KEYS_ENTER;
		case KEY_BACKSPACE: return KEYS_BACKSPACE;
		case KEY_DC: return KEYS_DELETE;
		case KEY_F(1): return KEYS_F1;
		case KEY_RESIZE: return KEYS_RESIZE;
		default: return -1;
		}
	}
	switch (wch) {
	case '\r': case '\n': return KEYS_ENTER;
	case 27: return KEYS_ESC;
	case '\t': return KEYS_TAB;
	case 127: case 8: return KEYS_BACKSPACE;
	default: return (int)wch;
	}
}

static int next_key(struct ui *ui)
{
	if (ui->script_pos < ui->n_script)
		return ui->script[ui->script_pos++];
	wint_t wch;
	int r = wget_wch(stdscr, &wch);
	if (r == ERR)
		return -1;
	return map_key(r, wch);
}

static void too_small(const struct ui *ui)
{
	char size[80];
	snprintf(size, sizeof(size), "This terminal is %d×%d; itmaturity needs at least %d×%d.", COLS,
		 LINES, UI_MIN_COLS, UI_MIN_ROWS);
	struct ui_canvas c;
	cv_init(&c, 0, LINES, 0, COLS, 0);
	cv_text(ui, &c, 0, NULL, 0, "Terminal too small", ui_attr(ui, UC_BAD));
	cv_text(ui, &c, 0, NULL, 0, size, A_NORMAL);
	cv_text(ui, &c, 0, NULL, 0, "Enlarge the window (nothing is lost), or press q to quit.", A_NORMAL);
}

static void draw(struct ui *ui)
{
	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		too_small(ui);
		wnoutrefresh(stdscr);
		doupdate();
		trace_line(ui, "frame", "too-small");
		return;
	}
	ui->screen->draw(ui);
	/* The status line: a message, or the keys of this screen. */
	attr_t a = ui_attr(ui, ui->msg[0] ? (ui->msg_error ? UC_BAD : UC_GOOD) : UC_DIM);
	move(LINES - 1, 0);
	clrtoeol();
	if (ui->msg[0]) {
		ui_put(LINES - 1, 1, COLS - 2, a, ui->msg);
	} else {
		char *s = keys_status_line(ui->screen->keys, COLS - 2);
		ui_put(LINES - 1, 1, COLS - 2, a, s);
		free(s);
	}
	if (ui->pick.on)
		pick_draw(ui);
	if (ui->prompt.on)
		prompt_draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
	trace_line(ui, "frame", ui->prompt.on ? "prompt" : ui->pick.on ? "list" : ui->screen->name);
}

static void handle(struct ui *ui, int key, bool *quit)
{
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		if (key == 'q')
			*quit = true;
		return;
	}
	ui->msg[0] = '\0';
	if (ui->prompt.on) {
		prompt_key(ui, key);
		return;
	}
	if (ui->pick.on) {
		pick_key(ui, key);
		return;
	}
	enum keys_action a = keys_lookup(ui->screen->keys, key);
	if (a == KA_KEYS) {
		ui->help_back = ui->screen;
		ui_goto(ui, &ui_help_screen);
		return;
	}
	if (ui->screen->key(ui, a, key) == UI_QUIT)
		*quit = true;
}

static void loop(struct ui *ui)
{
	bool dirty = true, quit = false;
	while (!quit) {
		if (got_signal)
			break;
		if (dirty)
			draw(ui);
		dirty = false;
		if (ui->pack && store_pack(ui->store, ui->pack))
			cli_fail(0, "%s: the assessment is complete, but packing its answers for faster "
				 "reading failed: %s", store_path(ui->store), store_errmsg(ui->store));
		ui->pack = 0;
		int key = next_key(ui);
		if (key < 0)
			continue;
		trace_line(ui, "key", keys_name(key));
		dirty = true;
		if (key == KEYS_RESIZE)
			continue;
		if (key == KEYS_CTRL_C) {
			got_signal = SIGINT;
			break;
		}
		handle(ui, key, &quit);
	}
	if (got_signal == SIGINT)
		ui->status = UI_EXIT_SIGINT;
	else if (got_signal == SIGTERM)
		ui->status = UI_EXIT_SIGTERM;
	else if (got_signal == SIGHUP)
		ui->status = UI_EXIT_SIGHUP;
}

static void farewell(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	if (!s)
		return;
	free(ui->farewell);
	ui->farewell = xasprintf("itmaturity: the draft of %s (assessment %lld, %zu of %zu answered) is "
				 "kept; run 'itmaturity' to resume it.\n",
				 s->a.meta.org, (long long)s->a.meta.id, ui_session_answered(ui, -1),
				 s->a.q->n_questions);
}

int ui_run(const struct ui_start *opts)
{
	struct ui ui = { .opts = opts, .saved_stderr = -1 };
	const char *tf = getenv("ITMATURITY_TRACE");
	if (tf && *tf && !(ui.trace = fopen(tf, "a")))
		return cli_fail(EXIT_FAIL, "ITMATURITY_TRACE: %s: %s", tf, strerror(errno));
	const char *ks = getenv("ITMATURITY_KEYS");
	if (ks && *ks && (ui.n_script = keys_parse_script(ks, &ui.script)) < 0) {
		if (ui.trace)
			fclose(ui.trace);
		return cli_fail(EXIT_USAGE, "ITMATURITY_KEYS: not a key script (see itmaturity(1))");
	}
	trace_line(&ui, "start", "");
	int rc = terminal_check();
	if (rc)
		goto out;
	ui.cli = (struct cli){ .db = opts->db, .read_only = opts->read_only };
	if (!(ui.store = cli_open_db(&ui.cli, DB_WRITE))) {
		rc = EXIT_FAIL;
		goto out;
	}
	struct itm_errors errs = { 0 };
	ui.n_cat = qn_catalog(&ui.cat, &errs);
	errs_free(&errs);
	size_t valid = 0;
	for (size_t i = 0; i < ui.n_cat; i++)
		valid += ui.cat[i].id != NULL;
	if (!valid) {
		rc = cli_fail(EXIT_FAIL, "no questionnaires found (see 'itmaturity questionnaires')");
		goto out;
	}

	/* Curses from here: standard error goes to a file until the end, and
	 * is then copied out, so that messages of the helpers neither garble
	 * the screen nor get lost. */
	fflush(stderr);
	ui.errlog = tmpfile();
	if (ui.errlog) {
		ui.saved_stderr = dup(STDERR_FILENO);
		if (ui.saved_stderr < 0 || dup2(fileno(ui.errlog), STDERR_FILENO) < 0) {
			if (ui.saved_stderr >= 0)
				close(ui.saved_stderr);
			fclose(ui.errlog);
			ui.errlog = NULL;
		}
	}
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		stderr_restore(&ui);
		rc = refuse("the terminal '%s' cannot be started", getenv("TERM"));
		goto out;
	}
	set_term(scr);
	active = &ui;
	static bool registered;
	if (!registered && atexit(at_exit) == 0)
		registered = true;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	wtimeout(stdscr, 250);
	colors_start(&ui);
	/* Ours after curses' own: they only set a flag the loop acts on. */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	got_signal = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ui_start_load(&ui);
	ui.screen = &ui_start_screen;
	loop(&ui);
	farewell(&ui);

	endwin();
	active = NULL;
	delscreen(scr);
	stderr_restore(&ui);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	rc = ui.status;
	if (ui.farewell)
		fputs(ui.farewell, rc ? stderr : stdout);
out:
	if (ui.pick.on)
		pick_close(&ui);
	ui_session_close(&ui);
	ui_results_free(&ui);
	ui_history_free(&ui);
	ui_start_free(&ui);
	qn_catalog_free(ui.cat, ui.n_cat);
	cli_qcache_free(&ui.qc);
	store_close(ui.store);
	free(ui.farewell);
	free(ui.script);
	if (ui.trace) {
		trace_line(&ui, "exit", "");
		fclose(ui.trace);
	}
	return rc;
}
