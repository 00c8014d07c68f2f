/* cli_data.c - the commands that keep the database: orgs, list, delete,
 * backup, export and import. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/bundle.h"
#include "itmaturity/i18n.h"
#include "itmaturity/jsonw.h"
#include "itmaturity/report.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"
#include "itmaturity/yamlfields.h"

#include "cli_impl.h"

/* "DOMAIN=LEVEL ..." of T[N]; the caller frees it. */
static char *targets_text(const struct store_target *t, size_t n)
{
	char *s = xstrdup("");
	for (size_t j = 0; j < n; j++) {
		char *u = xasprintf("%s%s%s=%g", s, j ? " " : "", t[j].domain, t[j].target);
		free(s);
		s = u;
	}
	return s;
}

/* The columns S takes, and no less than MIN. */
static int at_least(const char *s, int min)
{
	int w = report_width(s);
	return w > min ? w : min;
}

static void orgs_json(const struct store_org *v, size_t n, struct store_target **t, const size_t *nt)
{
	struct jsonw w;
	jw_init(&w, stdout);
	jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(&w);
		jw_key(&w, "name"), jw_str(&w, v[i].name);
		jw_key(&w, "size"), jw_str(&w, qn_size_name(asmt_org_size(&v[i])));
		jw_key(&w, "interval_months"), jw_int(&w, v[i].interval_months);
		jw_key(&w, "targets"), jw_obj(&w);
		for (size_t j = 0; j < nt[i]; j++)
			jw_key(&w, t[i][j].domain), jw_num(&w, t[i][j].target);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
}

/* The names and the targets as wide as their widest, then narrowed to fit
 * WIDTH columns beside the size and the interval. The headings are in the
 * language of the messages, measured in columns. */
static void orgs_text(const struct store_org *v, size_t n, struct store_target **t, const size_t *nt, int width)
{
	char **tt = xcalloc(n + 1, sizeof(*tt)), **months = xcalloc(n + 1, sizeof(*months));
	const char *org = _("ORGANISATION");
	/* TRANSLATORS: column headings of 'itmaturity orgs list': the size
	 * (micro, small, medium), the months between reassessments, the
	 * domains' target levels. */
	const char *size = _("SIZE"), *interval = _("INTERVAL"), *targets = _("TARGETS");
	int w[2] = { at_least(org, 12), at_least(targets, 7) }, sw = at_least(size, 6);
	int iw = at_least(interval, 9);
	static const int min[2] = { 12, 7 };
	for (size_t i = 0; i < n; i++) {
		tt[i] = targets_text(t[i], nt[i]);
		/* TRANSLATORS: the reassessment interval of 'orgs list', for any
		 * number (English always says "months"). */
		months[i] = xasprintf(_("%2d months"), v[i].interval_months);
		w[0] = at_least(v[i].name, w[0]);
		w[1] = at_least(tt[i], w[1]);
		iw = at_least(months[i], iw);
	}
	report_fit(w, min, 2, width > 3 + sw + iw ? width - 3 - sw - iw : 0);
	report_cell(stdout, org, w[0]);
	putchar(' ');
	report_cell(stdout, size, sw);
	putchar(' ');
	report_cell(stdout, interval, iw);
	printf(" %s\n", targets);
	for (size_t i = 0; i < n; i++) {
		report_cell(stdout, v[i].name, w[0]);
		printf(" %-*s ", sw, qn_size_name(asmt_org_size(&v[i])));
		if (*tt[i]) {
			report_cell(stdout, months[i], iw);
			putchar(' ');
			report_put(stdout, tt[i], w[1]);
		} else {
			report_put(stdout, months[i], -1);
		}
		putchar('\n');
		free(tt[i]);
		free(months[i]);
	}
	free(tt);
	free(months);
}

static int orgs_list(struct store *s, bool json, int width)
{
	struct store_org *v;
	size_t n, i;
	if (store_org_list(s, &v, &n))
		return cli_store_fail(s);
	struct store_target **t = xcalloc(n + 1, sizeof(*t));
	size_t *nt = xcalloc(n + 1, sizeof(*nt));
	int rc = EXIT_OK;
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (store_targets(s, v[i].id, &t[i], &nt[i]))
			rc = cli_store_fail(s);
	if (rc == EXIT_OK && json)
		orgs_json(v, n, t, nt);
	else if (rc == EXIT_OK && n)
		orgs_text(v, n, t, nt, width);
	else if (rc == EXIT_OK)
		fputs(_("No organisations yet: add one with 'itmaturity orgs add NAME'.\n"), stderr);
	for (size_t j = 0; j < i; j++)
		store_targets_free(t[j], nt[j]);
	free(t);
	free(nt);
	store_orgs_free(v, n);
	return rc;
}

