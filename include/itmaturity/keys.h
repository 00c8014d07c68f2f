/* keys.h - the wizard's key bindings: one table {action, screens, keys,
 * label, help} from which the key handlers of the screens and of the
 * overlays, the status line and the help screen are all drawn, and the
 * key-script parser of ITMATURITY_KEYS.
 *
 * Keys are Unicode code points for characters and KEYS_* codes (above the
 * Unicode range) for the special keys, so that this module needs no
 * curses; the terminal code translates curses keys into these. */
#ifndef ITM_KEYS_H
#define ITM_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
	KEYS_BASE = 0x110000,
	KEYS_UP = KEYS_BASE, KEYS_DOWN, KEYS_LEFT, KEYS_RIGHT, KEYS_PGUP, KEYS_PGDN,
	KEYS_HOME, KEYS_END, KEYS_ENTER, KEYS_ESC, KEYS_BACKSPACE, KEYS_DELETE, KEYS_TAB,
	KEYS_F1, KEYS_RESIZE,
	KEYS_CTRL_A = 1, KEYS_CTRL_C = 3, KEYS_CTRL_D = 4, KEYS_CTRL_E = 5, KEYS_CTRL_U = 21,
};

/* The screens and the overlays, as a bit mask: where a binding applies. */
enum keys_screen {
	KS_START = 1 << 0,
	KS_INTRO = 1 << 1,     /* a domain's intro page */
	KS_QUESTION = 1 << 2,
	KS_REVIEW = 1 << 3,
	KS_RESULTS = 1 << 4,
	KS_HISTORY = 1 << 5,
	KS_COMPARE = 1 << 6,
	KS_HELP = 1 << 7,      /* the key help screen itself */
	KS_PLAN = 1 << 8,      /* the organisation's action plan */
	KS_SCREENS = (1 << 9) - 1,
	KS_PROMPT = 1 << 9,    /* the text prompt over a screen: unbound characters are typed */
	KS_PICK = 1 << 10,     /* a list to choose from over a screen */
	KS_ALL = (1 << 11) - 1,
};

enum keys_action {
	KA_NONE,
	KA_UP, KA_DOWN, KA_SELECT, KA_ANSWER, KA_UNKNOWN, KA_NA, KA_CLEAR,
	KA_NEXT, KA_PREV, KA_NOTE, KA_QHELP, KA_JUMP, KA_REVIEW, KA_COMPLETE,
	KA_EXPORT, KA_HISTORY, KA_MARK, KA_COMPARE, KA_START, KA_KEYS, KA_BACK, KA_QUIT,
	KA_FIRST, KA_LAST, KA_ERASE, KA_DELETE,
	KA_PLAN, KA_ADD, KA_OWNER, KA_DUE, KA_DONE, KA_DROP,
};

enum { KEYS_MAX = 12 };

struct keys_binding {
	enum keys_action action;
	unsigned screens;          /* enum keys_screen bits */
	int keys[KEYS_MAX];        /* ended by 0 */
	const char *label;         /* how the keys are written: "↑/k" */
	const char *help;          /* what the action does, one line */
	bool status;               /* also shown on the status line */
};

/* The whole table (static, never freed). */
const struct keys_binding *keys_table(size_t *n);
/* The action KEY stands for on SCREEN (one KS_* bit: a screen or an
 * overlay), or KA_NONE. */
enum keys_action keys_lookup(unsigned screen, int key);

/* Says how the terminal names keys, once at start-up: with ASCII, the
 * arrows are written "Up" "Down" "Left" "Right" instead of "↑" "↓" "←" "→";
 * LACKS holds a bit (1u << (KEYS_x - KEYS_BASE)) for each special key the
 * terminal cannot send, which the status line and the help screen then
 * leave out (every action also has a key that a vt100 can send). Until
 * called: UTF-8, every key. */
void keys_terminal(bool ascii, unsigned lacks);

/* The status line of SCREEN (a screen or an overlay): "label help" of its
 * status bindings, cut to WIDTH characters at a whole binding. The caller
 * frees it. */
char *keys_status_line(unsigned screen, int width);
/* The help screen's lines, one a binding, for every binding of the bits in
 * SCREENS: the label padded to a column, then the help, then where it
 * applies. *OUT and each line are the caller's to free (keys_lines_free). */
size_t keys_help_lines(unsigned screens, char ***out);
void keys_lines_free(char **v, size_t n);

/* A key's name as a key script writes it: "j", "<Enter>", "<Up>". Returns
 * a static or thread-unsafe buffer valid until the next call. */
const char *keys_name(int key);
/* Parses a key script: characters stand for themselves (UTF-8), <Name>
 * for a special key (<Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End>
 * <Enter> <Esc> <BS> <Del> <Tab> <F1> <C-c> <C-u> <C-a> <C-d> <C-e> <lt>). Returns the number of
 * keys put in a new array *OUT (caller frees), or -1 for a malformed
 * script (an unknown <Name>, bad UTF-8). */
long keys_parse_script(const char *script, int **out);

#endif
