/* keys.c - the wizard's key bindings, the screens' and the overlays', in
 * one table; the status line and the help screen drawn from it; key names
 * and key scripts. */
#include "itmaturity/keys.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

#define DIGITS '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'
#define NONZERO '1', '2', '3', '4', '5', '6', '7', '8', '9'
#define SCROLLING (KS_RESULTS | KS_HISTORY | KS_COMPARE | KS_HELP)
#define PAGES (KS_INTRO | KS_QUESTION | KS_REVIEW)

/* In the order of the status line: what matters most first. */
static const struct keys_binding table[] = {
	/* TRANSLATORS: the help texts of the keys. The status line shows a
	 * text up to its first " (" only: keep a short form first, then the
	 * rest in parentheses. */
	{ KA_ANSWER, KS_QUESTION, { DIGITS }, "0-9", N_("answer (with the option of that number)"), true },
	{ KA_SELECT, KS_QUESTION, { KEYS_ENTER }, "Enter", N_("answer with the highlighted choice"), false },
	{ KA_SELECT, KS_START | KS_INTRO | KS_REVIEW | KS_HISTORY | KS_PICK, { KEYS_ENTER }, "Enter",
	  N_("choose (open, continue)"), true },
	{ KA_UP, KS_START | KS_QUESTION | KS_REVIEW | KS_HISTORY | KS_PLAN | KS_PICK, { KEYS_UP, 'k' }, "↑/k", N_("up"),
	  false },
	{ KA_DOWN, KS_START | KS_QUESTION | KS_REVIEW | KS_HISTORY | KS_PLAN | KS_PICK, { KEYS_DOWN, 'j' }, "↓/j", N_("down"),
	  false },
	{ KA_UP, KS_RESULTS | KS_COMPARE | KS_HELP | KS_INTRO, { KEYS_UP, 'k' }, "↑/k", N_("scroll up"), false },
	{ KA_DOWN, KS_RESULTS | KS_COMPARE | KS_HELP | KS_INTRO, { KEYS_DOWN, 'j' }, "↓/j", N_("scroll (down; PgDn a page)"), true },
	{ KA_NEXT, PAGES, { KEYS_RIGHT, KEYS_PGDN }, "→/PgDn", N_("next (page or question)"), true },
	{ KA_PREV, PAGES, { KEYS_LEFT, KEYS_PGUP }, "←/PgUp", N_("back (previous page or question)"), true },
	{ KA_NEXT, SCROLLING, { KEYS_PGDN, 'f' }, "PgDn/f", N_("scroll a page down"), false },
	{ KA_PREV, SCROLLING, { KEYS_PGUP, 'b' }, "PgUp/b", N_("scroll a page up"), false },
	{ KA_UNKNOWN, KS_QUESTION, { 'u' }, "u", N_("don't know (where the question allows it)"), false },
	{ KA_NA, KS_QUESTION, { 'x' }, "x", N_("not applicable (where the question allows it)"), false },
	{ KA_NOTE, KS_QUESTION, { 'n' }, "n", N_("note (to the answer; a reason for a lower answer goes here too)"), true },
	{ KA_QHELP, KS_QUESTION | KS_INTRO, { '?' }, "?", N_("help (what the question means, how to answer it)"), true },
	{ KA_CLEAR, KS_QUESTION, { KEYS_DELETE, KEYS_BACKSPACE }, "Del/BS", N_("clear the answer"), false },
	{ KA_JUMP, PAGES, { 'g' }, "g", N_("domain (go to another domain or the review page)"), true },
	{ KA_REVIEW, KS_INTRO | KS_QUESTION, { 'r' }, "r", N_("review the unanswered and don't-know questions"), false },
	{ KA_COMPLETE, KS_REVIEW, { 'c' }, "c", N_("complete (the assessment, and see the results)"), true },
	{ KA_ADD, KS_RESULTS, { 'a' }, "a", N_("add to plan (a step of the roadmap, with an owner and a due date)"), true },
	{ KA_OWNER, KS_PLAN, { 'o' }, "o", N_("owner (of the highlighted action)"), true },
	{ KA_DUE, KS_PLAN, { 'd' }, "d", N_("due date (of the highlighted action)"), true },
	{ KA_DONE, KS_PLAN, { 'm' }, "m", N_("mark done (by hand; the next assessment confirms it)"), true },
	{ KA_DROP, KS_PLAN, { 'x' }, "x", N_("drop (the highlighted action, with a reason)"), true },
	{ KA_PLAN, KS_START | KS_RESULTS, { 'p' }, "p", N_("plan (the organisation's actions)"), true },
	{ KA_EXPORT, KS_RESULTS, { 'e' }, "e", N_("export (the report to a file)"), true },
	{ KA_HISTORY, KS_START | KS_RESULTS, { 'h' }, "h", N_("history (the organisation's assessments over time)"), true },
	{ KA_MARK, KS_HISTORY, { ' ' }, "Space", N_("mark (to compare; two at most)"), true },
	{ KA_COMPARE, KS_HISTORY, { 'c' }, "c", N_("compare (the marked two, or the highlighted one with the one before)"), true },
	{ KA_START, KS_RESULTS | KS_HISTORY | KS_COMPARE | KS_PLAN, { 's' }, "s", N_("start (back to the start screen)"), true },
	{ KA_BACK, KS_HISTORY | KS_COMPARE | KS_PLAN, { KEYS_ESC }, "Esc", N_("back"), true },
	{ KA_BACK, KS_HELP, { KEYS_ESC, 'q', '?', KEYS_F1 }, "Esc/q", N_("close (this list)"), true },
	{ KA_KEYS, KS_INTRO | KS_QUESTION, { KEYS_F1, 'K' }, "F1/K", N_("keys (the list of every key)"), false },
	{ KA_KEYS, KS_START | KS_REVIEW | KS_RESULTS | KS_HISTORY | KS_COMPARE | KS_PLAN, { '?', KEYS_F1 }, "?/F1",
	  N_("keys (this list of every key)"), true },
	{ KA_QUIT, KS_SCREENS & ~KS_HELP, { 'q' }, "q", N_("quit (a draft is kept)"), true },
	/* The overlays. */
	{ KA_ANSWER, KS_PICK, { NONZERO }, "1-9", N_("choose by number (the item of that number)"), true },
	{ KA_BACK, KS_PICK, { KEYS_ESC, 'q' }, "Esc/q", N_("cancel (close the list)"), true },
	{ KA_SELECT, KS_PROMPT, { KEYS_ENTER }, "Enter", N_("ok (take the text typed)"), true },
	{ KA_BACK, KS_PROMPT, { KEYS_ESC }, "Esc", N_("cancel (leave the text as it was)"), true },
	{ KA_CLEAR, KS_PROMPT, { KEYS_CTRL_U }, "C-u", N_("clear (the whole text)"), true },
	{ KA_PREV, KS_PROMPT, { KEYS_LEFT }, "←", N_("cursor left"), false },
	{ KA_NEXT, KS_PROMPT, { KEYS_RIGHT }, "→", N_("cursor right"), false },
	{ KA_FIRST, KS_PROMPT | KS_PICK, { KEYS_HOME, KEYS_CTRL_A }, "Home/C-a", N_("to the start (of the text, of the list)"),
	  false },
	{ KA_LAST, KS_PROMPT | KS_PICK, { KEYS_END, KEYS_CTRL_E }, "End/C-e", N_("to the end (of the text, of the list)"),
	  false },
	{ KA_ERASE, KS_PROMPT, { KEYS_BACKSPACE, 127, 8 }, "BS", N_("erase the character before the cursor"), false },
	{ KA_DELETE, KS_PROMPT, { KEYS_DELETE, KEYS_CTRL_D }, "Del/C-d", N_("delete the character under the cursor"), false },
};

