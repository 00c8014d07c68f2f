/* cli.c - the command line: global options, the command table and help,
 * option parsing and the helpers the command files share. */
#include "itmaturity/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "itmaturity/error.h"
#include "itmaturity/i18n.h"
#include "itmaturity/outfile.h"
#include "itmaturity/text.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/ui.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

static void print_command_help(FILE *out, const struct command *c)
{
	/* TRANSLATORS: the first %s is the command, the second its arguments
	 * (kept in English), the third its summary. */
	fprintf(out, _("usage: itmaturity %s %s\n\n%s.\n"), c->name, *c->usage ? _(c->usage) : "",
		_(c->summary));
	if (c->help && *c->help)
		fprintf(out, "\n%s", _(c->help));
}

/* Writes the message FMT, AP to OUT made safe (text_safe): what it quotes
 * may come from a database, a file or the command line. */
static void say(FILE *out, const char *fmt, va_list ap)
{
	char *m = xvasprintf(fmt, ap);
	char *safe = text_safe(m, false);
	fputs(safe, out);
	free(safe);
	free(m);
}

void cli_print(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(out, fmt, ap);
	va_end(ap);
}

int cli_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "itmaturity%s%s: ", c ? " " : "", c ? c->name : "");
	say(stderr, fmt, ap);
	va_end(ap);
	/* TRANSLATORS: the %s%s are a command name and a space, or nothing. */
	fprintf(stderr, _("\nTry 'itmaturity %s%s--help'.\n"), c ? c->name : "", c ? " " : "");
	return EXIT_USAGE;
}

int cli_fail(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("itmaturity: ", stderr);
	say(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return status;
}

int cli_errors(int rc, struct itm_errors *e)
{
	errs_print_prefixed(stderr, "itmaturity: ", e);
	errs_free(e);
	return rc;
}

int cli_store_fail(const struct store *s)
{
	return cli_fail(EXIT_FAIL, "%s: %s", store_path(s), store_errmsg(s));
}

bool cli_parse_id(const char *arg, int64_t *id)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	*id = v;
	return *arg && !*end && v > 0 && errno != ERANGE;
}

int cli_find_org(struct store *s, const char *name, struct store_org *o)
{
	/* Names are kept trimmed: look them up so. */
	char *clean = NULL;
	int r = text_name(name, &clean) ? 1 : store_org_get(s, clean, o);
	free(clean);
	if (r < 0)
		return cli_store_fail(s);
	if (r > 0) {
		char *shown = text_safe(name, true);
		r = cli_fail(EXIT_USAGE, _("no organisation named '%s' (see 'itmaturity orgs')"), shown);
		free(shown);
		return r;
	}
	return EXIT_OK;
}

FILE *cli_create(const char *path)
{
	struct itm_errors e = { 0 };
	FILE *f = outfile_create(path, &e);
	cli_errors(EXIT_FAIL, &e);
	return f;
}

int cli_width(bool wide)
{
	struct winsize ws;
	if (wide)
		return INT_MAX;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int cli_finish(FILE *out, const char *path, int rc)
{
	struct itm_errors e = { 0 };
	return cli_errors(outfile_finish(out, path, rc, &e), &e);
}

int cli_open(const struct cli *cli, enum asmt_need need, struct asmt_ctx *c)
{
	struct itm_errors e = { 0 };
	char *notice = NULL;
	int rc = asmt_open(c, cli->db, cli->read_only, need, &notice, &e);
	if (notice)
		cli_fail(0, "%s", notice);
	free(notice);
	return cli_errors(rc, &e);
}

int cli_parse(const struct command *c, int argc, char **argv, const struct opt *opts, int *nops)
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
			return cli_usage_error(c, _("unknown option '%s'"), a);
		if (o->flag) {
			if (eq)
				return cli_usage_error(c, _("option '--%s' takes no value"), o->name);
			*o->flag = true;
			continue;
		}
		if (!eq) {
			if (i + 1 >= argc)
				return cli_usage_error(c, _("option '%s' needs a value"), a);
			eq = argv[++i];
		}
		*o->value = eq;
	}
	*nops = n;
	return -1;
}

