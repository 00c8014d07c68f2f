/* text.h - text that comes from people: what the tool accepts as a name or
 * a note, how text it did not write is shown so that it cannot steer the
 * terminal of whoever reads it, and how wide text is on the screen.
 *
 * Widths are those of a UTF-8 terminal whatever the locale the tool runs
 * in (wcwidth under C.UTF-8), so that the same data gives the same bytes. */
#ifndef ITM_TEXT_H
#define ITM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
	TEXT_NAME_MAX = 100,      /* characters in a name, a respondent or a role */
	TEXT_NOTE_MAX = 4000,     /* characters in a note */
};

/* Checks NAME (an organisation, a respondent, a role) as it comes in:
 * valid UTF-8, no control characters, and once the white space around it
 * is trimmed not empty and at most TEXT_NAME_MAX characters. Returns NULL
 * and sets *OUT to the trimmed copy (caller frees), or says why not (a
 * static sentence, for "NAME: ..."; *OUT is then NULL). */
const char *text_name(const char *name, char **out);
/* Checks a note: valid UTF-8, no control characters but newline and tab,
 * at most TEXT_NOTE_MAX characters. Returns NULL, or why not. */
const char *text_note(const char *note);
/* Whether a line must not break at the space S[I]: French puts one
 * before : ; ! ? and », and after «, which stay with their word. */
bool text_glued_space(const char *s, size_t i);
/* Whether S is a language tag as questionnaires, the store and bundles
 * keep it ("en", "nl", "nl-BE"): 2 to 15 letters and '-', starting with a
 * letter. */
bool text_language_tag(const char *s);
/* Whether the first N bytes of S are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
bool text_utf8(const char *s, size_t n);

/* A copy of S that is safe to write to a terminal: control characters
 * (C0 other than newline, DEL, C1) written as \xHH, and bytes that are not
 * UTF-8 as U+FFFD. With ONE_LINE, newlines and tabs are shown as \n and \t
 * too. Caller frees. */
char *text_safe(const char *s, bool one_line);
/* Whether S needs text_safe (holds anything it would change). */
bool text_is_safe(const char *s, bool one_line);

/* Whether the character set of the locale (LC_CTYPE, as setlocale left
 * it) is UTF-8; if not, a terminal is taken to show ASCII only. */
bool text_locale_utf8(void);
/* A copy of UTF-8 S in ASCII, for a terminal that shows nothing else:
 * accented letters without their accents ("é" "e", "ß" "ss"), typographic
 * punctuation as its ASCII form (quotes '"', dashes "-" "--", "…" "...",
 * arrows "->"), combining marks left out, and "?" for any other character
 * and for bytes that are not UTF-8. ASCII (controls included) is kept as
 * it is: pass untrusted text through text_safe first. Caller frees. */
char *text_ascii(const char *s);

/* Display columns of the first N bytes of UTF-8 S: 2 for wide characters
 * (CJK, most emoji), 0 for combining marks, 1 otherwise. */
int text_width(const char *s, size_t n);
/* How many bytes of S fit in COLS columns, never splitting a character. */
size_t text_fit(const char *s, int cols);

#endif
