/* yamlfields.c - typed access to a YAML tree, with positioned errors. */
#include "itmaturity/yamlfields.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

void yf_error(struct yf *f, const struct yt_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	errs_add(f->errs, f->path, at ? at->line : 0, at ? at->col : 0, "%s", msg);
	free(msg);
}

static bool is_key(const struct yt_node *k, const char *name)
{
	return k->len == strlen(name) && memcmp(k->str, name, k->len) == 0;
}

/* The value of KEY in MAP, or NULL (also when MAP is not a mapping). */
static const struct yt_node *map_get(const struct yt_node *map, const char *key)
{
	if (!map || map->type != YT_MAP)
		return NULL;
	for (const struct yt_node *k = map->first; k < map->first + map->n; k += 2)
		if (is_key(k, key))
			return k + 1;
	return NULL;
}

const char *yf_name(const struct yt_node *map, const char *key, char buf[YT_SHOW_SIZE])
{
	const struct yt_node *v = map_get(map, key);
	if (!v || v->type != YT_SCALAR || yt_is_null(v))
		return NULL;
	return yt_show(v, buf);
}

bool yf_map(struct yf *f, const struct yt_node *node, const char *what,
	    const struct yf_field *fields, size_t n, const struct yt_node **out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (node->type != YT_MAP) {
		yf_error(f, node, _("%s must be a mapping (key: value lines), not %s"), what,
			 yt_type_name(node));
		return false;
	}
	for (const struct yt_node *k = node->first; k < node->first + node->n; k += 2) {
		size_t i;
		for (i = 0; i < n && !is_key(k, fields[i].name); i++)
			;
		if (i < n) {
			if (!out[i])  /* a duplicate was reported by the tree */
				out[i] = k + 1;
			continue;
		}
		char show[YT_SHOW_SIZE], allowed[512];
		size_t o = 0;
		for (i = 0; i < n && o < sizeof(allowed) - 64; i++)
			o += (size_t)snprintf(allowed + o, sizeof(allowed) - o, "%s%s",
					      i ? ", " : "", fields[i].name);
		yf_error(f, k, _("%s: unknown key '%s' (expected one of: %s)"), what, yt_show(k, show),
			 allowed);
	}
	for (size_t i = 0; i < n; i++)
		if (fields[i].required && !out[i])
			yf_error(f, node, _("%s: missing required key '%s'"), what, fields[i].name);
	return true;
}

bool yf_list(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	     size_t min)
{
	if (!node)
		return false;
	if (node->type != YT_SEQ) {
		yf_error(f, node, _("%s: '%s' must be a list, not %s"), what, key, yt_type_name(node));
		return false;
	}
	if (node->n < min) {
		if (node->n == 0)
			yf_error(f, node, _("%s: '%s' is empty (at least %zu needed)"), what, key, min);
		else
			yf_error(f, node, _("%s: '%s' has %zu, at least %zu needed"), what, key, (size_t)node->n, min);
		return false;
	}
	return true;
}

/* NODE must be a scalar and not null. */
static bool scalar(struct yf *f, const struct yt_node *node, const char *what, const char *key,
		   const char *expected)
{
	if (!node)
		return false;  /* missing: reported by yf_map */
	if (node->type != YT_SCALAR || yt_is_null(node)) {
		yf_error(f, node, _("%s: '%s' must be %s, not %s"), what, key, expected, yt_type_name(node));
		return false;
	}
	return true;
}

const char *yf_text(struct yf *f, const struct yt_node *node, const char *what, const char *key)
{
	if (!scalar(f, node, what, key, _("text")))
		return NULL;
	if (memchr(node->str, '\0', node->len)) {
		yf_error(f, node, _("%s: '%s' contains a NUL character"), what, key);
		return NULL;
	}
	/* The file's bytes were checked by the YAML reader, but an escape
	 * ("\e", "\x1b", "\u001b") still writes a control character. */
	if (!text_is_safe(node->str, false)) {
		yf_error(f, node, _("%s: the %s holds a control character (only newlines and tabs "
			 "are allowed)"), what, key);
		return NULL;
	}
	/* Block scalars end in a newline; text is kept without it. */
	size_t len = node->len;
	while (len > 0 && isspace((unsigned char)node->str[len - 1]))
		len--;
	if (len == 0) {
		yf_error(f, node, _("%s: '%s' is empty"), what, key);
		return NULL;
	}
	if (f->borrow && len == node->len)
		return node->str;
	return arena_strndup(f->arena, node->str, len);
}

