/* answers.c - answer sets, the strict answers-file loader and the template
 * writer. Like the questionnaire loader, the walker keeps going after an
 * error so that every problem of a file is reported at once, and a set is
 * only returned when there was none. */
#include "itmaturity/answers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/yamlfields.h"
#include "itmaturity/yamltree.h"

static const char *const na_words[] = { "n/a", "na", "n-a" };
static const char *const unknown_words[] = { "unknown", "dont-know", "?" };

static void misuse(const char *what)
{
	fprintf(stderr, "itmaturity: internal error: ans_set_put: %s\n", what);
	abort();
}

struct ans_set *ans_set_new(const struct qn_questionnaire *q)
{
	struct ans_set *s = xcalloc(1, sizeof(*s));
	s->q = q;
	s->v = xcalloc(q->n_questions + 1, sizeof(*s->v));
	return s;
}

void ans_set_free(struct ans_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->q->n_questions; i++)
		free(s->v[i].note);
	free(s->v);
	free(s);
}

static bool owns_question(const struct qn_questionnaire *q, const struct qn_question *qq)
{
	return qq && qq->index < q->n_questions && q->questions[qq->index] == qq;
}

void ans_set_put(struct ans_set *s, const struct qn_question *qq, enum ans_kind kind,
		 const struct qn_option *option, const char *note)
{
	if (!owns_question(s->q, qq))
		misuse("the question is not one of the set's questionnaire");
	if ((kind == ANS_OPTION) != (option != NULL))
		misuse("an option goes with ANS_OPTION, and only with it");
	if (option && !(option >= qq->options && option < qq->options + qq->n_options))
		misuse("the option is not one of the question's");
	if (kind == ANS_NA && !qq->allow_na)
		misuse("the question does not allow \"not applicable\"");
	if (kind == ANS_UNKNOWN && !qq->allow_unknown)
		misuse("the question does not allow \"don't know\"");
	struct ans_answer *a = &s->v[qq->index];
	a->kind = kind;
	a->option = option;
	char *copy = note ? xstrdup(note) : NULL;  /* NOTE may be A's own */
	free(a->note);
	a->note = copy;
}

const struct ans_answer *ans_get(const struct ans_set *s, const struct qn_question *qq)
{
	return &s->v[qq->index];
}

const char *ans_kind_name(enum ans_kind kind)
{
	static const char *const names[] = { "none", "option", "n/a", "unknown" };
	return names[kind];
}

const char *ans_label(const struct ans_answer *a)
{
	switch (a->kind) {
	case ANS_OPTION:
		return a->option->key;
	case ANS_NA:
		/* TRANSLATORS: the answer "not applicable", short (it stands in tables). */
		return N_("n/a");
	case ANS_UNKNOWN:
		return N_("don't know");
	case ANS_NONE:
		break;
	}
	return N_("unanswered");
}

const char *ans_shown(const struct ans_answer *a)
{
	return a->kind == ANS_OPTION ? a->option->key : _(ans_label(a));
}

static bool word_in(const char *text, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(text, words[i]) == 0)
			return true;
	return false;
}

/* "0 (none), 1 (some), n/a, unknown": every answer QQ accepts. The caller
 * frees the result. */
static char *accepted(const struct qn_question *qq)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < qq->n_options + 2; i++) {
		char *item = NULL;
		if (i < qq->n_options) {
			const struct qn_option *o = &qq->options[i];
			item = o->has_value ? xasprintf("%g (%s)", o->value, o->key) : xstrdup(o->key);
		} else if (i == qq->n_options && qq->allow_na) {
			item = xstrdup("n/a");
		} else if (i == qq->n_options + 1 && qq->allow_unknown) {
			item = xstrdup("unknown");
		}
		if (!item)
			continue;
		char *t = xasprintf("%s%s%s", s, *s ? ", " : "", item);
		free(s);
		free(item);
		s = t;
	}
	return s;
}

/* TEXT as a short printable string for messages. */
static const char *show(const char *text, char buf[YT_SHOW_SIZE])
{
	struct yt_node n = { .type = YT_SCALAR, .str = text, .len = strlen(text) };
	return yt_show(&n, buf);
}