static void print_usage(FILE *out);

static int cmd_help(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = cli_parse(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops == 0) {
		print_usage(stdout);
		return EXIT_OK;
	}
	const struct command *h = cli_find_command(argv[1]);
	if (!h)
		return cli_usage_error(c, _("unknown command '%s'"), argv[1]);
	print_command_help(stdout, h);
	return EXIT_OK;
}

static const struct command commands[] = {
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "validate", N_("FILE..."), N_("Check questionnaire files against the format"),
	  N_("Prints 'FILE: ok (N domains, M questions)' for each valid file, and every\n"
	  "problem of an invalid one as 'FILE:LINE:COL: message' on standard error.\n"
	  "The format is described in docs/questionnaire-format.md.\n\n"
	  "Exit status: 0 when every file is valid, 2 when any is not.\n"),
	  cmd_validate },
	{ "questionnaires", "", N_("List the questionnaires found"),
	  N_("Searches ./questionnaires, $XDG_DATA_HOME/itmaturity/questionnaires\n"
	  "(~/.local/share/itmaturity/questionnaires when unset) and the installed\n"
	  "share folder ($ITMATURITY_DATADIR instead, when set), in that order, and\n"
	  "lists id, version, number of questions,\n"
	  "estimated minutes, title and path. Invalid files are named on standard error.\n\n"
	  "Exit status: 0, or 1 when no questionnaire was found.\n"),
	  cmd_questionnaires },
	{ "questionnaire", N_("show ID|FILE [--format text|json]"), N_("Show one questionnaire"),
	  N_("ID is a questionnaire id from 'itmaturity questionnaires'; an argument that\n"
	  "contains '/' or ends in .yaml or .yml is read as a file.\n\n"
	  "Options:\n"
	  "  -f, --format FORMAT   text (default) or json. The JSON has id, title,\n"
	  "                        version, scale[] and domains[] with their questions[]\n"
	  "                        and options[]; see itmaturity(1).\n\n"
	  "Exit status: 0, or 2 when the questionnaire is missing or invalid.\n"),
	  cmd_questionnaire },
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "assess", N_("[--org NAME] [--respondent NAME] [--role ROLE] [--questionnaire ID] | "
	  "--answers FILE --org NAME [--respondent NAME] [--role ROLE] [--date YYYY-MM-DD] "
	  "[--questionnaire ID|FILE] | --template [--questionnaire ID|FILE]"),
	  N_("Take an assessment in the wizard or from an answers file, or print an empty one"),
	  N_("Without --answers or --template, starts the wizard on the terminal, with the\n"
	  "organisation, respondent, role and questionnaire given filled in (an\n"
	  "organisation that does not exist yet is added). Without a terminal it\n"
	  "refuses with exit status 2.\n"
	  "With --answers, reads the answers file (docs/answers-format.md), checks it\n"
	  "against its questionnaire, scores it, stores it as a complete assessment and\n"
	  "prints its id on a line of its own. An invalid file is reported as\n"
	  "FILE:LINE:COL: message and nothing is stored.\n"
	  "With --template, prints an answers file with every question and its options\n"
	  "as comments, to fill in with an editor or by e-mail.\n\n"
	  "Options:\n"
	  "  -a, --answers FILE        the answers file\n"
	  "      --org NAME            the organisation (added if new)\n"
	  "      --respondent NAME     who answered (default: your login name)\n"
	  "      --role ROLE           their role: owner, office manager, IT partner, ...\n"
	  "      --date YYYY-MM-DD     when it was taken (default today), to record\n"
	  "                            earlier quarters; from 1990-01-01 to today\n"
	  "  -q, --questionnaire ID|FILE\n"
	  "                            the questionnaire (default: the one the answers\n"
	  "                            file names; sme-it-maturity for --template)\n"
	  "      --template            print an empty answers file\n\n"
	  "Exit status: 0, 1 on a database failure, 2 on bad usage or invalid answers.\n"),
	  cmd_assess },
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "report", N_("[ID|latest] [--org NAME] [--format text|markdown|csv|json|html] [-o FILE]"),
	  N_("Report on one assessment, for management"),
	  N_("ID is an assessment id from 'itmaturity list'; 'latest' (the default) is the\n"
	  "newest complete assessment, of --org NAME when given.\n\n"
	  "  text      (default) a plain-text summary of at most 80 columns, to print or\n"
	  "            paste into an e-mail: level and percentage with the don't-know\n"
	  "            band, a verdict, a bar per domain against its target, the change\n"
	  "            since the previous assessment, the top five next steps, critical\n"
	  "            caps, what to ask the IT partner, risks, what to find out, and\n"
	  "            whether IT is mostly putting out fires\n"
	  "  markdown  the same content in Markdown\n"
	  "  csv       one row per question: domain, question id, question, answer,\n"
	  "            value, weight, note\n"
	  "  json      every figure with stable keys (see itmaturity(1))\n"
	  "  html      one self-contained page with a radar chart and the trend\n"
	  "The same assessment always gives the same bytes.\n\n"
	  "Options:\n"
	  "      --org NAME       with latest: that organisation's newest\n"
	  "  -f, --format FORMAT  text, markdown, csv, json or html\n"
	  "  -o, --output FILE    write to FILE (created, never overwritten)\n\n"
	  "Exit status: 0, 1 on a database failure, 2 on bad usage or an unknown id.\n"),
	  cmd_report },
	{ "compare", N_("A B | --org NAME [--format text|json]"), N_("Compare two assessments"),
	  N_("Overall and per-domain changes with signs, the questions that improved,\n"
	  "declined or were newly answered (with their notes), questions added or\n"
	  "removed between questionnaire versions (matched by id), and a warning when\n"
	  "the two used different questionnaire versions. When both are of the same\n"
	  "organisation and quarter, by different respondents (say the owner and the\n"
	  "IT partner), the perception gap: the questions where they are two or more\n"
	  "levels apart, the heaviest first.\n\n"
	  "Options:\n"
	  "      --org NAME       the organisation's last two complete assessments\n"
	  "  -f, --format FORMAT  text (default) or json\n\n"
	  "Exit status: 0, 1 on a database failure, 2 on bad usage or unknown ids.\n"),
	  cmd_compare },
	{ "trend", N_("[--org NAME] [--wide] [--format text|json]"), N_("Show progress over time"),
	  N_("The overall and per-domain percentages of every complete assessment, oldest\n"
	  "first, with the change from one to the next and a plain-text sparkline;\n"
	  "for every organisation, or one. The text fits the terminal's width (80\n"
	  "columns when not a terminal): the sparklines show the newest that fit.\n\n"
	  "Options:\n"
	  "      --org NAME       only this organisation (required for json)\n"
	  "  -w, --wide           every name whole, a sparkline point for every one\n"
	  "  -f, --format FORMAT  text (default) or json\n\n"
	  "Exit status: 0, 1 on a database failure, 2 on bad usage.\n"),
	  cmd_trend },
	{ "due", N_("[--org NAME] [--today YYYY-MM-DD]"), N_("Say when the next reassessment is due"),
	  N_("The next reassessment is due the organisation's interval (default three\n"
	  "months; see 'orgs interval') after its last complete assessment; an\n"
	  "organisation never assessed is due now. Usable from a login script or cron.\n\n"
	  "Options:\n"
	  "      --org NAME         only this organisation\n"
	  "      --today YYYY-MM-DD the day to judge by (default: today)\n\n"
	  "Exit status: 0 when nothing is due, 10 when a reassessment is due, 1 on a\n"
	  "database failure, 2 on bad usage.\n"),
	  cmd_due },
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "plan", N_("[list] [--org NAME] [--format text|markdown|csv|json] [--all] [--overdue] | add QUESTION|--top N [options] | done ID | drop ID --reason TEXT | edit ID [options]"),
	  N_("Keep the action plan: what was agreed, by whom, by when"),
	  N_("An action is tied to a question and the option it should reach; the next\n"
	  "complete assessment that answers the question at or above it verifies it\n"
	  "(docs/plan.md). The list shows the overdue and open actions, then those\n"
	  "done or dropped since the last assessment.\n\n"
	  "Subcommands:\n"
	  "  add QUESTION           an action for QUESTION (domain.question) from the\n"
	  "                         latest complete assessment\n"
	  "  add --top N            the roadmap's top N steps, each with its next step\n"
	  "  done ID                mark action ID done by hand\n"
	  "  drop ID --reason TEXT  drop action ID, saying why\n"
	  "  edit ID                change the --to, --owner, --due or --note of ID\n\n"
	  "Options:\n"
	  "      --org NAME         the organisation (list: default every one; add: needed\n"
	  "                         when there is more than one)\n"
	  "  -f, --format FMT       text (default), markdown, csv or json\n"
	  "      --all              list every action, by id\n"
	  "      --overdue          list the overdue actions only; exit 10 when there is one\n"
	  "      --to OPTION        the option to reach (default: the next one up)\n"
	  "      --owner NAME       who does it (a person, or \"IT partner\")\n"
	  "      --due YYYY-MM-DD   when (default: the next reassessment date)\n"
	  "      --note TEXT        a note\n"
	  "      --today YYYY-MM-DD the day to judge by (default: today)\n\n"
	  "Exit status: 0, 10 with --overdue when an action is overdue, 1 on a database\n"
	  "failure, 2 on bad usage or an unknown id, question or option, or a bad date\n"
	  "(nothing is written).\n"),
	  cmd_plan },
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "orgs", N_("[list [--wide] [--format text|json] | add NAME [--size micro|small|medium] | rename NAME NEW | target NAME DOMAIN LEVEL|--clear | interval NAME MONTHS | size NAME micro|small|medium]"),
	  N_("List and manage the organisations"),
	  N_("An IT partner or consultant keeps several client companies in one database.\n\n"
	  "  list                 the organisations, their size, reassessment interval\n"
	  "                       and domain targets (the default), in the terminal's\n"
	  "                       width (80 columns when not a terminal)\n"
	  "  add NAME             add an organisation (--size: its size, default small)\n"
	  "  rename NAME NEW      rename one\n"
	  "  target NAME DOMAIN LEVEL\n"
	  "                       set the organisation's target level for a domain\n"
	  "                       (overrides the questionnaire's); --clear removes it\n"
	  "  interval NAME MONTHS months between reassessments (default 3)\n"
	  "  size NAME SIZE       the organisation's size: micro (fewer than 10 people),\n"
	  "                       small (10 to 49) or medium (50 to 249); a\n"
	  "                       questionnaire may set its targets by size\n\n"
	  "Options:\n"
	  "  -f, --format FORMAT  text (default) or json, for list\n"
	  "  -w, --wide           with list: every name and target whole\n"
	  "      --clear          with target: remove the organisation's target\n"
	  "      --size SIZE      with add: micro, small (default) or medium\n\n"
	  "Exit status: 0, 1 on a database failure, 2 on bad usage or an unknown name.\n"),
	  cmd_orgs },
	/* TRANSLATORS: a command's arguments, after "usage: itmaturity
	 * COMMAND ": keep the option names, values and capitals (NAME, FILE)
	 * as they are; break a line that would pass 80 columns with \n and
	 * an indent of six spaces. */
	{ "list", N_("[--org NAME] [--status draft|complete] [--limit N] [--wide] [--format text|json]"),
	  N_("List assessments, newest first"),
	  N_("Shows id, date taken, organisation, respondent, role, questionnaire and\n"
	  "version, status and overall percentage of each assessment, in the\n"
	  "terminal's width (80 columns when the output is not a terminal): the role\n"
	  "is left out first, then cells too wide are cut with an ellipsis. JSON holds\n"
	  "every field whole.\n\n"
	  "Options:\n"
	  "      --org NAME       only this organisation's\n"
	  "      --status STATUS  only drafts or only complete ones\n"
	  "      --limit N        at most N\n"
	  "  -w, --wide           every cell whole, however wide the table\n"
	  "  -f, --format FORMAT  text (default) or json\n\n"
	  "Exit status: 0, 1 when the database cannot be read, 2 on bad usage.\n"),
	  cmd_list },
	{ "delete", N_("ID [--yes]"), N_("Delete an assessment"),
	  N_("Deletes the assessment and its answers. Asks for confirmation on a\n"
	  "terminal; without one, --yes is required.\n\n"
	  "Options:\n"
	  "  -y, --yes            do not ask\n\n"
	  "Exit status: 0 when deleted, 1 when not (declined, database failure),\n"
	  "2 on bad usage or an unknown id.\n"),
	  cmd_delete },
	{ "backup", N_("FILE"), N_("Copy the whole database to FILE while it is in use"),
	  N_("FILE must not exist; it is created with mode 0600.\n\n"
	  "Exit status: 0, 1 on failure, 2 on bad usage.\n"),
	  cmd_backup },
	{ "export", N_("[--org NAME] [-o FILE]"), N_("Write organisations and assessments as a JSON bundle"),
	  N_("The bundle holds the organisations (with their targets and reassessment\n"
	  "interval), the exact questionnaires used, and every assessment with its\n"
	  "answers and notes; see docs/bundle-format.md. The same database gives the\n"
	  "same bytes.\n\n"
	  "Options:\n"
	  "      --org NAME       only this organisation and its assessments\n"
	  "  -o, --output FILE    write to FILE (created, never overwritten) instead of\n"
	  "                       standard output\n\n"
	  "Exit status: 0, 1 on failure, 2 on bad usage or an unknown organisation.\n"),
	  cmd_export },
	{ "import", N_("FILE"), N_("Add the organisations and assessments of a bundle"),
	  N_("Checks the whole bundle first and stores nothing if any of it is invalid;\n"
	  "then adds, in one transaction, the organisations and assessments that are\n"
	  "not in the database yet (assessments are matched by their UUID,\n"
	  "organisations by name). Importing a bundle twice adds nothing the second time.\n"
	  "An assessment whose UUID is in the database with other content is a\n"
	  "conflict: nothing is imported (see docs/bundle-format.md).\n\n"
	  "Exit status: 0, 1 on a database failure, 2 when the bundle is invalid\n"
	  "(its problems as FILE:LINE:COL: message).\n"),
	  cmd_import },
	{ "help", N_("[COMMAND]"), N_("Show the help of the tool or of one command"), "", cmd_help },
};