/* The exit status of adding or renaming an organisation, which returned R:
 * a name that is taken is the input's fault, anything else the database's. */
static int name_change(struct store *s, int r)
{
	if (r == STORE_TAKEN)
		return cli_fail(EXIT_USAGE, "%s", store_errmsg(s));
	return r ? cli_store_fail(s) : EXIT_OK;
}

/* rename (K 2), target (3; LEVEL NaN: --clear), interval (4) or size (5,
 * to SIZE) of O. */
static int orgs_change(struct asmt_ctx *c, const struct store_org *o, size_t k, char **argv, double level,
		       int months, enum qn_size size)
{
	struct store *s = c->store;
	struct itm_errors e = { 0 };
	char *name = NULL;
	int rc = EXIT_OK;
	if (k == 2) {
		/* TRANSLATORS: starts the message "%s '%s' %s (at most ...)". */
		if ((rc = asmt_name(_("the new name"), argv[3], &name, &e)) == ITM_OK)
			rc = name_change(s, store_org_rename(s, o->id, name));
	} else if (k == 3 && isnan(level)) {
		if (store_target_clear(s, o->id, argv[3]))
			rc = cli_store_fail(s);
	} else if (k == 3) {
		if ((rc = asmt_target_check(c, o->id, argv[3], level, &e)) == ITM_OK &&
		    store_target_set(s, o->id, argv[3], level))
			rc = cli_store_fail(s);
	} else if (k == 5) {
		if (store_org_set_size(s, o->id, qn_size_name(size)))
			rc = cli_store_fail(s);
	} else if (store_org_set_interval(s, o->id, months)) {
		rc = cli_store_fail(s);
	}
	free(name);
	return cli_errors(rc, &e);
}

