/* bundle.c - JSON bundles for moving assessments between databases. */
#include "itmaturity/bundle.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/jsonw.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/sha256.h"
#include "itmaturity/util.h"
#include "itmaturity/yamlfields.h"
#include "itmaturity/yamltree.h"

enum { BUNDLE_VERSION = 1 };

static const char *const kinds[] = { "option", "na", "unknown" };

static int by_date_uuid(const void *a, const void *b)
{
	const struct store_assessment *x = a, *y = b;
	int r = strcmp(x->taken, y->taken);
	return r ? r : strcmp(x->uuid, y->uuid);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_org(struct jsonw *w, const struct store_org *o, const struct store_target *t,
		      size_t nt)
{
	jw_obj(w);
	jw_key(w, "name"), jw_str(w, o->name);
	jw_key(w, "interval_months"), jw_int(w, o->interval_months);
	jw_key(w, "targets"), jw_obj(w);
	for (size_t i = 0; i < nt; i++)
		jw_key(w, t[i].domain), jw_num(w, t[i].target);
	jw_end(w);
	jw_end(w);
}

static int write_assessment(struct store *s, struct jsonw *w, const struct store_assessment *a)
{
	struct store_answer *v;
	size_t n;
	if (store_answers(s, a->id, &v, &n))
		return -1;
	jw_obj(w);
	jw_key(w, "uuid"), jw_str(w, a->uuid);
	jw_key(w, "organisation"), jw_str(w, a->org);
	jw_key(w, "respondent"), jw_str(w, a->respondent);
	jw_key(w, "role"), jw_str(w, a->role);
	jw_key(w, "questionnaire"), jw_str(w, a->qn_hash);
	jw_key(w, "date"), jw_str(w, a->taken);
	jw_key(w, "status"), jw_str(w, a->complete ? "complete" : "draft");
	jw_key(w, "answers"), jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(w);
		jw_key(w, "question"), jw_str(w, v[i].question);
		jw_key(w, "answer"), jw_str(w, kinds[v[i].kind]);
		if (v[i].kind == STORE_OPTION)
			jw_key(w, "option"), jw_str(w, v[i].option);
		if (v[i].note)
			jw_key(w, "note"), jw_str(w, v[i].note);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	store_answers_free(v, n);
	return 0;
}

int bundle_export(struct store *s, int64_t org, FILE *out)
{
	struct store_org *orgs = NULL;
	struct store_assessment *as = NULL;
	char **hashes = NULL;
	size_t norgs = 0, nas = 0, nh = 0;
	int rc = -1;
	if (store_org_list(s, &orgs, &norgs))
		goto out;
	struct store_filter f = { .org_id = org, .oldest_first = true };
	if (store_assessment_list(s, &f, &as, &nas))
		goto out;
	if (nas > 1)
		qsort(as, nas, sizeof(*as), by_date_uuid);
	hashes = xcalloc(nas + 1, sizeof(*hashes));
	for (size_t i = 0; i < nas; i++)
		hashes[nh++] = as[i].qn_hash;
	if (nh > 1)
		qsort(hashes, nh, sizeof(*hashes), by_string);

	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "itmaturity_bundle"), jw_int(&w, BUNDLE_VERSION);
	jw_key(&w, "organisations"), jw_arr(&w);
	for (size_t i = 0; i < norgs; i++) {
		if (org && orgs[i].id != org)
			continue;
		struct store_target *t;
		size_t nt;
		if (store_targets(s, orgs[i].id, &t, &nt))
			goto out;
		write_org(&w, &orgs[i], t, nt);
		store_targets_free(t, nt);
	}
	jw_end(&w);
	jw_key(&w, "questionnaires"), jw_arr(&w);
	for (size_t i = 0; i < nh; i++) {
		if (i && strcmp(hashes[i], hashes[i - 1]) == 0)
			continue;
		char *src;
		size_t len;
		if (store_snapshot(s, hashes[i], &src, &len))
			goto out;
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_buffer("snapshot", src, len, QN_NO_SOURCE, &e);
		jw_obj(&w);
		jw_key(&w, "hash"), jw_str(&w, hashes[i]);
		jw_key(&w, "id"), jw_str(&w, q ? q->id : NULL);
		jw_key(&w, "version"), jw_str(&w, q ? q->version : NULL);
		jw_key(&w, "source"), jw_str(&w, src);
		jw_end(&w);
		qn_free(q);
		errs_free(&e);
		free(src);
	}
	jw_end(&w);
	jw_key(&w, "assessments"), jw_arr(&w);
	for (size_t i = 0; i < nas; i++)
		if (write_assessment(s, &w, &as[i]))
			goto out;
	jw_end(&w);
	jw_end(&w);
	rc = 0;
out:
	free(hashes);
	store_assessments_free(as, nas);
	store_orgs_free(orgs, norgs);
	return rc;
}

