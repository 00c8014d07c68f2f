/* bundle_read.c - reads a bundle with Jansson, which holds to RFC 8259
 * (UTF-8 only, escapes and surrogate pairs decoded, duplicate keys refused,
 * nothing after the document), then checks every value against the format
 * of docs/bundle-format.md. Jansson places syntax errors only; every other
 * problem is placed by finding its value's path in the text (jsonpos). */
#include "bundle_impl.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/sha256.h"
#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

enum {
	MAX_VALUE = 32 * 1024 * 1024,   /* bytes in one text: a questionnaire */
	MAX_VALUES = 16 * 1024 * 1024,  /* values and keys in a bundle (Jansson's memory) */
	SHOW_MAX = 80,                  /* bytes of a text quoted in a message (a hash: 64) */
};

/* The reader: the bundle and the path of the value being checked. */
struct rd {
	struct bundle_in *b;
	struct jp_step at[JP_MAX_DEPTH];
	size_t depth;
};

static void vfail(struct bundle_in *b, const struct jp_step *path, size_t n, bool at_key,
		  const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	unsigned line = 0, col = 0;
	size_t off;
	if (b->errs->n < ERRORS_MAX && jp_find(&b->pos, path, n, at_key, &off))
		jp_line_col(&b->pos, off, &line, &col);
	errs_add(b->errs, b->path, line, col, "%s", msg);
	free(msg);
}

void bundle_error(struct bundle_in *b, const struct jp_step *path, size_t n, bool at_key,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(b, path, n, at_key, fmt, ap);
	va_end(ap);
}

/* An error at the value being checked, or at the value of its member KEY,
 * or with AT_KEY at KEY itself. */
__attribute__((format(printf, 4, 5)))
void bundle_rd_fail(struct rd *r, const char *key, bool at_key, const char *fmt, ...)
{
	struct jp_step path[JP_MAX_DEPTH + 1];
	size_t n = r->depth;
	memcpy(path, r->at, n * sizeof(*path));
	if (key)
		path[n++] = (struct jp_step){ key, 0 };
	va_list ap;
	va_start(ap, fmt);
	vfail(r->b, path, n, at_key, fmt, ap);
	va_end(ap);
}

static void enter(struct rd *r, const char *key, size_t index)
{
	r->at[r->depth++] = (struct jp_step){ key, index };
}

static void leave(struct rd *r)
{
	r->depth--;
}

/* S (LEN bytes) as a message may quote it: control characters and bytes
 * that are not UTF-8 made visible (text_safe), cut after SHOW_MAX bytes. */
static const char *show_n(struct rd *r, const char *s, size_t len)
{
	char *copy = xstrndup(s, len), *safe = text_safe(copy, true);
	size_t n = strlen(safe);
	if (n > SHOW_MAX) {
		for (n = SHOW_MAX; (safe[n] & 0xC0) == 0x80; n--)
			;
		strcpy(safe + n, "...");
	}
	const char *kept = arena_strdup(&r->b->arena, safe);
	free(safe);
	free(copy);
	return kept;
}

static const char *show(struct rd *r, const char *s)
{
	return show_n(r, s, strlen(s));
}

static const char *kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return _("a mapping");
	case JSON_ARRAY: return _("a list");
	case JSON_STRING: return _("text");
	case JSON_INTEGER:
	case JSON_REAL: return _("a number");
	case JSON_TRUE:
	case JSON_FALSE: return _("true or false");
	default: return "null";  /* the JSON word */
	}
}

/* Checks that V is an object whose keys are among FIELDS (N of them), and
 * puts each field's value in OUT (NULL when absent). Returns false only
 * when V is not an object. The functions below take a NULL value (a
 * missing key, reported here) as a failure already reported. */
