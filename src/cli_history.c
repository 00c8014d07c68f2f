/* cli_history.c - progress over time: compare, trend, due. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/report.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

static int parse_format(const struct command *c, const char *format, enum report_format *f)
{
	int v = report_format_parse(format);
	if (v != REPORT_TEXT && v != REPORT_JSON)
		return cli_usage_error(c, "unknown format '%s' (expected text or json)", format);
	*f = (enum report_format)v;
	return -1;
}

static int org_by_name(struct store *s, const char *name, struct store_org *o)
{
	int r = store_org_get(s, name, o);
	if (r < 0)
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	if (r > 0)
		return cli_fail(EXIT_USAGE, "no organisation named '%s' (see 'itmaturity orgs')", name);
	return EXIT_OK;
}

static bool parse_id(const char *arg, int64_t *id)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	*id = v;
	return *arg && !*end && v > 0;
}

static struct report_meta meta_of(const struct store_assessment *a)
{
	return (struct report_meta){ .id = a->id, .uuid = a->uuid, .org = a->org,
				     .respondent = a->respondent, .role = a->role, .date = a->taken,
				     .complete = a->complete };
}

int cmd_compare(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *org = NULL;
	const struct opt opts[] = { { "format", 'f', &format, NULL }, { "org", 0, &org, NULL }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	enum report_format f = REPORT_TEXT;
	if ((r = parse_format(c, format, &f)) >= 0)
		return r;
	int64_t ids[2] = { 0, 0 };
	if (org && nops == 0) {
		/* the organisation's last two complete assessments */
	} else if (!org && nops == 2) {
		if (!parse_id(argv[1], &ids[0]) || !parse_id(argv[2], &ids[1]))
			return cli_usage_error(c, "give two assessment ids");
	} else {
		return cli_usage_error(c, "give two assessment ids, or --org NAME");
	}
	struct store *s = cli_open_db(cli, DB_READ);
	if (!s)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	struct cli_qcache qc = { 0 };  /* the two often share their questionnaire */
	if (org) {
		struct store_org o;
		if ((rc = org_by_name(s, org, &o)) != EXIT_OK)
			goto out;
		struct store_filter fl = { .org_id = o.id, .status = STORE_COMPLETE, .limit = 2 };
		store_org_free(&o);
		struct store_assessment *v;
		size_t n;
		if (store_assessment_list(s, &fl, &v, &n)) {
			rc = cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
			goto out;
		}
		if (n == 2) {
			ids[0] = v[1].id;
			ids[1] = v[0].id;
		}
		store_assessments_free(v, n);
		if (n < 2) {
			rc = cli_fail(EXIT_USAGE, "%s has fewer than two complete assessments", org);
			goto out;
		}
	}
	struct cli_assessment a, b;
	if ((rc = cli_load_assessment(s, &qc, ids[0], CLI_SUMMARY, &a)) != EXIT_OK)
		goto out;
	if ((rc = cli_load_assessment(s, &qc, ids[1], CLI_SUMMARY, &b)) != EXIT_OK) {
		cli_assessment_free(&a);
		goto out;
	}
	struct report_meta ma = meta_of(&a.meta), mb = meta_of(&b.meta);
	struct report_side sa = { &ma, a.answers, a.score }, sb = { &mb, b.answers, b.score };
	report_compare(stdout, &sa, &sb, f);
	cli_assessment_free(&b);
	cli_assessment_free(&a);
out:
	cli_qcache_free(&qc);
	store_close(s);
	return rc;
}

/* The trend of one organisation. */
static int trend_of(struct store *s, const struct store_org *o, enum report_format f)
{
	struct store_filter fl = { .org_id = o->id, .status = STORE_COMPLETE, .oldest_first = true };
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &fl, &v, &n))
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	/* The domains: every id any of them has a score for, sorted. */
	char **doms = NULL;
	size_t nd = 0, cap = 0;
	struct store_domain_score **sc = xcalloc(n + 1, sizeof(*sc));
	size_t *nsc = xcalloc(n + 1, sizeof(*nsc));
	int rc = EXIT_OK;
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		if (store_domain_scores(s, v[i].id, &sc[i], &nsc[i])) {
			rc = cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
			break;
		}
		for (size_t k = 0; k < nsc[i]; k++) {
			size_t j = 0;
			while (j < nd && strcmp(doms[j], sc[i][k].domain) < 0)
				j++;
			if (j < nd && strcmp(doms[j], sc[i][k].domain) == 0)
				continue;
			grow_array((void **)&doms, &cap, nd + 1, sizeof(*doms));
			memmove(doms + j + 1, doms + j, (nd - j) * sizeof(*doms));
			doms[j] = sc[i][k].domain;
			nd++;
		}
	}
	struct report_trend_row *rows = xcalloc(n + 1, sizeof(*rows));
	double *cells = xcalloc(n * nd + 1, sizeof(*cells));
	char **qns = xcalloc(n + 1, sizeof(*qns));
	for (size_t i = 0; i < n; i++) {
		qns[i] = xasprintf("%s %s", v[i].qn_id, v[i].qn_version);
		rows[i] = (struct report_trend_row){ .id = v[i].id, .date = v[i].taken, .qn = qns[i],
						     .overall = v[i].has_overall ? v[i].overall : NAN,
						     .domains = cells + i * nd };
		for (size_t d = 0; d < nd; d++) {
			cells[i * nd + d] = NAN;
			for (size_t k = 0; k < nsc[i]; k++)
				if (strcmp(sc[i][k].domain, doms[d]) == 0)
					cells[i * nd + d] = sc[i][k].percent;
		}
	}
	if (rc == EXIT_OK)
		report_trend(stdout, o->name, (const char *const *)doms, nd, rows, n, f);
	for (size_t i = 0; i < n; i++) {
		free(qns[i]);
		store_domain_scores_free(sc[i], nsc[i]);
	}
	free(qns);
	free(cells);
	free(rows);
	free(doms);
	free(nsc);
	free(sc);
	store_assessments_free(v, n);
	return rc;
}

