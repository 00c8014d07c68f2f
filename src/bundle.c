/* bundle.c - JSON bundles for moving assessments between databases: the
 * export, and the storing of a bundle that bundle_read.c has read and
 * checked. */
#include "bundle_impl.h"

#include <stdlib.h>
#include <string.h>

#include "itmaturity/jsonw.h"
#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/yamltree.h"

static const char *const kinds[] = { "option", "na", "unknown" };

/* Cuts S after MAX characters. */
static void cut(char *s, size_t max)
{
	size_t chars = 0;
	for (char *p = s; *p; p++)
		if ((*p & 0xC0) != 0x80 && chars++ == max) {
			*p = '\0';
			return;
		}
}

/* S as import accepts it (text_name, text_note) and stores it: bytes that
 * are not UTF-8 as U+FFFD and control characters made visible (text_safe;
 * a note keeps its new lines and tabs), at most TEXT_NAME_MAX or
 * TEXT_NOTE_MAX characters, a name trimmed and "(empty)" when nothing is
 * left. Text that needs none of this comes back the same. Caller frees. */
static char *clean(const char *s, bool note)
{
	char *t = text_safe(s, !note), *out;
	if (note) {
		cut(t, TEXT_NOTE_MAX);
		return t;
	}
	char *start = t + strspn(t, " ");  /* text_safe left no other white space */
	cut(start, TEXT_NAME_MAX);
	if (text_name(start, &out))
		out = xstrdup("(empty)");
	free(t);
	return out;
}

void bundle_write_clean(struct jsonw *w, const char *key, const char *s, bool note)
{
	char *c = clean(s, note);
	jw_key(w, key), jw_str(w, c);
	free(c);
}

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

/* An organisation under the name export gives it. */
struct named_org {
	char *name;
	const struct store_org *o;
};

static int by_name_then_id(const void *a, const void *b)
{
	const struct named_org *x = a, *y = b;
	int r = strcmp(x->name, y->name);
	return r ? r : (x->o->id > y->o->id) - (x->o->id < y->o->id);
}

/* Writes every organisation (ORG 0) or one, sorted by the names written. */
static int write_orgs(struct store *s, struct jsonw *w, int64_t org)
{
	struct store_org *orgs;
	size_t norgs, n = 0;
	if (store_org_list(s, &orgs, &norgs))
		return -1;
	struct named_org *v = xcalloc(norgs + 1, sizeof(*v));
	for (size_t i = 0; i < norgs; i++)
		if (!org || orgs[i].id == org)
			v[n++] = (struct named_org){ clean(orgs[i].name, false), &orgs[i] };
	if (n > 1)
		qsort(v, n, sizeof(*v), by_name_then_id);
	int rc = 0;
	jw_key(w, "organisations"), jw_arr(w);
	for (size_t i = 0; i < n && !rc; i++) {
		struct store_target *t;
		size_t nt;
		if ((rc = store_targets(s, v[i].o->id, &t, &nt)))
			break;
		jw_obj(w);
		jw_key(w, "name"), jw_str(w, v[i].name);
		jw_key(w, "interval_months"), jw_int(w, v[i].o->interval_months);
		jw_key(w, "size"), jw_str(w, v[i].o->size);
		jw_key(w, "targets"), jw_obj(w);
		for (size_t k = 0; k < nt; k++)
			jw_key(w, t[k].domain), jw_num(w, t[k].target);
		jw_end(w);
		jw_end(w);
		store_targets_free(t, nt);
	}
	jw_end(w);
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	store_orgs_free(orgs, norgs);
	return rc;
}

/* Writes the questionnaire snapshots the assessments AS (N) were taken with. */
static int write_snapshots(struct store *s, struct jsonw *w, const struct store_assessment *as,
			   size_t n)
{
	const char **hashes = xcalloc(n + 1, sizeof(*hashes));
	for (size_t i = 0; i < n; i++)
		hashes[i] = as[i].qn_hash;
	if (n > 1)
		qsort(hashes, n, sizeof(*hashes), by_string);
	int rc = 0;
	jw_key(w, "questionnaires"), jw_arr(w);
	for (size_t i = 0; i < n && !rc; i++) {
		if (i && strcmp(hashes[i], hashes[i - 1]) == 0)
			continue;
		char *src;
		size_t len;
		if ((rc = store_snapshot(s, hashes[i], &src, &len)))
			break;
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_buffer("snapshot", src, len, QN_NO_SOURCE, &e);
		jw_obj(w);
		jw_key(w, "hash"), jw_str(w, hashes[i]);
		jw_key(w, "id"), jw_str(w, q ? q->id : NULL);
		jw_key(w, "version"), jw_str(w, q ? q->version : NULL);
		jw_key(w, "source"), jw_str(w, src);
		jw_end(w);
		qn_free(q);
		errs_free(&e);
		free(src);
	}
	jw_end(w);
	free(hashes);
	return rc;
}

