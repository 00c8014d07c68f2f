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
	const char *size;       /* the organisation's size (qn_size_name), or NULL */
	const char *language;   /* the language it was answered in, or NULL */
};

struct jsonw;
/* An action of the plan as the reports show it, with its status derived
 * by the plan's rules (plan.h). Strings are not owned. */
enum report_action_status {
	REPORT_ACTION_OPEN,
	REPORT_ACTION_OVERDUE,        /* open, past its due date */
	REPORT_ACTION_DONE,           /* verified by the answers, or by hand */
	REPORT_ACTION_DROPPED,        /* by hand, or answered "not applicable" */
};
struct report_action {
	int64_t id;
	const char *question;         /* the question's ref */
	const char *agreed;           /* the date of the assessment it came from, or "" */
	const char *from, *to;        /* option keys; FROM may be NULL */
	const char *step, *owner, *due, *note;  /* "" when none */
	enum report_action_status status;
	int64_t verified_by;          /* the assessment whose answer reached TO, or 0 */
	char closed_on[11];           /* the date of the assessment that verified
				       * it or answered "not applicable", or "" */
	bool by_hand;                 /* marked done or dropped by hand */
	bool unconfirmed;             /* marked done, not confirmed by the answers */
	const char *reason;           /* dropped: why; else NULL */
};
/* The plan a report shows: the actions agreed up to the assessment the
 * report is of, their status as of its date. */
struct report_plan {
	const struct report_action *v;
	size_t n;
	char since[11];               /* the date of the oldest one's assessment, or "" */
	int64_t here;                 /* the assessment the report is of */
};
const char *report_action_status_name(enum report_action_status st);
/* The Plan section (src/report_plan.c), one function a format, each
 * writing nothing when P is NULL or has no actions: text or Markdown,
 * led by one line of counts ("Plan since DATE: 5 actions - 3 done (2
 * verified by this assessment), 1 overdue, 1 open."), then done, overdue,
 * open and dropped; CSV, a table after a blank line; JSON, the "plan"
 * member of the open object W; HTML. */
void report_plan_text(FILE *out, const struct report_plan *p, bool markdown);
void report_plan_csv(FILE *out, const struct report_plan *p);
void report_plan_json(struct jsonw *w, const struct report_plan *p);
void report_plan_html(FILE *out, const struct report_plan *p);
/* An organisation's plan on its own, as 'itmaturity plan' lists it, in
 * format F (not HTML). */
void report_plan(FILE *out, const char *org, const struct report_plan *p, enum report_format f);
/* The counts of the text summary's lead line. */
struct report_plan_counts {
	size_t n, done, verified_here, overdue, open, dropped;
};
void report_plan_count(const struct report_plan *p, struct report_plan_counts *c);

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
	/* The organisation's action plan, or NULL: no Plan section. */
	const struct report_plan *plan;
};

/* Writes the report of one assessment in format F. The same input gives
 * the same bytes: nothing depends on the time of the run. */
void report_assessment(FILE *out, const struct report_input *in, enum report_format f);
void report_assessment_json(FILE *out, const struct report_input *in);
void report_assessment_text(FILE *out, const struct report_input *in);
void report_assessment_markdown(FILE *out, const struct report_input *in);
void report_assessment_csv(FILE *out, const struct report_input *in);
void report_assessment_html(FILE *out, const struct report_input *in);

/* One sentence on the overall result, for management: the verdict of the
 * overall level in the questionnaire, or a built-in one about practices in
 * general when its scale has none. Owned by the questionnaire or static. */
const char *report_verdict(const struct score_result *r);
/* S's level as the reports name it: the level, and when a critical "don't
 * know" holds it below the level once known, "Repeatable (provisional:
 * Defined once 1 critical answer is known)". S must be scored. Caller
 * frees. */
char *report_level(const struct score_summary *s);
/* Why QQ is left out of A's score although it may hold an answer: "skipped:
 * support-model is in-house" (its applies_if question's id and answer);
 * NULL when QQ applies. Caller frees. */
/* Option O as a reader knows it: NUMBER (none when NaN), then the start of
 * its description in quotes, up to the first full stop, colon, semicolon
 * or bracket and at most 48 bytes, cut at a word (or between two
 * characters, never inside one) and ended with ELLIPSIS.
 * The caller frees the result. */
char *report_option_label(const struct qn_option *o, double number, const char *ellipsis);
char *report_skipped(const struct ans_set *a, const struct qn_question *qq);
/* Whether the overall percentage is no higher (by more than a point) than
 * two assessments ago. */
bool report_not_improving(const struct report_input *in);
/* Whether IT is mostly firefighting (by the answer to the questionnaire's
 * question with the reactive indicator) and whether the support
 * arrangement should be revisited; NULL when the questionnaire has no such
 * question, and the reports leave the section out. Static text. */