static bool members(struct rd *r, const json_t *v, const char *what, const struct field *fields,
		    size_t n, json_t **out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!json_is_object(v)) {
		bundle_rd_fail(r, NULL, false, _("%s must be a mapping (a JSON object), not %s"), what, kind(v));
		return false;
	}
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)v, key, val) {
		size_t i;
		for (i = 0; i < n && strcmp(key, fields[i].name) != 0; i++)
			;
		if (i < n) {
			out[i] = val;
			continue;
		}
		char allowed[256];
		size_t o = 0;
		for (i = 0; i < n && o < sizeof(allowed) - 64; i++)
			o += (size_t)snprintf(allowed + o, sizeof(allowed) - o, "%s%s", i ? ", " : "", fields[i].name);
		bundle_rd_fail(r, key, true, _("%s: unknown key '%s' (expected one of: %s)"), what, show(r, key), allowed);
	}
	for (size_t i = 0; i < n; i++)
		if (fields[i].required && !out[i])
			bundle_rd_fail(r, NULL, false, _("%s: missing required key '%s'"), what, fields[i].name);
	return true;
}

static bool list(struct rd *r, const json_t *v, const char *what, const char *key)
{
	if (v && !json_is_array(v))
		bundle_rd_fail(r, key, false, _("%s: '%s' must be a list, not %s"), what, key, kind(v));
	return v && json_is_array(v);
}

/* A non-empty text of at most MAX_VALUE bytes (Jansson has made sure that
 * it is UTF-8 and holds no NUL). */
static const char *text(struct rd *r, const json_t *v, const char *what, const char *key)
{
	if (!v)
		return NULL;
	if (!json_is_string(v))
		bundle_rd_fail(r, key, false, _("%s: '%s' must be text, not %s"), what, key, kind(v));
	else if (json_string_length(v) == 0)
		bundle_rd_fail(r, key, false, _("%s: '%s' is empty"), what, key);
	else if (json_string_length(v) > MAX_VALUE)
		bundle_rd_fail(r, key, false, _("%s: '%s' is longer than the limit of %d MiB"), what, key, MAX_VALUE >> 20);
	else
		return json_string_value(v);
	return NULL;
}

/* A name as text_name accepts it; returns the trimmed copy. */
static const char *name(struct rd *r, const json_t *v, const char *what, const char *key)
{
	const char *s = text(r, v, what, key);
	char *out;
	const char *why = s ? text_name(s, &out) : NULL;
	if (!s || why) {
		if (why)
			bundle_rd_fail(r, key, false, _("%s: '%s' %s (a name is at most %d characters of UTF-8 "
			     "text without control characters)"), what, key, why, TEXT_NAME_MAX);
		return NULL;
	}
	const char *kept = arena_strdup(&r->b->arena, out);
	free(out);
	return kept;
}

static bool number(struct rd *r, const json_t *v, const char *what, const char *key, double *out)
{
	if (v && !json_is_number(v))
		bundle_rd_fail(r, key, false, _("%s: '%s' must be a number, not %s"), what, key, kind(v));
	if (!v || !json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

/* The line of the value being checked. */
static unsigned line_here(struct rd *r)
{
	size_t off;
	unsigned line = 0, col;
	if (jp_find(&r->b->pos, r->at, r->depth, false, &off))
		jp_line_col(&r->b->pos, off, &line, &col);
	return line;
}

/* A text and the index of the list item it stands in, to find repeats. */
struct named {
	const char *s;
	size_t index;
};

static int by_text_then_index(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* A repeated text: the item it stands in, and the first item it stood in. */
struct repeat {
	size_t index, first;
	unsigned first_line;
	const char *s;
};

static int by_index(const void *a, const void *b)
{
	const struct repeat *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static int by_first(const void *a, const void *b)
{
	const struct repeat *x = a, *y = b;
	return (x->first > y->first) - (x->first < y->first);
}

/* Reports every item of the list KEY whose text in V (N of them) repeats an
 * earlier one's: "WHAT 'TEXT': listed twice (first at line L)". The places
 * are found in the order of the text, the first items' then the repeats',
 * so that the text is read twice at most, however the repeats interleave. */
static void report_repeats(struct rd *r, struct named *v, size_t n, const char *what,
			   const char *key)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), by_text_then_index);
	struct repeat *d = xcalloc(n + 1, sizeof(*d));
	size_t nd = 0;
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i].s, v[first].s) != 0)
			first = i;
		else
			d[nd++] = (struct repeat){ v[i].index, v[first].index, 0, v[i].s };
	}
	qsort(d, nd, sizeof(*d), by_index);
	size_t kept = r->b->errs->n < ERRORS_MAX ? ERRORS_MAX - r->b->errs->n : 0;
	kept = kept < nd ? kept : nd;  /* the others are only counted */
	enter(r, key, 0);
	qsort(d, kept, sizeof(*d), by_first);
	for (size_t i = 0; i < kept; i++) {
		enter(r, NULL, d[i].first);
		d[i].first_line = line_here(r);
		leave(r);
	}
	qsort(d, kept, sizeof(*d), by_index);
	for (size_t i = 0; i < nd; i++) {
		enter(r, NULL, d[i].index);
		bundle_rd_fail(r, NULL, false, _("%s '%s': listed twice (first at line %u)"), what,
		     i < kept ? show(r, d[i].s) : "", d[i].first_line);
		leave(r);
	}
	leave(r);
	free(d);
}