static const char *ident(struct yf *f, const struct yt_node *node, const char *what,
			 const char *key, bool letter_first)
{
	const char *kind = letter_first ? _("a key") : _("an id");
	if (!scalar(f, node, what, key, kind))
		return NULL;
	bool ok = node->len >= 1 && node->len <= 64;
	for (size_t i = 0; ok && i < node->len; i++) {
		char ch = node->str[i];
		ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch == '-' && i > 0);
	}
	if (ok && letter_first)
		ok = node->str[0] >= 'a' && node->str[0] <= 'z';
	if (!ok) {
		char show[YT_SHOW_SIZE];
		yf_error(f, node, letter_first ? _("%s: '%s' value '%s' is not a key (1 to 64 lower-case "
						   "letters, digits and '-', starting with a letter)")
					       : _("%s: '%s' value '%s' is not an id (1 to 64 lower-case letters, "
						   "digits and '-', starting with a letter or digit)"),
			 what, key, yt_show(node, show));
		return NULL;
	}
	if (f->borrow)
		return node->str;
	return arena_strndup(f->arena, node->str, node->len);
}

const char *yf_id(struct yf *f, const struct yt_node *node, const char *what, const char *key)
{
	return ident(f, node, what, key, false);
}

const char *yf_key(struct yf *f, const struct yt_node *node, const char *what, const char *key)
{
	return ident(f, node, what, key, true);
}

bool yf_parse_number(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && isdigit((unsigned char)s[i]))
		i++, digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && isdigit((unsigned char)s[i]))
			i++, digits++;
	}
	if (!digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t e = 0;
		while (i < len && isdigit((unsigned char)s[i]))
			i++, e++;
		if (!e)
			return false;
	}
	if (i != len || len > 64)
		return false;
	char tmp[80];
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	double d = strtod(tmp, NULL);
	if (!isfinite(d))
		return false;
	*out = d;
	return true;
}

bool yf_number(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	       double *out)
{
	if (!scalar(f, node, what, key, _("a number")))
		return false;
	if (!node->plain || !yf_parse_number(node->str, node->len, out)) {
		char show[YT_SHOW_SIZE];
		yf_error(f, node, node->plain ? _("%s: '%s' must be a number, not '%s'")
					      : _("%s: '%s' must be a number, not '%s' (a quoted value is text)"),
			 what, key, yt_show(node, show));
		return false;
	}
	return true;
}

/* Whether *OUT, read from NODE, lies from LO to HI; else says so. */
static bool in_range(struct yf *f, const struct yt_node *node, const char *what, const char *key,
		     double lo, double hi, const double *out)
{
	if (*out >= lo && *out <= hi)
		return true;
	char show[YT_SHOW_SIZE];
	yf_error(f, node, _("%s: '%s' must be from %.15g to %.15g, not %s"), what, key, lo, hi,
		 yt_show(node, show));
	return false;
}

bool yf_value(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	      double *out)
{
	return yf_number(f, node, what, key, out) &&
	       in_range(f, node, what, key, -YF_VALUE_MAX, YF_VALUE_MAX, out);
}

bool yf_weight(struct yf *f, const struct yt_node *node, const char *what, double *out)
{
	if (!yf_number(f, node, what, "weight", out))
		return false;
	if (!(*out > 0)) {
		yf_error(f, node, _("%s: 'weight' must be greater than 0, not %g"), what, *out);
		return false;
	}
	return in_range(f, node, what, "weight", YF_WEIGHT_MIN, YF_WEIGHT_MAX, out);
}

bool yf_bool(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	     bool *out)
{
	if (!node)
		return false;
	if (node->type == YT_SCALAR && node->plain) {
		if (strcmp(node->str, "true") == 0) {
			*out = true;
			return true;
		}
		if (strcmp(node->str, "false") == 0) {
			*out = false;
			return true;
		}
	}
	char show[YT_SHOW_SIZE];
	if (node->type == YT_SCALAR && !yt_is_null(node))
		yf_error(f, node, _("%s: '%s' must be true or false, not '%s'"), what, key, yt_show(node, show));
	else
		yf_error(f, node, _("%s: '%s' must be true or false, not %s"), what, key, yt_type_name(node));
	return false;
}