/* ---- import ---- */

struct snap {
	const char *hash;
	const struct yt_node *source;
	struct qn_questionnaire *q;
};

struct org_in {
	const char *name;
	double interval;
	const struct yt_node *targets;
};

struct ctx {
	struct yf f;
	struct snap *snaps;
	size_t nsnaps;
	struct org_in *orgs;
	size_t norgs;
};

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

static void check_questionnaires(struct ctx *c, const struct yt_node *list)
{
	static const struct yf_field fields[] = {
		{ "hash", true }, { "id", true }, { "version", true }, { "source", true },
	};
	if (!yf_list(&c->f, list, "the bundle", "questionnaires", 0))
		return;
	c->snaps = xcalloc(list->n + 1, sizeof(*c->snaps));
	for (const struct yt_node *it = list->first; it < list->first + list->n; it++) {
		const struct yt_node *v[ARRAY_LEN(fields)];
		const char *what = "questionnaire snapshot";
		if (!yf_map(&c->f, it, what, fields, ARRAY_LEN(fields), v))
			continue;
		const char *hash = yf_text(&c->f, v[0], what, "hash");
		const char *id = yf_text(&c->f, v[1], what, "id");
		const char *version = yf_text(&c->f, v[2], what, "version");
		if (!hash || !id || !version || !v[3] || v[3]->type != YT_SCALAR) {
			if (v[3] && v[3]->type != YT_SCALAR)
				yf_error(&c->f, v[3], "%s: 'source' must be text", what);
			continue;
		}
		char got[65];
		sha256_hex(v[3]->str, v[3]->len, got);
		if (strcmp(got, hash) != 0) {
			yf_error(&c->f, v[3], "%s %s: the source does not match its hash", what, hash);
			continue;
		}
		for (size_t i = 0; i < c->nsnaps; i++)
			if (strcmp(c->snaps[i].hash, hash) == 0)
				yf_error(&c->f, v[0], "%s %s: listed twice", what, hash);
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_buffer("snapshot", v[3]->str, v[3]->len, QN_NO_SOURCE, &e);
		if (!q) {
			yf_error(&c->f, v[3], "%s %s: not a valid questionnaire (%s)", what, hash,
				 e.n ? e.v[0].message : "?");
		} else if (strcmp(q->id, id) != 0 || strcmp(q->version, version) != 0) {
			yf_error(&c->f, v[1], "%s %s: is %s %s, not %s %s", what, hash, q->id, q->version,
				 id, version);
			qn_free(q);
			q = NULL;
		}
		errs_free(&e);
		if (q)
			c->snaps[c->nsnaps++] = (struct snap){ hash, v[3], q };
	}
}