char *ans_parse_value(const struct qn_question *qq, const char *text, bool plain,
		      struct ans_answer *out)
{
	char buf[YT_SHOW_SIZE];
	if (*text == '\0') {
		out->kind = ANS_NONE;
		out->option = NULL;
		return NULL;
	}
	if (word_in(text, na_words, ARRAY_LEN(na_words))) {
		if (!qq->allow_na)
			return xasprintf(_("'%s': this question has no \"not applicable\" answer"),
					 show(text, buf));
		out->kind = ANS_NA;
		out->option = NULL;
		return NULL;
	}
	if (word_in(text, unknown_words, ARRAY_LEN(unknown_words))) {
		if (!qq->allow_unknown)
			return xasprintf(_("'%s': this question has no \"don't know\" answer"),
					 show(text, buf));
		out->kind = ANS_UNKNOWN;
		out->option = NULL;
		return NULL;
	}
	for (size_t i = 0; i < qq->n_options; i++) {
		if (strcasecmp(text, qq->options[i].key) == 0) {
			out->kind = ANS_OPTION;
			out->option = &qq->options[i];
			return NULL;
		}
	}
	double d;
	bool number = yf_parse_number(text, strlen(text), &d);
	if (number && plain) {
		for (size_t i = 0; i < qq->n_options; i++) {
			if (qq->options[i].has_value && qq->options[i].value == d) {
				out->kind = ANS_OPTION;
				out->option = &qq->options[i];
				return NULL;
			}
		}
	}
	char *list = accepted(qq);
	char *msg;
	if (number && plain)
		msg = xasprintf(_("'%s' is not the value of an option (expected one of: %s)"),
				show(text, buf), list);
	else if (number)
		msg = xasprintf(_("'%s' is not an answer to this question (a quoted number is text: "
				"write it without quotes; expected one of: %s)"), show(text, buf), list);
	else
		msg = xasprintf(_("'%s' is not an answer to this question (expected one of: %s)"),
				show(text, buf), list);
	free(list);
	return msg;
}

/* The loader. */

static const struct yf_field top_fields[] = {
	{ "questionnaire", true }, { "answers", true },
};

static const char *const file_what = N_("the answers file");

/* A question whose id is the last part of REF, to suggest when REF names
 * none (a missing or wrong domain). */
static const struct qn_question *similar(const struct qn_questionnaire *q, const char *ref)
{
	const char *dot = strrchr(ref, '.');
	const char *id = dot ? dot + 1 : ref;
	for (size_t i = 0; i < q->n_questions; i++)
		if (strcmp(q->questions[i]->id, id) == 0)
			return q->questions[i];
	return NULL;
}

static void load_answer(struct yf *f, struct ans_set *s, const struct qn_question *qq,
			const struct yt_node *node)
{
	static const struct yf_field fields[] = { { "value", true }, { "note", false } };
	char what[200];
	snprintf(what, sizeof(what), _("answer to '%s'"), qq->ref);
	const struct yt_node *value = node, *note = NULL;
	if (node->type == YT_MAP) {
		const struct yt_node *v[ARRAY_LEN(fields)];
		yf_map(f, node, what, fields, ARRAY_LEN(fields), v);
		value = v[0];
		note = v[1];
		if (!value)
			return;  /* missing 'value': reported */
	}
	if (value->type != YT_SCALAR) {
		yf_error(f, value, _("%s must be an option's value or key, n/a, unknown or "
			 "{value: ..., note: ...}, not %s"), what, yt_type_name(value));
		return;
	}
	struct ans_answer a = { .kind = ANS_NONE };
	bool ok = true;
	if (memchr(value->str, '\0', value->len)) {
		yf_error(f, value, _("%s contains a NUL character"), what);
		ok = false;
	} else if (!yt_is_null(value)) {
		char *msg = ans_parse_value(qq, value->str, value->plain, &a);
		if (msg) {
			/* TRANSLATORS: an answer, then what is wrong with it. */
			yf_error(f, value, _("%s: %s"), what, msg);
			free(msg);
			ok = false;
		}
	}
	const char *text = NULL;
	const char *why;
	if (note && !(text = yf_text(f, note, what, "note")))
		ok = false;
	else if (text && (why = text_note(text))) {
		/* TRANSLATORS: %s: the note is too long, is not valid UTF-8, ... (text.c). */
		yf_error(f, note, _("%s: the note %s"), what, why);
		ok = false;
	}
	if (ok)
		ans_set_put(s, qq, a.kind, a.option, text);
}