int cmd_orgs(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *size_arg = NULL;
	bool clear = false, wide = false;
	const struct opt opts[] = {
		{ "format", 'f', &format, NULL }, { "clear", 0, NULL, &clear }, { "size", 0, &size_arg, NULL },
		{ "wide", 'w', NULL, &wide }, { 0 },
	};
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	const char *sub = nops ? argv[1] : "list";
	static const struct { const char *name; int args; } subs[] = {
		{ "list", 0 }, { "add", 1 }, { "rename", 2 }, { "target", 3 }, { "interval", 2 }, { "size", 2 },
	};
	size_t k;
	for (k = 0; k < ARRAY_LEN(subs) && strcmp(sub, subs[k].name) != 0; k++)
		;
	if (k == ARRAY_LEN(subs))
		return cli_usage_error(c, _("unknown subcommand '%s'"), sub);
	int want = subs[k].args - (k == 3 && clear);
	if (nops && nops - 1 != want)
		return cli_usage_error(c, ngettext("%s takes %d argument", "%s takes %d arguments", (unsigned long)want), sub, want);
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error(c, _("unknown format '%s' (expected text or json)"), format);
	if (clear && k != 3)
		return cli_usage_error(c, _("--clear goes with target"));
	if (size_arg && k != 1)
		return cli_usage_error(c, _("--size goes with add"));
	enum qn_size size = QN_SMALL;
	struct itm_errors se = { 0 };
	if ((size_arg || k == 5) && asmt_size(size_arg ? size_arg : argv[3], &size, &se) != ITM_OK)
		return cli_errors(ITM_INPUT, &se);

	double level = 0;
	int months = 0;
	if (k == 3 && !clear && !yf_parse_number(argv[4], strlen(argv[4]), &level))
		return cli_usage_error(c, _("target level '%s' is not a number"), argv[4]);
	if (k == 4) {
		char *end;
		long m = strtol(argv[3], &end, 10);
		if (*end || m < 1 || m > 60)
			return cli_usage_error(c, _("interval '%s' is not a number of months from 1 to 60"), argv[3]);
		months = (int)m;
	}

	struct asmt_ctx ctx;
	if (cli_open(cli, k == 0 ? ASMT_READ : ASMT_WRITE, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	int rc = EXIT_OK;
	struct store_org o = { 0 };
	struct itm_errors e = { 0 };
	char *name = NULL;
	int64_t id;
	bool added;
	switch (k) {
	case 0:
		rc = orgs_list(s, strcmp(format, "json") == 0, cli_width(wide));
		break;
	case 1:
		if ((rc = cli_errors(asmt_name(_("the organisation name"), argv[2], &name, &e), &e)))
			break;
		if ((rc = cli_errors(asmt_org_sized(&ctx, name, size, &id, &added, &e), &e)) == EXIT_OK && !added)
			rc = cli_fail(EXIT_USAGE, _("an organisation named '%s' exists already"), name);
		break;
	default:
		if ((rc = cli_find_org(s, argv[2], &o)) == EXIT_OK)
			rc = orgs_change(&ctx, &o, k, argv, clear ? NAN : level, months, size);
		store_org_free(&o);
	}
	free(name);
	asmt_close(&ctx);
	return rc;
}

static void list_json(const struct store_assessment *v, size_t n)
{
	struct jsonw w;
	jw_init(&w, stdout);
	jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		const struct store_assessment *a = &v[i];
		jw_obj(&w);
		jw_key(&w, "id"), jw_int(&w, a->id);
		jw_key(&w, "uuid"), jw_str(&w, a->uuid);
		jw_key(&w, "date"), jw_str(&w, a->taken);
		jw_key(&w, "organisation"), jw_str(&w, a->org);
		jw_key(&w, "respondent"), jw_str(&w, a->respondent);
		jw_key(&w, "role"), jw_str(&w, a->role);
		jw_key(&w, "questionnaire"), jw_str(&w, a->qn_id);
		jw_key(&w, "questionnaire_version"), jw_str(&w, a->qn_version);
		jw_key(&w, "language"), jw_str(&w, *a->language ? a->language : "en");
		jw_key(&w, "status"), jw_str(&w, a->complete ? "complete" : "draft");
		jw_key(&w, "overall"), jw_num(&w, a->has_overall ? a->overall : NAN);
		jw_key(&w, "questionnaire_hash"), jw_str(&w, a->qn_hash);
		jw_key(&w, "updated"), jw_str(&w, a->updated);
		jw_end(&w);
	}
	jw_end(&w);
}

/* The table, its four text columns as wide as their longest cell, then
 * fitted to WIDTH columns (cells cut with an ellipsis). The headings and
 * the status are in the language of the messages, measured in columns. */
static void list_text(const struct store_assessment *v, size_t n, int width)
{
	if (n == 0) {
		fputs(_("No assessments yet.\n"), stderr);
		return;
	}
	enum { ORG, RESP, ROLE, QN, NCOL };
	/* The headings (the table is fitted to 80 columns: short ones keep
	 * more of the names). */
	const char *const head[NCOL] = {
		/* TRANSLATORS: a column heading of 'itmaturity list'. */
		_("ORGANISATION"),
		/* TRANSLATORS: a column heading of 'itmaturity list'. */
		_("RESPONDENT"),
		/* TRANSLATORS: a column heading of 'itmaturity list'. */
		_("ROLE"),
		/* TRANSLATORS: a column heading of 'itmaturity list'. */
		_("QUESTIONNAIRE"),
	};
	/* TRANSLATORS: an assessment's status, in 'itmaturity list' and the
	 * question before deleting one. */
	const char *const status[2] = { _("draft"), _("complete") };
	/* TRANSLATORS: column headings of 'itmaturity list': the date taken,
	 * the status (draft or complete), the overall percentage. */
	const char *date = _("DATE"), *st = _("STATUS"), *overall = _("OVERALL");
	static const int min[NCOL] = { 8, 6, 0, 8 };
	char **qn = xcalloc(n, sizeof(*qn));
	int w[NCOL], heads[NCOL], idw = at_least(_("ID"), 2), datew = at_least(date, 10);
	int sw = at_least(st, at_least(status[0], report_width(status[1]))), ow = at_least(overall, 7);
	for (int k = 0; k < NCOL; k++)
		w[k] = heads[k] = k == ROLE ? 0 : report_width(head[k]);
	w[ROLE] = report_width(head[ROLE]);
	for (size_t i = 0; i < n; i++) {
		const struct store_assessment *a = &v[i];
		qn[i] = xasprintf("%s %s", a->qn_id, a->qn_version);
		const char *cell[NCOL] = { a->org, a->respondent, a->role, qn[i] };
		for (int k = 0; k < NCOL; k++) {
			int cw = report_width(cell[k]);
			w[k] = cw > w[k] ? cw : w[k];
		}
		int d = snprintf(NULL, 0, "%" PRId64, a->id);
		idw = d > idw ? d : idw;
	}
	/* ID, DATE, STATUS, OVERALL and the gaps between the eight columns.
	 * When the table is too wide, ROLE goes first (--wide and the JSON
	 * have it), then the others narrow, not below their headings while
	 * they can. */
	int fixed = idw + datew + sw + ow + 7 * 2, sum = w[ORG] + w[RESP] + w[ROLE] + w[QN];
	bool role = width - fixed >= sum;
	if (!role) {
		fixed -= 2;  /* ROLE's gap */
		w[ROLE] = 0;
	}
	int avail = width > fixed ? width - fixed : 0;
	if (report_fit(w, heads, NCOL, avail) > avail)
		report_fit(w, min, NCOL, avail);
	report_rpad(stdout, _("ID"), idw);
	fputs("  ", stdout);
	report_cell(stdout, date, datew);
	for (int k = 0; k < NCOL; k++) {
		if (k == ROLE && !role)
			continue;
		fputs("  ", stdout);
		report_cell(stdout, head[k], w[k]);
	}
	fputs("  ", stdout);
	report_cell(stdout, st, sw);
	fputs("  ", stdout);
	report_rpad(stdout, overall, ow);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct store_assessment *a = &v[i];
		const char *cell[NCOL] = { a->org, a->respondent, a->role, qn[i] };
		printf("%*" PRId64 "  ", idw, a->id);
		report_cell(stdout, a->taken, datew);
		for (int k = 0; k < NCOL; k++) {
			if (k == ROLE && !role)
				continue;
			fputs("  ", stdout);
			report_cell(stdout, cell[k], w[k]);
		}
		fputs("  ", stdout);
		report_cell(stdout, status[a->complete], sw);
		if (a->has_overall && !isnan(a->overall))
			printf("  %*.1f %%\n", ow - 2, a->overall);
		else
			printf("  %*s\n", ow, "-");
		free(qn[i]);
	}
	free(qn);
}

