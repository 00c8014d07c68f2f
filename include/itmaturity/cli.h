/* cli.h - the command line: global options, the command table and one
 * function per command. */
#ifndef ITM_CLI_H
#define ITM_CLI_H

#include "itmaturity/version.h"

/* Exit statuses, as documented in itmaturity(1). */
enum itm_exit {
	EXIT_OK = 0,       /* success */
	EXIT_FAIL = 1,     /* a failure that is not the input's fault (database, I/O) */
	EXIT_USAGE = 2,    /* bad usage, or invalid input (questionnaire, answers) */
	EXIT_DUE = 10,     /* 'due': a reassessment is due */
};

/* Runs the tool with ARGC/ARGV as given to main; returns the exit status. */
int cli_main(int argc, char **argv);

#endif
