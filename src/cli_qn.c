/* cli_qn.c - the commands on questionnaires: validate, questionnaires,
 * questionnaire show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/report.h"
#include "itmaturity/util.h"

#include "cli_impl.h"

int cmd_validate(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = cli_parse(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops == 0)
		return cli_usage_error(c, _("no file given"));
	int status = EXIT_OK;
	for (int i = 1; i <= nops; i++) {
		struct itm_errors errs = { 0 };
		/* A translation is checked against the questionnaire beside it. */
		struct qn_questionnaire *q = qn_is_translation(argv[i])
						     ? qn_load_translation(argv[i], &errs)
						     : qn_load_file(argv[i], QN_NO_SOURCE, &errs);
		if (q) {
			char *dn = xasprintf(ngettext("%zu domain", "%zu domains", q->n_domains), q->n_domains);
			/* TRANSLATORS: the first %s is a file, the second "N domains"
			 * (the message above), %zu the number of questions. */
			cli_print(stdout, ngettext("%s: ok (%s, %zu question)\n", "%s: ok (%s, %zu questions)\n",
						   q->n_questions), argv[i], dn, q->n_questions);
			free(dn);
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

/* The heading of the list of questionnaires, in display columns. */
static void qn_heading(void)
{
	/* TRANSLATORS: a column heading of 'itmaturity questionnaires' (and
	 * of 'itmaturity list'), at most 20 columns. */
	const char *id = _("ID");
	/* TRANSLATORS: column headings of 'itmaturity questionnaires': the
	 * questionnaire's version (at most 8 columns), its number of questions
	 * (9), the minutes it takes (7), its title (36), its file. */
	const char *version = _("VERSION"), *questions = _("QUESTIONS"), *minutes = _("MINUTES");
	/* TRANSLATORS: column headings of 'itmaturity questionnaires': the
	 * title (at most 36 columns) and the file. */
	const char *title = _("TITLE"), *path = _("PATH");
	report_pad(stdout, id, 20);
	putchar(' ');
	report_pad(stdout, version, 8);
	putchar(' ');
	report_rpad(stdout, questions, 9);
	putchar(' ');
	report_rpad(stdout, minutes, 7);
	fputs("  ", stdout);
	report_pad(stdout, title, 36);
	printf(" %s\n", path);
}

int cmd_questionnaires(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	int nops, r = cli_parse(c, argc, argv, NULL, &nops);
	if (r >= 0)
		return r;
	if (nops)
		return cli_usage_error(c, _("unexpected argument '%s'"), argv[1]);
	struct itm_errors errs = { 0 };
	struct qn_entry *v;
	size_t n = qn_catalog(&v, &errs), shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].id) {
			cli_fail(0, _("%s: not a valid questionnaire (see 'itmaturity validate %s')"), v[i].path,
				 v[i].path);
			continue;
		}
		if (shown++ == 0)
			qn_heading();
		char minutes[16] = "-";
		if (v[i].minutes)
			snprintf(minutes, sizeof(minutes), "%u", v[i].minutes);
		report_pad(stdout, v[i].id, 20);
		putchar(' ');
		report_pad(stdout, v[i].version, 8);
		printf(" %9zu %7s  ", v[i].n_questions, minutes);
		report_pad(stdout, v[i].title, 36);
		putchar(' ');
		report_put(stdout, v[i].path, -1);
		putchar('\n');
	}
	qn_catalog_free(v, n);
	errs_free(&errs);
	if (shown)
		return EXIT_OK;
	char **dirs;
	size_t nd = qn_dirs(&dirs);
	fputs(_("itmaturity: no questionnaires found; searched ./questionnaires, "
		"$XDG_DATA_HOME/itmaturity/questionnaires and the installed share folder "
		"(or $ITMATURITY_DATADIR)"), stderr);
	for (size_t i = 0; i < nd; i++)
		/* TRANSLATORS: the folders that exist follow, separated by
		 * commas, and a closing parenthesis. */
		cli_print(stderr, "%s%s", i ? ", " : _(" (existing: "), dirs[i]);
	fputs(nd ? ")\n" : "\n", stderr);
	qn_dirs_free(dirs, nd);
	return EXIT_FAIL;
}

int cmd_questionnaire(struct cli *cli, const struct command *c, int argc, char **argv)
{
	(void)cli;
	const char *format = "text";
	const struct opt opts[] = { { "format", 'f', &format, NULL }, { 0 } };
	int nops, r = cli_parse(c, argc, argv, opts, &nops);
	if (r >= 0)
		return r;
	if (nops == 0)
		return cli_usage_error(c, _("no subcommand given (show)"));
	if (strcmp(argv[1], "show") != 0)
		return cli_usage_error(c, _("unknown subcommand '%s' (expected show)"), argv[1]);
	if (nops != 2)
		return cli_usage_error(c, _("show takes one questionnaire id or file"));
	int f = report_format_parse(format);
	if (f != REPORT_TEXT && f != REPORT_JSON)
		return cli_usage_error(c, _("unknown format '%s' (expected text or json)"), format);
	struct itm_errors errs = { 0 };
	struct qn_questionnaire *q = qn_resolve(argv[2], &errs);
	if (!q)
		return cli_errors(EXIT_USAGE, &errs);
	report_questionnaire(stdout, q, (enum report_format)f);
	qn_free(q);
	errs_free(&errs);
	return EXIT_OK;
}
