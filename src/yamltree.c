/* yamltree.c - reading a YAML file (size-capped) and libyaml's events
 * turned into a bounded tree with positions. */
#include "itmaturity/yamltree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "itmaturity/i18n.h"

bool yt_read_file(const char *path, char **buf, size_t *len, struct itm_errors *errs)
{
	return yt_read_file_max(path, YT_MAX_FILE, buf, len, errs);
}

static void too_large(struct itm_errors *errs, const char *path, size_t max)
{
	if (max % (1024 * 1024) == 0)
		errs_add(errs, path, 0, 0, _("file is larger than the limit of %zu MiB"), max / (1024 * 1024));
	else
		errs_add(errs, path, 0, 0, _("file is larger than the limit of %zu bytes"), max);
}

bool yt_read_file_max(const char *path, size_t max, char **buf, size_t *len,
		      struct itm_errors *errs)
{
	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		errs_add(errs, path, 0, 0, _("cannot open: %s"), strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		errs_add(errs, path, 0, 0, _("cannot read: %s"), strerror(errno));
		close(fd);
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		errs_add(errs, path, 0, 0, _("is a directory, not a file"));
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		errs_add(errs, path, 0, 0, _("is not a regular file"));
		close(fd);
		return false;
	}
	if ((size_t)st.st_size > max) {
		too_large(errs, path, max);
		close(fd);
		return false;
	}
	/* Room for the file, its NUL and one more byte, so that reading the
	 * end of an unchanged file does not double the buffer. */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *b = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				too_large(errs, path, max);
				goto fail;
			}
			cap *= 2;
			b = xrealloc(b, cap);
		}
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			errs_add(errs, path, 0, 0, _("cannot read: %s"), strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return true;
fail:
	free(b);
	close(fd);
	return false;
}

/* Converts a byte offset in BUF to a 1-based line and column (columns count
 * characters, as libyaml's marks do). */
