/* cli_impl.h - what the command files of the cli module share. Private to
 * src/cli*.c. */
#ifndef ITM_CLI_IMPL_H
#define ITM_CLI_IMPL_H

#include <stdbool.h>
#include <stdio.h>

#include "itmaturity/answers.h"
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

/* Parses ARGV (ARGV[0] is the command name) against OPTS (ended by a zero
 * entry, or NULL); --help and -h are always accepted. Operands are moved to
 * ARGV[1..*NOPS]. Returns -1 to go on, or the status to exit with. */
int cli_parse(const struct command *c, int argc, char **argv, const struct opt *opts, int *nops);
/* Prints "itmaturity CMD: message" and a pointer to --help; returns 2. */
int cli_usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "itmaturity: message" on standard error; returns STATUS. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens PATH for a command's output: created with mode 0600, never over an
 * existing file; NULL PATH is standard output. Prints why and returns NULL
 * on failure. */
FILE *cli_create(const char *path);
/* Flushes and closes what cli_create opened; a file whose writing failed
 * (or RC is not EXIT_OK) is removed. Returns RC, or EXIT_FAIL on a write
 * error. */
int cli_finish(FILE *out, const char *path, int rc);

enum db_need { DB_READ, DB_WRITE };
/* Opens the database for a command: writing commands create it; reading
 * commands open it read-only when --read-only is given or the file cannot
 * be written. Prints the reason and returns NULL on failure. */
struct store *cli_open_db(const struct cli *cli, enum db_need need);

/* A stored assessment, loaded with its own questionnaire snapshot and
 * scored with its organisation's targets. */
struct cli_assessment {
	struct store_assessment meta;
	struct qn_questionnaire *q;
	struct ans_set *answers;
	struct score_result *score;
};
/* Questionnaires already loaded, by the SHA-256 of their text, so that the
 * assessments taken with one questionnaire share one loaded copy (one of
 * 10,000 questions takes a quarter of a second to load). Starts zeroed;
 * the oldest entry gives way when full. */
enum { CLI_QCACHE_MAX = 4 };
struct cli_qcache {
	struct qn_questionnaire *v[CLI_QCACHE_MAX];
	size_t next;          /* the slot filled next */
};
/* Keeps Q (as one more holder of it). */
void cli_qcache_add(struct cli_qcache *c, struct qn_questionnaire *q);
void cli_qcache_free(struct cli_qcache *c);
/* What a loaded assessment is scored for: its own results or report, with
 * the roadmap (score_compute), or a comparison, without (score_summary). */
enum cli_scoring { CLI_ROADMAP, CLI_SUMMARY };
/* Loads assessment ID, its questionnaire from QC when there (else loaded
 * from its snapshot and added to QC; QC may be NULL). Returns EXIT_OK, or
 * prints why not and returns the exit status. */
int cli_load_assessment(struct store *s, struct cli_qcache *qc, int64_t id, enum cli_scoring how,
			struct cli_assessment *out);
void cli_assessment_free(struct cli_assessment *a);
/* The organisation's target overrides for Q's domains (NaN: none). */
double *cli_targets(struct store *s, int64_t org, const struct qn_questionnaire *q);
/* The cached figures of a score result, as the store keeps them: C->sc
 * points into C's arrays and into R's questionnaire. Free with
 * cli_cache_free. */
struct cli_cached {
	const char **domains;
	double *percents;
	struct store_scores sc;
};
void cli_cache_of(const struct score_result *r, struct cli_cached *c);
void cli_cache_free(struct cli_cached *c);
/* Scores and caches complete assessments that have no cached scores yet
 * (imported, or made before schema 2). */
void cli_refresh_scores(struct store *s);

/* Writes the report of assessment ID (questionnaires through QC), with its organisation's previous
 * assessment and history, to PATH (created, never overwritten; NULL:
 * standard output). Returns EXIT_OK, or prints why not. */
int cli_report_to_file(struct store *s, struct cli_qcache *qc, int64_t id, const char *path,
		       enum report_format f);

/* Commands defined in cli_assess.c. */
int cmd_assess(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_report(struct cli *cli, const struct command *c, int argc, char **argv);

/* Commands defined in cli_history.c. */
int cmd_compare(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_trend(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_due(struct cli *cli, const struct command *c, int argc, char **argv);

/* Commands defined in cli_data.c. */
int cmd_orgs(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_list(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_delete(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_backup(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_export(struct cli *cli, const struct command *c, int argc, char **argv);
int cmd_import(struct cli *cli, const struct command *c, int argc, char **argv);

#endif
