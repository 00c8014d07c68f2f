/* ui_impl.h - what the wizard's files share: the wizard's state, the
 * screen vtable and the navigation requests its key handlers return, the
 * drawing helpers, the prompt and list overlays, and the screens' entry
 * points, which only the loop calls. Private to src/ui*.c, the only files
 * that include curses. */
#ifndef ITM_UI_IMPL_H
#define ITM_UI_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

#include <curses.h>

#include "itmaturity/assessment.h"
#include "itmaturity/keys.h"
#include "itmaturity/plan.h"
#include "itmaturity/ui.h"

/* Below this size the wizard shows "terminal too small" instead. */
enum { UI_MIN_COLS = 60, UI_MIN_ROWS = 16 };

/* Colours named by meaning; each has a monochrome fallback. */
enum ui_color {
	UC_NORMAL, UC_TITLE, UC_HEAD, UC_GOOD, UC_WARN, UC_BAD, UC_SELECT, UC_DIM, UC_KEY,
	UC_BAR, UC_TARGET, UC_COUNT
};

/* The symbols the screens draw, from one table (ui_sym): what a UTF-8
 * terminal shows, or their ASCII forms. */
enum ui_sym {
	US_SEP,           /* between parts of a title or a line: "·" */
	US_POINTER,       /* the highlighted row: "▸" */
	US_DONE, US_TODO, /* progress boxes: "■" "□" */
	US_BAR_FULL, US_BAR_EMPTY, US_TARGET,   /* bars: "█" "░", and "┃" at the target */
	US_RADIO_ON, US_RADIO_OFF,              /* the chosen option, the others: "●" "○" */
	US_RIGHT,         /* "→": next, and from one value to another */
	US_ELLIPSIS,      /* "…": more to come */
	US_TIMES,         /* "×", in sizes */
	US_MARKED,        /* "◆": marked to compare */
	US_RISE, US_FALL, /* "▲" "▼": up or down since the one before */
	US_NONE,          /* "·": no value in a grid */
	US_BULLET,        /* "•" */
	US_BAND,          /* "▒": the band of "don't know" answers */
	US_WARN,          /* "⚠" */
	US_EXCLUDED,      /* "✗": not covered */
	US_DASH,          /* "—" */
	US_DOWN,          /* "↓": more below */
	US_PLUSMINUS,     /* "±": a change either way */
	US_CURSOR,        /* "▏": the prompt's cursor */
	US_SPARK,         /* "▁" .. "█": US_SPARK + 0..7, a sparkline's levels */
	US_COUNT = US_SPARK + 8
};

/* Where the wizard goes next: what a screen's key handler returns, and
 * what an overlay's callback or an entry point asks for in ui->next. The
 * loop routes it to the entry points below: it is the only code that opens
 * a screen, and screens never call each other. */
enum ui_go {
	UI_GO_STAY,       /* this screen, drawn again */
	UI_GO_QUIT,
	UI_GO_START,      /* the start screen, its lists read again */
	UI_GO_PAGE,       /* page ARG of the session: an intro, a question, the review (n_pages) */
	UI_GO_JUMP,       /* the "go to a domain" list over the session's page */
	UI_GO_RESULTS,    /* the results of assessment ARG; 0: the ones last shown */
	UI_GO_HISTORY,    /* organisation ARG's history; 0: the history as it was left */
	UI_GO_COMPARE,    /* rows ARG and ARG2 of the history, compared */
	UI_GO_PLAN,       /* organisation ARG's action plan, its questions' texts from
			   * assessment ARG2; ARG 0: the plan as it was left */
	UI_GO_KEYS,       /* the key help */
	UI_GO_BACK,       /* from the key help to the screen it was opened on, as it was left */
};
struct ui_nav {
	enum ui_go go;
	int64_t arg, arg2;
};

struct ui;

/* A screen: draws itself on the whole terminal (the loop adds the status
 * line and the overlays) and handles the actions of its key set, returning
 * where to go. */
struct ui_screen {
	const char *name;       /* for traces */
	unsigned keys;          /* its KS_* bit: the bindings it looks keys up with, and its name */
	void (*draw)(struct ui *ui);
	struct ui_nav (*key)(struct ui *ui, enum keys_action action, int key);
};

