/* cli_complete.c - the hidden command '__complete KIND [ARG...]' that the
 * shell completion (completion/itmaturity.bash) asks for words: one a line
 * on standard output, nothing else. Names are read from the database that
 * --db, $ITMATURITY_DB or the default names, opened read-only: completing
 * never creates, upgrades or writes one. A kind that cannot be listed (no
 * database yet, an unknown command) lists nothing and exits 0; a kind
 * this file does not know exits 2.
 *
 * A new kind is one line of the table at the bottom. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

/* The options the command line takes before or after any command. */
static const char *const global_options[] = { "--db", "--read-only", "--lang", "--help", "--version" };

static int list_commands(struct cli *cli, int argc, char **argv)
{
	(void)cli, (void)argc, (void)argv;
	size_t n;
	const struct command *v = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		puts(v[i].name);
	return EXIT_OK;
}

/* Prints each "--name" of TEXT that is not in the first *N of SEEN,
 * adding it there. */
static void put_long_options(const char *text, char seen[][32], size_t *n, size_t max)
{
	for (const char *p = strstr(text, "--"); p; p = strstr(p + 2, "--")) {
		size_t len = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
		if (len < 4 || len >= sizeof(seen[0]) || (p > text && p[-1] != ' ' && p[-1] != '[' &&
							  p[-1] != '\n' && p[-1] != '|'))
			continue;
		bool dup = false;
		for (size_t i = 0; i < *n && !dup; i++)
			dup = strncmp(seen[i], p, len) == 0 && seen[i][len] == '\0';
		if (dup || *n == max)
			continue;
		memcpy(seen[*n], p, len);
		seen[(*n)++][len] = '\0';
		printf("%.*s\n", (int)len, p);
	}
}

/* options [COMMAND]: the long options COMMAND's usage and help name, and
 * --help; without COMMAND, the global options. */
static int list_options(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc < 1) {
		for (size_t i = 0; i < ARRAY_LEN(global_options); i++)
			puts(global_options[i]);
		return EXIT_OK;
	}
	const struct command *c = cli_find_command(argv[0]);
	if (!c)
		return EXIT_OK;
	char seen[64][32];
	size_t n = 0;
	put_long_options(c->usage, seen, &n, ARRAY_LEN(seen));
	put_long_options(c->help, seen, &n, ARRAY_LEN(seen));
	put_long_options("--help", seen, &n, ARRAY_LEN(seen));
	return EXIT_OK;
}

/* values COMMAND OPTION: the values COMMAND's usage lists for OPTION, as
 * in "--format text|json" (words in lower case; "ID|FILE" stands for
 * something else and lists nothing). */
static int list_values(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	const struct command *c = argc >= 2 ? cli_find_command(argv[0]) : NULL;
	if (!c)
		return EXIT_OK;
	size_t olen = strlen(argv[1]);
	for (const char *p = strstr(c->usage, argv[1]); p; p = strstr(p + olen, argv[1])) {
		if (p[olen] != ' ' || p[olen + 1] < 'a' || p[olen + 1] > 'z')
			continue;
		const char *v = p + olen + 1;
		for (size_t len; (len = strspn(v, "abcdefghijklmnopqrstuvwxyz-")) > 0; v += len + (v[len] == '|')) {
			printf("%.*s\n", (int)len, v);
			if (v[len] != '|')
				break;
		}
		break;
	}
	return EXIT_OK;
}

/* Opens the database to read only, silently; false when there is none
 * to read (yet), or it cannot be read as it is. */
static bool open_quietly(const struct cli *cli, struct asmt_ctx *ctx)
{
	struct itm_errors e = { 0 };
	int rc = asmt_open(ctx, cli->db, true, ASMT_READ, NULL, &e);
	errs_free(&e);
	return rc == ITM_OK;
}

/* orgs: the organisation names; one that holds a control character or
 * bytes that are not UTF-8 (left by an older version) is left out: shown
 * in a list of matches it would reach the terminal as it is. */
