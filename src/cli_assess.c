/* cli_assess.c - taking assessments without the wizard, and reporting on
 * them: assess --answers / --template, report. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/answers.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/store.h"
#include "itmaturity/ui.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

double *cli_targets(struct store *s, int64_t org, const struct qn_questionnaire *q)
{
	double *t = xmalloc((q->n_domains + 1) * sizeof(*t));
	for (size_t i = 0; i < q->n_domains; i++)
		t[i] = NAN;
	struct store_target *v;
	size_t n;
	if (store_targets(s, org, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			for (size_t d = 0; d < q->n_domains; d++)
				if (strcmp(q->domains[d].id, v[i].domain) == 0)
					t[d] = v[i].target;
		store_targets_free(v, n);
	}
	return t;
}

void cli_cache_of(const struct score_result *r, struct cli_cached *c)
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

void cli_cache_free(struct cli_cached *c)
{
	free(c->domains);
	free(c->percents);
}

void cli_qcache_add(struct cli_qcache *c, struct qn_questionnaire *q)
{
	qn_free(c->v[c->next]);
	c->v[c->next] = qn_ref(q);
	c->next = (c->next + 1) % CLI_QCACHE_MAX;
}

void cli_qcache_free(struct cli_qcache *c)
{
	for (size_t i = 0; i < CLI_QCACHE_MAX; i++)
		qn_free(c->v[i]);
	memset(c, 0, sizeof(*c));
}

/* A's questionnaire: from QC, or loaded from its snapshot in the store. */
static int snapshot_questionnaire(struct store *s, struct cli_qcache *qc, struct cli_assessment *a)
{
	for (size_t i = 0; qc && i < CLI_QCACHE_MAX; i++)
		if (qc->v[i] && strcmp(qn_hash(qc->v[i]), a->meta.qn_hash) == 0) {
			a->q = qn_ref(qc->v[i]);
			return EXIT_OK;
		}
	char *src;
	size_t len;
	if (store_snapshot(s, a->meta.qn_hash, &src, &len))
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	struct itm_errors e = { 0 };
	char *name = xasprintf("questionnaire %s %s of assessment %" PRId64, a->meta.qn_id,
			       a->meta.qn_version, a->meta.id);
	a->q = qn_load_take(name, src, len, QN_NO_SOURCE, &e);
	free(name);
	if (!a->q) {
		fputs("itmaturity: ", stderr);
		errs_print(stderr, &e);
		errs_free(&e);
		return EXIT_FAIL;
	}
	errs_free(&e);
	/* Its name is the snapshot's: no need to hash the text again. */
	memcpy(a->q->hash, a->meta.qn_hash, sizeof(a->q->hash));
	if (qc)
		cli_qcache_add(qc, a->q);
	return EXIT_OK;
}

int cli_load_assessment(struct store *s, struct cli_qcache *qc, int64_t id, enum cli_scoring how,
			struct cli_assessment *out)
{
	memset(out, 0, sizeof(*out));
	int r = store_assessment_get(s, id, &out->meta);
	if (r > 0)
		return cli_fail(EXIT_USAGE, "no assessment %" PRId64 " (see 'itmaturity list')", id);
	if (r < 0)
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	struct store_answer *v = NULL;
	size_t n = 0;
	int rc = snapshot_questionnaire(s, qc, out);
	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_FAIL;
	if (store_answers(s, id, &v, &n)) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
		goto out;
	}
	out->answers = ans_set_new(out->q);
	for (size_t i = 0; i < n; i++) {
		const struct qn_question *qq = qn_find_question(out->q, v[i].question);
		const struct qn_option *o = qq && v[i].option ? qn_find_option(qq, v[i].option) : NULL;
		enum ans_kind k = v[i].kind == STORE_NA ? ANS_NA : v[i].kind == STORE_UNKNOWN ? ANS_UNKNOWN
											  : ANS_OPTION;
		if (!qq || (k == ANS_OPTION && !o) || (k == ANS_NA && !qq->allow_na) ||
		    (k == ANS_UNKNOWN && !qq->allow_unknown)) {
			cli_fail(EXIT_FAIL, "%s: assessment %" PRId64 ": stored answer to '%s' does not fit its "
				 "questionnaire", store_path(s), id, v[i].question);
			goto out;
		}
		ans_set_put(out->answers, qq, k, o, v[i].note);
	}
	double *t = cli_targets(s, out->meta.org_id, out->q);
	out->score = how == CLI_ROADMAP ? score_compute(out->answers, t) : score_summary(out->answers, t);
	free(t);
	rc = EXIT_OK;