/* The session's pages, which ui_session_goto shows; every other screen is
 * private to its file and shown by its entry point. */
extern const struct ui_screen ui_intro_screen, ui_question_screen, ui_review_screen;

/* Called with the text typed (NULL when cancelled with Esc). */
typedef void (*ui_prompt_done)(struct ui *ui, const char *text);
/* Called with the index chosen, or -1 when cancelled. */
typedef void (*ui_pick_done)(struct ui *ui, long index);

enum { UI_PROMPT_MAX = 200 };

/* The draft being answered. */
struct ui_page {
	int domain;             /* index in q->domains */
	long question;          /* index in q->questions; -1: the domain's intro */
};
struct ui_session {
	struct asmt_draft d;          /* the draft, and the previous comparable assessment */
	struct ui_page *pages;        /* intros and questions; n_pages is the review page */
	size_t n_pages, page;
	size_t sel;                   /* highlighted choice on a question page */
	bool show_help;
	bool pinned;                  /* keep the scroll: the help is being read */
	bool from_review;             /* answering goes back to the review page */
	size_t review_sel;
	/* A lower answer waiting for its reason. */
	const struct qn_question *pending_q;
	enum ans_kind pending_kind;
	const struct qn_option *pending_opt;
	struct plan_list plan;        /* the organisation's actions: "Planned: ..." */
};

struct ui_start_state {
	bool loaded;                  /* the prefills have been applied */
	struct store_org *orgs;
	size_t n_orgs;
	long org;                     /* index in orgs, -1: none */
	char *respondent, *role;
	long qn;                      /* index in ui->cat, -1: none */
	struct store_assessment *drafts;    /* of the organisation, newest first */
	size_t n_drafts;
	size_t *draft_answered;
	struct store_assessment *done;      /* its complete ones, newest first */
	size_t n_done;
	size_t sel;
	char *new_org;                /* named, waiting for its size */
};

struct ui_history_state {
	int64_t org_id;
	struct asmt_history h;        /* complete, oldest first, with their domains' percentages */
	size_t sel;
	long mark[2];
	const struct ui_screen *back;
	/* The comparison. */
	struct asmt a, b;
	struct score_comparison *cmp;   /* of A and B */
	bool loaded;
	int scroll;
};

struct ui_plan_state {
	int64_t org_id;
	struct plan_list l;           /* every action, as of today */
	struct asmt a;                /* the latest complete assessment: the questions' texts */
	bool has_a;
	size_t sel;
	const struct ui_screen *back;
	/* An action being added from the results: the roadmap step, and the
	 * owner typed before the due date. */
	size_t add_step;
	char *add_owner;
};

struct ui {
	struct asmt_ctx ctx;          /* the database, and the questionnaires loaded from it */
	const struct ui_start *opts;
	struct qn_entry *cat;
	size_t n_cat;
	long given_qn;                /* --questionnaire's entry in cat, or -1 */
	int64_t pack;                 /* an assessment to store_pack once drawn, or 0 */
	bool colors;
	int status;                   /* exit status */
	char *farewell;               /* printed after the terminal is restored */

	const struct ui_screen *screen;
	const struct ui_screen *help_back;  /* where the key help returns */
	struct ui_nav next;           /* asked for by an overlay's callback or an entry point */
	int scroll;                   /* of the scrolling screens */
	int page_rows;                /* rows the last scrolling screen showed */
	int max_scroll;

	struct {
		bool on;
		char title[400];
		wchar_t buf[UI_PROMPT_MAX + 1];
		size_t len, pos;
		ui_prompt_done done;
	} prompt;
	struct {
		bool on;
		char *title;
		char **items;
		size_t n, sel;
		ui_pick_done done;
	} pick;
	char msg[512];
	bool msg_error;

	struct ui_start_state st;
	struct ui_session *sess;
	struct asmt res, res_prev;    /* the results screen's assessment, and the previous one */
	struct score_comparison *res_cmp;  /* since the previous one */
	bool res_loaded, res_has_prev;
	struct plan_list res_plan;    /* the plan as of the results' assessment */
	struct ui_plan_state plan;
	struct ui_history_state hist;

