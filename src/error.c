/* error.c - positioned diagnostics. */
#include "itmaturity/error.h"

#include <stdarg.h>
#include <stdlib.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

void errs_add(struct itm_errors *e, const char *path, unsigned line, unsigned col,
	      const char *fmt, ...)
{
	if (e->n >= ERRORS_MAX) {
		e->dropped++;
		return;
	}
	grow_array((void **)&e->v, &e->cap, e->n + 1, sizeof(*e->v));
	struct itm_error *x = &e->v[e->n++];
	va_list ap;
	va_start(ap, fmt);
	x->message = xvasprintf(fmt, ap);
	va_end(ap);
	x->path = path ? xstrdup(path) : NULL;
	x->line = line;
	x->col = col;
}

size_t errs_count(const struct itm_errors *e)
{
	return e->n + e->dropped;
}

static char *format(const struct itm_error *x)
{
	if (!x->path)
		return xstrdup(x->message);
	if (x->line)
		return xasprintf("%s:%u:%u: %s", x->path, x->line, x->col, x->message);
	return xasprintf("%s: %s", x->path, x->message);
}

void errs_print_prefixed(FILE *out, const char *prefix, const struct itm_errors *e)
{
	for (size_t i = 0; i < e->n; i++) {
		/* A message may quote a file, a name or a path: made safe. */
		char *t = format(&e->v[i]), *safe = text_safe(t, false);
		fprintf(out, "%s%s\n", e->v[i].line ? "" : prefix, safe);
		free(safe);
		free(t);
	}
	if (e->dropped && e->n) {
		char *path = text_safe(e->v[0].path ? e->v[0].path : "", false);
		/* English says "errors" for one too (the output stays as it was). */
		fprintf(out, "%s%s%s", prefix, path, *path ? ": " : "");
		fprintf(out, ngettext("%zu more errors not shown\n", "%zu more errors not shown\n", e->dropped),
			e->dropped);
		free(path);
	}
}

void errs_print(FILE *out, const struct itm_errors *e)
{
	errs_print_prefixed(out, "", e);
}

char *errs_first(const struct itm_errors *e)
{
	return e->n ? format(&e->v[0]) : xstrdup("");
}

void errs_free(struct itm_errors *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].path);
		free(e->v[i].message);
	}
	free(e->v);
	e->v = NULL;
	e->n = e->cap = e->dropped = 0;
}
