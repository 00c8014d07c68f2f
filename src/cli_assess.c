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
#include "itmaturity/i18n.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/store.h"
#include "itmaturity/ui.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

static const char *login_name(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

static int assess_answers(struct cli *cli, const char *file, const char *qarg, const struct asmt_new *in)
{
	struct itm_errors e = { 0 };
	char *id = NULL;
	struct qn_questionnaire *q = NULL;
	struct ans_set *a = NULL;
	struct asmt_ctx ctx = { 0 };
	int rc = EXIT_USAGE;
	if (!qarg && !(qarg = id = ans_peek_questionnaire(file, &e)))
		goto invalid;
	if (!(q = qn_resolve(qarg, &e)))
		goto invalid;
	if (!(a = ans_load_file(file, q, &e)))
		goto invalid;
	if ((rc = cli_open(cli, ASMT_WRITE, &ctx)) != EXIT_OK)
		goto out;
	int64_t new_id;
	bool added;
	rc = asmt_save(&ctx, in, a, &new_id, &added, &e);
	if (added)
		cli_print(stderr, _("itmaturity: adding organisation '%s'\n"), in->org);
	if (rc == EXIT_OK)
		printf("%" PRId64 "\n", new_id);
	cli_errors(rc, &e);
	goto out;
invalid:
	errs_print_prefixed(stderr, "itmaturity: ", &e);
out:
	asmt_close(&ctx);
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
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	if (template) {
		if (file || org || respondent || role || date)
			return cli_usage_error(c, _("--template takes only --questionnaire"));
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_resolve(qarg ? qarg : "sme-it-maturity", &e);
		if (!q)
			return cli_errors(EXIT_USAGE, &e);
		/* A write error is reported once, by cli_main's check of
		 * standard output. */
		ans_write_template(stdout, q);
		qn_free(q);
		return EXIT_OK;
	}
	if (!file) {
		if (date)
			return cli_usage_error(c, _("--date goes with --answers; the wizard takes today's date"));
		struct ui_start st = { .db = cli->db, .read_only = cli->read_only, .org = org,
				       .respondent = respondent, .role = role, .questionnaire = qarg };
		return cli_wizard(&st);
	}
	if (!org || !*org)
		return cli_usage_error(c, _("--org NAME is required with --answers"));
	char today[11];
	if (!date) {
		date_today(today);
		date = today;
	} else if (!date_valid(date)) {
		return cli_usage_error(c, _("--date '%s' is not a date (YYYY-MM-DD)"), date);
	}
	struct asmt_new in = { .org = org, .respondent = respondent ? respondent : login_name(),
			       .role = role ? role : "unspecified", .taken = date };
	return assess_answers(cli, file, qarg, &in);
}

/* Resolves ID|latest (with --org) to an assessment id. */
static int pick(struct store *s, const char *arg, const char *org, int64_t *id)
{
	if (strcmp(arg, "latest") != 0)
		return cli_parse_id(arg, id) ? EXIT_OK
					     : cli_fail(EXIT_USAGE, _("'%s' is not an assessment id or 'latest'"), arg);
	struct store_filter f = { .status = STORE_COMPLETE, .limit = 1 };
	if (org) {
		struct store_org o;
		int r = cli_find_org(s, org, &o);
		if (r)
			return r;
		f.org_id = o.id;
		store_org_free(&o);
	}
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &f, &v, &n))
		return cli_store_fail(s);
	int rc = EXIT_OK;
	if (n == 0)
		rc = org ? cli_fail(EXIT_USAGE, _("no complete assessment of %s yet"), org)
			 : cli_fail(EXIT_USAGE, "%s", _("no complete assessment yet"));
	else
		*id = v[0].id;
	store_assessments_free(v, n);
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
		return cli_usage_error(c, _("give one assessment id or 'latest'"));
	int f = report_format_parse(format);
	if (f < 0)
		return cli_usage_error(c, _("unknown format '%s' (expected text, markdown, csv, json or html)"),
				       format);
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	int64_t id = 0;
	int rc = pick(ctx.store, nops ? argv[1] : "latest", org, &id);
	struct itm_errors e = { 0 };
	if (rc == EXIT_OK)
		rc = cli_errors(asmt_report(&ctx, id, file, (enum report_format)f, &e), &e);
	asmt_close(&ctx);
	return rc;
}