const struct command *cli_commands(size_t *n)
{
	*n = ARRAY_LEN(commands);
	return commands;
}

const struct command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	fputs(_("usage: itmaturity [--db PATH] [--read-only] [--lang en|nl|fr] [COMMAND [ARGS]]\n"
		"       itmaturity --help | --version\n\n"
		"Measure how mature a small business's IT is, quarter after quarter.\n"
		"Without a command, the wizard starts: answer a questionnaire at the\n"
		"terminal and see the results (keys: F1 in the wizard, or itmaturity(1)).\n\n"
		"Commands:\n"), out);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\nGlobal options (anywhere on the line):\n"
	      "  --db PATH       the database (default: $ITMATURITY_DB, else\n"
	      "                  $XDG_DATA_HOME/itmaturity/itmaturity.db)\n"
	      "  --read-only     open the database read-only\n"
	      "  --lang LANG     en, nl or fr: the language of the wizard, the messages,\n"
	      "                  the questionnaires' texts and the reports (default: from\n"
	      "                  LC_ALL, LC_MESSAGES or LANG)\n"
	      "  -h, --help      show this help; 'itmaturity COMMAND --help' for a command\n"
	      "  -V, --version   show the version\n\n"
	      "Exit status: 0 success, 1 failure (database, files), 2 usage error or\n"
	      "invalid input, 10 'due': a reassessment is due. See itmaturity(1).\n"), out);
}

