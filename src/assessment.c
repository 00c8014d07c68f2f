/* assessment.c - the assessment layer: opening the database, loading and
 * scoring stored assessments, the previous comparable assessment, an
 * organisation's history, saving a whole assessment and writing reports.
 * The draft being answered is in assessment_draft.c. */
#include "itmaturity/assessment.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/i18n.h"
#include "itmaturity/outfile.h"
#include "itmaturity/plan.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

#include "assessment_impl.h"

int asmt_store_error(const struct store *s, struct itm_errors *e)
{
	errs_add(e, store_path(s), 0, 0, "%s", store_errmsg(s));
	return ITM_FAIL;
}

void asmt_cache_add(struct asmt_ctx *c, struct qn_questionnaire *q)
{
	qn_free(c->qc[c->qc_next]);
	c->qc[c->qc_next] = qn_ref(q);
	c->qc_next = (c->qc_next + 1) % ASMT_QCACHE_MAX;
}

void asmt_close(struct asmt_ctx *c)
{
	for (size_t i = 0; i < ASMT_QCACHE_MAX; i++)
		qn_free(c->qc[i]);
	store_close(c->store);
	memset(c, 0, sizeof(*c));
}

/* The figures of a score result as the store caches them. */
struct cached {
	const char **domains;
	double *percents;
	struct store_scores sc;
};

static void cache_of(const struct score_result *r, struct cached *c)
{
	c->domains = xcalloc(r->n_domains + 1, sizeof(*c->domains));
	c->percents = xcalloc(r->n_domains + 1, sizeof(*c->percents));
	for (size_t i = 0; i < r->n_domains; i++) {
		c->domains[i] = r->domains[i].domain->id;
		c->percents[i] = r->domains[i].s.scored ? r->domains[i].s.percent : NAN;
	}
	c->sc = (struct store_scores){
		.overall = r->overall.scored ? r->overall.percent : NAN,
		.n = r->n_domains, .domains = c->domains, .percents = c->percents,
	};
}

static void cache_free(struct cached *c)
{
	free(c->domains);
	free(c->percents);
}