	int saved_stderr;             /* standard error is captured while curses runs */
	FILE *errlog;
	FILE *trace;
	int *script;
	long n_script, script_pos;
};

/* Drawing (ui_draw.c). */
/* Decides, once at start-up, from the locale's character set, whether the
 * terminal shows UTF-8; if not, symbols and text are drawn in ASCII (text
 * through text_ascii). */
void ui_charset_start(void);
bool ui_utf8(void);
/* Symbol S for this terminal (static). */
const char *ui_sym(enum ui_sym s);
void ui_colors_start(struct ui *ui);
attr_t ui_attr(const struct ui *ui, enum ui_color c);
/* Decodes LEN bytes of UTF-8 TEXT (whatever the locale) into wide
 * characters (bad bytes become '?'); *N is set to the count. The caller
 * frees the result. */
wchar_t *ui_widen(const char *text, size_t len, size_t *n);
/* N wide characters as UTF-8 (whatever the locale); the caller frees it. */
char *ui_narrow(const wchar_t *w, size_t n);
/* The columns of C as the terminal shows it (1 for what cannot be shown). */
int ui_wcw(wchar_t c);
/* Draws C at row Y, column X as the terminal shows it; returns the columns
 * used. */
int ui_put_wc(int y, int x, attr_t a, wchar_t c);
/* Draws UTF-8 TEXT at row Y, column X, cut to W columns with an ellipsis
 * (at a word boundary when one lies in the second half) when it is wider;
 * returns the columns used. */
int ui_put(int y, int x, int w, attr_t a, const char *text);
/* TEXT and TAIL after it in W columns, TEXT cut to leave room for all of
 * TAIL (a count, say, which matters more); returns the columns used. */
int ui_put_before(int y, int x, int w, attr_t a, const char *text, const char *tail);
/* Display columns of UTF-8 TEXT. */
int ui_width(const char *text);
/* The title bar (row 0): LEFT, and RIGHT flush right. */
void ui_title(const struct ui *ui, const char *left, const char *right);
/* A bar of W columns filled to PERCENT, with a target mark at TARGET
 * (percent, NaN: none). */
void ui_bar(const struct ui *ui, int y, int x, int w, double percent, double target, attr_t fill);

/* A scrolling region: lines are numbered from 0 (y), drawn when they fall
 * in [scroll, scroll + rows). */
struct ui_canvas {
	int top, rows, left, cols;
	int y, scroll;
};
void ui_cv_init(struct ui_canvas *c, int top, int rows, int left, int cols, int scroll);
/* The screen row of the next line (or -1 when it is scrolled away), and
 * moves on. */
int ui_cv_line(struct ui_canvas *c);
/* TEXT word-wrapped at INDENT, after PREFIX (PATTR) on the first line and
 * as many spaces on the others. Returns the lines used. */
int ui_cv_text(const struct ui *ui, struct ui_canvas *c, int indent, const char *prefix, attr_t pattr,
	    const char *text, attr_t attr);
/* A line of text formatted like printf, word-wrapped: ui_cv_text without a
 * prefix or indent. */
