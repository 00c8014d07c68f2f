/* jsonpos.c - finds values in a JSON text by their path, and lines and
 * columns of byte offsets. */
#include "itmaturity/jsonpos.h"

#include <stdint.h>
#include <string.h>

#define NOT_FOUND SIZE_MAX

/* The byte at I, or -1 past the end. */
static int at(const struct jsonpos *p, size_t i)
{
	return i < p->len ? (unsigned char)p->text[i] : -1;
}

static bool blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t ws(const struct jsonpos *p, size_t i)
{
	while (blank(at(p, i)))
		i++;
	return i;
}

/* From the opening quote of a string at I, the offset past its closing
 * quote (LEN when it has none). */
static size_t skip_string(const char *text, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (text[i] == '\\')
			i++;
		else if (text[i] == '"')
			return i + 1;
	}
	return len;
}

/* Whether C ends a number or a literal. */
static bool delimiter(int c)
{
	return c < 0 || blank(c) || (c && strchr(",:[]{}\"", c));
}

/* From the first byte of a value at I, the offset past it. */
static size_t skip_value(const struct jsonpos *p, size_t i)
{
	int c = at(p, i);
	if (c == '"')
		return skip_string(p->text, p->len, i);
	if (c != '{' && c != '[') {
		while (!delimiter(at(p, i)))
			i++;
		return i;
	}
	for (size_t depth = 0; i < p->len; i++) {
		c = at(p, i);
		if (c == '"')
			i = skip_string(p->text, p->len, i) - 1;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return i + 1;
	}
	return p->len;
}