static int write_assessment(struct store *s, struct jsonw *w, const struct store_assessment *a)
{
	struct store_answer *v;
	size_t n;
	if (store_answers(s, a->id, &v, &n))
		return -1;
	jw_obj(w);
	jw_key(w, "uuid"), jw_str(w, a->uuid);
	bundle_write_clean(w, "organisation", a->org, false);
	bundle_write_clean(w, "respondent", a->respondent, false);
	bundle_write_clean(w, "role", a->role, false);
	jw_key(w, "questionnaire"), jw_str(w, a->qn_hash);
	jw_key(w, "date"), jw_str(w, a->taken);
	/* Only when not English: the bundles of an English database stay as
	 * they were, which an itmaturity before issue 17 can import. */
	if (strcmp(a->language, "en") != 0)
		jw_key(w, "language"), jw_str(w, a->language);
	jw_key(w, "status"), jw_str(w, a->complete ? "complete" : "draft");
	jw_key(w, "answers"), jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(w);
		jw_key(w, "question"), jw_str(w, v[i].question);
		jw_key(w, "answer"), jw_str(w, kinds[v[i].kind]);
		if (v[i].kind == STORE_OPTION)
			jw_key(w, "option"), jw_str(w, v[i].option);
		if (v[i].note && *v[i].note)
			bundle_write_clean(w, "note", v[i].note, true);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	store_answers_free(v, n);
	return 0;
}

int bundle_export(struct store *s, int64_t org, FILE *out)
{
	struct store_assessment *as = NULL;
	size_t nas = 0;
	int rc = -1;
	struct store_filter f = { .org_id = org, .oldest_first = true };
	if (store_assessment_list(s, &f, &as, &nas))
		return -1;
	if (nas > 1)
		qsort(as, nas, sizeof(*as), by_date_uuid);
	struct jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "itmaturity_bundle"), jw_int(&w, BUNDLE_VERSION);
	if (write_orgs(s, &w, org) || write_snapshots(s, &w, as, nas))
		goto out;
	jw_key(&w, "assessments"), jw_arr(&w);
	for (size_t i = 0; i < nas; i++)
		if (write_assessment(s, &w, &as[i]))
			goto out;
	jw_end(&w);
	if (bundle_plan_write(s, &w, org))
		goto out;
	jw_end(&w);
	rc = 0;
out:
	store_assessments_free(as, nas);
	return rc;
}

/* ---- import ---- */

/* Whether STORED, as export would write it, is BUNDLED (NULL: none). */
static bool same_text(const char *stored, const char *bundled, bool note)
{
	if (!stored || !*stored || !bundled)
		return (!stored || !*stored) && !bundled;
	char *c = clean(stored, note);
	bool same = strcmp(c, bundled) == 0;
	free(c);
	return same;
}

static int by_question(const void *a, const void *b)
{
	const struct store_answer *x = a, *y = b;
	return strcmp(x->question, y->question);
}

/* Whether the stored answers V (N; sorted here) are those of A. */
static bool same_answers(struct store_answer *v, size_t n, const struct bundle_asmt *a)
{
	if (n != a->n)
		return false;
	struct store_answer *w = xcalloc(n + 1, sizeof(*w));
	memcpy(w, a->answers, n * sizeof(*w));
	if (n > 1) {
		qsort(v, n, sizeof(*v), by_question);
		qsort(w, n, sizeof(*w), by_question);
	}
	bool same = true;
	for (size_t i = 0; i < n && same; i++)
		same = strcmp(v[i].question, w[i].question) == 0 && v[i].kind == w[i].kind &&
		       (v[i].kind != STORE_OPTION || strcmp(v[i].option, w[i].option) == 0) &&
		       same_text(v[i].note, w[i].note, true);
	free(w);
	return same;
}

/* What differs between the stored assessment ID and A ("" when nothing
 * does), or NULL when the database failed. */