const char *report_reactive_verdict(const struct report_input *in);

/* The section on where the assessment stands against CyberFundamentals
 * BASIC and Cyber Essentials (score_frameworks), one function a format,
 * each writing nothing when the questionnaire references none of their
 * controls: text or Markdown; CSV, a second table after a blank line;
 * JSON, the "frameworks" member of the open object W; HTML. */
struct jsonw;
void report_frameworks_text(FILE *out, const struct report_input *in, bool markdown);
void report_frameworks_csv(FILE *out, const struct report_input *in);
void report_frameworks_json(struct jsonw *w, const struct report_input *in);
void report_frameworks_html(FILE *out, const struct report_input *in);

/* One side of a comparison. */
struct report_side {
	const struct report_meta *meta;
	const struct ans_set *answers;
	const struct score_result *score;
	/* On the later side: the actions agreed between the two, as of it, or
	 * NULL (report_plan_*: nothing shown without actions). */
	const struct report_plan *plan;
};
/* A against B (B the later one, usually): REPORT_TEXT or REPORT_JSON. The
 * perception gap is included when both are of the same organisation and
 * quarter, by different respondents; B's plan, when it has one. */
void report_compare(FILE *out, const struct report_side *a, const struct report_side *b,
		    enum report_format f);
bool report_perception_applies(const struct report_side *a, const struct report_side *b);

/* One complete assessment in a trend. */
struct report_trend_row {
	int64_t id;
	const char *date;
	const char *qn;             /* questionnaire id and version */
	double overall;             /* NaN: not scored */
	const double *domains;      /* one a domain of the trend, NaN: none */
};
/* The rows (oldest first) of organisation ORG: REPORT_TEXT or REPORT_JSON.
 * The text's tables are at most WIDTH columns wide (from 80), their names
 * cut with an ellipsis and the sparklines showing the newest that fit
 * (INT_MAX: everything whole). */
void report_trend(FILE *out, const char *org, const char *const *domains, size_t nd,
		  const struct report_trend_row *rows, size_t n, enum report_format f, int width);

/* M's organisation size as the reports show it, "micro (fewer than 10
 * people)", or NULL when M has none. Caller frees. */
char *report_size(const struct report_meta *m);

/* Text the tool did not write (names, notes, questionnaire text) goes out
 * through these: control characters shown as \xHH and bytes that are not
 * UTF-8 as U+FFFD (text_safe), widths in display columns (text_width), so
 * that nothing written can steer the reader's terminal or break a column.
 * They own nothing they are given. */

/* S itself when text_safe would not change it, else the safe copy it
 * makes, also left in *COPY for the caller to free (NULL otherwise). */
const char *report_safe(const char *s, bool one_line, char **copy);

/* A CSV field, made safe (quoted where needed; one that could be taken
 * for a formula gets a leading apostrophe); NULL writes nothing
 * (report_csv.c). */
void report_csv_field(FILE *out, const char *text);
/* S made safe with the characters HTML gives a meaning written as
 * references; NULL writes nothing (report_html.c). */
void report_html_esc(FILE *out, const char *s);

/* Writes TEXT word-wrapped to WIDTH columns, each line starting with
 * INDENT spaces (the first with FIRST_INDENT). A word wider than a line is
 * cut, between characters, over as many lines as it needs. */
void report_wrap(FILE *out, const char *text, int first_indent, int indent, int width);
/* The same, the cursor being at column COL of a line already begun. */
void report_wrap_from(FILE *out, const char *text, int col, int indent, int width);

/* Writes S on one line (newlines and tabs shown as \n and \t too), cut to
 * MAX columns with an ellipsis as its last character when it is wider
 * (never when MAX is negative). Returns the columns written. */
int report_put(FILE *out, const char *s, int max);
/* Writes S as report_put does, cut to WIDTH columns and padded with spaces
 * to exactly WIDTH. */
void report_cell(FILE *out, const char *s, int width);
/* The columns report_put(S, -1) writes. */
int report_width(const char *s);
/* Narrows the column widths W[N] (each to no less than MIN[i]), the widest
 * first, a column at a time, until they add up to AVAIL or less; returns
 * their sum (above AVAIL when the minimums do not fit). */
int report_fit(int *w, const int *min, size_t n, int avail);
/* The same, but never cut: S wider than WIDTH is written whole. */
void report_pad(FILE *out, const char *s, int width);
/* S after the spaces that right-align it in WIDTH columns (none when it
 * is wider). */
void report_rpad(FILE *out, const char *s, int width);
/* A section heading: "\n## TITLE\n\n" in Markdown, else "\nTITLE\n"
 * underlined with '-' as wide as TITLE in display columns. */
void report_heading(FILE *out, const char *title, bool markdown);
/* A plain-text report's title: "TITLE\n", '=' as wide, a blank line. */
void report_title(FILE *out, const char *title);

#endif