int cmd_list(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *format = "text", *org = NULL, *status = NULL, *limit = NULL;
	bool wide = false;
	const struct opt opts[] = {
		{ "format", 'f', &format, NULL }, { "org", 0, &org, NULL },
		{ "status", 0, &status, NULL }, { "limit", 0, &limit, NULL }, { "wide", 'w', NULL, &wide }, { 0 },
	};
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error(c, _("unknown format '%s' (expected text or json)"), format);
	struct store_filter f = { 0 };
	if (status && strcmp(status, "draft") == 0)
		f.status = STORE_DRAFT;
	else if (status && strcmp(status, "complete") == 0)
		f.status = STORE_COMPLETE;
	else if (status)
		return cli_usage_error(c, _("unknown status '%s' (expected draft or complete)"), status);
	if (limit) {
		char *end;
		errno = 0;
		long l = strtol(limit, &end, 10);
		if (!*limit || *end || l < 1 || errno == ERANGE)
			return cli_usage_error(c, _("--limit takes a whole number above 0"));
		f.limit = (size_t)l;
	}
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	int rc = EXIT_OK;
	struct store_org o = { 0 };
	if (org && (rc = cli_find_org(s, org, &o)))
		goto out;
	f.org_id = o.id;
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &f, &v, &n)) {
		rc = cli_store_fail(s);
		goto out;
	}
	if (strcmp(format, "json") == 0)
		list_json(v, n);
	else
		list_text(v, n, cli_width(wide));
	store_assessments_free(v, n);
out:
	store_org_free(&o);
	asmt_close(&ctx);
	return rc;
}