static const char *difference(struct store *s, int64_t id, const struct bundle_in *b,
			      const struct bundle_asmt *a)
{
	struct store_assessment x;
	struct store_answer *v = NULL;
	size_t n = 0;
	if (store_assessment_get(s, id, &x) != 0)
		return NULL;
	const char *what = NULL;
	if (store_answers(s, id, &v, &n) == 0)
		what = !same_text(x.org, b->orgs[a->org].name, false) ? _("the organisation differs")
		       : !same_text(x.respondent, a->in.respondent, false) ? _("the respondent differs")
		       : !same_text(x.role, a->in.role, false) ? _("the role differs")
		       : strcmp(x.qn_hash, a->hash) != 0 ? _("the questionnaire differs")
		       : strcmp(x.taken, a->in.taken) != 0 ? _("the date differs")
		       : strcmp(x.language, a->in.language) != 0 ? _("the language differs")
		       : x.complete != a->in.complete ? _("the status differs")
		       : !same_answers(v, n, a) ? _("the answers differ") : "";
	store_answers_free(v, n);
	store_assessment_free(&x);
	return what;
}

/* Adds the organisations that are missing, matched by the name export
 * gives them; fills IDS. */
static int add_orgs(struct store *s, const struct bundle_in *b, int64_t *ids,
		    struct bundle_counts *cnt)
{
	struct store_org *have;
	size_t nhave;
	if (store_org_list(s, &have, &nhave))
		return -1;
	char **names = xcalloc(nhave + 1, sizeof(*names));
	for (size_t k = 0; k < nhave; k++)
		names[k] = clean(have[k].name, false);
	int rc = 0;
	for (size_t i = 0; i < b->norgs && !rc; i++) {
		const struct bundle_org *o = &b->orgs[i];
		size_t k;
		for (k = 0; k < nhave && strcmp(names[k], o->name) != 0; k++)
			;
		if (k < nhave) {
			ids[i] = have[k].id;
			continue;
		}
		rc = store_org_add(s, o->name, &ids[i]) || store_org_set_interval(s, ids[i], o->interval) ||
		     store_org_set_size(s, ids[i], qn_size_name(o->size));
		for (size_t t = 0; t < o->ntargets && !rc; t++)
			rc = store_target_set(s, ids[i], o->targets[t].domain, o->targets[t].target);
		cnt->orgs_added++;
	}
	for (size_t k = 0; k < nhave; k++)
		free(names[k]);
	free(names);
	store_orgs_free(have, nhave);
	return rc ? -1 : 0;
}

/* Saves the assessments of B; one whose UUID is in the database already
 * with other content is reported in B's errors. Returns -1 when the
 * database failed. */
static int add_assessments(struct store *s, struct bundle_in *b, const int64_t *ids,
			   struct bundle_counts *cnt)
{
	for (size_t i = 0; i < b->nas; i++) {
		struct bundle_asmt *a = &b->as[i];
		a->in.org_id = ids[a->org];
		int64_t id;
		bool added;
		if (store_assessment_save(s, &a->in, a->answers, a->n, NULL, &id, &added))
			return -1;
		a->id = id;
		if (added) {
			cnt->assessments_added++;
			continue;
		}
		cnt->assessments_present++;
		const char *what = difference(s, id, b, a);
		if (!what)
			return -1;
		if (*what)
			bundle_error(b, (struct jp_step[]){ { "assessments", 0 }, { NULL, i } }, 2, false,
				     _("assessment %s is already in the database, with other content (%s): a "
				     "conflict, so nothing was imported; delete one of the two to import the other"),
				     a->in.uuid, what);
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
	memset(cnt, 0, sizeof(*cnt));
	struct bundle_in b;
	size_t before = errs_count(errs);
	int rc = -2;
	if (!bundle_read(&b, path, buf, len, errs))
		goto out;
	int64_t *ids = xcalloc(b.norgs + 1, sizeof(*ids));
	rc = -1;
	if (store_begin(s) == 0) {
		int r = add_orgs(s, &b, ids, cnt);
		if (r == 0)
			r = add_assessments(s, &b, ids, cnt);
		if (r == 0)
			r = bundle_plan_add(s, &b, ids, cnt);
		if (r == 0 && errs_count(errs) != before) {
			store_rollback(s);
			memset(cnt, 0, sizeof(*cnt));
			rc = -2;
		} else if (r == 0 && store_commit(s) == 0) {
			rc = 0;
		} else if (r) {
			store_rollback(s);
		}
	}
	free(ids);
out:
	bundle_in_free(&b);
	return rc;
}
