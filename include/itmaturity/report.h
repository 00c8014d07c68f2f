/* report.h - everything the tool prints about questionnaires and
 * assessments, in each output format. Functions write to OUT and own
 * nothing they are given. */
#ifndef ITM_REPORT_H
#define ITM_REPORT_H

#include <stdio.h>

#include <stdbool.h>
#include <stdint.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/score.h"

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_CSV, REPORT_JSON, REPORT_HTML };

/* Parses a format name; returns -1 when NAME is none of text, markdown,
 * csv, json, html. */
int report_format_parse(const char *name);
const char *report_format_name(enum report_format f);

/* The whole questionnaire, as 'itmaturity questionnaire show' prints it:
 * REPORT_TEXT or REPORT_JSON. */
void report_questionnaire(FILE *out, const struct qn_questionnaire *q, enum report_format f);

/* Who, when and what: the assessment a report is about. */
struct report_meta {
	int64_t id;
	const char *uuid;
	const char *org;
	const char *respondent;
	const char *role;
	const char *date;       /* YYYY-MM-DD, when it was taken */
	bool complete;
};

/* Everything a report of one assessment shows. */
struct report_input {
	struct report_meta meta;
	const struct ans_set *answers;
	const struct score_result *score;     /* score_compute over answers */
	/* The organisation's previous complete assessment, when there is one. */
	const struct report_meta *prev_meta;
	const struct score_result *prev_score;
	/* Overall percentages of the organisation's complete assessments up to
	 * and including this one, oldest first (NaN where nothing was scored). */
	const double *history;
	size_t n_history;
};

/* Writes the report of one assessment in format F. The same input gives
 * the same bytes: nothing depends on the time of the run. */
void report_assessment(FILE *out, const struct report_input *in, enum report_format f);
void report_assessment_json(FILE *out, const struct report_input *in);

/* Writes TEXT word-wrapped to WIDTH columns, each line starting with
 * INDENT spaces (the first with FIRST_INDENT). Widths count characters. */
void report_wrap(FILE *out, const char *text, int first_indent, int indent, int width);

/* Display width of the first N bytes of S, counting characters. */
int report_width(const char *s, size_t n);
/* Writes S padded with spaces to WIDTH characters, or cut to WIDTH with an
 * ellipsis as its last character. */
void report_cell(FILE *out, const char *s, int width);

#endif