/* Runs FN for the organisation named ORG, or for each one. */
static int for_orgs(struct store *s, const char *org, int (*fn)(struct store *, const struct store_org *, void *),
		    void *arg)
{
	struct store_org *v = NULL;
	size_t n = 0;
	int rc = EXIT_OK;
	if (org) {
		v = xcalloc(1, sizeof(*v));
		if ((rc = org_by_name(s, org, v)) != EXIT_OK) {
			free(v);
			return rc;
		}
		n = 1;
	} else if (store_org_list(s, &v, &n)) {
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	}
	if (n == 0)
		fputs("No organisations yet.\n", stderr);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++)
		rc = fn(s, &v[i], arg);
	store_orgs_free(v, n);
	return rc;
}

struct trend_args {
	enum report_format f;
	size_t done;
};

static int trend_one(struct store *s, const struct store_org *o, void *arg)
{
	struct trend_args *t = arg;
	if (t->f == REPORT_TEXT && t->done++)
		fputc('\n', stdout);
	return trend_of(s, o, t->f);
}

int cmd_trend(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *org = NULL;
	const struct opt opts[] = { { "format", 'f', &format, NULL }, { "org", 0, &org, NULL }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, "unexpected argument '%s'", argv[1]);
	struct trend_args t = { 0 };
	if ((r = parse_format(c, format, &t.f)) >= 0)
		return r;
	if (t.f == REPORT_JSON && !org)
		return cli_usage_error(c, "--format json needs --org NAME");
	struct store *s = cli_open_db(cli, DB_READ);
	if (!s)
		return EXIT_FAIL;
	int rc = for_orgs(s, org, trend_one, &t);
	store_close(s);
	return rc;
}

struct due_args {
	const char *today;
	bool any_due;
};

static int due_one(struct store *s, const struct store_org *o, void *arg)
{
	struct due_args *d = arg;
	struct store_filter fl = { .org_id = o->id, .status = STORE_COMPLETE, .limit = 1 };
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &fl, &v, &n))
		return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
	char due[11], *t;
	if (n == 0) {
		t = xasprintf("%s: never assessed: due now.", o->name);
		d->any_due = true;
	} else {
		date_add_months(v[0].taken, o->interval_months, due);
		long days = date_days(due) - date_days(d->today);
		if (days > 0)
			t = xasprintf("%s: last assessed %s; next due %s (in %ld day%s; every %d months).",
				      o->name, v[0].taken, due, days, days == 1 ? "" : "s", o->interval_months);
		else
			t = xasprintf("%s: last assessed %s; due %s%s (every %d months).", o->name,
				      v[0].taken, days == 0 ? "today, " : "since ", due, o->interval_months);
		d->any_due |= days <= 0;
	}
	report_wrap(stdout, t, 0, 2, 78);
	free(t);
	store_assessments_free(v, n);
	return EXIT_OK;
}

int cmd_due(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *org = NULL, *today = NULL;
	const struct opt opts[] = { { "org", 0, &org, NULL }, { "today", 0, &today, NULL }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, "unexpected argument '%s'", argv[1]);
	char now[11];
	if (!today) {
		date_today(now);
		today = now;
	} else if (!date_valid(today)) {
		return cli_usage_error(c, "--today '%s' is not a date (YYYY-MM-DD)", today);
	}
	struct store *s = cli_open_db(cli, DB_READ);
	if (!s)
		return EXIT_FAIL;
	struct due_args d = { .today = today };
	int rc = for_orgs(s, org, due_one, &d);
	store_close(s);
	if (rc != EXIT_OK)
		return rc;
	return d.any_due ? EXIT_DUE : EXIT_OK;
}