/* Calls CHECK(R, ITEM, I, ARG) on each item of the list KEY, with the path at
 * the item. */
static void each(struct rd *r, const json_t *list, const char *key,
		 void (*check)(struct rd *, const json_t *, size_t, void *), void *arg)
{
	enter(r, key, 0);
	for (size_t i = 0; i < json_array_size(list); i++) {
		enter(r, NULL, i);
		check(r, json_array_get(list, i), i, arg);
		leave(r);
	}
	leave(r);
}

static void read_snap(struct rd *r, const json_t *node, size_t index, void *arg)
{
	static const struct field fields[] = {
		{ "hash", true }, { "id", true }, { "version", true }, { "source", true },
	};
	const char *what = _("questionnaire snapshot");
	struct bundle_in *b = r->b;
	json_t *v[ARRAY_LEN(fields)];
	(void)index, (void)arg;
	if (!members(r, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *hash = text(r, v[0], what, "hash"), *id = text(r, v[1], what, "id");
	const char *version = text(r, v[2], what, "version"), *src = text(r, v[3], what, "source");
	if (!hash || !id || !version || !src)
		return;
	size_t len = json_string_length(v[3]);
	char got[65];
	sha256_hex(src, len, got);
	if (strcmp(got, hash) != 0) {
		bundle_rd_fail(r, "source", false, _("%s %s: the source does not match its hash"), what, show(r, hash));
		return;
	}
	for (size_t i = 0; i < b->nsnaps; i++)
		if (strcmp(b->snaps[i].hash, hash) == 0) {
			bundle_rd_fail(r, "hash", false, _("%s %s: listed twice"), what, hash);
			return;
		}
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("snapshot", src, len, QN_NO_SOURCE, &e);
	if (!q) {
		bundle_rd_fail(r, "source", false, _("%s %s: not a valid questionnaire (%s)"), what, hash,
		     e.n ? e.v[0].message : "?");
	} else if (strcmp(q->id, id) != 0 || strcmp(q->version, version) != 0) {
		bundle_rd_fail(r, "id", false, _("%s %s: is %s %s, not %s %s"), what, hash, q->id, q->version,
		     show(r, id), show(r, version));
		qn_free(q);
		q = NULL;
	}
	errs_free(&e);
	if (q)
		b->snaps[b->nsnaps++] = (struct bundle_snap){ hash, q, src, len };
}

/* Checks that TARGET for DOMAIN lies on the scale of a questionnaire of
 * the bundle that has DOMAIN. */
static void check_target(struct rd *r, const char *org, const char *domain, double target)
{
	const struct qn_questionnaire *first = NULL;
	for (size_t i = 0; i < r->b->nsnaps; i++) {
		const struct qn_questionnaire *q = r->b->snaps[i].q;
		size_t d;
		for (d = 0; d < q->n_domains && strcmp(q->domains[d].id, domain) != 0; d++)
			;
		if (d == q->n_domains)
			continue;
		if (target >= q->scale[0].value && target <= q->scale[q->n_scale - 1].value)
			return;
		first = first ? first : q;
	}
	if (!first)
		bundle_rd_fail(r, domain, true, _("organisation '%s': target for domain '%s': no questionnaire in "
		     "the bundle has this domain"), org, show(r, domain));
	else
		bundle_rd_fail(r, domain, false, _("organisation '%s': target %g for domain '%s' is not on the scale "
		     "of questionnaire %s %s (%g to %g)"), org, target, domain, first->id, first->version,
		     first->scale[0].value, first->scale[first->n_scale - 1].value);
}

static void read_org(struct rd *r, const json_t *node, size_t index, void *arg)
{
	static const struct field fields[] = {
		{ "name", true }, { "interval_months", true }, { "targets", true }, { "size", false },
	};
	const char *what = _("organisation");
	struct bundle_in *b = r->b;
	json_t *v[ARRAY_LEN(fields)];
	struct bundle_org o = { .size = QN_SMALL };
	double d;
	(void)index, (void)arg;
	if (!members(r, node, what, fields, ARRAY_LEN(fields), v) ||
	    !(o.name = name(r, v[0], what, "name")))
		return;
	if (number(r, v[1], what, "interval_months", &d)) {
		if (d >= 1 && d <= 60 && d == (int)d)
			o.interval = (int)d;
		else
			bundle_rd_fail(r, "interval_months", false, _("%s '%s': interval_months must be a whole "
			     "number from 1 to 60"), what, o.name);
	}
	const char *size = text(r, v[3], what, "size");
	if (size && !qn_size_parse(size, &o.size))
		bundle_rd_fail(r, "size", false, _("%s '%s': size must be micro, small or medium, not '%s'"), what, o.name,
		     show(r, size));
	if (v[2] && !json_is_object(v[2]))
		bundle_rd_fail(r, "targets", false, _("%s '%s': targets must be a mapping, not %s"),
		     what, o.name, kind(v[2]));
	const json_t *t = json_is_object(v[2]) ? v[2] : NULL;
	o.targets = xcalloc(json_object_size(t) + 1, sizeof(*o.targets));
	enter(r, "targets", 0);
	const char *domain;
	json_t *val;
	json_object_foreach((json_t *)t, domain, val) {
		if (!number(r, val, what, domain, &d))
			continue;
		check_target(r, o.name, domain, d);
		o.targets[o.ntargets++] = (struct store_target){ (char *)domain, d };
	}
	leave(r);
	for (size_t i = 0; i < b->norgs; i++)
		if (strcmp(b->orgs[i].name, o.name) == 0)
			bundle_rd_fail(r, "name", false, _("%s '%s': listed twice"), what, o.name);
	b->orgs[b->norgs++] = o;
}

static const struct bundle_snap *find_snap(const struct bundle_in *b, const char *hash)
{
	for (size_t i = 0; i < b->nsnaps; i++)
		if (strcmp(b->snaps[i].hash, hash) == 0)
			return &b->snaps[i];
	return NULL;
}

static bool valid_uuid(const char *u)
{
	if (strlen(u) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return false;
	}
	return true;
}

/* The rule of 'assess --date' too (date_assessable). */
static void check_date(struct rd *r, const char *d)
{
	char today[11];
	if (!date_valid(d))
		bundle_rd_fail(r, "date", false, _("assessment: '%s' is not a date (YYYY-MM-DD)"), show(r, d));
	else if (strcmp(d, DATE_FIRST) < 0)
		bundle_rd_fail(r, "date", false, _("assessment: date %s is before %s, the earliest an assessment "
		     "may have"), d, DATE_FIRST);
	else if (date_assessable(d)) {
		date_today(today);
		bundle_rd_fail(r, "date", false, _("assessment: date %s is in the future (today is %s)"), d, today);
	}
}

/* The assessment whose answers are read, and its questionnaire (NULL when
 * it has none: its answers are then checked for their form only). */
struct answers_of {
	struct bundle_asmt *a;
	const struct qn_questionnaire *q;
};

/* Checks one answer of an assessment against its questionnaire. */
static void read_answer(struct rd *r, const json_t *node, size_t index, void *arg)
{
	static const struct field fields[] = {
		{ "question", true }, { "answer", true }, { "option", false }, { "note", false },
	};
	const char *what = _("answer");
	const struct answers_of *of = arg;
	const struct qn_questionnaire *q = of->q;
	struct store_answer *out = &of->a->answers[index];
	json_t *v[ARRAY_LEN(fields)];
	if (!members(r, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *ref = text(r, v[0], what, "question"), *kind = text(r, v[1], what, "answer");
	const char *note = text(r, v[3], what, "note"), *why = note ? text_note(note) : NULL;
	if (why)
		bundle_rd_fail(r, "note", false, _("%s: 'note' %s (a note is at most %d characters of UTF-8 text "
		     "without control characters but new lines and tabs)"), what, why, TEXT_NOTE_MAX);
	out->note = (char *)note;
	if (!ref || !kind)
		return;
	const struct qn_question *qq = q ? qn_find_question(q, ref) : NULL;
	if (q && !qq) {
		bundle_rd_fail(r, "question", false, _("%s: question '%s' is not in questionnaire %s %s"), what,
		     show(r, ref), q->id, q->version);
		return;
	}
	out->question = (char *)ref;
	if (strcmp(kind, "option") == 0) {
		out->kind = STORE_OPTION;
		if (!v[2]) {
			bundle_rd_fail(r, "answer", false, _("%s '%s': an 'option' answer names its option"), what, ref);
			return;
		}
		out->option = (char *)text(r, v[2], what, "option");
		if (qq && out->option && !qn_find_option(qq, out->option))
			bundle_rd_fail(r, "option", false, _("%s '%s': '%s' is not one of its options"), what, ref,
			     show(r, out->option));
	} else if (strcmp(kind, "na") == 0 || strcmp(kind, "unknown") == 0) {
		out->kind = kind[0] == 'n' ? STORE_NA : STORE_UNKNOWN;
		if (qq && !(out->kind == STORE_NA ? qq->allow_na : qq->allow_unknown))
			bundle_rd_fail(r, "answer", false, _("%s '%s': '%s' is not allowed for this question"), what, ref, kind);
		if (v[2])
			bundle_rd_fail(r, "option", false, _("%s '%s': an '%s' answer has no option"), what, ref, kind);
	} else {
		bundle_rd_fail(r, "answer", false, _("%s '%s': answer '%s' is not one of option, na, unknown"), what, ref,
		     show(r, kind));
	}
}

static void read_assessment(struct rd *r, const json_t *node, size_t index, void *arg)
{
	static const struct field fields[] = {
		{ "uuid", true }, { "organisation", true }, { "respondent", true }, { "role", true },
		{ "questionnaire", true }, { "date", true }, { "status", true }, { "answers", true },
		{ "language", false },
	};
	const char *what = _("assessment");
	struct bundle_in *b = r->b;
	struct bundle_asmt *a = &b->as[index];
	json_t *v[ARRAY_LEN(fields)];
	(void)arg;
	if (!members(r, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *uuid = text(r, v[0], what, "uuid");
	if (uuid && !valid_uuid(uuid))
		bundle_rd_fail(r, "uuid", false, _("%s: '%s' is not a UUID"), what, show(r, uuid));
	a->in.uuid = uuid;
	const char *org = name(r, v[1], what, "organisation");
	for (a->org = 0; org && a->org < b->norgs && strcmp(b->orgs[a->org].name, org) != 0; a->org++)
		;
	if (org && a->org == b->norgs)
		bundle_rd_fail(r, "organisation", false, _("%s: organisation '%s' is not in the bundle"), what, org);
	a->in.respondent = name(r, v[2], what, "respondent");
	a->in.role = name(r, v[3], what, "role");
	const char *hash = text(r, v[4], what, "questionnaire");
	const struct bundle_snap *sn = hash ? find_snap(b, hash) : NULL;
	if (hash && !sn)
		bundle_rd_fail(r, "questionnaire", false, _("%s: questionnaire %s is not in the bundle"),
		     what, show(r, hash));
	if (sn) {
		a->hash = sn->hash;
		a->in.hash = sn->hash;  /* checked against its source: not hashed again */
		a->in.qn_id = sn->q->id;
		a->in.qn_version = sn->q->version;
		a->in.source = sn->source;
		a->in.source_len = sn->len;
	}
	if ((a->in.taken = text(r, v[5], what, "date")))
		check_date(r, a->in.taken);
	const char *status = text(r, v[6], what, "status");
	if (status && strcmp(status, "complete") != 0 && strcmp(status, "draft") != 0)
		bundle_rd_fail(r, "status", false, _("%s: status '%s' is not draft or complete"), what, show(r, status));
	a->in.complete = status && strcmp(status, "complete") == 0;
	/* Bundles from before issue 17 have none: they were in English. */
	const char *l = a->in.language = v[8] ? text(r, v[8], what, "language") : "en";
	if (l && !text_language_tag(l))
		bundle_rd_fail(r, "language", false, _("%s: language '%s' is not a tag such as en or nl-BE"),
		     what, show(r, l));
	if (!list(r, v[7], what, "answers"))
		return;
	a->n = json_array_size(v[7]);
	a->answers = xcalloc(a->n + 1, sizeof(*a->answers));
	struct answers_of of = { a, sn ? sn->q : NULL };
	each(r, v[7], "answers", read_answer, &of);
	struct named *refs = xcalloc(a->n + 1, sizeof(*refs));
	size_t nrefs = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->answers[i].question)  /* a question answered twice would be stored once */
			refs[nrefs++] = (struct named){ a->answers[i].question, i };
	report_repeats(r, refs, nrefs, /* TRANSLATORS: before 'QUESTION' */ _("answer to"), "answers");
	free(refs);
}

/* An action of the plan: its texts here, their meaning in bundle_plan.c. */
static void read_action(struct rd *r, const json_t *node, size_t index, void *arg)
{
	const char *what = _("action");
	json_t *v[BA_N];
	const char *t[BA_N] = { 0 };
	(void)arg;
	if (!members(r, node, what, bundle_action_keys, BA_N, v))
		return;
	for (size_t i = 0; i < BA_N; i++)
		t[i] = i == BA_ORG || i == BA_OWNER ? name(r, v[i], what, bundle_action_keys[i].name)
						     : text(r, v[i], what, bundle_action_keys[i].name);
	static const int uuids[] = { BA_UUID, BA_ASSESSMENT };
	for (size_t i = 0; i < ARRAY_LEN(uuids); i++) {
		const char *u = t[uuids[i]];
		if (u && !valid_uuid(u))
			bundle_rd_fail(r, bundle_action_keys[uuids[i]].name, false, _("%s: '%s' is not a UUID"), what,
				       show(r, u));
	}
	size_t org;
	for (org = 0; t[BA_ORG] && org < r->b->norgs && strcmp(r->b->orgs[org].name, t[BA_ORG]) != 0; org++)
		;
	bundle_plan_check(r->b, r, index, t, org);
}

/* Reports Jansson's error E on BUF (LEN bytes) at the token it was found
 * in (at the byte, for one that is not UTF-8), in the tool's words. */
static void syntax_error(struct bundle_in *b, const char *buf, size_t len, const json_error_t *e)
{
	size_t end = e->position > 0 ? (size_t)e->position : 0, n;
	enum json_error_code code = json_error_code(e);
	size_t at = code == json_error_invalid_utf8 ? end : jp_tokens(buf, len, end, SIZE_MAX, &n);
	unsigned line, col;
	jp_line_col(&b->pos, at, &line, &col);
	struct rd r = { .b = b };
	if (code == json_error_invalid_utf8 && at < len)
		errs_add(b->errs, b->path, line, col, _("not valid UTF-8 (byte 0x%02X)"), (unsigned char)buf[at]);
	else if (code == json_error_duplicate_key && end > at)
		errs_add(b->errs, b->path, line, col, _("duplicate key %s: JSON readers disagree on which "
			 "value counts"), show_n(&r, buf + at, end - at));
	else if (code == json_error_null_character)
		errs_add(b->errs, b->path, line, col, _("a text holds a NUL character (\\u0000)"));
	else if (code == json_error_stack_overflow)
		errs_add(b->errs, b->path, line, col, _("nested too deeply"));
	else
		errs_add(b->errs, b->path, line, col, _("JSON syntax error: %s"), show(&r, e->text));
}

/* Parses the text into B->doc; every failure is reported with its place. */
static bool parse(struct bundle_in *b, const char *buf, size_t len)
{
	size_t n, at = jp_tokens(buf, len, len, MAX_VALUES, &n);
	unsigned line, col;
	if (n == 0) {
		errs_add(b->errs, b->path, 1, 1, _("the file is empty"));
		return false;
	}
	if (n > MAX_VALUES) {
		jp_line_col(&b->pos, at, &line, &col);
		errs_add(b->errs, b->path, line, col, _("more than %d values: too many for one bundle"),
			 MAX_VALUES);
		return false;
	}
	json_error_t e;
	b->doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!b->doc)
		syntax_error(b, buf, len, &e);
	return b->doc != NULL;
}

bool bundle_read(struct bundle_in *b, const char *path, const char *buf, size_t len,
		 struct itm_errors *errs)
{
	static const struct field fields[] = {
		{ "itmaturity_bundle", true }, { "organisations", true },
		{ "questionnaires", true }, { "assessments", true }, { "actions", false },
	};
	const char *what = _("the bundle");
	memset(b, 0, sizeof(*b));
	b->path = path;
	b->errs = errs;
	jp_init(&b->pos, buf, len);
	size_t before = errs_count(errs);
	struct rd r = { .b = b };
	json_t *v[ARRAY_LEN(fields)];
	double version;
	if (!parse(b, buf, len) || !members(&r, b->doc, what, fields, ARRAY_LEN(fields), v))
		return false;
	if (number(&r, v[0], what, "itmaturity_bundle", &version) && version != BUNDLE_VERSION)
		bundle_rd_fail(&r, "itmaturity_bundle", false, _("bundle format %g is not known to this itmaturity "
		     "(it reads %d)"), version, BUNDLE_VERSION);
	/* Questionnaires first: the organisations' targets are checked against them. */
	if (list(&r, v[2], what, "questionnaires")) {
		b->snaps = xcalloc(json_array_size(v[2]) + 1, sizeof(*b->snaps));
		each(&r, v[2], "questionnaires", read_snap, NULL);
	}
	if (list(&r, v[1], what, "organisations")) {
		b->orgs = xcalloc(json_array_size(v[1]) + 1, sizeof(*b->orgs));
		each(&r, v[1], "organisations", read_org, NULL);
	}
	if (list(&r, v[3], what, "assessments")) {
		b->nas = json_array_size(v[3]);
		b->as = xcalloc(b->nas + 1, sizeof(*b->as));
		each(&r, v[3], "assessments", read_assessment, NULL);
		struct named *uuids = xcalloc(b->nas + 1, sizeof(*uuids));
		size_t nu = 0;
		for (size_t i = 0; i < b->nas; i++)  /* two with one UUID: the second would be dropped */
			if (b->as[i].in.uuid)
				uuids[nu++] = (struct named){ b->as[i].in.uuid, i };
		report_repeats(&r, uuids, nu, _("assessment"), "assessments");
		free(uuids);
	}
	if (v[4] && list(&r, v[4], what, "actions")) {
		b->acts = xcalloc(json_array_size(v[4]) + 1, sizeof(*b->acts));
		each(&r, v[4], "actions", read_action, NULL);
	}
	return errs_count(errs) == before;
}

void bundle_in_free(struct bundle_in *b)
{
	for (size_t i = 0; i < b->nas; i++)
		free(b->as[i].answers);
	free(b->as);
	free(b->acts);
	for (size_t i = 0; i < b->norgs; i++)
		free(b->orgs[i].targets);
	free(b->orgs);
	for (size_t i = 0; i < b->nsnaps; i++)
		qn_free(b->snaps[i].q);
	free(b->snaps);
	json_decref(b->doc);
	arena_free(&b->arena);
}
