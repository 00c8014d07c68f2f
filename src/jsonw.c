/* jsonw.c - streaming JSON writer. */
#include "itmaturity/jsonw.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void jw_init(struct jsonw *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void indent(struct jsonw *w)
{
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Separates a new value from the previous one. */
static void value_start(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		fputc(',', w->out);
	w->first[w->depth] = false;
	indent(w);
}

static void open_with(struct jsonw *w, char open, char close)
{
	value_start(w);
	fputc(open, w->out);
	if (w->depth + 1 >= JW_MAX_DEPTH)
		abort();  /* a programming error: our documents are shallow */
	w->depth++;
	w->first[w->depth] = true;
	w->close[w->depth] = close;
}

void jw_obj(struct jsonw *w)
{
	open_with(w, '{', '}');
}

void jw_arr(struct jsonw *w)
{
	open_with(w, '[', ']');
}

void jw_end(struct jsonw *w)
{
	bool empty = w->first[w->depth];
	char close = w->close[w->depth];
	w->depth--;
	if (!empty)
		indent(w);
	fputc(close, w->out);
	if (w->depth == 0)
		fputc('\n', w->out);
}

/* Writes a JSON string literal of S to OUT. */
static void quote(FILE *out, const char *s)
{
	fputc('"', out);
	const unsigned char *p = (const unsigned char *)s;
	for (;;) {
		/* Copy the run of characters that need no escape in one go. */
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
			p++;
		fwrite(run, 1, (size_t)(p - run), out);
		if (!*p)
			break;
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default: fprintf(out, "\\u%04x", *p);
		}
		p++;
	}
	fputc('"', out);
}

void jw_key(struct jsonw *w, const char *key)
{
	value_start(w);
	quote(w->out, key);
	fputs(": ", w->out);
	w->after_key = true;
}

void jw_str(struct jsonw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	value_start(w);
	quote(w->out, s);
}

void jw_num(struct jsonw *w, double d)
{
	if (!isfinite(d)) {
		jw_null(w);
		return;
	}
	value_start(w);
	char buf[40];
	/* The shortest %g form that reads back as the same double. Any decimal
	 * of up to 15 digits that reads back is what %.15g prints (trailing
	 * zeros removed), so only 15, 16 and 17 need trying; not so for
	 * subnormal numbers, which hold fewer digits: they try from 1. */
	for (int prec = fabs(d) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	fputs(buf, w->out);
}

void jw_int(struct jsonw *w, long long i)
{
	value_start(w);
	fprintf(w->out, "%lld", i);
}

void jw_bool(struct jsonw *w, bool b)
{
	value_start(w);
	fputs(b ? "true" : "false", w->out);
}

void jw_null(struct jsonw *w)
{
	value_start(w);
	fputs("null", w->out);
}
