/* ui.c - the wizard's terminal: start-up and the refusal without a usable
 * terminal; the loop, which routes the screens' navigation requests (the
 * only code that opens a screen); resize and the "too small" screen;
 * signals; the status line and its messages. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>

#include "itmaturity/i18n.h"
#include "itmaturity/keys.h"
#include "itmaturity/text.h"
#include "itmaturity/ui.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

/* ---- messages ------------------------------------------------------- */

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_error = error;
}

void ui_fail(struct ui *ui, const char *what, struct itm_errors *e)
{
	char *m = errs_first(e);
	ui_message(ui, true, "%s%s%s", what, *m ? ": " : "", m);
	free(m);
	errs_free(e);
}

void ui_goto(struct ui *ui, const struct ui_screen *screen)
{
	ui->screen = screen;
	ui->scroll = 0;
}

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
	/* TRANSLATORS: follows the reason the wizard cannot start ("TERM is
	 * not set"); keep the commands as they are. */
	fputs(_("; the wizard needs an interactive terminal that can move the cursor.\n"
		"To take an assessment without one, fill in an answers file: "
		"'itmaturity assess --template > answers.yaml', then "
		"'itmaturity assess --answers answers.yaml --org NAME'.\n"), stderr);
	return UI_EXIT_NO_TERMINAL;
}

/* Whether the terminal of standard output can address the cursor. */
static int terminal_check(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return refuse(_("standard input and output are not a terminal%s"), "");
	const char *term = getenv("TERM");
	if (!term || !*term)
		return refuse(_("TERM is not set%s"), "");
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return refuse(_("the terminal type '%s' is unknown"), term);
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (const char *)-1;
	del_curterm(cur_term);
	if (!ok)
		return refuse(_("the terminal type '%s' cannot move the cursor"), term);
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
	char size[160];
	/* TRANSLATORS: the sizes are columns, the times sign, rows. */
	snprintf(size, sizeof(size), _("This terminal is %d%s%d; itmaturity needs at least %d%s%d."), COLS,
		 ui_sym(US_TIMES), LINES, UI_MIN_COLS, ui_sym(US_TIMES), UI_MIN_ROWS);
	struct ui_canvas c;
	ui_cv_init(&c, 0, LINES, 0, COLS, 0);
	ui_cv_text(ui, &c, 0, NULL, 0, _("Terminal too small"), ui_attr(ui, UC_BAD));
	ui_cv_text(ui, &c, 0, NULL, 0, size, A_NORMAL);
	ui_cv_text(ui, &c, 0, NULL, 0, _("Enlarge the window (nothing is lost), or press q to quit."), A_NORMAL);
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
	/* The status line: a message, or the keys of the open overlay or of
	 * this screen. */
	attr_t a = ui_attr(ui, ui->msg[0] ? (ui->msg_error ? UC_BAD : UC_GOOD) : UC_DIM);
	move(LINES - 1, 0);
	clrtoeol();
	if (ui->msg[0]) {
		ui_put(LINES - 1, 1, COLS - 2, a, ui->msg);
	} else {
		unsigned ks = ui_overlay_keys(ui);
		char *s = keys_status_line(ks ? ks : ui->screen->keys, COLS - 2);
		ui_put(LINES - 1, 1, COLS - 2, a, s);
		free(s);
	}
	ui_overlay_draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
	trace_line(ui, "frame", ui->prompt.on ? "prompt" : ui->pick.on ? "list" : ui->screen->name);
}

struct ui_nav ui_back_to(const struct ui_screen *back)
{
	return (struct ui_nav){ .go = back && back->keys == KS_RESULTS ? UI_GO_RESULTS : UI_GO_START };
}

/* Opens the screen NAV asks for, then the ones its entry points ask for
 * in turn (ui->next). Returns false to quit. */