int ui_cv_printf(const struct ui *ui, struct ui_canvas *c, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* When lines of C lie below its last row, that row gives way to the mark
 * "↓ more below" (flush right); returns whether it was drawn. */
bool ui_cv_more(const struct ui *ui, const struct ui_canvas *c);
/* At the end of a scrolling screen's drawing: the rows shown and the
 * furthest scroll kept for its keys (ui_scroll_key), and the mark. */
void ui_cv_end(struct ui *ui, const struct ui_canvas *c);
/* The scrolling keys of the results, compare and help screens. */
void ui_scroll_key(struct ui *ui, enum keys_action a);

/* Overlays (ui_overlay.c). */
void ui_prompt(struct ui *ui, const char *title, const char *initial, ui_prompt_done done);
/* Takes ITEMS (N strings, freed with the list). */
void ui_pick(struct ui *ui, const char *title, char **items, size_t n, size_t sel, ui_pick_done done);
/* Closes the list without calling back; nothing when none is open. */
void ui_pick_close(struct ui *ui);
/* The key set of the open overlay (KS_PROMPT, KS_PICK), or 0. */
unsigned ui_overlay_keys(const struct ui *ui);
/* Gives KEY to the open overlay; false when none is open. */
bool ui_overlay_key(struct ui *ui, int key);
void ui_overlay_draw(const struct ui *ui);

/* The status line's messages (ui.c). */
void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Shows WHAT and the first of the errors E as an error, and frees E. */
void ui_fail(struct ui *ui, const char *what, struct itm_errors *e);
/* Where Esc goes from a screen opened from BACK: the results when it was
 * opened from them, else the start screen. */
struct ui_nav ui_back_to(const struct ui_screen *back);
/* Shows SCREEN, scrolled to the top: for the entry points. */
void ui_goto(struct ui *ui, const struct ui_screen *screen);

/* The session (ui_session.c): the draft's pages over asmt_draft. Functions
 * that can fail return -1 with the reason in E. */
/* Begins a new draft, or resumes draft ID at its first unanswered page;
 * the caller then asks for the page (UI_GO_PAGE, ui->sess->page). */
int ui_session_new(struct ui *ui, int64_t org_id, const char *respondent, const char *role,
		   const char *qn_path, struct itm_errors *e);
int ui_session_resume(struct ui *ui, int64_t id, struct itm_errors *e);
void ui_session_close(struct ui *ui);
/* Saves an answer at once (one transaction) and keeps it in the set. */
int ui_session_answer(struct ui *ui, const struct qn_question *qq, enum ans_kind kind,
		      const struct qn_option *opt, const char *note, struct itm_errors *e);
int ui_session_clear(struct ui *ui, const struct qn_question *qq, struct itm_errors *e);
/* Scores the draft, marks it complete, ends the session and asks for the
 * results (ui->next). Returns -1 (the session goes on) when it cannot be
 * saved. */
int ui_session_complete(struct ui *ui, struct itm_errors *e);
/* The digit that answers with option I of QQ on its page: the option's
 * value when every option has a distinct whole value 0-9, else its
 * position from 1; -1 when none (ui_question.c). */
int ui_option_digit(const struct qn_question *qq, size_t i);
/* The previous assessment's answer to the question with QQ's ref, or NULL. */
const struct ans_answer *ui_session_prev(const struct ui *ui, const struct qn_question *qq);
/* Answered questions of domain D (-1: all), of those that apply;
 * ui_session_asked: the questions that apply (applies_if). */
size_t ui_session_answered(const struct ui *ui, int d);
size_t ui_session_asked(const struct ui *ui, int d);
/* The question of the current page, or NULL (intro, review). */
const struct qn_question *ui_session_question(const struct ui *ui);
void ui_session_goto(struct ui *ui, size_t page);

/* The screens' entry points, called by the loop as it routes a request
 * (enum ui_go says what each shows). Each loads what its screen shows and
 * shows it, or says why it cannot (ui_message) and stays, or asks for
 * another screen in ui->next. */
void ui_start_open(struct ui *ui);
void ui_jump(struct ui *ui);
/* Also called by the session: loads the results of ID and asks for them. */
void ui_results_open(struct ui *ui, int64_t id);
/* Called by the session: A (and PREV, or NULL) move to the results, which
 * it asks for. */
void ui_results_show(struct ui *ui, struct asmt *a, struct asmt *prev);
/* BACK: the screen it is opened from, where Esc returns when that is the
 * results (the start screen otherwise). */
void ui_history_open(struct ui *ui, int64_t org_id, const struct ui_screen *back);
void ui_compare_open(struct ui *ui, size_t i, size_t j);
void ui_help_open(struct ui *ui);
/* ID: a complete assessment of the organisation, whose questionnaire names
 * the actions' questions; BACK as for the history. */
void ui_plan_open(struct ui *ui, int64_t org_id, int64_t id, const struct ui_screen *back);
/* The results' "add to plan": a list of the roadmap's steps, then prompts
 * for the owner and the due date; reloads the results' plan once added. */
void ui_plan_add(struct ui *ui);
/* The results' plan (ui->res_plan) read again; says why when it cannot. */
void ui_results_plan_load(struct ui *ui);
/* At the end. */
void ui_start_free(struct ui *ui);
void ui_results_free(struct ui *ui);
void ui_history_free(struct ui *ui);
void ui_plan_free(struct ui *ui);

#endif