/* ---- standard output on a terminal without UTF-8 -------------------- */

/* What the commands write to a terminal whose locale is not UTF-8 goes to
 * a temporary file, and at the end through text_ascii to the terminal, so
 * that it gets no bytes it would misread. Files (-o) and pipes get UTF-8
 * whatever the locale. */
static FILE *ascii_tmp;
static int ascii_tty = -1;

static void ascii_begin(void)
{
	if (!isatty(STDOUT_FILENO) || text_locale_utf8())
		return;
	fflush(stdout);
	ascii_tmp = tmpfile();
	ascii_tty = ascii_tmp ? dup(STDOUT_FILENO) : -1;
	if (ascii_tty < 0 || dup2(fileno(ascii_tmp), STDOUT_FILENO) < 0) {
		if (ascii_tty >= 0)
			close(ascii_tty);
		if (ascii_tmp)
			fclose(ascii_tmp);
		ascii_tmp = NULL;
	}
}

/* Writes what was kept to the terminal, in ASCII, and gives it back its
 * standard output. */
static void ascii_end(void)
{
	if (!ascii_tmp)
		return;
	fflush(stdout);
	dup2(ascii_tty, STDOUT_FILENO);
	close(ascii_tty);
	rewind(ascii_tmp);
	char *text = NULL;
	size_t n = 0, cap = 0, r;
	do {
		grow_array((void **)&text, &cap, n + 4097, 1);
		r = fread(text + n, 1, 4096, ascii_tmp);
		n += r;
	} while (r > 0);
	text[n] = '\0';
	fclose(ascii_tmp);
	ascii_tmp = NULL;
	char *a = text_ascii(text);
	fputs(a, stdout);
	free(a);
	free(text);
}