const struct keys_binding *keys_table(size_t *n)
{
	*n = ARRAY_LEN(table);
	return table;
}

enum keys_action keys_lookup(unsigned screen, int key)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		if (!(table[i].screens & screen))
			continue;
		for (size_t k = 0; k < KEYS_MAX && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return table[i].action;
	}
	return KA_NONE;
}

/* Characters (not bytes) of UTF-8 text. */
static int chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Special keys by name: in key scripts and in labels. */
static const struct {
	int key;
	const char *name;
} names[] = {
	{ KEYS_UP, "Up" }, { KEYS_DOWN, "Down" }, { KEYS_LEFT, "Left" }, { KEYS_RIGHT, "Right" },
	{ KEYS_PGUP, "PgUp" }, { KEYS_PGDN, "PgDn" }, { KEYS_HOME, "Home" }, { KEYS_END, "End" },
	{ KEYS_ENTER, "Enter" }, { KEYS_ESC, "Esc" }, { KEYS_BACKSPACE, "BS" }, { KEYS_DELETE, "Del" },
	{ KEYS_TAB, "Tab" }, { KEYS_F1, "F1" }, { KEYS_RESIZE, "Resize" }, { KEYS_CTRL_C, "C-c" },
	{ KEYS_CTRL_U, "C-u" }, { KEYS_CTRL_A, "C-a" }, { KEYS_CTRL_D, "C-d" }, { KEYS_CTRL_E, "C-e" },
	{ '<', "lt" },
};