static void check_orgs(struct ctx *c, const struct yt_node *list)
{
	static const struct yf_field fields[] = {
		{ "name", true }, { "interval_months", true }, { "targets", true },
	};
	if (!yf_list(&c->f, list, "the bundle", "organisations", 0))
		return;
	c->orgs = xcalloc(list->n + 1, sizeof(*c->orgs));
	for (const struct yt_node *it = list->first; it < list->first + list->n; it++) {
		const struct yt_node *v[ARRAY_LEN(fields)];
		const char *what = "organisation";
		if (!yf_map(&c->f, it, what, fields, ARRAY_LEN(fields), v))
			continue;
		struct org_in o = { .targets = v[2] };
		if (!(o.name = yf_text(&c->f, v[0], what, "name")))
			continue;
		if (yf_number(&c->f, v[1], what, "interval_months", &o.interval) &&
		    !(o.interval >= 1 && o.interval <= 60 && o.interval == (int)o.interval))
			yf_error(&c->f, v[1], "%s '%s': interval_months must be a whole number from 1 to 60",
				 what, o.name);
		if (v[2] && v[2]->type != YT_MAP)
			yf_error(&c->f, v[2], "%s '%s': targets must be a mapping", what, o.name);
		const struct yt_node *t = v[2] && v[2]->type == YT_MAP ? v[2] : NULL;
		for (uint32_t i = 0; t && i < t->n; i += 2) {
			double d;
			yf_id(&c->f, &t->first[i], what, "targets");
			yf_number(&c->f, &t->first[i + 1], what, "target", &d);
		}
		for (size_t i = 0; i < c->norgs; i++)
			if (strcmp(c->orgs[i].name, o.name) == 0)
				yf_error(&c->f, v[0], "%s '%s': listed twice", what, o.name);
		c->orgs[c->norgs++] = o;
	}
}

static const struct snap *find_snap(const struct ctx *c, const char *hash)
{
	for (size_t i = 0; i < c->nsnaps; i++)
		if (strcmp(c->snaps[i].hash, hash) == 0)
			return &c->snaps[i];
	return NULL;
}

static bool known_org(const struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->norgs; i++)
		if (strcmp(c->orgs[i].name, name) == 0)
			return true;
	return false;
}

/* Checks one answer of an assessment against its questionnaire. */
static void check_answer(struct ctx *c, const struct qn_questionnaire *q, const struct yt_node *node,
			 struct store_answer *out)
{
	static const struct yf_field fields[] = {
		{ "question", true }, { "answer", true }, { "option", false }, { "note", false },
	};
	const struct yt_node *v[ARRAY_LEN(fields)];
	const char *what = "answer";
	if (!yf_map(&c->f, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *ref = yf_text(&c->f, v[0], what, "question");
	const char *kind = yf_text(&c->f, v[1], what, "answer");
	if (v[3])
		out->note = (char *)yf_text(&c->f, v[3], what, "note");
	if (!ref || !kind)
		return;
	const struct qn_question *qq = q ? qn_find_question(q, ref) : NULL;
	if (q && !qq) {
		yf_error(&c->f, v[0], "%s: question '%s' is not in questionnaire %s %s", what, ref, q->id,
			 q->version);
		return;
	}
	out->question = (char *)ref;
	if (strcmp(kind, "option") == 0) {
		out->kind = STORE_OPTION;
		if (!v[2]) {
			yf_error(&c->f, v[1], "%s '%s': an 'option' answer names its option", what, ref);
			return;
		}
		out->option = (char *)yf_text(&c->f, v[2], what, "option");
		if (qq && out->option && !qn_find_option(qq, out->option))
			yf_error(&c->f, v[2], "%s '%s': '%s' is not one of its options", what, ref, out->option);
	} else if (strcmp(kind, "na") == 0 || strcmp(kind, "unknown") == 0) {
		out->kind = kind[0] == 'n' ? STORE_NA : STORE_UNKNOWN;
		if (qq && !(out->kind == STORE_NA ? qq->allow_na : qq->allow_unknown))
			yf_error(&c->f, v[1], "%s '%s': '%s' is not allowed for this question", what, ref, kind);
		if (v[2])
			yf_error(&c->f, v[2], "%s '%s': an '%s' answer has no option", what, ref, kind);
	} else {
		yf_error(&c->f, v[1], "%s '%s': answer '%s' is not one of option, na, unknown", what, ref,
			 kind);
	}
}

struct assessment_in {
	struct store_new in;
	const char *org;
	struct store_answer *answers;
	size_t n;
};

/* A text and where it stands, to find repeats. */
struct named {
	const char *s;
	const struct yt_node *at;
};

static int by_text_then_place(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int r = strcmp(x->s, y->s);
	if (r)
		return r;
	return x->at->line != y->at->line ? (x->at->line < y->at->line ? -1 : 1)
					  : (x->at->col > y->at->col) - (x->at->col < y->at->col);
}

/* Reports every item of V (N of them) whose text repeats an earlier one:
 * "WHAT 'TEXT': listed twice (first at line L)". Sorts V. */
static void report_repeats(struct ctx *c, struct named *v, size_t n, const char *what)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), by_text_then_place);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i].s, v[first].s) != 0) {
			first = i;
			continue;
		}
		yf_error(&c->f, v[i].at, "%s '%s': listed twice (first at line %u)", what, v[i].s,
			 (unsigned)v[first].at->line);
	}
}