int cli_wizard(const struct ui_start *st)
{
	ascii_end();
	return ui_run(st);
}

static int dispatch(int argc, char **argv)
{
	struct cli cli = { 0 };
	const char *lang = NULL;
	/* Global options may stand anywhere before "--": take them out. */
	int n = 1;
	bool rest = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!rest && strcmp(a, "--") == 0)
			rest = true;
		if (!rest && strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(NULL, _("option '--db' needs a path"));
			cli.db = argv[++i];
		} else if (!rest && strncmp(a, "--db=", 5) == 0) {
			cli.db = a + 5;
		} else if (!rest && strcmp(a, "--read-only") == 0) {
			cli.read_only = true;
		} else if (!rest && strcmp(a, "--lang") == 0) {
			lang = i + 1 < argc ? argv[++i] : "";
		} else if (!rest && strncmp(a, "--lang=", 7) == 0) {
			lang = a + 7;
		} else {
			argv[n++] = a;
		}
	}
	argc = n;
	i18n_init(lang && i18n_known(lang) ? lang : NULL);
	qn_set_language(i18n_lang());
	if (lang && !i18n_known(lang))
		return cli_usage_error(NULL, _("unknown language '%s' (expected en, nl or fr)"), lang);
	if (lang && strcmp(lang, i18n_lang()) != 0)
		cli_fail(0, "no messages in '%s' were found in %s: going on in English", lang, i18n_dir());
	if (cli.db && !*cli.db)
		return cli_usage_error(NULL, _("option '--db' needs a path"));
	if (argc < 2) {
		struct ui_start st = { .db = cli.db, .read_only = cli.read_only };
		return cli_wizard(&st);
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
		return cli_usage_error(NULL, _("unknown option '%s'"), name);
	if (strcmp(name, "__complete") == 0)
		return cli_complete(&cli, argc - 1, argv + 1);
	const struct command *c = cli_find_command(name);
	if (!c)
		return cli_usage_error(NULL, _("unknown command '%s'"), name);
	return c->run(&cli, c, argc - 1, argv + 1);
}

int cli_main(int argc, char **argv)
{
	ascii_begin();
	int rc = dispatch(argc, argv);
	ascii_end();
	/* What went to standard output must have been written: a full disk
	 * or a closed pipe is a failure, whatever the command said. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, _("itmaturity: standard output: write error: %s\n"), strerror(errno));
		return EXIT_FAIL;
	}
	return rc;
}
