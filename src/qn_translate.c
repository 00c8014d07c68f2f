/* qn_translate.c - a questionnaire's texts in another language: the
 * translation file (ID.LANG.yaml beside it, or in a catalogue folder) has
 * the same ids, option keys and scale values as the questionnaire and only
 * its texts, which replace the questionnaire's as it is loaded
 * (docs/questionnaire-format.md, "Translations"). Any difference in
 * structure refuses the translation, with FILE:LINE:COL. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/yamlfields.h"

#include "qn_impl.h"

static char *language;

void qn_set_language(const char *lang)
{
	free(language);
	language = lang && strcmp(lang, "en") != 0 ? xstrdup(lang) : NULL;
}

const char *qn_language(void)
{
	return language;
}

/* Where NAME's ".yaml" or ".yml" begins, or NULL. */
static const char *yaml_ext(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0 ? name + n - 5 :
	       n > 4 && strcmp(name + n - 4, ".yml") == 0 ? name + n - 4 : NULL;
}

/* The questionnaire at PATH with its own texts, whatever the language set. */
static struct qn_questionnaire *load_own(const char *path, struct itm_errors *errs)
{
	char *lang = language;
	language = NULL;
	struct qn_questionnaire *q = qn_load_file(path, QN_NO_SOURCE, errs);
	language = lang;
	return q;
}

bool qn_translation_name(const char *name, char **base)
{
	const char *ext = yaml_ext(name);
	const char *dot = ext;
	while (dot && dot > name && dot[-1] != '.' && dot[-1] != '/')
		dot--;
	char lang[4] = "";
	if (dot && ext - dot < (ptrdiff_t)sizeof(lang))
		memcpy(lang, dot, (size_t)(ext - dot));
	if (!dot || dot <= name + 1 || dot[-1] != '.' || !*lang || strcmp(lang, "en") == 0 ||
	    !i18n_known(lang))
		return false;
	if (base)
		*base = xasprintf("%.*s%s", (int)(dot - 1 - name), name, ext);
	return true;
}

bool qn_is_translation(const char *path)
{
	char *base;
	if (!qn_translation_name(path, &base))
		return false;
	bool yes = access(base, F_OK) == 0;
	free(base);
	return yes;
}

/* The translation of Q into LANG: FILE.LANG.yaml beside Q's file, else
 * ID.LANG.yaml in the first catalogue folder that has it; NULL if none. */