static void check_assessment(struct ctx *c, const struct yt_node *node, struct assessment_in *a)
{
	static const struct yf_field fields[] = {
		{ "uuid", true }, { "organisation", true }, { "respondent", true }, { "role", true },
		{ "questionnaire", true }, { "date", true }, { "status", true }, { "answers", true },
	};
	const struct yt_node *v[ARRAY_LEN(fields)];
	const char *what = "assessment";
	if (!yf_map(&c->f, node, what, fields, ARRAY_LEN(fields), v))
		return;
	const char *uuid = yf_text(&c->f, v[0], what, "uuid");
	if (uuid && !valid_uuid(uuid))
		yf_error(&c->f, v[0], "%s: '%s' is not a UUID", what, uuid);
	a->in.uuid = uuid;
	a->org = yf_text(&c->f, v[1], what, "organisation");
	if (a->org && !known_org(c, a->org))
		yf_error(&c->f, v[1], "%s: organisation '%s' is not in the bundle", what, a->org);
	a->in.respondent = yf_text(&c->f, v[2], what, "respondent");
	a->in.role = yf_text(&c->f, v[3], what, "role");
	const char *hash = yf_text(&c->f, v[4], what, "questionnaire");
	const struct snap *sn = hash ? find_snap(c, hash) : NULL;
	if (hash && !sn)
		yf_error(&c->f, v[4], "%s: questionnaire %s is not in the bundle", what, hash);
	if (sn) {
		a->in.qn_id = sn->q->id;
		a->in.qn_version = sn->q->version;
		a->in.source = sn->source->str;
		a->in.source_len = sn->source->len;
	}
	a->in.taken = yf_text(&c->f, v[5], what, "date");
	if (a->in.taken && !date_valid(a->in.taken))
		yf_error(&c->f, v[5], "%s: '%s' is not a date (YYYY-MM-DD)", what, a->in.taken);
	const char *status = yf_text(&c->f, v[6], what, "status");
	if (status && strcmp(status, "complete") != 0 && strcmp(status, "draft") != 0)
		yf_error(&c->f, v[6], "%s: status '%s' is not draft or complete", what, status);
	a->in.complete = status && strcmp(status, "complete") == 0;
	if (!yf_list(&c->f, v[7], what, "answers", 0))
		return;
	a->answers = xcalloc(v[7]->n + 1, sizeof(*a->answers));
	struct named *refs = xcalloc(v[7]->n + 1, sizeof(*refs));
	size_t nrefs = 0;
	for (const struct yt_node *it = v[7]->first; it < v[7]->first + v[7]->n; it++) {
		struct store_answer *an = &a->answers[a->n++];
		check_answer(c, sn ? sn->q : NULL, it, an);
		if (an->question)  /* a question answered twice would be stored once */
			refs[nrefs++] = (struct named){ an->question, it };
	}
	report_repeats(c, refs, nrefs, "answer to");
	free(refs);
}

/* Adds the organisations that are missing; fills IDS. */
static int add_orgs(struct store *s, const struct ctx *c, int64_t *ids, struct bundle_counts *cnt)
{
	for (size_t i = 0; i < c->norgs; i++) {
		struct store_org o;
		int r = store_org_get(s, c->orgs[i].name, &o);
		if (r < 0)
			return -1;
		if (r == 0) {
			ids[i] = o.id;
			store_org_free(&o);
			continue;
		}
		if (store_org_add(s, c->orgs[i].name, &ids[i]) ||
		    store_org_set_interval(s, ids[i], (int)c->orgs[i].interval))
			return -1;
		const struct yt_node *t = c->orgs[i].targets;
		for (const struct yt_node *k = t->first; k < t->first + t->n; k += 2) {
			double d;
			yf_parse_number((k + 1)->str, (k + 1)->len, &d);
			if (store_target_set(s, ids[i], k->str, d))
				return -1;
		}
		cnt->orgs_added++;
	}
	return 0;
}

