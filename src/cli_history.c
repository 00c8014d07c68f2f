/* cli_history.c - progress over time: compare, trend, due. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/report.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"

#include "itmaturity/plan.h"

#include "cli_impl.h"

static int parse_format(const struct command *c, const char *format, enum report_format *f)
{
	int v = report_format_parse(format);
	if (v != REPORT_TEXT && v != REPORT_JSON)
		return cli_usage_error(c, _("unknown format '%s' (expected text or json)"), format);
	*f = (enum report_format)v;
	return -1;
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
		if (!cli_parse_id(argv[1], &ids[0]) || !cli_parse_id(argv[2], &ids[1]))
			return cli_usage_error(c, _("give two assessment ids"));
	} else {
		return cli_usage_error(c, _("give two assessment ids, or --org NAME"));
	}
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	struct itm_errors e = { 0 };
	int rc = EXIT_OK;
	if (org) {
		struct store_org o;
		if ((rc = cli_find_org(s, org, &o)) != EXIT_OK)
			goto out;
		struct store_filter fl = { .org_id = o.id, .status = STORE_COMPLETE, .limit = 2 };
		store_org_free(&o);
		struct store_assessment *v;
		size_t n;
		if (store_assessment_list(s, &fl, &v, &n)) {
			rc = cli_store_fail(s);
			goto out;
		}
		if (n == 2) {
			ids[0] = v[1].id;
			ids[1] = v[0].id;
		}
		store_assessments_free(v, n);
		if (n < 2) {
			rc = cli_fail(EXIT_USAGE, _("%s has fewer than two complete assessments"), org);
			goto out;
		}
	}
	struct asmt a, b;
	if ((rc = asmt_load(&ctx, ids[0], ASMT_SUMMARY, &a, &e)) != EXIT_OK)
		goto out;
	if ((rc = asmt_load(&ctx, ids[1], ASMT_SUMMARY, &b, &e)) != EXIT_OK) {
		asmt_free(&a);
		goto out;
	}
	struct report_meta ma, mb;
	struct report_side sa, sb;
	asmt_side(&a, &ma, &sa);
	asmt_side(&b, &mb, &sb);
	struct plan_list pl = { 0 };
	struct report_action *pv = NULL;
	struct report_plan pp;
	if (a.meta.org_id == b.meta.org_id &&
	    (rc = plan_list(&ctx, b.meta.org_id, b.meta.id, b.meta.taken, &pl, &e)) == ITM_OK) {
		plan_between(&pl, &a.meta, &b.meta, &pv, &pp);
		sb.plan = &pp;
	}
	if (rc == EXIT_OK)
		report_compare(stdout, &sa, &sb, f);
	free(pv);
	plan_list_free(&pl);
	asmt_free(&b);
	asmt_free(&a);
out:
	cli_errors(rc, &e);
	asmt_close(&ctx);
	return rc;
}

/* The trend of one organisation. */
static int trend_of(struct asmt_ctx *c, const struct store_org *o, enum report_format f, int width)
{
	struct asmt_history h;
	struct itm_errors e = { 0 };
	if (asmt_history(c, o->id, &h, &e) != ITM_OK)
		return cli_errors(EXIT_FAIL, &e);
	struct report_trend_row *rows = xcalloc(h.n + 1, sizeof(*rows));
	char **qns = xcalloc(h.n + 1, sizeof(*qns));
	for (size_t i = 0; i < h.n; i++) {
		const struct store_assessment *v = &h.v[i];
		qns[i] = xasprintf("%s %s", v->qn_id, v->qn_version);
		rows[i] = (struct report_trend_row){ .id = v->id, .date = v->taken, .qn = qns[i],
						     .overall = v->has_overall ? v->overall : NAN,
						     .domains = h.pct + i * h.n_domains };
	}
	report_trend(stdout, o->name, (const char *const *)h.domains, h.n_domains, rows, h.n, f, width);
	for (size_t i = 0; i < h.n; i++)
		free(qns[i]);
	free(qns);
	free(rows);
	asmt_history_free(&h);
	return EXIT_OK;
}