void asmt_score_unscored(struct asmt_ctx *c)
{
	int64_t *ids;
	size_t n;
	if (store_read_only(c->store) || store_unscored(c->store, &ids, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		struct asmt a;
		struct itm_errors e = { 0 };
		if (asmt_load(c, ids[i], ASMT_SUMMARY, &a, &e) == ITM_OK) {
			struct cached k;
			cache_of(a.score, &k);
			store_set_scores(c->store, ids[i], &k.sc);
			cache_free(&k);
			asmt_free(&a);
		}
		errs_free(&e);
	}
	free(ids);
}

/* Whether the database at PATH exists and can be written, with its folder
 * (where SQLite keeps its -wal and -shm files). A reader opens anything
 * else read-only. */
static bool writable(const char *path)
{
	if (access(path, F_OK) != 0)
		return true;  /* a reader then says it is missing */
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	bool ok = access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

int asmt_open(struct asmt_ctx *c, const char *db, bool read_only, enum asmt_need need, char **notice,
	      struct itm_errors *e)
{
	memset(c, 0, sizeof(*c));
	if (notice)
		*notice = NULL;
	char *path = store_resolve_path(db);
	if (!path) {
		errs_add(e, NULL, 0, 0, _("no database path: HOME is not set; use --db PATH or ITMATURITY_DB"));
		return ITM_FAIL;
	}
	int rc = ITM_FAIL;
	if (need == ASMT_WRITE && read_only) {
		errs_add(e, path, 0, 0, _("this command writes, and --read-only was given"));
		goto out;
	}
	struct store_open_opts o = {
		.read_only = read_only || (need == ASMT_READ && !writable(path)),
		.create = need == ASMT_WRITE,
	};
	char *err = NULL;
	c->store = store_open(path, &o, &err);
	if (!c->store) {
		errs_add(e, path, 0, 0, "%s", err);
		free(err);
		goto out;
	}
	rc = ITM_OK;
	if (store_migration_backup(c->store)) {
		if (notice)
			*notice = xasprintf(_("%s: upgraded to schema version %d; the previous file is kept as %s"),
					    path, STORE_SCHEMA_VERSION, store_migration_backup(c->store));
		asmt_score_unscored(c);
	}
out:
	free(path);
	return rc;
}

/* The questionnaire M was taken with (*Q, one more holder): from the
 * cache, or loaded from its snapshot. */
static int snapshot_questionnaire(struct asmt_ctx *c, const struct store_assessment *m,
				  struct qn_questionnaire **q, struct itm_errors *e)
{
	for (size_t i = 0; i < ASMT_QCACHE_MAX; i++)
		if (c->qc[i] && strcmp(qn_hash(c->qc[i]), m->qn_hash) == 0) {
			*q = qn_ref(c->qc[i]);
			return ITM_OK;
		}
	char *src;
	size_t len;
	if (store_snapshot(c->store, m->qn_hash, &src, &len))
		return asmt_store_error(c->store, e);
	/* TRANSLATORS: names a stored questionnaire (id, version) where a
	 * message would name its file. */
	char *name = xasprintf(_("questionnaire %s %s of assessment %" PRId64), m->qn_id, m->qn_version, m->id);
	*q = qn_load_take(name, src, len, QN_NO_SOURCE, e);
	free(name);
	if (!*q)
		return ITM_FAIL;
	/* Its name is the snapshot's: no need to hash the text again. */
	memcpy((*q)->hash, m->qn_hash, sizeof((*q)->hash));
	asmt_cache_add(c, *q);
	return ITM_OK;
}

/* Puts the stored answers V into a new answer set of OUT's questionnaire. */
static int answers_of(struct asmt_ctx *c, struct asmt *out, const struct store_answer *v, size_t n,
		      struct itm_errors *e)
{
	out->answers = ans_set_new(out->q);
	for (size_t i = 0; i < n; i++) {
		const struct qn_question *qq = qn_find_question(out->q, v[i].question);
		const struct qn_option *o = qq && v[i].option ? qn_find_option(qq, v[i].option) : NULL;
		enum ans_kind k = asmt_ans_kind(v[i].kind);
		if (!qq || (k == ANS_OPTION && !o) || (k == ANS_NA && !qq->allow_na) ||
		    (k == ANS_UNKNOWN && !qq->allow_unknown)) {
			errs_add(e, store_path(c->store), 0, 0,
				 _("assessment %" PRId64 ": stored answer to '%s' does not fit its questionnaire"),
				 out->meta.id, v[i].question);
			return ITM_FAIL;
		}
		ans_set_put(out->answers, qq, k, o, v[i].note);
	}
	return ITM_OK;
}

int asmt_load(struct asmt_ctx *c, int64_t id, enum asmt_scoring how, struct asmt *out,
	      struct itm_errors *e)
{
	memset(out, 0, sizeof(*out));
	int r = store_assessment_get(c->store, id, &out->meta);
	if (r > 0) {
		errs_add(e, NULL, 0, 0, _("no assessment %" PRId64 " (see 'itmaturity list')"), id);
		return ITM_INPUT;
	}
	if (r < 0)
		return asmt_store_error(c->store, e);
	struct store_answer *v = NULL;
	size_t n = 0;
	int rc = snapshot_questionnaire(c, &out->meta, &out->q, e);
	if (rc != ITM_OK)
		goto out;
	if (store_answers(c->store, id, &v, &n)) {
		rc = asmt_store_error(c->store, e);
		goto out;
	}
	if ((rc = answers_of(c, out, v, n, e)) != ITM_OK || how == ASMT_UNSCORED)
		goto out;
	double *t = asmt_targets(c, out->meta.org_id, out->q, &out->size);
	out->score = how == ASMT_ROADMAP ? score_compute(out->answers, t) : score_summary(out->answers, t);
	free(t);
out:
	store_answers_free(v, n);
	if (rc != ITM_OK)
		asmt_free(out);
	return rc;
}

void asmt_free(struct asmt *a)
{
	score_free(a->score);
	ans_set_free(a->answers);
	qn_free(a->q);
	store_assessment_free(&a->meta);
	memset(a, 0, sizeof(*a));
}

double *asmt_targets(struct asmt_ctx *c, int64_t org, const struct qn_questionnaire *q, enum qn_size *size)
{
	double *t = xmalloc((q->n_domains + 1) * sizeof(*t));
	enum qn_size z = QN_SMALL;
	struct store_org o;
	if (store_org_by_id(c->store, org, &o) == 0) {
		z = asmt_org_size(&o);
		store_org_free(&o);
	}
	for (size_t i = 0; i < q->n_domains; i++) {
		const struct qn_domain *d = &q->domains[i];
		t[i] = d->has_size_target[z] ? d->size_target[z] : d->has_target ? d->target : NAN;
	}
	struct store_target *v;
	size_t n;
	if (store_targets(c->store, org, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			for (size_t d = 0; d < q->n_domains; d++)
				if (strcmp(q->domains[d].id, v[i].domain) == 0)
					t[d] = v[i].target;
		store_targets_free(v, n);
	}
	if (size)
		*size = z;
	return t;
}

int asmt_size(const char *in, enum qn_size *out, struct itm_errors *e)
{
	if (qn_size_parse(in, out))
		return ITM_OK;
	char *shown = text_safe(in, true);
	/* TRANSLATORS: micro, small and medium are the keys typed (keep
	 * them); the %s after each are "fewer than 10 people" and the like. */
	errs_add(e, NULL, 0, 0, _("unknown size '%s': micro (%s), small (%s) or medium (%s)"), shown,
		 qn_size_people(QN_MICRO), qn_size_people(QN_SMALL), qn_size_people(QN_MEDIUM));
	free(shown);
	return ITM_INPUT;
}

enum qn_size asmt_org_size(const struct store_org *o)
{
	enum qn_size z;
	return qn_size_parse(o->size, &z) ? z : QN_SMALL;
}

/* Whether X comes before M: taken earlier, or the same day and saved
 * before it. */
static bool before(const struct store_assessment *x, const struct store_assessment *m)
{
	int d = strcmp(x->taken, m->taken);
	return d < 0 || (d == 0 && x->id < m->id);
}

int asmt_previous(struct asmt_ctx *c, const struct store_assessment *m, int64_t *prev, double **hist,
		  size_t *nh, struct itm_errors *e)
{
	struct store_filter f = { .org_id = m->org_id, .status = STORE_COMPLETE, .oldest_first = true };
	struct store_assessment *v;
	size_t n;
	*prev = 0;
	if (hist) {
		*hist = NULL;
		*nh = 0;
	}
	if (store_assessment_list(c->store, &f, &v, &n))
		return asmt_store_error(c->store, e);
	if (hist)
		*hist = xcalloc(n + 2, sizeof(**hist));
	/* Oldest first: the last one before M is the newest. */
	for (size_t i = 0; i < n && before(&v[i], m); i++) {
		if (strcmp(v[i].qn_id, m->qn_id) == 0)
			*prev = v[i].id;
		if (hist)
			(*hist)[(*nh)++] = v[i].has_overall ? v[i].overall : NAN;
	}
	store_assessments_free(v, n);
	return ITM_OK;
}

static int domain_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The column of DOMAIN in H's ascending domains, or -1. */
static long column(const struct asmt_history *h, const char *domain)
{
	if (!h->n_domains)
		return -1;
	char *const *p = bsearch(&domain, h->domains, h->n_domains, sizeof(*h->domains), domain_cmp);
	return p ? p - h->domains : -1;
}

int asmt_history(struct asmt_ctx *c, int64_t org, struct asmt_history *h, struct itm_errors *e)
{
	memset(h, 0, sizeof(*h));
	struct store_filter f = { .org_id = org, .status = STORE_COMPLETE, .oldest_first = true };
	if (store_assessment_list(c->store, &f, &h->v, &h->n))
		return asmt_store_error(c->store, e);
	struct store_domain_score **sc = xcalloc(h->n + 1, sizeof(*sc));
	size_t *nsc = xcalloc(h->n + 1, sizeof(*nsc)), cap = 0;
	int rc = ITM_OK;
	for (size_t i = 0; i < h->n && rc == ITM_OK; i++) {
		if (store_domain_scores(c->store, h->v[i].id, &sc[i], &nsc[i])) {
			rc = asmt_store_error(c->store, e);
			break;
		}
		for (size_t k = 0; k < nsc[i]; k++) {
			if (column(h, sc[i][k].domain) >= 0)
				continue;
			grow_array((void **)&h->domains, &cap, h->n_domains + 1, sizeof(*h->domains));
			h->domains[h->n_domains++] = xstrdup(sc[i][k].domain);
			qsort(h->domains, h->n_domains, sizeof(*h->domains), domain_cmp);
		}
	}
	h->pct = xcalloc(h->n * h->n_domains + 1, sizeof(*h->pct));
	for (size_t i = 0; i < h->n * h->n_domains; i++)
		h->pct[i] = NAN;
	for (size_t i = 0; i < h->n; i++) {
		for (size_t k = 0; k < nsc[i]; k++)
			h->pct[i * h->n_domains + (size_t)column(h, sc[i][k].domain)] = sc[i][k].percent;
		store_domain_scores_free(sc[i], nsc[i]);
	}
	free(sc);
	free(nsc);
	if (rc != ITM_OK)
		asmt_history_free(h);
	return rc;
}

void asmt_history_free(struct asmt_history *h)
{
	for (size_t i = 0; i < h->n_domains; i++)
		free(h->domains[i]);
	free(h->domains);
	free(h->pct);
	store_assessments_free(h->v, h->n);
	memset(h, 0, sizeof(*h));
}

int asmt_name(const char *what, const char *in, char **out, struct itm_errors *e)
{
	const char *why = text_name(in, out);
	if (!why)
		return ITM_OK;
	char *shown = text_safe(in, true);
	/* TRANSLATORS: what is named ("the respondent", "the role", ...),
	 * the text given, and what is wrong with it ("is empty", "holds a
	 * control character", ...); %d is the most characters allowed. */
	errs_add(e, NULL, 0, 0, _("%s '%s' %s (at most %d characters, no control characters)"), what, shown, why,
		 TEXT_NAME_MAX);
	free(shown);
	return ITM_INPUT;
}

/* Whether Q has DOMAIN with LEVEL on its scale: 1 yes, 0 the domain with
 * another scale (*LO..*HI), -1 no such domain. */
static int on_scale(const struct qn_questionnaire *q, const char *domain, double level, double *lo, double *hi)
{
	for (size_t d = 0; d < q->n_domains; d++)
		if (strcmp(q->domains[d].id, domain) == 0) {
			*lo = q->scale[0].value;
			*hi = q->scale[q->n_scale - 1].value;
			return level >= *lo && level <= *hi;
		}
	return -1;
}

int asmt_target_check(struct asmt_ctx *c, int64_t org, const char *domain, double level, struct itm_errors *e)
{
	/* The questionnaires found, then those the organisation was assessed with. */
	int found = -1;
	double lo = 0, hi = 0;
	struct itm_errors ignored = { 0 };
	struct qn_entry *cat;
	size_t n = qn_catalog(&cat, &ignored);
	for (size_t i = 0; i < n && found < 1; i++) {
		struct qn_questionnaire *q = cat[i].id ? qn_load_file(cat[i].path, QN_NO_SOURCE, &ignored) : NULL;
		if (q) {
			int r = on_scale(q, domain, level, &lo, &hi);
			found = r > found ? r : found;
		}
		qn_free(q);
	}
	qn_catalog_free(cat, n);
	struct store_filter f = { .org_id = org };
	struct store_assessment *v = NULL;
	size_t na = 0;
	/* Only their questionnaires are needed: not their answers. */
	if (found < 1 && store_assessment_list(c->store, &f, &v, &na) == 0)
		for (size_t i = 0; i < na && found < 1; i++) {
			struct qn_questionnaire *q;
			if (snapshot_questionnaire(c, &v[i], &q, &ignored) != ITM_OK)
				continue;
			int r = on_scale(q, domain, level, &lo, &hi);
			found = r > found ? r : found;
			qn_free(q);
		}
	store_assessments_free(v, na);
	errs_free(&ignored);
	if (found == 1)
		return ITM_OK;
	char *shown = text_safe(domain, true);
	if (found < 0)
		errs_add(e, NULL, 0, 0, _("no questionnaire has a domain '%s' (see 'itmaturity questionnaire show')"),
			 shown);
	else
		errs_add(e, NULL, 0, 0, _("the target of '%s' must lie on its scale, from %g to %g"), shown, lo, hi);
	free(shown);
	return ITM_INPUT;
}

int asmt_org_sized(struct asmt_ctx *c, const char *name, enum qn_size size, int64_t *id, bool *added,
		   struct itm_errors *e)
{
	struct store *s = c->store;
	char *clean;
	*added = false;
	/* TRANSLATORS: starts the message "%s '%s' %s (at most ...)". */
	int rc = asmt_name(_("the organisation name"), name, &clean, e);
	if (rc != ITM_OK)
		return rc;
	struct store_org o;
	int r = store_org_get(s, clean, &o);
	if (r == 0) {
		*id = o.id;
		store_org_free(&o);
	} else if (r < 0 || store_begin(s)) {
		rc = asmt_store_error(s, e);
	} else if (store_org_add(s, clean, id) || store_org_set_size(s, *id, qn_size_name(size)) ||
		   store_commit(s)) {
		store_rollback(s);
		rc = asmt_store_error(s, e);
	} else {
		*added = true;
	}
	free(clean);
	return rc;
}

int asmt_org(struct asmt_ctx *c, const char *name, int64_t *id, bool *added, struct itm_errors *e)
{
	return asmt_org_sized(c, name, QN_SMALL, id, added, e);
}

int asmt_save(struct asmt_ctx *c, const struct asmt_new *in, const struct ans_set *answers, int64_t *id,
	      bool *org_added, struct itm_errors *e)
{
	struct store *s = c->store;
	const struct qn_questionnaire *q = answers->q;
	char *respondent = NULL, *role = NULL;
	*org_added = false;
	const char *why = date_assessable(in->taken);
	if (why) {
		/* TRANSLATORS: the date given and what is wrong with it ("is not a
		 * date (YYYY-MM-DD)", "is before 1990-01-01", ...). */
		errs_add(e, NULL, 0, 0, _("the date %s %s"), in->taken, why);
		return ITM_INPUT;
	}
	/* TRANSLATORS: starts the message "%s '%s' %s (at most ...)". */
	int rc = asmt_name(_("the respondent"), in->respondent, &respondent, e);
	if (rc == ITM_OK)
		/* TRANSLATORS: starts the message "%s '%s' %s (at most ...)". */
		rc = asmt_name(_("the role"), in->role, &role, e);
	if (rc != ITM_OK)
		goto out;
	struct store_new sn = {
		.respondent = respondent, .role = role, .taken = in->taken, .qn_id = q->id,
		.qn_version = q->version, .language = q->language, .source = q->source,
		.source_len = q->source_len, .complete = true,
	};
	/* The organisation is added in the same transaction as the assessment. */
	if (store_begin(s)) {
		rc = asmt_store_error(s, e);
		goto out;
	}
	if ((rc = asmt_org(c, in->org, &sn.org_id, org_added, e)) != ITM_OK) {
		store_rollback(s);
		goto out;
	}
	double *t = asmt_targets(c, sn.org_id, q, NULL);
	struct score_result *r = score_compute(answers, t);
	struct store_answer *v = xcalloc(q->n_questions + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct ans_answer *an = &answers->v[i];
		if (an->kind == ANS_NONE)
			continue;
		v[n++] = (struct store_answer){
			.question = (char *)q->questions[i]->ref, .kind = asmt_store_kind(an->kind),
			.option = an->option ? (char *)an->option->key : NULL, .note = an->note,
		};
	}
	struct cached k;
	cache_of(r, &k);
	bool added;
	if (store_assessment_save(s, &sn, v, n, &k.sc, id, &added) || store_commit(s)) {
		store_rollback(s);
		errs_add(e, store_path(s), 0, 0, _("%s; nothing was saved"), store_errmsg(s));
		rc = ITM_FAIL;
		*org_added = false;
	}
	cache_free(&k);
	free(v);
	score_free(r);
	free(t);
out:
	free(respondent);
	free(role);
	return rc;
}

int asmt_draft_complete(struct asmt_ctx *c, struct asmt_draft *d, struct itm_errors *e)
{
	struct score_result *r = score_compute(d->a.answers, d->targets);
	struct cached k;
	cache_of(r, &k);
	int64_t id = d->a.meta.id;
	struct store_assessment m;
	int rc = ITM_OK, done = store_complete(c->store, id, &k.sc);
	if (done || store_assessment_get(c->store, id, &m) != 0) {
		rc = asmt_draft_refused(c->store, id, done, e);
		score_free(r);
	} else {
		store_assessment_free(&d->a.meta);
		d->a.meta = m;
		d->a.score = r;
	}
	cache_free(&k);
	return rc;
}

static struct report_meta meta_of(const struct asmt *a)
{
	const struct store_assessment *m = &a->meta;
	return (struct report_meta){ .id = m->id, .uuid = m->uuid, .org = m->org, .respondent = m->respondent,
				     .role = m->role, .date = m->taken, .complete = m->complete,
				     .size = qn_size_name(a->size), .language = m->language };
}

void asmt_side(const struct asmt *a, struct report_meta *meta, struct report_side *side)
{
	*meta = meta_of(a);
	*side = (struct report_side){ .meta = meta, .answers = a->answers, .score = a->score };
}

int asmt_report(struct asmt_ctx *c, int64_t id, const char *path, enum report_format f,
		struct itm_errors *e)
{
	struct asmt a, p;
	int rc = asmt_load(c, id, ASMT_ROADMAP, &a, e);
	if (rc != ITM_OK)
		return rc;
	int64_t prev;
	double *hist = NULL;
	size_t nh = 0;
	bool have_prev = false;
	struct plan_list pl = { 0 };
	if ((rc = asmt_previous(c, &a.meta, &prev, &hist, &nh, e)) != ITM_OK ||
	    (rc = plan_list(c, a.meta.org_id, id, a.meta.taken, &pl, e)) != ITM_OK)
		goto out;
	if (prev && (rc = asmt_load(c, prev, ASMT_SUMMARY, &p, e)) != ITM_OK)
		goto out;
	have_prev = prev != 0;
	hist[nh++] = a.score->overall.scored ? a.score->overall.percent : NAN;
	struct report_meta pm = have_prev ? meta_of(&p) : (struct report_meta){ 0 };
	struct report_input in = {
		.meta = meta_of(&a), .answers = a.answers, .score = a.score,
		.prev_meta = have_prev ? &pm : NULL, .prev_score = have_prev ? p.score : NULL,
		.history = hist, .n_history = nh, .plan = &pl.plan,
	};
	FILE *out = outfile_create(path, e);
	if (!out) {
		rc = ITM_FAIL;
		goto out;
	}
	report_assessment(out, &in, f);
	rc = outfile_finish(out, path, rc, e);
out:
	plan_list_free(&pl);
	free(hist);
	if (have_prev)
		asmt_free(&p);
	asmt_free(&a);
	return rc;
}