static long hex4(const char *s, const char *end)
{
	long v = 0;
	for (int k = 0; k < 4; k++, s++) {
		if (s >= end)
			return -1;
		char c = *s;
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Decodes the escape after the backslash at *S into OUT (UTF-8); returns
 * its length in bytes, 0 when it is not one. */
static size_t unescape(const char **s, const char *end, char out[4])
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e = *s + 1;
	if (e >= end)
		return 0;
	const char *k = strchr(from, *e);
	if (*e != 'u') {
		*s = e + 1;
		out[0] = k && *e ? to[k - from] : 0;
		return out[0] != 0;
	}
	long u = hex4(e + 1, end);
	e += 5;
	if (u >= 0xD800 && u <= 0xDBFF && end - e >= 6 && e[0] == '\\' && e[1] == 'u') {
		long lo = hex4(e + 2, end);
		if (lo >= 0xDC00 && lo <= 0xDFFF) {
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			e += 6;
		}
	}
	*s = e;
	if (u <= 0)
		return 0;
	if (u < 0x80)
		return out[0] = (char)u, 1;
	if (u < 0x800)
		return out[0] = (char)(0xC0 | u >> 6), out[1] = (char)(0x80 | (u & 0x3F)), 2;
	size_t n = u < 0x10000 ? 3 : 4;
	out[0] = (char)(n == 3 ? 0xE0 | u >> 12 : 0xF0 | u >> 18);
	for (size_t b = 1; b < n; b++)
		out[b] = (char)(0x80 | ((u >> (6 * (n - 1 - b))) & 0x3F));
	return n;
}

/* Whether the string from its opening quote at I to END (past its closing
 * quote) reads as KEY. */
static bool key_is(const struct jsonpos *p, size_t i, size_t end, const char *key)
{
	const char *s = p->text + i + 1, *e = p->text + end - 1;
	if (e < s)
		return false;
	size_t klen = strlen(key);
	if (!memchr(s, '\\', (size_t)(e - s)))
		return (size_t)(e - s) == klen && memcmp(s, key, klen) == 0;
	while (s < e) {
		char buf[4];
		size_t n = 1;
		if (*s == '\\')
			n = unescape(&s, e, buf);
		else
			buf[0] = *s++;
		if (n == 0 || strncmp(key, buf, n) != 0)
			return false;
		key += n;
	}
	return *key == '\0';
}

/* The value of member KEY of the object at I, its key's offset in *KEY_AT. */
static size_t member(const struct jsonpos *p, size_t i, const char *key, size_t *key_at)
{
	if (at(p, i) != '{')
		return NOT_FOUND;
	for (i = ws(p, i + 1); at(p, i) == '"';) {
		size_t end = skip_string(p->text, p->len, i);
		size_t v = ws(p, ws(p, end) + 1);  /* past the ':' */
		if (key_is(p, i, end, key)) {
			*key_at = i;
			return v;
		}
		i = ws(p, skip_value(p, v));
		if (at(p, i) == ',')
			i = ws(p, i + 1);
	}
	return NOT_FOUND;
}

/* The item COUNT places after the array item at I. */
static size_t item(const struct jsonpos *p, size_t i, size_t count)
{
	for (; count && i != NOT_FOUND; count--) {
		i = ws(p, skip_value(p, i));
		i = at(p, i) == ',' ? ws(p, i + 1) : NOT_FOUND;
	}
	return i == NOT_FOUND || at(p, i) == ']' || at(p, i) < 0 ? NOT_FOUND : i;
}

static bool same(const struct jp_step *a, const struct jp_step *b)
{
	return a->key && b->key ? strcmp(a->key, b->key) == 0 : !a->key && !b->key && a->index == b->index;
}

void jp_init(struct jsonpos *p, const char *text, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->text = text;
	p->len = len;
	p->value[0] = ws(p, 0);
	p->line = p->col = 1;
	p->mark[0].line = p->mark[0].col = 1;
	p->nmarks = 1;
}

bool jp_find(struct jsonpos *p, const struct jp_step *path, size_t n, bool at_key, size_t *off)
{
	if (n > JP_MAX_DEPTH)
		return false;
	size_t k = 0;
	while (k < n && k < p->nlast && same(&path[k], &p->last[k]))
		k++;
	size_t i = p->value[k], key_at = i, from = 0;
	/* Along the array the last path went into: on from the item it reached. */
	bool resume = k < n && k < p->nlast && !path[k].key && !p->last[k].key &&
		      p->last[k].index < path[k].index;
	if (resume)
		from = p->last[k].index, i = p->value[k + 1];
	else if (k == n && k > 0 && path[k - 1].key)
		member(p, p->value[k - 1], path[k - 1].key, &key_at);
	for (; k < n && i != NOT_FOUND; k++, resume = false) {
		if (path[k].key) {
			i = member(p, i, path[k].key, &key_at);
		} else {
			if (!resume)
				i = at(p, i) == '[' ? ws(p, i + 1) : NOT_FOUND;
			i = item(p, i, path[k].index - from);
			key_at = i;
			from = 0;
		}
		p->last[k] = path[k];
		p->value[k + 1] = i;
		p->nlast = k + 1;
	}
	if (i == NOT_FOUND) {
		p->nlast = k ? k - 1 : 0;
		return false;
	}
	*off = at_key ? key_at : i;
	return true;
}

void jp_line_col(struct jsonpos *p, size_t off, unsigned *line, unsigned *col)
{
	if (off > p->len)
		off = p->len;
	if (off < p->line_at) {
		size_t k = off / JP_MARK_STEP < p->nmarks ? off / JP_MARK_STEP : p->nmarks - 1;
		p->line_at = k * JP_MARK_STEP;
		p->line = p->mark[k].line;
		p->col = p->mark[k].col;
	}
	for (size_t i = p->line_at; i < off; i++) {
		if (i % JP_MARK_STEP == 0 && i / JP_MARK_STEP == p->nmarks && p->nmarks < JP_MARKS) {
			p->mark[p->nmarks].line = p->line;
			p->mark[p->nmarks++].col = p->col;
		}
		unsigned char c = (unsigned char)p->text[i];
		if (c == '\n')
			p->line++, p->col = 1;
		else if ((c & 0xC0) != 0x80)
			p->col++;
	}
	p->line_at = off;
	*line = p->line;
	*col = p->col;
}

size_t jp_tokens(const char *text, size_t len, size_t end, size_t max, size_t *n)
{
	struct jsonpos p = { .text = text, .len = len };
	size_t i = 0, start = 0, count = 0;
	if (end > len)
		end = len;
	while (i < end && count <= max) {
		int c = at(&p, i);
		if (blank(c)) {
			i++;
			continue;
		}
		start = i;
		if (c == '"' || c == '{' || c == '[')
			count++;
		if (c == '"')
			i = skip_string(text, len, i);
		else if (delimiter(c))
			i++;
		else
			i = skip_value(&p, i), count++;
	}
	*n = count;
	return start;
}