static void offset_pos(const char *buf, size_t len, size_t offset, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

const char *yt_show(const struct yt_node *n, char buf[YT_SHOW_SIZE])
{
	size_t o = n->len < 40 ? n->len : 40;
	/* Cut at a character boundary, never inside a UTF-8 sequence. */
	while (o > 0 && o < n->len && ((unsigned char)n->str[o] & 0xC0) == 0x80)
		o--;
	for (size_t i = 0; i < o; i++) {
		unsigned char ch = (unsigned char)n->str[i];
		buf[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	if (o < n->len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

bool yt_is_null(const struct yt_node *n)
{
	return n->type == YT_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
		strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

const char *yt_type_name(const struct yt_node *n)
{
	switch (n->type) {
	case YT_SEQ:
		/* TRANSLATORS: what a value is, in "... must be a list, not %s". */
		return _("a list");
	case YT_MAP:
		return _("a mapping");
	case YT_SCALAR:
		break;
	}
	return yt_is_null(n) ? _("nothing") : _("a value");
}

/* An open collection: its node, and where its children start among the
 * builder's pending nodes. */
struct frame {
	struct yt_node node;
	size_t start;
};

/* Short texts (keys, ids, numbers, option keys) repeat: each is stored
 * once, found through an open-addressing hash table. */
enum { INTERN_MAX = 32 };

struct interned {
	const char *str;
	size_t len;
};

struct builder {
	const struct yt_limits *lim;
	const char *path;
	struct yt_doc *doc;
	struct itm_errors *errs;
	struct frame stack[YT_MAX_DEPTH];
	int depth;
	size_t nodes;
	/* The finished children of the open collections, innermost last:
	 * each collection's are copied into one array when it ends. */
	struct yt_node *pend;
	size_t npend, pcap;
	struct interned *tab;    /* cap slots, a power of two, or NULL */
	size_t cap, used;
};

static size_t hash_text(const char *s, size_t n)
{
	size_t h = 2166136261u;  /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The scalar text S (N bytes) as stored in the document: a copy, shared
 * with equal short texts. */
static const char *store_text(struct builder *b, const char *s, size_t n)
{
	if (n > INTERN_MAX)
		return arena_strndup(&b->doc->strings, s, n);
	if (b->used * 2 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		struct interned *t = xcalloc(cap, sizeof(*t));
		for (size_t i = 0; i < b->cap; i++) {
			if (!b->tab[i].str)
				continue;
			size_t j = hash_text(b->tab[i].str, b->tab[i].len) & (cap - 1);
			while (t[j].str)
				j = (j + 1) & (cap - 1);
			t[j] = b->tab[i];
		}
		free(b->tab);
		b->tab = t;
		b->cap = cap;
	}
	size_t j = hash_text(s, n) & (b->cap - 1);
	for (; b->tab[j].str; j = (j + 1) & (b->cap - 1))
		if (b->tab[j].len == n && memcmp(b->tab[j].str, s, n) == 0)
			return b->tab[j].str;
	b->tab[j].str = arena_strndup(&b->doc->strings, s, n);
	b->tab[j].len = n;
	b->used++;
	return b->tab[j].str;
}

static int key_cmp(const void *a, const void *b)
{
	const struct yt_node *x = *(const struct yt_node *const *)a;
	const struct yt_node *y = *(const struct yt_node *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->str, y->str, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : (x->col > y->col);
}

/* Reports every key of MAP that repeats an earlier one. */
static void check_duplicates(struct builder *b, const struct yt_node *map)
{
	size_t nkeys = map->n / 2;
	if (nkeys < 2)
		return;
	const struct yt_node **keys = xmalloc(nkeys * sizeof(*keys));
	size_t i;
	for (i = 0; i < nkeys; i++)
		keys[i] = &map->first[2 * i];
	qsort(keys, nkeys, sizeof(*keys), key_cmp);
	for (i = 1; i < nkeys; i++) {
		const struct yt_node *first = keys[i - 1];
		const struct yt_node *k = keys[i];
		if (first->len == k->len && memcmp(first->str, k->str, k->len) == 0) {
			/* keys[i-1] may itself be a repeat: find the group's first. */
			size_t j = i - 1;
			while (j > 0 && keys[j - 1]->len == k->len &&
			       memcmp(keys[j - 1]->str, k->str, k->len) == 0)
				j--;
			char show[YT_SHOW_SIZE];
			errs_add(b->errs, b->path, k->line, k->col,
				 _("duplicate key '%s' (first at line %u)"), yt_show(k, show),
				 keys[j]->line);
		}
	}
	free(keys);
}

static bool new_node(struct builder *b, enum yt_type type, const yaml_mark_t *m, struct yt_node *n)
{
	if (++b->nodes > b->lim->max_nodes) {
		errs_add(b->errs, b->path, (unsigned)m->line + 1, (unsigned)m->column + 1,
			 _("too many values in one file (the limit is %zu)"), b->lim->max_nodes);
		return false;
	}
	*n = (struct yt_node){ .type = type, .line = (unsigned)m->line + 1, .col = (unsigned)m->column + 1 };
	return true;
}

/* Whether N may come next in the open container: a mapping's keys are
 * scalars (checked when a collection starts, before its contents). */
static bool fits(struct builder *b, const struct yt_node *n)
{
	if (b->depth == 0)
		return true;
	const struct frame *f = &b->stack[b->depth - 1];
	if (f->node.type != YT_MAP || (b->npend - f->start) % 2 || n->type == YT_SCALAR)
		return true;
	errs_add(b->errs, b->path, n->line, n->col, _("a mapping key must be plain text, not %s"),
		 yt_type_name(n));
	return false;
}

/* Appends the finished node N to the open container, or makes it the root. */
static void attach(struct builder *b, const struct yt_node *n)
{
	if (b->depth == 0) {
		struct yt_node *root = arena_alloc(&b->doc->arena, sizeof(*root));
		*root = *n;
		b->doc->root = root;
		return;
	}
	grow_array((void **)&b->pend, &b->pcap, b->npend + 1, sizeof(*b->pend));
	b->pend[b->npend++] = *n;
}

/* Ends the innermost collection: its children move into one array. */
static struct yt_node finish(struct builder *b)
{
	static struct yt_node none[1];  /* the children of empty collections */
	struct frame *f = &b->stack[--b->depth];
	struct yt_node n = f->node;
	n.n = (uint32_t)(b->npend - f->start);
	n.first = none;
	if (n.n) {
		n.first = arena_alloc(&b->doc->arena, n.n * sizeof(*n.first));
		memcpy(n.first, b->pend + f->start, n.n * sizeof(*n.first));
	}
	b->npend = f->start;
	return n;
}

static void parser_error(struct builder *b, const yaml_parser_t *p, const char *buf, size_t len)
{
	unsigned line, col;
	if (p->error == YAML_READER_ERROR) {
		offset_pos(buf, len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			/* TRANSLATORS: %s is the YAML reader's own (English) message. */
			errs_add(b->errs, b->path, line, col, _("%s (byte 0x%02X)"),
				 p->problem ? p->problem : _("unreadable input"),
				 (unsigned)p->problem_value & 0xFFu);
		else
			errs_add(b->errs, b->path, line, col, "%s",
				 p->problem ? p->problem : _("unreadable input"));
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		errs_add(b->errs, b->path, 0, 0, _("out of memory while parsing"));
		return;
	}
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	if (p->context && p->context_mark.line + 1 != line)
		/* TRANSLATORS: the YAML reader's own (English) problem and its context. */
		errs_add(b->errs, b->path, line, col, _("YAML syntax error: %s %s (line %u)"),
			 p->problem ? p->problem : _("invalid YAML"), p->context,
			 (unsigned)p->context_mark.line + 1);
	else
		errs_add(b->errs, b->path, line, col, _("YAML syntax error: %s"),
			 p->problem ? p->problem : _("invalid YAML"));
}

/* The tag of a node's event ("!foo", "!!str" resolved to
 * "tag:yaml.org,2002:str"), or NULL when it has none. */
static const char *event_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return (const char *)ev->data.scalar.tag;
	case YAML_SEQUENCE_START_EVENT:
		return (const char *)ev->data.sequence_start.tag;
	case YAML_MAPPING_START_EVENT:
		return (const char *)ev->data.mapping_start.tag;
	default:
		return NULL;
	}
}

/* Reports TAG at LINE:COL as it was written: the core schema's prefix as
 * "!!", control characters (from %-escapes) shown as '?'. */
static void tag_error(struct builder *b, const char *tag, unsigned line, unsigned col)
{
	static const char core[] = "tag:yaml.org,2002:";
	bool is_core = strncmp(tag, core, sizeof(core) - 1) == 0;
	if (is_core)
		tag += sizeof(core) - 1;
	struct yt_node n = { .str = tag, .len = (uint32_t)strlen(tag) };
	char show[YT_SHOW_SIZE];
	errs_add(b->errs, b->path, line, col, _("YAML tags are not supported: '%s%s'"),
		 is_core ? "!!" : "", yt_show(&n, show));
}

/* Handles one event; returns false to stop. */
static bool on_event(struct builder *b, const yaml_event_t *ev, int *docs, bool *ok)
{
	const yaml_mark_t *m = &ev->start_mark;
	unsigned line = (unsigned)m->line + 1, col = (unsigned)m->column + 1;
	struct yt_node n;

	/* A tag would change what the value means (!!str 2 is text): refused,
	 * and the tree built on to report what else is wrong. */
	const char *tag = event_tag(ev);
	if (tag) {
		tag_error(b, tag, line, col);
		*ok = false;
	}
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return false;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			errs_add(b->errs, b->path, line, col,
				 _("a second YAML document: a file holds exactly one"));
			*ok = false;
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		errs_add(b->errs, b->path, line, col, _("YAML aliases (*%s) are not supported"),
			 (const char *)ev->data.alias.anchor);
		*ok = false;
		return false;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length > b->lim->max_scalar) {
			errs_add(b->errs, b->path, line, col,
				 _("value is longer than the limit of %zu bytes"), b->lim->max_scalar);
			*ok = false;
			return false;
		}
		if (!new_node(b, YT_SCALAR, m, &n)) {
			*ok = false;
			return false;
		}
		n.plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n.len = (uint32_t)ev->data.scalar.length;
		n.str = store_text(b, (const char *)ev->data.scalar.value, n.len);
		if (!fits(b, &n)) {
			*ok = false;
			return false;
		}
		attach(b, &n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth >= b->lim->max_depth) {
			errs_add(b->errs, b->path, line, col,
				 _("nested deeper than the limit of %d levels"), b->lim->max_depth);
			*ok = false;
			return false;
		}
		if (!new_node(b, ev->type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP, m, &n) ||
		    !fits(b, &n)) {
			*ok = false;
			return false;
		}
		b->stack[b->depth++] = (struct frame){ n, b->npend };
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = finish(b);
		if (n.type == YT_MAP)
			check_duplicates(b, &n);
		attach(b, &n);
		return true;
	default:
		return true;
	}
}

bool yt_parse(const char *path, const char *buf, size_t len, struct yt_doc *doc,
	      struct itm_errors *errs)
{
	static const struct yt_limits defaults = { YT_MAX_SCALAR, YT_MAX_NODES, YT_MAX_DEPTH };
	return yt_parse_limits(path, buf, len, &defaults, doc, errs);
}

bool yt_parse_limits(const char *path, const char *buf, size_t len, const struct yt_limits *lim,
		     struct yt_doc *doc, struct itm_errors *errs)
{
	memset(doc, 0, sizeof(*doc));
	struct builder b = { .lim = lim, .path = path, .doc = doc, .errs = errs };
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		errs_add(errs, path, 0, 0, _("out of memory while parsing"));
		return false;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	int docs = 0;
	bool ok = true, more = true;
	while (more) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(&b, &p, buf, len);
			ok = false;
			break;
		}
		more = on_event(&b, &ev, &docs, &ok);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(b.tab);
	free(b.pend);
	if (ok && !doc->root) {
		errs_add(errs, path, 1, 1, _("the file is empty"));
		ok = false;
	}
	if (!ok) {
		yt_free(doc);
		return false;
	}
	return true;
}

void yt_free(struct yt_doc *doc)
{
	arena_free(&doc->arena);
	arena_free(&doc->strings);
	doc->root = NULL;
}

size_t yt_peek(const char *path, const char *const *keys, size_t n, char **values)
{
	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	/* A prefix of a regular file, never waiting on a FIFO or a terminal:
	 * the first keys of a file in the catalogue's folders, read at once. */
	enum { PEEK_MAX = 16 * 1024 };
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return 0;
	char *buf = xmalloc(PEEK_MAX);
	ssize_t len = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, buf, PEEK_MAX) : -1;
	close(fd);
	yaml_parser_t p;
	if (len <= 0 || !yaml_parser_initialize(&p)) {
		free(buf);
		return 0;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, (size_t)len);
	size_t found = 0, events = 0, key = SIZE_MAX;
	bool at_key = true, more = true;
	/* Stream, document and mapping start, then key and value scalars. */
	while (more && found < n && events++ < 3 + 2 * 64) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		if (events <= 3) {
			static const yaml_event_type_t start[] = { YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT,
								   YAML_MAPPING_START_EVENT };
			more = ev.type == start[events - 1];
		} else if (ev.type != YAML_SCALAR_EVENT || ev.data.scalar.tag) {
			more = false;
		} else if (at_key) {
			for (key = 0; key < n && strcmp((const char *)ev.data.scalar.value, keys[key]) != 0; key++)
				;
			at_key = false;
		} else {
			/* Whole: not cut by the end of the prefix, no NUL inside. */
			if (key < n && !values[key] && ev.end_mark.index < (size_t)len &&
			    strlen((const char *)ev.data.scalar.value) == ev.data.scalar.length) {
				values[key] = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
				found++;
			}
			at_key = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(buf);
	return found;
}
