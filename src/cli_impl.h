/* cli_impl.h - what the command files of the cli module share. Private to
 * src/cli*.c. */
#ifndef ITM_CLI_IMPL_H
#define ITM_CLI_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "itmaturity/error.h"

#include "itmaturity/answers.h"
#include "itmaturity/assessment.h"
#include "itmaturity/cli.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/store.h"

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

/* One command-line option of a command. */
struct opt {
	const char *name;      /* long name without "--" */
	char shortc;           /* or 0 */
	const char **value;    /* takes an argument: where it goes */
	bool *flag;            /* takes none: set to true */
};

/* The commands, in the order of the help (*N of them); the one named
 * NAME, or NULL. The table is static: nothing to free. */
const struct command *cli_commands(size_t *n);
const struct command *cli_find_command(const char *name);

/* The hidden command '__complete KIND [ARG...]' (cli_complete.c), ARGV[0]
 * being its name: the words the shell completion offers. */
int cli_complete(struct cli *cli, int argc, char **argv);

/* Parses ARGV (ARGV[0] is the command name) against OPTS (ended by a zero
 * entry, or NULL); --help and -h are always accepted. Operands are moved to
 * ARGV[1..*NOPS]. Returns -1 to go on, or the status to exit with. */
int cli_parse(const struct command *c, int argc, char **argv, const struct opt *opts, int *nops);
/* Prints "itmaturity CMD: message" and a pointer to --help; returns 2. */
int cli_usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "itmaturity: message" on standard error; returns STATUS. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the message on OUT. These three show control characters in what
 * they print as \xHH and bytes that are not UTF-8 as U+FFFD (text_safe):
 * names and paths may come from anywhere. */
void cli_print(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints every error in E as "itmaturity: message" on standard error,
 * frees them and returns RC. */
int cli_errors(int rc, struct itm_errors *e);
/* Prints the store's last error, naming the database; returns EXIT_FAIL. */
int cli_store_fail(const struct store *s);

/* Parses a positive assessment id. */
bool cli_parse_id(const char *arg, int64_t *id);
/* Finds organisation NAME into *O, or says why not: EXIT_USAGE when
 * there is none of that name, EXIT_FAIL on a database failure. */
int cli_find_org(struct store *s, const char *name, struct store_org *o);

/* Opens PATH for a command's output: created with mode 0600, never over an
 * existing file; NULL PATH is standard output. Prints why and returns NULL
 * on failure. */
FILE *cli_create(const char *path);
/* Flushes and closes what cli_create opened; a file whose writing failed
 * (or RC is not EXIT_OK) is removed. Returns RC, or EXIT_FAIL on a write
 * error, with a message. */
int cli_finish(FILE *out, const char *path, int rc);
/* Starts the wizard, with standard output the terminal's again (not kept
 * for ASCII, as it is for the commands on a terminal without UTF-8). */
struct ui_start;
int cli_wizard(const struct ui_start *st);
/* The columns a listing may use: unlimited with --wide (WIDE), else the
 * terminal's width when standard output is one, else 80. */
int cli_width(bool wide);

/* Opens the database for a command (asmt_open): writing commands create
 * it; reading commands open it read-only when --read-only is given or the
 * file cannot be written. Prints the reason and returns EXIT_FAIL on
 * failure, and says so when the database was upgraded. */
int cli_open(const struct cli *cli, enum asmt_need need, struct asmt_ctx *c);

/* Commands defined in cli_qn.c. */
int cmd_validate(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_questionnaires(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_questionnaire(struct cli *cli, const struct command *c, int argc, char **argv);

/* Commands defined in cli_assess.c. */
int cmd_assess(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_report(struct cli *cli, const struct command *c, int argc, char **argv);

/* Commands defined in cli_history.c. */
int cmd_compare(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_trend(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_due(struct cli *cli, const struct command *c, int argc, char **argv);

/* Defined in cli_plan.c. */
int cmd_plan(struct cli *cli, const struct command *c, int argc, char **argv);

/* Commands defined in cli_data.c. */
int cmd_orgs(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_list(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_delete(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_backup(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_export(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_import(struct cli *cli, const struct command *c, int argc, char **argv);

#endif