/* How the terminal names keys (keys_terminal). */
static bool ascii_only;
static unsigned lacking;

void keys_terminal(bool ascii, unsigned lacks)
{
	ascii_only = ascii;
	lacking = lacks;
}

static const struct {
	const char *utf8, *ascii;
} arrows[] = { { "↑", "Up" }, { "↓", "Down" }, { "←", "Left" }, { "→", "Right" } };

/* The keys' names as the status line and the help screen write them,
 * in the reader's language. */
static const char *const words[] = {
	/* TRANSLATORS: names of keys on the keyboard, as short as the
	 * keycaps write them (Enter, Space bar, Escape, Delete, Backspace,
	 * Home, End, Page Up, Page Down, and the arrows written out). */
	N_("Enter"), N_("Space"), N_("Esc"), N_("Del"), N_("BS"), N_("Home"), N_("End"), N_("PgUp"), N_("PgDn"),
	N_("Up"), N_("Down"), N_("Left"), N_("Right"),
};

/* PART (LEN bytes) translated when it is a key's name. */
static const char *word(const char *part, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strlen(words[i]) == len && strncmp(words[i], part, len) == 0)
			return _(words[i]);
	return NULL;
}

/* Whether NAME (LEN bytes) names a special key the terminal cannot send. */
static bool lacked(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (names[i].key >= KEYS_BASE && lacking & 1u << (names[i].key - KEYS_BASE) &&
		    strlen(names[i].name) == len && strncmp(names[i].name, name, len) == 0)
			return true;
	return false;
}

/* B's label as this terminal has it: the keys it cannot send left out, the
 * arrows named in ASCII where it shows nothing else. "" when no key is
 * left. The caller frees it. */
static char *label(const struct keys_binding *b)
{
	char *out = xstrdup("");
	for (const char *p = b->label; *p;) {
		size_t len = strcspn(p, "/");
		if (!lacked(p, len)) {
			const char *part = NULL;
			for (size_t i = 0; i < ARRAY_LEN(arrows) && !part; i++)
				if (ascii_only && strlen(arrows[i].utf8) == len && strncmp(arrows[i].utf8, p, len) == 0)
					part = arrows[i].ascii;
			const char *w = word(part ? part : p, part ? strlen(part) : len);
			if (w)
				part = w;
			char *t = xasprintf("%s%s%.*s", out, *out ? "/" : "", part ? (int)strlen(part) : (int)len,
					    part ? part : p);
			free(out);
			out = t;
		}
		p += len + (p[len] == '/');
	}
	return out;
}

/* The short form of a help text for the status line: up to the first
 * space-parenthesis or colon. */
static size_t short_len(const char *help)
{
	const char *p = strstr(help, " (");
	return p ? (size_t)(p - help) : strlen(help);
}

/* "label help" of binding B, short form; NULL when the terminal has none
 * of its keys. */
static char *status_item(const struct keys_binding *b)
{
	const char *help = _(b->help);
	char *l = label(b), *s = *l ? xasprintf("%s %.*s", l, (int)short_len(help), help) : NULL;
	free(l);
	return s;
}

char *keys_status_line(unsigned screen, int width)
{
	/* Quitting and the key list stand at the right end, always shown;
	 * the rest fills the left in table order, cut at a whole binding. */
	char *tail = xstrdup("");
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		const struct keys_binding *b = &table[i];
		if (!b->status || !(b->screens & screen) || (b->action != KA_QUIT && b->action != KA_KEYS))
			continue;
		char *item = status_item(b);
		if (!item)
			continue;
		char *t = xasprintf("%s%s%s", tail, *tail ? "  " : "", item);
		free(item);
		free(tail);
		tail = t;
	}
	int tw = chars(tail);
	char *left = xstrdup("");
	int used = 0;
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		const struct keys_binding *b = &table[i];
		if (!b->status || !(b->screens & screen) || b->action == KA_QUIT || b->action == KA_KEYS)
			continue;
		char *item = status_item(b);
		if (!item)
			continue;
		int w = chars(item) + (used ? 2 : 0);
		if (used + w + (tw ? tw + 2 : 0) > width) {
			free(item);
			break;
		}
		char *t = xasprintf("%s%s%s", left, used ? "  " : "", item);
		free(item);
		free(left);
		left = t;
		used += w;
	}
	int gap = width - used - tw;
	if (gap < 2)
		gap = 2;
	char *s = tw ? xasprintf("%s%*s%s", left, gap, "", tail) : xstrdup(left);
	free(left);
	free(tail);
	return s;
}