static void load_answers(struct yf *f, struct ans_set *s, const struct yt_node *node)
{
	if (yt_is_null(node))
		return;  /* "answers:" with nothing under it: nothing answered */
	if (node->type != YT_MAP) {
		yf_error(f, node, _("%s: 'answers' must be a mapping (question: answer lines), not %s"),
			 _(file_what), yt_type_name(node));
		return;
	}
	const struct qn_questionnaire *q = s->q;
	for (const struct yt_node *k = node->first; k < node->first + node->n; k += 2) {
		char buf[YT_SHOW_SIZE];
		const struct qn_question *qq = NULL;
		if (!memchr(k->str, '\0', k->len))
			qq = qn_find_question(q, k->str);
		if (qq) {
			load_answer(f, s, qq, k + 1);
			continue;
		}
		const struct qn_question *like = similar(q, k->str);
		if (like)
			yf_error(f, k, _("unknown question '%s' in questionnaire '%s' (did you mean '%s'?)"),
				 yt_show(k, buf), q->id, like->ref);
		else
			yf_error(f, k, _("unknown question '%s' in questionnaire '%s' (questions are "
				 "named DOMAIN.QUESTION)"), yt_show(k, buf), q->id);
	}
}

struct ans_set *ans_load_buffer(const char *name, const char *buf, size_t len,
				const struct qn_questionnaire *q, struct itm_errors *errs)
{
	size_t before = errs_count(errs);
	struct yt_doc doc;
	if (!yt_parse(name, buf, len, &doc, errs))
		return NULL;
	struct arena scratch = { 0 };
	struct yf f = { .path = name, .errs = errs, .arena = &scratch };
	struct ans_set *s = ans_set_new(q);
	const struct yt_node *v[ARRAY_LEN(top_fields)];
	if (!yf_map(&f, doc.root, _(file_what), top_fields, ARRAY_LEN(top_fields), v))
		goto out;
	const char *id = yf_id(&f, v[0], _(file_what), "questionnaire");
	if (id && strcmp(id, q->id) != 0) {
		/* Checked against the wrong questionnaire, every answer would
		 * be an error: report the cause only. */
		yf_error(&f, v[0], _("the answers are for questionnaire '%s', not '%s' (%s)"), id, q->id,
			 q->path);
		goto out;
	}
	if (v[1])
		load_answers(&f, s, v[1]);
out:
	yt_free(&doc);
	arena_free(&scratch);
	if (errs_count(errs) != before) {
		ans_set_free(s);
		return NULL;
	}
	return s;
}

struct ans_set *ans_load_file(const char *path, const struct qn_questionnaire *q,
			      struct itm_errors *errs)
{
	char *buf;
	size_t len;
	if (!yt_read_file(path, &buf, &len, errs))
		return NULL;
	struct ans_set *s = ans_load_buffer(path, buf, len, q, errs);
	free(buf);
	return s;
}

char *ans_peek_questionnaire(const char *path, struct itm_errors *errs)
{
	char *buf;
	size_t len;
	if (!yt_read_file(path, &buf, &len, errs))
		return NULL;
	/* Problems go to MINE first: they are only passed on when the id cannot
	 * be read, since ans_load_file reports all of them later otherwise. */
	struct itm_errors mine = { 0 };
	struct arena scratch = { 0 };
	struct yf f = { .path = path, .errs = &mine, .arena = &scratch };
	struct yt_doc doc;
	char *id = NULL;
	if (yt_parse(path, buf, len, &doc, &mine)) {
		const struct yt_node *v[ARRAY_LEN(top_fields)];
		if (yf_map(&f, doc.root, _(file_what), top_fields, ARRAY_LEN(top_fields), v)) {
			const char *s = yf_id(&f, v[0], _(file_what), "questionnaire");
			if (s)
				id = xstrdup(s);
		}
		yt_free(&doc);
	}
	if (!id) {
		for (size_t i = 0; i < mine.n; i++)
			errs_add(errs, mine.v[i].path, mine.v[i].line, mine.v[i].col, "%s",
				 mine.v[i].message);
		errs->dropped += mine.dropped;
	}
	errs_free(&mine);
	arena_free(&scratch);
	free(buf);
	return id;
}

/* The template. */

