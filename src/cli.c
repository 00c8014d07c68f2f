/* cli.c - command-line parsing and one function per command. */
#include "itmaturity/cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/error.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/util.h"

struct cli {
	const char *db;       /* --db PATH, or NULL */
	bool read_only;       /* --read-only */
};

struct command {
	const char *name;
	const char *usage;    /* arguments after the name */
	const char *summary;  /* one line, for the command list */
	const char *help;     /* options and details, for --help */
	int (*run)(struct cli *cli, const struct command *cmd, int argc, char **argv);
};

static const struct command *find_command(const char *name);

static void print_command_help(FILE *out, const struct command *c)
{
	fprintf(out, "usage: itmaturity %s %s\n\n%s.\n", c->name, c->usage, c->summary);
	if (c->help && *c->help)
		fprintf(out, "\n%s", c->help);
}

static int usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "itmaturity%s%s: ", c ? " " : "", c ? c->name : "");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'itmaturity %s%s--help'.\n", c ? c->name : "", c ? " " : "");
	return EXIT_USAGE;
}

/* One command-line option of a command. */
struct opt {
	const char *name;      /* long name without "--" */
	char shortc;           /* or 0 */
	const char **value;    /* takes an argument: where it goes */
	bool *flag;            /* takes none: set to true */
};

/* Parses ARGV (ARGV[0] is the command name) against OPTS; --help and -h are
 * always accepted. Operands are moved to the front of ARGV+1 and counted in
 * *NOPS. Returns -1 to go on, or the status to exit with. */
static int parse_opts(const struct command *c, int argc, char **argv, const struct opt *opts,
		      int *nops)
{
	int n = 0;
	bool only_operands = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_operands || a[0] != '-' || a[1] == '\0') {
			argv[1 + n++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_operands = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_command_help(stdout, c);
			return EXIT_OK;
		}
		const char *eq = NULL;
		const struct opt *o = NULL;
		for (const struct opt *p = opts; p && p->name; p++) {
			size_t len = strlen(p->name);
			if (a[1] == '-' && strncmp(a + 2, p->name, len) == 0 &&
			    (a[2 + len] == '\0' || a[2 + len] == '=')) {
				o = p;
				eq = a[2 + len] == '=' ? a + 3 + len : NULL;
				break;
			}
			if (a[1] != '-' && p->shortc && a[1] == p->shortc && a[2] == '\0') {
				o = p;
				break;
			}
		}
		if (!o)
			return usage_error(c, "unknown option '%s'", a);
		if (o->flag) {
			if (eq)
				return usage_error(c, "option '--%s' takes no value", o->name);
			*o->flag = true;
			continue;
		}
		if (!eq) {
			if (i + 1 >= argc)
				return usage_error(c, "option '%s' needs a value", a);
			eq = argv[++i];
		}
		*o->value = eq;
	}
	*nops = n;
	return -1;
}

static int cmd_validate(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = parse_opts(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops == 0)
		return usage_error(c, "no file given");
	int status = EXIT_OK;
	for (int i = 1; i <= nops; i++) {
		struct itm_errors errs = { 0 };
		struct qn_questionnaire *q = qn_load_file(argv[i], &errs);
		if (q) {
			printf("%s: ok (%zu domain%s, %zu question%s)\n", argv[i], q->n_domains,
			       q->n_domains == 1 ? "" : "s", q->n_questions, q->n_questions == 1 ? "" : "s");
			qn_free(q);
		} else {
			fflush(stdout);
			errs_print(stderr, &errs);
			status = EXIT_USAGE;
		}
		errs_free(&errs);
	}
	return status;
}

static int cmd_questionnaires(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = parse_opts(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return usage_error(c, "unexpected argument '%s'", argv[1]);
	struct itm_errors errs = { 0 };
	struct qn_entry *v;
	size_t n = qn_catalog(&v, &errs), shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].id) {
			fprintf(stderr, "itmaturity: %s: not a valid questionnaire (see 'itmaturity validate %s')\n",
				v[i].path, v[i].path);
			continue;
		}
		if (shown++ == 0)
			printf("%-20s %-8s %9s %7s  %-36s %s\n", "ID", "VERSION", "QUESTIONS", "MINUTES",
			       "TITLE", "PATH");
		char minutes[16] = "-";
		if (v[i].minutes)
			snprintf(minutes, sizeof(minutes), "%u", v[i].minutes);
		printf("%-20s %-8s %9zu %7s  %-36s %s\n", v[i].id, v[i].version, v[i].n_questions, minutes,
		       v[i].title, v[i].path);
	}
	qn_catalog_free(v, n);
	errs_free(&errs);
	if (shown)
		return EXIT_OK;
	char **dirs;
	size_t nd = qn_dirs(&dirs);
	fputs("itmaturity: no questionnaires found; searched ./questionnaires, "
	      "$XDG_DATA_HOME/itmaturity/questionnaires and the installed share folder", stderr);
	for (size_t i = 0; i < nd; i++)
		fprintf(stderr, "%s%s", i ? ", " : " (existing: ", dirs[i]);
	fputs(nd ? ")\n" : "\n", stderr);
	qn_dirs_free(dirs, nd);
	return EXIT_FAIL;
}