int cmd_delete(struct cli *cli, const struct command *c, int argc, char **argv)
{
	bool yes = false;
	const struct opt opts[] = { { "yes", 'y', NULL, &yes }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	int64_t id;
	if (nops != 1)
		return cli_usage_error(c, _("give one assessment id"));
	if (!cli_parse_id(argv[1], &id))
		return cli_usage_error(c, _("'%s' is not an assessment id"), argv[1]);
	if (!yes && !isatty(STDIN_FILENO))
		return cli_usage_error(c, _("not deleting without --yes: there is no terminal to ask"));
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_WRITE, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	struct store_assessment a;
	int rc = store_assessment_get(s, id, &a);
	if (rc) {
		rc = rc < 0 ? cli_store_fail(s) : cli_fail(EXIT_USAGE, _("no assessment %" PRId64), id);
		asmt_close(&ctx);
		return rc;
	}
	if (!yes) {
		/* TRANSLATORS: id, organisation, date, respondent, role, status
		 * (complete or draft); the answer is read as yes only when it
		 * starts with y or Y, in every language. */
		cli_print(stderr, _("Delete assessment %" PRId64 " of %s, %s by %s (%s, %s)? [y/N] "), id, a.org,
			  a.taken, a.respondent, a.role, a.complete ? _("complete") : _("draft"));
		char line[16] = "";
		if (!fgets(line, sizeof(line), stdin) || (line[0] != 'y' && line[0] != 'Y')) {
			fputs(_("Not deleted.\n"), stderr);
			store_assessment_free(&a);
			asmt_close(&ctx);
			return EXIT_FAIL;
		}
	}
	rc = store_assessment_delete(s, id) ? cli_store_fail(s) : EXIT_OK;
	if (rc == EXIT_OK)
		fprintf(stderr, _("Deleted assessment %" PRId64 ".\n"), id);
	store_assessment_free(&a);
	asmt_close(&ctx);
	return rc;
}

int cmd_backup(struct cli *cli, const struct command *c, int argc, char **argv)
{
	int nops, r = cli_parse(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops != 1)
		return cli_usage_error(c, _("give the file to write"));
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	int rc = store_backup(s, argv[1]) ? cli_fail(EXIT_FAIL, "%s", store_errmsg(s)) : EXIT_OK;
	asmt_close(&ctx);
	return rc;
}

int cmd_export(struct cli *cli, const struct command *c, int argc, char **argv)
{
	const char *org = NULL, *file = NULL;
	const struct opt opts[] = { { "org", 0, &org, NULL }, { "output", 'o', &file, NULL }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store *s = ctx.store;
	struct store_org o = { 0 };
	int rc = org ? cli_find_org(s, org, &o) : EXIT_OK;
	FILE *out = rc == EXIT_OK ? cli_create(file) : NULL;
	if (rc == EXIT_OK && !out)
		rc = EXIT_FAIL;
	if (out) {
		if (bundle_export(s, o.id, out))
			rc = cli_store_fail(s);
		rc = cli_finish(out, file, rc);
	}
	store_org_free(&o);
	asmt_close(&ctx);
	return rc;
}

int cmd_import(struct cli *cli, const struct command *c, int argc, char **argv)
{
	int nops, r = cli_parse(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops != 1)
		return cli_usage_error(c, _("give one bundle file"));
	char *path = store_resolve_path(cli->db);
	bool existed = path && access(path, F_OK) == 0;
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_WRITE, &ctx) != EXIT_OK) {
		free(path);
		return EXIT_FAIL;
	}
	struct store *s = ctx.store;
	struct itm_errors errs = { 0 };
	struct bundle_counts n;
	int rc = bundle_import(s, argv[1], &n, &errs);
	if (rc == -2) {
		errs_print_prefixed(stderr, "itmaturity: ", &errs);
		rc = EXIT_USAGE;
	} else if (rc == -1) {
		rc = cli_store_fail(s);
	} else {
		asmt_score_unscored(&ctx);
		char *orgs = xasprintf(ngettext("%zu organisation", "%zu organisations", n.orgs_added),
				       n.orgs_added);
		/* TRANSLATORS: the file, "N organisations" (the message above), the
		 * number of assessments added, the number already present. */
		cli_print(stdout, ngettext("Imported %s: %s and %zu assessment added, %zu already present.\n",
					   "Imported %s: %s and %zu assessments added, %zu already present.\n",
					   n.assessments_added),
			  argv[1], orgs, n.assessments_added, n.assessments_present);
		free(orgs);
		if (n.actions_added || n.actions_present)
			printf(_("Actions of the plan: %zu added, %zu already present.\n"), n.actions_added,
			       n.actions_present);
		rc = EXIT_OK;
	}
	errs_free(&errs);
	asmt_close(&ctx);
	if (rc != EXIT_OK && !existed) {
		/* Made for this import, which stored nothing: not left behind. */
		char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
		unlink(wal);
		unlink(shm);
		unlink(path);
		free(wal);
		free(shm);
	}
	free(path);
	return rc;
}
