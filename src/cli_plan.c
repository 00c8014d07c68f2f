/* cli_plan.c - the 'plan' command: list an organisation's actions, add
 * them (one question, or the roadmap's top N), edit them, mark them done
 * or drop them. The rules are in plan.c; this file parses and prints. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/plan.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

struct plan_args {
	const char *org, *format, *to, *owner, *due, *note, *reason, *top, *today;
	bool all, overdue;
	char now[11];
};

/* The organisations a command is about: ORG, or every one (*N of them;
 * caller frees). */
static int plan_orgs(struct store *s, const char *org, struct store_org **v, size_t *n)
{
	if (!org)
		return store_org_list(s, v, n) ? cli_store_fail(s) : EXIT_OK;
	*v = xcalloc(1, sizeof(**v));
	*n = 1;
	int rc = cli_find_org(s, org, *v);
	if (rc != EXIT_OK) {
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

/* Lists the plan of organisation O; *OVERDUE is set when it has an
 * overdue action. */
static int list_one(struct asmt_ctx *c, const struct store_org *o, const struct plan_args *a, enum report_format f,
		    bool *overdue)
{
	struct plan_list l;
	struct itm_errors e = { 0 };
	int rc = plan_list(c, o->id, 0, a->today, &l, &e);
	if (rc != ITM_OK)
		return cli_errors(rc, &e);
	struct report_action *v;
	struct report_plan p;
	plan_select(&l, a->all, &v, &p);
	size_t k = 0;
	for (size_t i = 0; i < p.n; i++) {
		*overdue |= v[i].status == REPORT_ACTION_OVERDUE;
		if (!a->overdue || v[i].status == REPORT_ACTION_OVERDUE)
			v[k++] = v[i];
	}
	p.n = k;
	if (!a->overdue || k)
		report_plan(stdout, o->name, &p, f);
	free(v);
	plan_list_free(&l);
	return EXIT_OK;
}

static int plan_show(const struct cli *cli, const struct command *c, const struct plan_args *a)
{
	int fmt = report_format_parse(a->format);
	if (fmt < 0 || fmt == REPORT_HTML)
		return cli_usage_error(c, _("unknown format '%s' (expected text, markdown, csv or json)"), a->format);
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_READ, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	struct store_org *v = NULL;
	size_t n = 0;
	int rc = plan_orgs(ctx.store, a->org, &v, &n);
	if (rc == EXIT_OK && n > 1 && (fmt == REPORT_JSON || fmt == REPORT_CSV))
		rc = cli_usage_error(c, _("--format %s needs --org NAME when there is more than one organisation"),
				     a->format);
	if (rc == EXIT_OK && n == 0)
		fputs(_("No organisations yet.\n"), stderr);
	bool overdue = false;
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		if (i && fmt != REPORT_JSON && fmt != REPORT_CSV)
			fputc('\n', stdout);
		rc = list_one(&ctx, &v[i], a, (enum report_format)fmt, &overdue);
	}
	store_orgs_free(v, n);
	asmt_close(&ctx);
	return rc == EXIT_OK && a->overdue && overdue ? EXIT_DUE : rc;
}

/* The one organisation a change is for: --org, or the only one. */
static int one_org(const struct command *c, struct store *s, const char *org, int64_t *id)
{
	struct store_org *v = NULL;
	size_t n = 0;
	int rc = plan_orgs(s, org, &v, &n);
	if (rc == EXIT_OK && n != 1)
		rc = n ? cli_usage_error(c, _("there are %zu organisations: name one with --org NAME"), n)
		       : cli_fail(EXIT_USAGE, "%s", _("no organisations yet (see 'itmaturity orgs add')"));
	if (rc == EXIT_OK)
		*id = v[0].id;
	store_orgs_free(v, n);
	return rc;
}

static int plan_add_cmd(struct asmt_ctx *ctx, const struct command *c, const struct plan_args *a,
			const char *question)
{
	int64_t org;
	int rc = one_org(c, ctx->store, a->org, &org);
	if (rc != EXIT_OK)
		return rc;
	struct itm_errors e = { 0 };
	if (!a->top) {
		struct plan_new in = { .org = org, .question = question, .to = a->to, .owner = a->owner,
				       .due = a->due, .note = a->note, .today = a->today };
		int64_t id;
		if ((rc = plan_add(ctx, &in, &id, &e)) == ITM_OK)
			printf(_("Added action %" PRId64 ".\n"), id);
		return cli_errors(rc, &e);
	}
	char *end;
	long n = strtol(a->top, &end, 10);
	if (*end || n < 1 || n > 100)
		return cli_usage_error(c, _("--top '%s' is not a number from 1 to 100"), a->top);
	int64_t *ids;
	size_t nids;
	if ((rc = plan_add_top(ctx, org, (size_t)n, a->today, &ids, &nids, &e)) == ITM_OK) {
		char *list = xstrdup("");
		for (size_t i = 0; i < nids; i++) {
			char *u = xasprintf("%s%s%" PRId64, list, i ? ", " : "", ids[i]);
			free(list);
			list = u;
		}
		/* TRANSLATORS: %zu is the number of actions, %s their ids ("4, 5, 6"). */
		printf(ngettext("Added %zu action: %s.\n", "Added %zu actions: %s.\n", nids), nids, list);
		free(list);
	}
	free(ids);
	return cli_errors(rc, &e);
}

/* done, drop and edit of action ARG. */
static int plan_change(struct asmt_ctx *ctx, const struct command *c, const struct plan_args *a,
		       const char *sub, const char *arg)
{
	int64_t id;
	if (!cli_parse_id(arg, &id))
		return cli_usage_error(c, _("'%s' is not an action id"), arg);
	struct itm_errors e = { 0 };
	int rc;
	const char *did;
	if (strcmp(sub, "done") == 0) {
		rc = plan_done(ctx, id, a->today, &e);
		did = _("Action %" PRId64 " marked done.\n");
	} else if (strcmp(sub, "drop") == 0) {
		rc = plan_drop(ctx, id, a->reason, a->today, &e);
		did = _("Action %" PRId64 " dropped.\n");
	} else {
		struct plan_edit ed = { .to = a->to, .owner = a->owner, .due = a->due, .note = a->note };
		rc = plan_edit(ctx, id, &ed, &e);
		did = _("Action %" PRId64 " changed.\n");
	}
	if (rc == ITM_OK)
		printf(did, id);
	return cli_errors(rc, &e);
}

/* Which options each subcommand takes, and how many operands. */
static int check_usage(const struct command *c, const char *sub, int operands, const struct plan_args *a)
{
	bool add = strcmp(sub, "add") == 0, edit = strcmp(sub, "edit") == 0, drop = strcmp(sub, "drop") == 0;
	bool list = strcmp(sub, "list") == 0;
	if (!list && !add && !edit && !drop && strcmp(sub, "done") != 0)
		return cli_usage_error(c, _("unknown subcommand '%s'"), sub);
	int want = list ? 0 : add && a->top ? 0 : 1;
	if (operands != want)
		return cli_usage_error(c, want ? _("%s takes one argument") : _("%s takes no argument"), sub);
	if (!list && (a->all || a->overdue || strcmp(a->format, "text") != 0))
		return cli_usage_error(c, _("--all, --overdue and --format go with the list"));
	if ((a->to || a->owner || a->due || a->note) && !(add && !a->top) && !edit)
		return cli_usage_error(c, _("--to, --owner, --due and --note go with add QUESTION and edit"));
	if (a->top && !add)
		return cli_usage_error(c, _("--top goes with add"));
	if (edit && !a->to && !a->owner && !a->due && !a->note)
		return cli_usage_error(c, _("edit needs --to, --owner, --due or --note"));
	if (a->org && !list && !add)
		return cli_usage_error(c, _("--org goes with the list and add"));
	if (!a->reason != !drop)
		return cli_usage_error(c, "%s", drop ? _("drop needs --reason TEXT") : _("--reason goes with drop"));
	return -1;
}

int cmd_plan(struct cli *cli, const struct command *c, int argc, char **argv)
{
	struct plan_args a = { .format = "text" };
	const struct opt opts[] = {
		{ "org", 0, &a.org, NULL },       { "format", 'f', &a.format, NULL }, { "all", 0, NULL, &a.all },
		{ "overdue", 0, NULL, &a.overdue }, { "to", 0, &a.to, NULL },         { "owner", 0, &a.owner, NULL },
		{ "due", 0, &a.due, NULL },       { "note", 0, &a.note, NULL },       { "reason", 0, &a.reason, NULL },
		{ "top", 0, &a.top, NULL },       { "today", 0, &a.today, NULL },     { 0 },
	};
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	const char *sub = nops ? argv[1] : "list";
	if ((r = check_usage(c, sub, nops ? nops - 1 : 0, &a)) >= 0)
		return r;
	if (!a.today) {
		date_today(a.now);
		a.today = a.now;
	} else if (!date_valid(a.today)) {
		return cli_usage_error(c, _("--today '%s' is not a date (YYYY-MM-DD)"), a.today);
	}
	if (strcmp(sub, "list") == 0)
		return plan_show(cli, c, &a);
	struct asmt_ctx ctx;
	if (cli_open(cli, ASMT_WRITE, &ctx) != EXIT_OK)
		return EXIT_FAIL;
	int rc = strcmp(sub, "add") == 0 ? plan_add_cmd(&ctx, c, &a, nops > 1 ? argv[2] : NULL)
					 : plan_change(&ctx, c, &a, sub, argv[2]);
	asmt_close(&ctx);
	return rc;
}