static int cmd_questionnaire(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	const char *format = "text";
	const struct opt opts[] = { { "format", 'f', &format, NULL }, { 0 } };
	int nops, r = parse_opts(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops == 0)
		return usage_error(c, "no subcommand given (show)");
	if (strcmp(argv[1], "show") != 0)
		return usage_error(c, "unknown subcommand '%s' (expected show)", argv[1]);
	if (nops != 2)
		return usage_error(c, "show takes one questionnaire id or file");
	int f = report_format_parse(format);
	if (f != REPORT_TEXT && f != REPORT_JSON)
		return usage_error(c, "unknown format '%s' (expected text or json)", format);
	struct itm_errors errs = { 0 };
	struct qn_questionnaire *q = qn_resolve(argv[2], &errs);
	if (!q) {
		fputs("itmaturity: ", stderr);
		errs_print(stderr, &errs);
		errs_free(&errs);
		return EXIT_USAGE;
	}
	report_questionnaire(stdout, q, (enum report_format)f);
	qn_free(q);
	errs_free(&errs);
	return EXIT_OK;
}

static void print_usage(FILE *out);

static int cmd_help(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = parse_opts(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops == 0) {
		print_usage(stdout);
		return EXIT_OK;
	}
	const struct command *h = find_command(argv[1]);
	if (!h)
		return usage_error(c, "unknown command '%s'", argv[1]);
	print_command_help(stdout, h);
	return EXIT_OK;
}

static const struct command commands[] = {
	{ "validate", "FILE...", "Check questionnaire files against the format",
	  "Prints 'FILE: ok (N domains, M questions)' for each valid file, and every\n"
	  "problem of an invalid one as 'FILE:LINE:COL: message' on standard error.\n"
	  "The format is described in docs/questionnaire-format.md.\n\n"
	  "Exit status: 0 when every file is valid, 2 when any is not.\n",
	  cmd_validate },
	{ "questionnaires", "", "List the questionnaires found",
	  "Searches ./questionnaires, $XDG_DATA_HOME/itmaturity/questionnaires\n"
	  "(~/.local/share/itmaturity/questionnaires when unset) and the installed\n"
	  "share folder, in that order, and lists id, version, number of questions,\n"
	  "estimated minutes, title and path. Invalid files are named on standard error.\n\n"
	  "Exit status: 0, or 1 when no questionnaire was found.\n",
	  cmd_questionnaires },
	{ "questionnaire", "show ID|FILE [--format text|json]", "Show one questionnaire",
	  "ID is a questionnaire id from 'itmaturity questionnaires'; an argument that\n"
	  "contains '/' or ends in .yaml or .yml is read as a file.\n\n"
	  "Options:\n"
	  "  -f, --format FORMAT   text (default) or json. The JSON has id, title,\n"
	  "                        version, scale[] and domains[] with their questions[]\n"
	  "                        and options[]; see itmaturity(1).\n\n"
	  "Exit status: 0, or 2 when the questionnaire is missing or invalid.\n",
	  cmd_questionnaire },
	{ "help", "[COMMAND]", "Show the help of the tool or of one command", "", cmd_help },
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	fputs("usage: itmaturity [--db PATH] [--read-only] COMMAND [ARGS]\n"
	      "       itmaturity --help | --version\n\n"
	      "Measure how mature a small business's IT is, quarter after quarter.\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
	fputs("\nGlobal options (anywhere on the line):\n"
	      "  --db PATH       the database (default: $ITMATURITY_DB, else\n"
	      "                  $XDG_DATA_HOME/itmaturity/itmaturity.db)\n"
	      "  --read-only     open the database read-only\n"
	      "  -h, --help      show this help; 'itmaturity COMMAND --help' for a command\n"
	      "  -V, --version   show the version\n\n"
	      "Exit status: 0 success, 1 failure (database, files), 2 usage error or\n"
	      "invalid input. See itmaturity(1).\n", out);
}

int cli_main(int argc, char **argv)
{
	struct cli cli = { 0 };
	/* Global options may stand anywhere before "--": take them out. */
	int n = 1;
	bool rest = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!rest && strcmp(a, "--") == 0)
			rest = true;
		if (!rest && strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return usage_error(NULL, "option '--db' needs a path");
			cli.db = argv[++i];
		} else if (!rest && strncmp(a, "--db=", 5) == 0) {
			cli.db = a + 5;
		} else if (!rest && strcmp(a, "--read-only") == 0) {
			cli.read_only = true;
		} else {
			argv[n++] = a;
		}
	}
	argc = n;
	if (cli.db && !*cli.db)
		return usage_error(NULL, "option '--db' needs a path");
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("itmaturity %s\n", ITM_VERSION);
		return EXIT_OK;
	}
	if (name[0] == '-')
		return usage_error(NULL, "unknown option '%s'", name);
	const struct command *c = find_command(name);
	if (!c)
		return usage_error(NULL, "unknown command '%s'", name);
	return c->run(&cli, c, argc - 1, argv + 1);
}