int bundle_import(struct store *s, const char *path, struct bundle_counts *cnt,
		  struct itm_errors *errs)
{
	memset(cnt, 0, sizeof(*cnt));
	char *buf;
	size_t len;
	if (!yt_read_file_max(path, BUNDLE_MAX_FILE, &buf, &len, errs))
		return -2;
	int rc = bundle_import_buffer(s, path, buf, len, cnt, errs);
	free(buf);
	return rc;
}

int bundle_import_buffer(struct store *s, const char *path, const char *buf, size_t len,
			 struct bundle_counts *cnt, struct itm_errors *errs)
{
	static const struct yt_limits lim = { YT_MAX_FILE, 64 * 1024 * 1024, 8 };
	static const struct yf_field fields[] = {
		{ "itmaturity_bundle", true }, { "organisations", true },
		{ "questionnaires", true }, { "assessments", true },
	};
	memset(cnt, 0, sizeof(*cnt));
	struct yt_doc doc;
	if (!yt_parse_limits(path, buf, len, &lim, &doc, errs))
		return -2;
	struct arena arena = { 0 };
	struct ctx c = { .f = { .path = path, .errs = errs, .arena = &arena } };
	struct assessment_in *as = NULL;
	size_t nas = 0;
	int rc = -2;
	const struct yt_node *v[ARRAY_LEN(fields)];
	size_t before = errs_count(errs);
	if (!yf_map(&c.f, doc.root, "the bundle", fields, ARRAY_LEN(fields), v))
		goto out;
	double version;
	if (yf_number(&c.f, v[0], "the bundle", "itmaturity_bundle", &version) && version != BUNDLE_VERSION)
		yf_error(&c.f, v[0], "bundle format %g is not known to this itmaturity (it reads %d)",
			 version, BUNDLE_VERSION);
	if (v[1])
		check_orgs(&c, v[1]);
	if (v[2])
		check_questionnaires(&c, v[2]);
	if (v[3] && yf_list(&c.f, v[3], "the bundle", "assessments", 0)) {
		as = xcalloc(v[3]->n + 1, sizeof(*as));
		struct named *uuids = xcalloc(v[3]->n + 1, sizeof(*uuids));
		size_t nu = 0;
		for (const struct yt_node *it = v[3]->first; it < v[3]->first + v[3]->n; it++) {
			check_assessment(&c, it, &as[nas]);
			/* Two assessments with one UUID: the second would be dropped. */
			if (as[nas].in.uuid)
				uuids[nu++] = (struct named){ as[nas].in.uuid, it };
			nas++;
		}
		report_repeats(&c, uuids, nu, "assessment");
		free(uuids);
	}
	if (errs_count(errs) != before)
		goto out;

	int64_t *ids = xcalloc(c.norgs + 1, sizeof(*ids));
	rc = -1;
	if (store_begin(s) == 0) {
		int r = add_orgs(s, &c, ids, cnt);
		for (size_t i = 0; !r && i < nas; i++) {
			size_t k;
			for (k = 0; strcmp(c.orgs[k].name, as[i].org) != 0; k++)
				;
			as[i].in.org_id = ids[k];
			int64_t id;
			bool added;
			r = store_assessment_save(s, &as[i].in, as[i].answers, as[i].n, NULL, &id, &added);
			if (added)
				cnt->assessments_added++;
			else
				cnt->assessments_present++;
		}
		if (r == 0 && store_commit(s) == 0)
			rc = 0;
		else if (r)
			store_rollback(s);
	}
	free(ids);
out:
	for (size_t i = 0; i < nas; i++)
		free(as[i].answers);
	free(as);
	for (size_t i = 0; i < c.nsnaps; i++)
		qn_free(c.snaps[i].q);
	free(c.snaps);
	free(c.orgs);
	arena_free(&arena);
	yt_free(&doc);
	return rc;
}
