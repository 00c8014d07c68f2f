/* text.c - names and notes as they come in, text made safe for a
 * terminal, its ASCII transliteration, and display widths. */
#include "itmaturity/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

/* Decodes the character at S (at most N bytes): its code point, and its
 * length in *LEN; -1 (and *LEN 1) for a byte that does not start a valid
 * UTF-8 sequence. */
static int32_t decode(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	size_t k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (k == 0 || s[0] > 0xF4 || k > n)
		return -1;
	int32_t c = s[0] & (0x3F >> (k - 1));
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	static const int32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*len = k;
	return c;
}

static bool is_control(int32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

bool text_glued_space(const char *s, size_t i)
{
	const char *next = s + i + 1;
	return (*next && strchr(":;!?", *next)) || strncmp(next, "\xc2\xbb", 2) == 0 ||
	       (i >= 2 && strncmp(s + i - 2, "\xc2\xab", 2) == 0);
}

bool text_language_tag(const char *s)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t n = strlen(s);
	return n >= 2 && n <= 15 && strchr(letters, s[0]) &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == n;
}

bool text_utf8(const char *s, size_t n)
{
	for (size_t i = 0, len; i < n; i += len)
		if (decode((const unsigned char *)s + i, n - i, &len) < 0)
			return false;
	return true;
}

/* Checks S: valid UTF-8, no control characters but those in ALLOWED, at
 * most MAX characters. */
static const char *check(const char *s, size_t n, const char *allowed, size_t max)
{
	size_t chars = 0;
	for (size_t i = 0, len; i < n; i += len, chars++) {
		int32_t c = decode((const unsigned char *)s + i, n - i, &len);
		if (c < 0)  /* TRANSLATORS: said of a name or a note: "the note %s". */
			return _("not valid UTF-8");
		if (is_control(c) && !(c < 0x80 && c && strchr(allowed, (int)c)))
			return _("holds a control character");
	}
	return chars > max ? _("is too long") : NULL;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

const char *text_name(const char *name, char **out)
{
	*out = NULL;
	size_t n = strlen(name);
	if (!text_utf8(name, n))
		return _("not valid UTF-8");
	const char *why;
	while (n && space(name[n - 1]))
		n--;
	while (n && space(*name))
		name++, n--;
	if (!n)
		return _("is empty");
	if ((why = check(name, n, "", TEXT_NAME_MAX)))
		return why;
	*out = xstrndup(name, n);
	return NULL;
}

const char *text_note(const char *note)
{
	return check(note, strlen(note), "\n\t", TEXT_NOTE_MAX);
}

bool text_is_safe(const char *s, bool one_line)
{
	return check(s, strlen(s), one_line ? "" : "\n\t", SIZE_MAX) == NULL;
}

char *text_safe(const char *s, bool one_line)
{
	size_t n = strlen(s);
	char *out = xmalloc(n * 4 + 1), *o = out;  /* a byte becomes at most 4 */
	for (size_t i = 0, len; i < n; i += len) {
		int32_t c = decode((const unsigned char *)s + i, n - i, &len);
		if (c < 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);  /* U+FFFD */
			o += 3;
		} else if (c == '\n' && one_line) {
			memcpy(o, "\\n", 2), o += 2;
		} else if (c == '\t' && one_line) {
			memcpy(o, "\\t", 2), o += 2;
		} else if (is_control(c) && c != '\n' && c != '\t') {
			static const char hex[] = "0123456789abcdef";
			*o++ = '\\', *o++ = 'x', *o++ = hex[c >> 4], *o++ = hex[c & 15];
		} else {
			memcpy(o, s + i, len);
			o += len;
		}
	}
	*o = '\0';
	return out;
}

/* ASCII for U+00A0..U+017F: Latin-1 and Latin Extended-A. */
static const char *const latin[] = {
	" ", "!", "c", "GBP", "?", "JPY", "|", "S", "\"", "(c)", "a", "<<", "!", "-", "(R)", "-",
	"o", "+/-", "2", "3", "'", "u", "P", "-", ",", "1", "o", ">>", "1/4", "1/2", "3/4", "?",
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
	"A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
	"D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
	"G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
	"I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
	"l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
	"O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
	"S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
	"U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

/* ASCII for punctuation and symbols beyond Latin-1. */
static const struct {
	int32_t c;
	const char *ascii;
} punct[] = {
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" }, { 0x2014, "--" }, { 0x2015, "--" },
	{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201A, "'" }, { 0x201B, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" },
	{ 0x201E, "\"" }, { 0x201F, "\"" }, { 0x2022, "*" }, { 0x2026, "..." }, { 0x2032, "'" }, { 0x2033, "\"" },
	{ 0x2039, "<" }, { 0x203A, ">" }, { 0x2044, "/" }, { 0x20AC, "EUR" }, { 0x2122, "TM" },
	{ 0x2190, "<-" }, { 0x2191, "^" }, { 0x2192, "->" }, { 0x2193, "v" }, { 0x2194, "<->" },
	{ 0x21D2, "=>" }, { 0x2212, "-" }, { 0x2260, "!=" }, { 0x2264, "<=" }, { 0x2265, ">=" },
	{ 0x2248, "~" }, { 0x2713, "v" }, { 0x2714, "v" }, { 0x2717, "x" }, { 0x2718, "x" },
	{ 0x0192, "f" }, { 0x02C6, "^" }, { 0x02DC, "~" }, { 0xFEFF, "" },
};

/* ASCII for C (not ASCII itself): "" for what shows nothing (combining
 * marks, zero-width spaces), NULL when there is none. */
static const char *ascii_of(int32_t c)
{
	if (c >= 0xA0 && c < 0x180)
		return latin[c - 0xA0];
	if ((c >= 0x300 && c < 0x370) || (c >= 0x200B && c <= 0x200F))
		return "";
	if ((c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
		return " ";
	for (size_t i = 0; i < sizeof(punct) / sizeof(punct[0]); i++)
		if (punct[i].c == c)
			return punct[i].ascii;
	return NULL;
}

bool text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

char *text_ascii(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n * 2 + 1), *o = out;  /* a character becomes at most twice its bytes */
	for (size_t i = 0, len; i < n; i += len) {
		int32_t c = decode((const unsigned char *)s + i, n - i, &len);
		const char *a = c < 0 ? "?" : c < 0x80 ? NULL : ascii_of(c);
		if (c >= 0 && c < 0x80)
			*o++ = (char)c;
		else {
			if (!a)
				a = "?";
			size_t al = strlen(a);
			memcpy(o, a, al);
			o += al;
		}
	}
	*o = '\0';
	return out;
}

/* wcwidth as a UTF-8 terminal has it, whatever our own locale. */
static int char_width(int32_t c)
{
	static locale_t utf8;
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8)
		return 1;
	locale_t old = uselocale(utf8);
	int w = wcwidth((wchar_t)c);
	uselocale(old);
	return w < 0 ? 1 : w;
}

int text_width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0, len; i < n; i += len) {
		int32_t c = decode((const unsigned char *)s + i, n - i, &len);
		w += c < 0x80 ? 1 : char_width(c);  /* ASCII and bad bytes: one column */
	}
	return w;
}

size_t text_fit(const char *s, int cols)
{
	size_t n = strlen(s), i = 0, len;
	int w = 0;
	while (i < n) {
		int32_t c = decode((const unsigned char *)s + i, n - i, &len);
		int cw = c < 0x80 ? 1 : char_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	return i;
}