static bool route(struct ui *ui, struct ui_nav nav)
{
	while (nav.go != UI_GO_STAY) {
		const struct ui_screen *from = ui->screen;
		ui->next = (struct ui_nav){ .go = UI_GO_STAY };
		switch (nav.go) {
		case UI_GO_QUIT:
			return false;
		case UI_GO_START:
			ui_start_open(ui);
			break;
		case UI_GO_PAGE:
			ui_session_goto(ui, (size_t)nav.arg);
			break;
		case UI_GO_JUMP:
			ui_jump(ui);
			break;
		case UI_GO_RESULTS:
			ui_results_open(ui, nav.arg);
			break;
		case UI_GO_HISTORY:
			ui_history_open(ui, nav.arg, from);
			break;
		case UI_GO_COMPARE:
			ui_compare_open(ui, (size_t)nav.arg, (size_t)nav.arg2);
			break;
		case UI_GO_PLAN:
			ui_plan_open(ui, nav.arg, nav.arg2, from);
			break;
		case UI_GO_KEYS:
			ui->help_back = from;
			ui_help_open(ui);
			break;
		case UI_GO_BACK:
			ui_goto(ui, ui->help_back);
			break;
		case UI_GO_STAY:
			break;
		}
		nav = ui->next;
	}
	return true;
}

/* Gives KEY to the open overlay or the screen, and goes where they ask.
 * Returns false to quit. */
static bool handle(struct ui *ui, int key)
{
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS)
		return key != 'q';
	ui->msg[0] = '\0';
	struct ui_nav nav = { .go = UI_GO_STAY };
	if (!ui_overlay_key(ui, key)) {
		enum keys_action a = keys_lookup(ui->screen->keys, key);
		nav = a == KA_KEYS ? (struct ui_nav){ .go = UI_GO_KEYS } : ui->screen->key(ui, a, key);
	}
	return route(ui, nav.go != UI_GO_STAY ? nav : ui->next);
}