static char *find(const struct qn_questionnaire *q, const char *lang)
{
	const char *ext = yaml_ext(q->path);
	if (ext) {
		char *p = xasprintf("%.*s.%s%s", (int)(ext - q->path), q->path, lang, ext);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	char **dirs;
	size_t nd = qn_dirs(&dirs);
	char *found = NULL;
	for (size_t i = 0; i < nd && !found; i++) {
		found = xasprintf("%s/%s.%s.yaml", dirs[i], q->id, lang);
		if (access(found, R_OK) != 0) {
			free(found);
			found = NULL;
		}
	}
	qn_dirs_free(dirs, nd);
	return found;
}

struct tr {
	struct yf f;
	const char *base;            /* "ID VERSION", for messages */
};

/* Reads the text V, the value of KEY in MAP, into *OUT when the
 * questionnaire has one (*OUT not NULL), and reports a text that is
 * missing or that it has not (the loader's fields: none is required). */
static void text(struct tr *t, const struct yt_node *map, const struct yt_node *v, const char *what,
		 const char *key, const char **out)
{
	if (!v) {
		if (*out)
			yf_error(&t->f, map, _("%s: '%s' is missing (%s has one)"), what, key, t->base);
		return;
	}
	if (!*out) {
		yf_error(&t->f, v, _("%s: '%s' is given, but %s has none"), what, key, t->base);
		return;
	}
	const char *s = yf_text(&t->f, v, what, key);
	if (s)
		*out = s;
}

/* Checks that LIST, the value of KEY, has N items, as the questionnaire. */
static bool same_count(struct tr *t, const struct yt_node *list, const char *what, const char *key,
		       size_t n)
{
	if (!yf_list(&t->f, list, what, key, 1))
		return false;
	if (list->n == n)
		return true;
	yf_error(&t->f, list, _("%s: %u %s, but %s has %zu"), what, (unsigned)list->n, key, t->base, n);
	return false;
}

/* Checks that the id (or key) under KEY of MAP is WANT. */
static bool same_id(struct tr *t, const struct yt_node *v, const char *what, const char *key,
		    const char *want)
{
	const char *got = yf_text(&t->f, v, what, key);
	if (!got)
		return false;
	if (strcmp(got, want) == 0)
		return true;
	char show[YT_SHOW_SIZE];
	yf_error(&t->f, v, _("%s: %s '%s' where %s has '%s' (the ids, keys and their order must be the same)"),
		 what, key, yt_show(v, show), t->base, want);
	return false;
}

static void options(struct tr *t, struct qn_question *qq, const struct yt_node *list, const char *what)
{
	static const struct yf_field fields[] = {
		{ "key", true }, { "description", false }, { "next_step", false },
	};
	if (!same_count(t, list, what, "options", qq->n_options))
		return;
	for (size_t i = 0; i < qq->n_options; i++) {
		struct qn_option *o = &qq->options[i];
		const struct yt_node *v[ARRAY_LEN(fields)], *it = &list->first[i];
		char ow[300];
		snprintf(ow, sizeof(ow), _("%s, option '%s'"), what, o->key);
		if (!yf_map(&t->f, it, ow, fields, ARRAY_LEN(fields), v) || !same_id(t, v[0], ow, "key", o->key))
			continue;
		text(t, it, v[1], ow, "description", &o->description);
		text(t, it, v[2], ow, "next_step", &o->next_step);
	}
}

static void questions(struct tr *t, struct qn_domain *d, const struct yt_node *list)
{
	static const struct yf_field fields[] = {
		{ "id", true }, { "text", false }, { "help", false }, { "options", true },
	};
	char dw[200];
	snprintf(dw, sizeof(dw), _("domain '%s'"), d->id);
	if (!same_count(t, list, dw, "questions", d->n_questions))
		return;
	for (size_t i = 0; i < d->n_questions; i++) {
		struct qn_question *qq = &d->questions[i];
		const struct yt_node *v[ARRAY_LEN(fields)], *it = &list->first[i];
		char what[200];
		snprintf(what, sizeof(what), _("question '%s'"), qq->ref);
		if (!yf_map(&t->f, it, what, fields, ARRAY_LEN(fields), v) || !same_id(t, v[0], what, "id", qq->id))
			continue;
		text(t, it, v[1], what, "text", &qq->text);
		text(t, it, v[2], what, "help", &qq->help);
		options(t, qq, v[3], what);
	}
}

static void domains(struct tr *t, struct qn_questionnaire *q, const struct yt_node *list)
{
	static const struct yf_field fields[] = {
		{ "id", true }, { "title", false }, { "description", false }, { "why", false },
		{ "questions", true },
	};
	if (!same_count(t, list, _("the translation"), "domains", q->n_domains))
		return;
	for (size_t i = 0; i < q->n_domains; i++) {
		struct qn_domain *d = &q->domains[i];
		const struct yt_node *v[ARRAY_LEN(fields)], *it = &list->first[i];
		char what[200];
		snprintf(what, sizeof(what), _("domain '%s'"), d->id);
		if (!yf_map(&t->f, it, what, fields, ARRAY_LEN(fields), v) || !same_id(t, v[0], what, "id", d->id))
			continue;
		text(t, it, v[1], what, "title", &d->title);
		text(t, it, v[2], what, "description", &d->description);
		text(t, it, v[3], what, "why", &d->why);
		questions(t, d, v[4]);
	}
}

static void scale(struct tr *t, struct qn_questionnaire *q, const struct yt_node *list)
{
	static const struct yf_field fields[] = {
		{ "value", true }, { "name", false }, { "meaning", false }, { "verdict", false },
	};
	if (!same_count(t, list, _("the translation"), "scale", q->n_scale))
		return;
	for (size_t i = 0; i < q->n_scale; i++) {
		struct qn_level *l = &q->scale[i];
		const struct yt_node *v[ARRAY_LEN(fields)], *it = &list->first[i];
		char what[100];
		snprintf(what, sizeof(what), _("scale level %zu"), i + 1);
		double value;
		if (!yf_map(&t->f, it, what, fields, ARRAY_LEN(fields), v) ||
		    !yf_number(&t->f, v[0], what, "value", &value))
			continue;
		if (value != l->value) {
			yf_error(&t->f, v[0], _("%s: value %g where %s has %g"), what, value, t->base, l->value);
			continue;
		}
		text(t, it, v[1], what, "name", &l->name);
		text(t, it, v[2], what, "meaning", &l->meaning);
		text(t, it, v[3], what, "verdict", &l->verdict);
	}
}

/* Applies PATH to Q. Not STRICT, a translation of another questionnaire
 * or version is not Q's: 1, and nothing said. */
static int translate(struct qn_questionnaire *q, const char *path, bool strict, struct itm_errors *errs)
{
	static const struct yf_field fields[] = {
		{ "translation-of", true }, { "version", true }, { "language", true },
		{ "title", false }, { "description", false }, { "scale", true }, { "domains", true },
	};
	char *buf;
	size_t len, before = errs_count(errs);
	if (!yt_read_file(path, &buf, &len, errs))
		return -1;
	struct yt_doc doc;
	bool parsed = yt_parse(path, buf, len, &doc, errs);
	free(buf);
	if (!parsed)
		return -1;
	/* The texts are copied into Q: a failed translation leaves Q as it was
	 * only in what it has not reached yet, so the caller drops Q then. */
	char *base = xasprintf("%s %s", q->id, q->version);
	struct tr t = { .f = { .path = path, .errs = errs, .arena = &q->arena }, .base = base };
	const struct yt_node *v[ARRAY_LEN(fields)];
	const char *what = _("the translation");
	bool ok = yf_map(&t.f, doc.root, what, fields, ARRAY_LEN(fields), v);
	int r = 1;
	if (ok && !strict && !(v[0] && v[1] && v[0]->type == YT_SCALAR && v[1]->type == YT_SCALAR &&
			       strcmp(v[0]->str, q->id) == 0 && strcmp(v[1]->str, q->version) == 0))
		ok = false;  /* another questionnaire's, or another version's */
	else if (ok)
		r = 0;
	if (ok && same_id(&t, v[0], what, "translation-of", q->id) &&
	    same_id(&t, v[1], what, "version", q->version)) {
		const char *lang = yf_text(&t.f, v[2], what, "language");
		if (lang && !text_language_tag(lang))
			yf_error(&t.f, v[2], _("%s: language '%s' is not a tag such as en or nl-BE"), what, lang);
		text(&t, doc.root, v[3], what, "title", &q->title);
		text(&t, doc.root, v[4], what, "description", &q->description);
		scale(&t, q, v[5]);
		domains(&t, q, v[6]);
		if (lang)
			q->language = lang;
		q->translated = true;
	}
	free(base);
	yt_free(&doc);
	return errs_count(errs) == before ? r : -1;
}

int qn_translate(struct qn_questionnaire *q, const char *path, struct itm_errors *errs)
{
	return translate(q, path, true, errs);
}

struct qn_questionnaire *qn_load_listed(const char *path, struct itm_errors *errs)
{
	struct qn_questionnaire *q = load_own(path, errs);
	char *tpath = q && language ? find(q, language) : NULL;
	static const char *const keys[] = { "translation-of", "version", "title" };
	char *v[ARRAY_LEN(keys)];
	if (tpath && yt_peek(tpath, keys, ARRAY_LEN(keys), v) == ARRAY_LEN(keys) &&
	    strcmp(v[0], q->id) == 0 && strcmp(v[1], q->version) == 0)
		q->title = arena_strdup(&q->arena, v[2]);
	for (size_t i = 0; tpath && i < ARRAY_LEN(keys); i++)
		free(v[i]);
	free(tpath);
	return q;
}

struct qn_questionnaire *qn_load_translation(const char *path, struct itm_errors *errs)
{
	char *base;
	if (!qn_translation_name(path, &base))
		return NULL;
	/* The base file's own texts, then PATH's. */
	struct qn_questionnaire *q = access(base, F_OK) == 0 ? load_own(base, errs) : NULL;
	if (!q && !errs_count(errs))
		errs_add(errs, path, 1, 1, _("a translation needs its questionnaire beside it: %s is missing"), base);
	free(base);
	if (q && qn_translate(q, path, errs) < 0) {
		qn_free(q);
		q = NULL;
	}
	return q;
}

int qn_translate_to(struct qn_questionnaire *q, const char *lang, struct itm_errors *errs)
{
	if (!lang || strcmp(lang, q->language) == 0)
		return 0;
	char *path = find(q, lang);
	int r = path ? translate(q, path, false, errs) : 1;
	free(path);
	return r;
}

struct qn_questionnaire *qn_localized(struct qn_questionnaire *q, struct itm_errors *errs)
{
	if (q && qn_translate_to(q, language, errs) < 0) {
		qn_free(q);
		return NULL;
	}
	return q;
}
