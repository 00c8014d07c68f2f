/* ui.h - the interactive wizard: answer a questionnaire at a terminal, see
 * the results, browse an organisation's history. Screens, keys and
 * exit statuses are described in itmaturity(1), section THE WIZARD. */
#ifndef ITM_UI_H
#define ITM_UI_H

#include <stdbool.h>

/* What the command line hands the wizard. Every field may be NULL/false;
 * the strings are prefills of the start screen and are not kept. */
struct ui_start {
	const char *db;              /* --db PATH */
	bool read_only;              /* --read-only (the wizard then refuses) */
	const char *org;             /* preselected organisation (added if new) */
	const char *respondent;
	const char *role;
	const char *questionnaire;   /* an id from the catalogue */
};

/* Exit statuses of the wizard besides 0 (quit), as in itmaturity(1). */
enum {
	UI_EXIT_NO_TERMINAL = 2,     /* no terminal, or one that cannot address the cursor */
	UI_EXIT_SIGHUP = 128 + 1,
	UI_EXIT_SIGINT = 128 + 2,
	UI_EXIT_SIGTERM = 128 + 15,
};

/* Runs the wizard on the terminal of standard input and output and returns
 * the exit status: 0 after 'q', 1 when the database cannot be opened, 2
 * without a usable terminal (a message on standard error points at
 * 'assess --answers'), 128+N after signal N (SIGINT, SIGTERM, SIGHUP). The
 * terminal is restored on every return; answers are saved as they are
 * given, so a draft is kept whatever the way out.
 *
 * For measurements and tests, ITMATURITY_KEYS holds a key script (see
 * keys_parse_script) read before the terminal, and ITMATURITY_TRACE names
 * a file to which a line "MS EVENT ARG" is appended at the start, per key
 * read, per frame drawn and at the exit (MS: CLOCK_MONOTONIC milliseconds,
 * comparable with another process's clock). */
int ui_run(const struct ui_start *start);

#endif