out:
	store_answers_free(v, n);
	if (rc != EXIT_OK)
		cli_assessment_free(out);
	return rc;
}

void cli_assessment_free(struct cli_assessment *a)
{
	score_free(a->score);
	ans_set_free(a->answers);
	qn_free(a->q);
	store_assessment_free(&a->meta);
	memset(a, 0, sizeof(*a));
}

void cli_refresh_scores(struct store *s)
{
	int64_t *ids;
	size_t n;
	if (store_read_only(s) || store_unscored(s, &ids, &n))
		return;
	struct cli_qcache qc = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct cli_assessment a;
		if (cli_load_assessment(s, &qc, ids[i], CLI_SUMMARY, &a) != EXIT_OK)
			continue;
		struct cli_cached c;
		cli_cache_of(a.score, &c);
		if (store_set_scores(s, ids[i], &c.sc))
			cli_fail(0, "%s: %s", store_path(s), store_errmsg(s));
		cli_cache_free(&c);
		cli_assessment_free(&a);
	}
	cli_qcache_free(&qc);
	free(ids);
}

/* The organisation named NAME, added when it does not exist yet. */
static int org_id(struct store *s, const char *name, int64_t *id)
{
	struct store_org o;
	int r = store_org_get(s, name, &o);
	if (r == 0) {
		*id = o.id;
		store_org_free(&o);
		return 0;
	}
	if (r > 0 && store_org_add(s, name, id) == 0) {
		fprintf(stderr, "itmaturity: adding organisation '%s'\n", name);
		return 0;
	}
	return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
}

static const char *login_name(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

static int assess_answers(struct cli *cli, const struct command *c, const char *file,
			  const char *qarg, const char *org, const char *respondent, const char *role,
			  const char *date)
{
	struct itm_errors e = { 0 };
	char *id = NULL;
	struct qn_questionnaire *q = NULL;
	struct ans_set *a = NULL;
	struct score_result *r = NULL;
	struct store *s = NULL;
	double *t = NULL;
	int rc = EXIT_USAGE;
	if (!qarg && !(qarg = id = ans_peek_questionnaire(file, &e)))
		goto invalid;
	if (!(q = qn_resolve(qarg, &e)))
		goto invalid;
	if (!(a = ans_load_file(file, q, &e)))
		goto invalid;
	rc = EXIT_FAIL;
	if (!(s = cli_open_db(cli, DB_WRITE)))
		goto out;
	struct store_new in = {
		.respondent = respondent ? respondent : login_name(), .role = role ? role : "unspecified",
		.taken = date, .qn_id = q->id, .qn_version = q->version, .source = q->source,
		.source_len = q->source_len, .complete = true,
	};
	/* The organisation is added in the same transaction as the assessment. */
	if (store_begin(s)) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
		goto out;
	}
	if (org_id(s, org, &in.org_id)) {
		store_rollback(s);
		goto out;
	}
	t = cli_targets(s, in.org_id, q);
	r = score_compute(a, t);
	struct store_answer *v = xcalloc(q->n_questions + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct ans_answer *an = &a->v[i];
		if (an->kind == ANS_NONE)
			continue;
		v[n].question = (char *)q->questions[i]->ref;
		v[n].kind = an->kind == ANS_NA ? STORE_NA : an->kind == ANS_UNKNOWN ? STORE_UNKNOWN : STORE_OPTION;
		v[n].option = an->option ? (char *)an->option->key : NULL;
		v[n].note = an->note;
		n++;
	}
	struct cli_cached cache;
	cli_cache_of(r, &cache);
	int64_t new_id;
	bool added;
	if (store_assessment_save(s, &in, v, n, &cache.sc, &new_id, &added) == 0 &&
	    store_commit(s) == 0) {
		printf("%" PRId64 "\n", new_id);
		rc = EXIT_OK;
	} else {
		store_rollback(s);
		cli_fail(EXIT_FAIL, "%s: %s; nothing was saved", store_path(s), store_errmsg(s));
	}
	cli_cache_free(&cache);
	free(v);
	goto out;
invalid:
	(void)c;
	errs_print(stderr, &e);
out:
	free(t);
	score_free(r);
	store_close(s);
	ans_set_free(a);
	qn_free(q);
	free(id);
	errs_free(&e);
	return rc;
}