/* Runs FN for the organisation named ORG, or for each one. */
static int for_orgs(struct asmt_ctx *c, const char *org, int (*fn)(struct asmt_ctx *, const struct store_org *, void *),
		    void *arg)
{
	struct store_org *v = NULL;
	size_t n = 0;
	int rc = EXIT_OK;
	if (org) {
		v = xcalloc(1, sizeof(*v));
		if ((rc = cli_find_org(c->store, org, v)) != EXIT_OK) {
			free(v);
			return rc;
		}
		n = 1;
	} else if (store_org_list(c->store, &v, &n)) {
		return cli_store_fail(c->store);
	}
	if (n == 0)
		fputs(_("No organisations yet.\n"), stderr);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++)
		rc = fn(c, &v[i], arg);
	store_orgs_free(v, n);
	return rc;
}

struct trend_args {
	enum report_format f;
	int width;
	size_t done;
};

static int trend_one(struct asmt_ctx *c, const struct store_org *o, void *arg)
{
	struct trend_args *t = arg;
	if (t->f == REPORT_TEXT && t->done++)
		fputc('\n', stdout);
	return trend_of(c, o, t->f, t->width);
}

int cmd_trend(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *org = NULL;
	bool wide = false;
	const struct opt opts[] = { { "format", 'f', &format, NULL }, { "org", 0, &org, NULL },
				    { "wide", 'w', NULL, &wide }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	struct trend_args t = { .width = cli_width(wide) };
	if ((r = parse_format(c, format, &t.f)) >= 0)
		return r;
	if (t.f == REPORT_JSON && !org)
		return cli_usage_error(c, _("--format json needs --org NAME"));
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	int rc = for_orgs(&ctx, org, trend_one, &t);
	asmt_close(&ctx);
	return rc;
}

struct due_args {
	const char *today;
	bool any_due;
};

static int due_one(struct asmt_ctx *c, const struct store_org *o, void *arg)
{
	struct store *s = c->store;
	struct due_args *d = arg;
	struct store_filter fl = { .org_id = o->id, .status = STORE_COMPLETE, .limit = 1 };
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &fl, &v, &n))
		return cli_store_fail(s);
	char due[11], *t;
	if (n == 0) {
		t = xasprintf(_("%s: never assessed: due now."), o->name);
		d->any_due = true;
	} else {
		date_add_months(v[0].taken, o->interval_months, due);
		long days = date_days(due) - date_days(d->today);
		if (days > 0)
			/* TRANSLATORS: organisation, date, date, days, months; the
			 * interval is always plural in English ("every 1 months"). */
			t = xasprintf(ngettext("%s: last assessed %s; next due %s (in %ld day; every %d months).",
					       "%s: last assessed %s; next due %s (in %ld days; every %d months).",
					       (unsigned long)days),
				      o->name, v[0].taken, due, days, o->interval_months);
		else if (days == 0)
			t = xasprintf(_("%s: last assessed %s; due today, %s (every %d months)."), o->name,
				      v[0].taken, due, o->interval_months);
		else
			t = xasprintf(_("%s: last assessed %s; due since %s (every %d months)."), o->name,
				      v[0].taken, due, o->interval_months);
		d->any_due |= days <= 0;
	}
	store_assessments_free(v, n);
	struct plan_list l;
	struct itm_errors e = { 0 };
	if (plan_list(c, o->id, 0, d->today, &l, &e) != ITM_OK) {
		free(t);
		return cli_errors(ITM_FAIL, &e);
	}
	struct report_plan_counts pc;
	report_plan_count(&l.plan, &pc);
	plan_list_free(&l);
	if (pc.overdue) {
		/* TRANSLATORS: %s is the sentence above, %zu a number of actions. */
		char *u = xasprintf(ngettext("%s %zu action is overdue (see 'itmaturity plan --overdue').",
					     "%s %zu actions are overdue (see 'itmaturity plan --overdue').", pc.overdue),
				    t, pc.overdue);
		free(t);
		t = u;
	}
	report_wrap(stdout, t, 0, 2, 78);
	free(t);
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
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	char now[11];
	if (!today) {
		date_today(now);
		today = now;
	} else if (!date_valid(today)) {
		return cli_usage_error(c, _("--today '%s' is not a date (YYYY-MM-DD)"), today);
	}
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct due_args d = { .today = today };
	int rc = for_orgs(&ctx, org, due_one, &d);
	asmt_close(&ctx);
	if (rc != EXIT_OK)
		return rc;
	return d.any_due ? EXIT_DUE : EXIT_OK;
}