static int list_orgs(struct cli *cli, int argc, char **argv)
{
	(void)argc, (void)argv;
	struct asmt_ctx ctx;
	if (!open_quietly(cli, &ctx))
		return EXIT_OK;
	struct store_org *v;
	size_t n;
	if (store_org_list(ctx.store, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (text_is_safe(v[i].name, true))
				puts(v[i].name);
		store_orgs_free(v, n);
	}
	asmt_close(&ctx);
	return EXIT_OK;
}

/* assessments: the ids of every assessment, newest first. */
static int list_assessments(struct cli *cli, int argc, char **argv)
{
	(void)argc, (void)argv;
	struct asmt_ctx ctx;
	if (!open_quietly(cli, &ctx))
		return EXIT_OK;
	struct store_filter f = { 0 };
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(ctx.store, &f, &v, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			printf("%" PRId64 "\n", v[i].id);
		store_assessments_free(v, n);
	}
	asmt_close(&ctx);
	return EXIT_OK;
}

/* questionnaires: the ids of the valid questionnaires found, each once. */
static int list_questionnaires(struct cli *cli, int argc, char **argv)
{
	(void)cli, (void)argc, (void)argv;
	struct itm_errors e = { 0 };
	struct qn_entry *v;
	size_t n = qn_catalog(&v, &e);
	for (size_t i = 0; i < n; i++) {
		bool dup = !v[i].id;
		for (size_t j = 0; j < i && !dup; j++)
			dup = v[j].id && strcmp(v[j].id, v[i].id) == 0;
		if (!dup)
			puts(v[i].id);
	}
	qn_catalog_free(v, n);
	errs_free(&e);
	return EXIT_OK;
}

/* questions ID|FILE: the question ids of that questionnaire. */
static int list_questions(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc < 1)
		return EXIT_OK;
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_resolve(argv[0], &e);
	for (size_t i = 0; q && i < q->n_questions; i++)
		puts(q->questions[i]->id);
	qn_free(q);
	errs_free(&e);
	return EXIT_OK;
}

/* Calls PUT for each organisation ARGV names (ARGC: 0 or 1; none: every
 * one), with the database open to read. */
static int for_named_orgs(struct cli *cli, int argc, char **argv,
			  void (*put)(struct asmt_ctx *c, const struct store_org *o))
{
	struct asmt_ctx ctx;
	if (!open_quietly(cli, &ctx))
		return EXIT_OK;
	struct store_org *o = NULL;
	size_t no = 0;
	if (argc < 1) {
		store_org_list(ctx.store, &o, &no);
	} else {
		o = xcalloc(1, sizeof(*o));
		no = store_org_get(ctx.store, argv[0], o) == 0;
	}
	for (size_t i = 0; i < no; i++)
		put(&ctx, &o[i]);
	store_orgs_free(o, no);
	asmt_close(&ctx);
	return EXIT_OK;
}

static void put_actions(struct asmt_ctx *c, const struct store_org *o)
{
	struct store_action *v;
	size_t n;
	if (store_actions(c->store, o->id, &v, &n) == 0) {
		for (size_t k = 0; k < n; k++)
			printf("%" PRId64 "\n", v[k].id);
		store_actions_free(v, n);
	}
}

/* The question refs 'plan add' takes for O: the scored questions of its
 * latest complete assessment. */
static void put_plan_questions(struct asmt_ctx *c, const struct store_org *o)
{
	struct store_filter f = { .org_id = o->id, .status = STORE_COMPLETE, .limit = 1 };
	struct store_assessment *v = NULL;
	size_t n = 0;
	struct asmt a;
	struct itm_errors e = { 0 };
	if (store_assessment_list(c->store, &f, &v, &n) == 0 && n == 1 &&
	    asmt_load(c, v[0].id, ASMT_UNSCORED, &a, &e) == ITM_OK) {
		for (size_t k = 0; k < a.q->n_questions; k++)
			if (a.q->questions[k]->scored)
				puts(a.q->questions[k]->ref);
		asmt_free(&a);
	}
	store_assessments_free(v, n);
	errs_free(&e);
}

/* actions [ORG]: the ids of the actions of ORG, or of every organisation. */
static int list_actions(struct cli *cli, int argc, char **argv)
{
	return for_named_orgs(cli, argc, argv, put_actions);
}

/* plan-questions [ORG]: the question refs 'plan add' takes. */
static int list_plan_questions(struct cli *cli, int argc, char **argv)
{
	return for_named_orgs(cli, argc, argv, put_plan_questions);
}

/* languages: what --lang takes. */
static int list_languages(struct cli *cli, int argc, char **argv)
{
	(void)cli, (void)argc, (void)argv;
	for (const char *const *l = i18n_langs; *l; l++)
		puts(*l);
	return EXIT_OK;
}

static const struct kind {
	const char *name;
	int (*list)(struct cli *cli, int argc, char **argv);
} kinds[] = {
	{ "commands", list_commands },
	{ "options", list_options },
	{ "values", list_values },
	{ "orgs", list_orgs },
	{ "assessments", list_assessments },
	{ "questionnaires", list_questionnaires },
	{ "questions", list_questions },
	{ "actions", list_actions },
	{ "plan-questions", list_plan_questions },
	{ "languages", list_languages },
};

int cli_complete(struct cli *cli, int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < ARRAY_LEN(kinds); i++)
		if (strcmp(argv[1], kinds[i].name) == 0)
			return kinds[i].list(cli, argc - 2, argv + 2);
	fputs("usage: itmaturity __complete commands|options [COMMAND]|values COMMAND OPTION|orgs|"
	      "assessments|questionnaires|questions ID|FILE|actions [ORG]|plan-questions [ORG]|languages\n", stderr);
	return EXIT_USAGE;
}