int cmd_assess(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *file = NULL, *qarg = NULL, *org = NULL, *respondent = NULL, *role = NULL,
		   *date = NULL;
	bool template = false;
	const struct opt opts[] = {
		{ "answers", 'a', &file, NULL }, { "questionnaire", 'q', &qarg, NULL },
		{ "org", 0, &org, NULL }, { "respondent", 0, &respondent, NULL },
		{ "role", 0, &role, NULL }, { "date", 0, &date, NULL },
		{ "template", 0, NULL, &template }, { 0 },
	};
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, "unexpected argument '%s'", argv[1]);
	if (template) {
		if (file || org || respondent || role || date)
			return cli_usage_error(c, "--template takes only --questionnaire");
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_resolve(qarg ? qarg : "sme-it-maturity", &e);
		if (!q) {
			fputs("itmaturity: ", stderr);
			errs_print(stderr, &e);
			errs_free(&e);
			return EXIT_USAGE;
		}
		int rc = ans_write_template(stdout, q) || fflush(stdout) ? EXIT_FAIL : EXIT_OK;
		qn_free(q);
		return rc;
	}
	if (!file) {
		if (date)
			return cli_usage_error(c, "--date goes with --answers; the wizard takes today's date");
		struct ui_start st = { .db = cli->db, .read_only = cli->read_only, .org = org,
				       .respondent = respondent, .role = role, .questionnaire = qarg };
		return ui_run(&st);
	}
	if (!org || !*org)
		return cli_usage_error(c, "--org NAME is required with --answers");
	char today[11];
	if (!date) {
		date_today(today);
		date = today;
	} else if (!date_valid(date)) {
		return cli_usage_error(c, "--date '%s' is not a date (YYYY-MM-DD)", date);
	}
	return assess_answers(cli, c, file, qarg, org, respondent, role, date);
}

/* Resolves ID|latest (with --org) to an assessment id. */
static int pick(struct store *s, const char *arg, const char *org, int64_t *id)
{
	if (strcmp(arg, "latest") != 0) {
		char *end;
		errno = 0;
		long long v = strtoll(arg, &end, 10);
		if (!*arg || *end || v <= 0 || errno == ERANGE)
			return cli_fail(EXIT_USAGE, "'%s' is not an assessment id or 'latest'", arg);
		*id = v;
		return EXIT_OK;
	}
	struct store_filter f = { .status = STORE_COMPLETE, .limit = 1 };
	if (org) {
		struct store_org o;
		int r = store_org_get(s, org, &o);
		if (r)
			return r < 0 ? cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s))
				     : cli_fail(EXIT_USAGE, "no organisation named '%s'", org);
		f.org_id = o.id;
		store_org_free(&o);
	}
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &f, &v, &n))
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	int rc = EXIT_OK;
	if (n == 0)
		rc = cli_fail(EXIT_USAGE, "no complete assessment%s%s yet", org ? " of " : "", org ? org : "");
	else
		*id = v[0].id;
	store_assessments_free(v, n);
	return rc;
}

/* The previous complete assessment of ID's organisation, and the overall
 * percentages up to ID, oldest first. */
