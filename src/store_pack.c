/* store_pack.c - the answer pack: writing a complete assessment's answers as one
 * value and reading them back, checked byte by byte (the value comes from
 * a file that may be damaged). The format is in store_pack.h. */
#include "store_pack.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/util.h"

static void put_text(struct store_pack_writer *w, struct store_pack_text t)
{
	if (t.n)
		memcpy(w->buf + w->len, t.s, t.n);
	w->buf[w->len + t.n] = '\0';
	w->len += t.n + 1;
}

void store_pack_add(struct store_pack_writer *w, char kind, struct store_pack_text question, struct store_pack_text option,
	      struct store_pack_text note)
{
	if (!w->buf) {
		w->cap = 4096;
		w->buf = xmalloc(w->cap);
		w->len = 4;  /* the count, written by store_pack_finish */
	}
	grow_array((void **)&w->buf, &w->cap, w->len + 4 + question.n + option.n + note.n, 1);
	w->buf[w->len++] = kind;
	put_text(w, question);
	put_text(w, option);
	put_text(w, note);
	w->count++;
}

char *store_pack_finish(struct store_pack_writer *w, size_t *len)
{
	if (!w->buf) {
		w->buf = xmalloc(4);
		w->len = 4;
	}
	for (int i = 0; i < 4; i++)
		w->buf[i] = (char)(w->count >> (8 * i) & 0xff);
	char *buf = w->buf;
	*len = w->len;
	*w = (struct store_pack_writer){ 0 };
	return buf;
}

void store_pack_discard(struct store_pack_writer *w)
{
	free(w->buf);
	*w = (struct store_pack_writer){ 0 };
}

/* The kind coded C, or -1. */
static int kind_of(char c)
{
	return c == 'o' ? STORE_OPTION : c == 'n' ? STORE_NA : c == 'u' ? STORE_UNKNOWN : -1;
}

/* Reads the record at *P (before END) into A; 0, or -1 when it is damaged. */
static int read_record(char **p, char *end, struct store_answer *a)
{
	int k = *p < end ? kind_of(*(*p)++) : -1;
	char *f[3] = { 0 };
	for (int j = 0; j < 3 && k >= 0; j++) {
		char *z = *p < end ? memchr(*p, '\0', (size_t)(end - *p)) : NULL;
		if (!z)
			return -1;
		f[j] = *p;
		*p = z + 1;
	}
	/* A question; an option exactly when the kind is one. */
	if (k < 0 || !*f[0] || (k == STORE_OPTION) != (*f[1] != '\0'))
		return -1;
	*a = (struct store_answer){ .question = f[0], .kind = (enum store_answer_kind)k,
				    .option = *f[1] ? f[1] : NULL, .note = *f[2] ? f[2] : NULL };
	return 0;
}

int store_pack_read(const char *buf, size_t len, struct store_answer **v, size_t *n, size_t *bad)
{
	*v = NULL;
	*n = 0;
	const unsigned char *u = (const unsigned char *)buf;
	size_t count = len < 4 ? 0 : (size_t)u[0] | (size_t)u[1] << 8 | (size_t)u[2] << 16 |
					     (size_t)u[3] << 24;
	size_t a = 0;
	struct store_answer *out = NULL;
	/* A record takes at least 5 bytes: the count cannot ask for more. */
	if (len < 4 || count > (len - 4) / 5)
		goto damaged;
	if (!count) {
		if (len == 4)
			return 0;
		goto damaged;
	}
	out = xmalloc(count * sizeof(*out) + len - 4);
	char *p = memcpy(out + count, buf + 4, len - 4), *end = p + (len - 4);
	for (; a < count; a++)
		if (read_record(&p, end, &out[a]))
			goto damaged;
	if (p != end)
		goto damaged;
	*v = out;
	*n = count;
	return 0;
damaged:
	free(out);
	*bad = a + 1;
	return -1;
}