/* Writes TEXT as comment lines: the first after INDENT "# " FIRST, the
 * following ones after INDENT "# " and as many spaces as FIRST is long.
 * Control characters become spaces so that a comment never ends early. */
/* TEXT as comment lines of at most 78 columns: INDENT "# " FIRST on the
 * first line, the rest aligned under FIRST. Words are kept whole; control
 * characters become spaces. */
static void comment(FILE *out, const char *indent, const char *first, const char *text)
{
	enum { WIDTH = 78 };
	int start = (int)strlen(indent) + 2 + (int)strlen(first);
	int col = fprintf(out, "%s# %s", indent, first);
	bool empty = true;
	const char *p = text;
	for (;;) {
		while (*p && (unsigned char)*p <= ' ')
			p++;
		if (!*p)
			break;
		size_t n = 0;
		int w = 0;
		while (p[n] && (unsigned char)p[n] > ' ') {
			w += ((unsigned char)p[n] & 0xC0) != 0x80;
			n++;
		}
		if (!empty && col + 1 + w > WIDTH) {
			fprintf(out, "\n%s# %*s", indent, start - (int)strlen(indent) - 2, "");
			col = start;
			empty = true;
		}
		if (!empty) {
			fputc(' ', out);
			col++;
		}
		for (size_t i = 0; i < n; i++)
			fputc(p[i] == 0x7f ? ' ' : p[i], out);
		col += w;
		empty = false;
		p += n;
	}
	fputc('\n', out);
}

static void template_question(FILE *out, const struct qn_question *qq)
{
	char num[64];
	int wv = 0, wk = 0;
	for (size_t i = 0; i < qq->n_options; i++) {
		const struct qn_option *o = &qq->options[i];
		int l = o->has_value ? snprintf(num, sizeof(num), "%g", o->value) : 0;
		wv = l > wv ? l : wv;
		l = (int)strlen(o->key);
		wk = l > wk ? l : wk;
	}
	if (wk < 9)
		wk = 9;  /* "dont-know" */
	fputc('\n', out);
	comment(out, "  ", "", qq->text);
	for (size_t i = 0; i < qq->n_options; i++) {
		const struct qn_option *o = &qq->options[i];
		if (o->has_value)
			snprintf(num, sizeof(num), "%g", o->value);
		else
			num[0] = '\0';
		char *first = wv ? xasprintf("  %*s  %-*s  ", wv, num, wk, o->key)
				 : xasprintf("  %-*s  ", wk, o->key);
		comment(out, "  ", first, o->description);
		free(first);
	}
	if (qq->allow_na)
		fprintf(out, "  #   %*s%-*s  %s\n", wv ? wv + 2 : 0, "", wk, "n/a", _("not applicable"));
	if (qq->allow_unknown)
		fprintf(out, "  #   %*s%-*s  %s\n", wv ? wv + 2 : 0, "", wk, "unknown", _("don't know"));
	fprintf(out, "  %s:\n", qq->ref);
}

int ans_write_template(FILE *out, const struct qn_questionnaire *q)
{
	char *head = xasprintf(_("Answers to \"%s\" (questionnaire %s, version %s)."), q->title, q->id,
			       q->version);
	comment(out, "", "", head);
	free(head);
	/* TRANSLATORS: comment lines of an answers file; keep the "# " at the start of
	   each line, the keys n/a and unknown, and the line of YAML as it is. */
	fputs(_("#\n"
	      "# Write each answer after its question's key: the value or the key of an\n"
	      "# option, n/a where \"not applicable\" is listed, or unknown for \"don't know\".\n"
	      "# Leave it empty while a question is not answered. To add a note:\n"
	      "#   domain.question: {value: 2, note: \"what is missing, or why\"}\n"
	      "# The format is described in docs/answers-format.md.\n\n"), out);
	fprintf(out, "questionnaire: %s\nanswers:\n", q->id);
	for (size_t i = 0; i < q->n_domains; i++) {
		const struct qn_domain *d = &q->domains[i];
		char *title = xasprintf("==== %s (%s) ====", d->title, d->id);
		fputc('\n', out);
		comment(out, "  ", "", title);
		free(title);
		for (size_t j = 0; j < d->n_questions; j++)
			template_question(out, &d->questions[j]);
	}
	return ferror(out) ? -1 : 0;
}