static void loop(struct ui *ui)
{
	bool dirty = true, run = true;
	while (run) {
		if (got_signal)
			break;
		if (dirty)
			draw(ui);
		dirty = false;
		struct itm_errors e = { 0 };
		if (ui->pack && asmt_pack(&ui->ctx, ui->pack, &e))
			ui_fail(ui, _("The assessment is complete, but packing its answers for faster reading failed"), &e);
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
		run = handle(ui, key);
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
	char *org = text_safe(s->d.a.meta.org, true);  /* stored names may hold anything */
	if (!ui_utf8()) {
		char *a = text_ascii(org);
		free(org);
		org = a;
	}
	char *m = xasprintf(_("the draft of %s (assessment %lld, %zu of %zu answered) is kept; run 'itmaturity' to "
			      "resume it."), org, (long long)s->d.a.meta.id, ui_session_answered(ui, -1),
			    s->d.a.q->n_questions);
	ui->farewell = xasprintf("itmaturity: %s\n", m);
	free(m);
	free(org);
}

/* The special keys the terminal cannot send (keys_terminal's bits). */
static unsigned keys_lacking(void)
{
	static const struct {
		int key;
		const char *cap;
	} caps[] = {
		{ KEYS_PGUP, "kpp" }, { KEYS_PGDN, "knp" }, { KEYS_HOME, "khome" },
		{ KEYS_END, "kend" }, { KEYS_DELETE, "kdch1" }, { KEYS_F1, "kf1" },
	};
	unsigned lacks = 0;
	for (size_t i = 0; i < ARRAY_LEN(caps); i++) {
		const char *s = tigetstr(caps[i].cap);
		if (!s || s == (const char *)-1 || !*s)
			lacks |= 1u << (caps[i].key - KEYS_BASE);
	}
	return lacks;
}

/* The modes of the terminal once curses has it, its character set, key
 * names and colours, and our signal handlers. */
static void terminal_modes(struct ui *ui)
{
	ui_charset_start();
	keys_terminal(!ui_utf8(), keys_lacking());
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	wtimeout(stdscr, 250);
	ui_colors_start(ui);
	/* Ours after curses' own: they only set a flag the loop acts on. */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	got_signal = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* The questionnaire named on the command line (--questionnaire ID or
 * FILE): its index in the catalogue, where a file is added. -1 with the
 * loader's errors in E when it cannot be loaded, as the command line would
 * refuse it. */
static long given_questionnaire(struct ui *ui, struct itm_errors *e)
{
	const char *arg = ui->opts->questionnaire;
	struct qn_questionnaire *q = qn_resolve(arg, e);
	if (!q)
		return -1;
	long i = 0;
	while ((size_t)i < ui->n_cat && !(ui->cat[i].id && strcmp(ui->cat[i].id, arg) == 0))
		i++;
	if ((size_t)i == ui->n_cat) {
		ui->cat = xrealloc(ui->cat, (ui->n_cat + 1) * sizeof(*ui->cat));
		ui->cat[i] = (struct qn_entry){ .path = xstrdup(arg), .id = xstrdup(q->id),
						.version = xstrdup(q->version), .title = xstrdup(q->title),
						.n_domains = q->n_domains, .n_questions = q->n_questions,
						.minutes = q->minutes };
		ui->n_cat++;
	}
	qn_free(q);
	return i;
}

/* The catalogue, and the questionnaire of --questionnaire in it; the
 * reason on standard error and a status when there is none to answer. */
static int catalog_load(struct ui *ui)
{
	struct itm_errors errs = { 0 };
	ui->n_cat = qn_catalog(&ui->cat, &errs);
	errs_free(&errs);
	size_t valid = 0;
	for (size_t i = 0; i < ui->n_cat; i++)
		valid += ui->cat[i].id != NULL;
	if (!valid) {
		fprintf(stderr, "itmaturity: %s\n", _("no questionnaires found (see 'itmaturity questionnaires')"));
		return ITM_FAIL;
	}
	if (ui->opts->questionnaire && (ui->given_qn = given_questionnaire(ui, &errs)) < 0) {
		errs_print_prefixed(stderr, "itmaturity: ", &errs);
		errs_free(&errs);
		return ITM_INPUT;
	}
	return ITM_OK;
}

int ui_run(const struct ui_start *opts)
{
	struct ui ui = { .opts = opts, .saved_stderr = -1, .given_qn = -1 };
	const char *tf = getenv("ITMATURITY_TRACE");
	if (tf && *tf && !(ui.trace = fopen(tf, "a"))) {
		fprintf(stderr, "itmaturity: ITMATURITY_TRACE: %s: %s\n", tf, strerror(errno));
		return ITM_FAIL;
	}
	const char *ks = getenv("ITMATURITY_KEYS");
	if (ks && *ks && (ui.n_script = keys_parse_script(ks, &ui.script)) < 0) {
		if (ui.trace)
			fclose(ui.trace);
		fprintf(stderr, "itmaturity: ITMATURITY_KEYS: %s\n", _("not a key script (see itmaturity(1))"));
		return ITM_INPUT;
	}
	trace_line(&ui, "start", "");
	int rc = terminal_check();
	if (rc)
		goto out;
	struct itm_errors errs = { 0 };
	char *notice = NULL;
	rc = asmt_open(&ui.ctx, opts->db, opts->read_only, ASMT_WRITE, &notice, &errs);
	if (notice) {
		char *safe = text_safe(notice, true);  /* it names the database's path */
		fprintf(stderr, "itmaturity: %s\n", safe);
		free(safe);
	}
	free(notice);
	errs_print_prefixed(stderr, "itmaturity: ", &errs);
	errs_free(&errs);
	if (rc)
		goto out;
	if ((rc = catalog_load(&ui)))
		goto out;

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
		rc = refuse(_("the terminal '%s' cannot be started"), getenv("TERM"));
		goto out;
	}
	set_term(scr);
	active = &ui;
	static bool registered;
	if (!registered && atexit(at_exit) == 0)
		registered = true;
	terminal_modes(&ui);

	route(&ui, (struct ui_nav){ .go = UI_GO_START });
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
	ui_pick_close(&ui);
	ui_session_close(&ui);
	ui_results_free(&ui);
	ui_history_free(&ui);
	ui_plan_free(&ui);
	ui_start_free(&ui);
	qn_catalog_free(ui.cat, ui.n_cat);
	asmt_close(&ui.ctx);
	free(ui.farewell);
	free(ui.script);
	if (ui.trace) {
		trace_line(&ui, "exit", "");
		fclose(ui.trace);
	}
	return rc;
}