static int history_of(struct store *s, const struct store_assessment *m, int64_t *prev,
		      double **hist, size_t *nh)
{
	struct store_filter f = { .org_id = m->org_id, .status = STORE_COMPLETE, .oldest_first = true };
	struct store_assessment *v;
	size_t n;
	*prev = 0;
	*hist = NULL;
	*nh = 0;
	if (store_assessment_list(s, &f, &v, &n))
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	size_t upto;
	for (upto = 0; upto < n && v[upto].id != m->id; upto++)
		;
	/* A draft is not in the list: its history is everything before its date. */
	if (upto == n)
		for (upto = 0; upto < n && strcmp(v[upto].taken, m->taken) <= 0; upto++)
			;
	else
		upto++;
	*hist = xcalloc(upto + 2, sizeof(**hist));
	for (size_t i = 0; i < upto; i++) {
		if (v[i].id == m->id)
			break;
		(*hist)[(*nh)++] = v[i].has_overall ? v[i].overall : NAN;
		*prev = v[i].id;
	}
	store_assessments_free(v, n);
	return EXIT_OK;
}

int cli_report_to_file(struct store *s, struct cli_qcache *qc, int64_t id, const char *path,
		       enum report_format f)
{
	struct cli_assessment a, p;
	int rc = cli_load_assessment(s, qc, id, CLI_ROADMAP, &a);
	if (rc != EXIT_OK)
		return rc;
	int64_t prev;
	double *hist = NULL;
	size_t nh = 0;
	bool have_prev = false;
	if ((rc = history_of(s, &a.meta, &prev, &hist, &nh)) != EXIT_OK)
		goto out;
	if (prev && (rc = cli_load_assessment(s, qc, prev, CLI_SUMMARY, &p)) != EXIT_OK)
		goto out;
	have_prev = prev != 0;
	hist[nh++] = a.score->overall.scored ? a.score->overall.percent : NAN;
	struct report_meta pm = { 0 };
	if (have_prev)
		pm = (struct report_meta){ .id = p.meta.id, .uuid = p.meta.uuid, .org = p.meta.org,
					   .respondent = p.meta.respondent, .role = p.meta.role,
					   .date = p.meta.taken, .complete = p.meta.complete };
	struct report_input in = {
		.meta = { .id = a.meta.id, .uuid = a.meta.uuid, .org = a.meta.org,
			  .respondent = a.meta.respondent, .role = a.meta.role, .date = a.meta.taken,
			  .complete = a.meta.complete },
		.answers = a.answers, .score = a.score,
		.prev_meta = have_prev ? &pm : NULL, .prev_score = have_prev ? p.score : NULL,
		.history = hist, .n_history = nh,
	};
	FILE *out = cli_create(path);
	if (!out) {
		rc = EXIT_FAIL;
		goto out;
	}
	report_assessment(out, &in, f);
	rc = cli_finish(out, path, rc);
out:
	free(hist);
	if (have_prev)
		cli_assessment_free(&p);
	cli_assessment_free(&a);
	return rc;
}

int cmd_report(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *org = NULL, *file = NULL;
	const struct opt opts[] = {
		{ "format", 'f', &format, NULL }, { "org", 0, &org, NULL },
		{ "output", 'o', &file, NULL }, { 0 },
	};
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops > 1)
		return cli_usage_error(c, "give one assessment id or 'latest'");
	int f = report_format_parse(format);
	if (f < 0)
		return cli_usage_error(c, "unknown format '%s' (expected text, markdown, csv, json or html)",
				       format);
	struct store *s = cli_open_db(cli, DB_READ);
	if (!s)
		return EXIT_FAIL;
	int64_t id = 0;
	int rc = pick(s, nops ? argv[1] : "latest", org, &id);
	struct cli_qcache qc = { 0 };
	if (rc == EXIT_OK)
		rc = cli_report_to_file(s, &qc, id, file, (enum report_format)f);
	cli_qcache_free(&qc);
	store_close(s);
	return rc;
}