/* TRANSLATORS: the screens, in the help screen's "[where a key works]". */
static const char *screen_names[] = { N_("start"), N_("domain intro"), N_("question"), N_("review"), N_("results"),
				      N_("history"), N_("compare"), N_("this list"), N_("plan"), N_("text prompt"),
				      N_("lists") };

size_t keys_help_lines(unsigned screens, char ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		const struct keys_binding *b = &table[i];
		char *l = label(b);
		if (!(b->screens & screens) || !*l) {
			free(l);
			continue;
		}
		char where[320] = "";
		size_t wl = 0;
		unsigned on = b->screens & KS_SCREENS;
		if (on == KS_SCREENS || (on | KS_HELP) == KS_SCREENS) {
			snprintf(where, sizeof(where), "%s", _("everywhere"));
		} else {
			for (unsigned k = 0; k < ARRAY_LEN(screen_names); k++)
				if (b->screens & (1u << k))
					wl += (size_t)snprintf(where + wl, sizeof(where) - wl, "%s%s",
							       wl ? ", " : "", _(screen_names[k]));
		}
		int pad = 8 - chars(l);
		grow_array((void **)out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = xasprintf("%s%*s  %s  [%s]", l, pad > 0 ? pad : 0, "", _(b->help), where);
		free(l);
	}
	return n;
}

void keys_lines_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

const char *keys_name(int key)
{
	static char buf[16];
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (names[i].key == key) {
			snprintf(buf, sizeof(buf), "<%s>", names[i].name);
			return buf;
		}
	unsigned c = (unsigned)key;
	if (c < 0x20 || c >= 0x110000) {
		snprintf(buf, sizeof(buf), "<0x%x>", c);
	} else if (c < 0x80) {
		buf[0] = (char)c;
		buf[1] = '\0';
	} else if (c < 0x800) {
		buf[0] = (char)(0xC0 | c >> 6);
		buf[1] = (char)(0x80 | (c & 0x3F));
		buf[2] = '\0';
	} else if (c < 0x10000) {
		buf[0] = (char)(0xE0 | c >> 12);
		buf[1] = (char)(0x80 | (c >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (c & 0x3F));
		buf[3] = '\0';
	} else {
		buf[0] = (char)(0xF0 | c >> 18);
		buf[1] = (char)(0x80 | (c >> 12 & 0x3F));
		buf[2] = (char)(0x80 | (c >> 6 & 0x3F));
		buf[3] = (char)(0x80 | (c & 0x3F));
		buf[4] = '\0';
	}
	return buf;
}

/* Decodes one UTF-8 character at S; returns its length, or 0 when bad. */
static size_t utf8_decode(const unsigned char *s, int *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n = s[0] >= 0xF0 && s[0] < 0xF5 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!n || s[0] >= 0xF5)
		return 0;
	int c = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

long keys_parse_script(const char *script, int **out)
{
	size_t len = strlen(script), n = 0;
	int *v = xcalloc(len + 1, sizeof(*v));
	const unsigned char *p = (const unsigned char *)script;
	while (*p) {
		if (*p == '<') {
			const char *end = strchr((const char *)p, '>');
			size_t i = 0;
			if (end)
				for (; i < ARRAY_LEN(names); i++)
					if (strlen(names[i].name) == (size_t)(end - (const char *)p - 1) &&
					    strncmp(names[i].name, (const char *)p + 1, (size_t)(end - (const char *)p - 1)) == 0)
						break;
			if (!end || i == ARRAY_LEN(names)) {
				free(v);
				*out = NULL;
				return -1;
			}
			v[n++] = names[i].key;
			p = (const unsigned char *)end + 1;
			continue;
		}
		int c;
		size_t l = utf8_decode(p, &c);
		if (!l) {
			free(v);
			*out = NULL;
			return -1;
		}
		v[n++] = c == '\n' || c == '\r' ? KEYS_ENTER : c;
		p += l;
	}
	*out = v;
	return (long)n;
}
