/* plan.h - the action plan: what an organisation agreed to do after an
 * assessment, tied to a question and the option it should reach, and
 * verified by the answers of the assessments that follow. Part of the
 * assessment layer: the CLI and the wizard share it; the rules live here
 * and nowhere else (docs/plan.md):
 *   - a new action reaches, by default, the next option up (by value) from
 *     the current answer, with the option's next step, and is due by the
 *     organisation's next reassessment (plan_add);
 *   - a later complete assessment of the same organisation that answers the
 *     question at or above the target makes it done, verified by that
 *     assessment; "not applicable" there drops it with that reason; "don't
 *     know" verifies nothing (plan_judge, plan_derive);
 *   - an action marked done by hand whose next answer is still below the
 *     target is flagged "marked done, not confirmed by the answers";
 *   - an open action past its due date is overdue (a due date of today is
 *     not).
 * Verification and overdue are derived each time from what is stored, so
 * they do not depend on the order commands ran in.
 *
 * Errors are values (error.h): ITM_INPUT for an unknown id, question,
 * option or a bad date, with nothing written; ITM_FAIL for the database.
 * Structs filled here own what they hold and are freed by the matching
 * *_free. */
#ifndef ITM_PLAN_H
#define ITM_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itmaturity/answers.h"
#include "itmaturity/assessment.h"
#include "itmaturity/report.h"
#include "itmaturity/store.h"

/* What one later answer says about an action. */
enum plan_answer {
	PLAN_SILENT,    /* unanswered, or the question or the target option is
			 * not in that assessment's questionnaire */
	PLAN_REACHED,   /* an option of a value at or above the target's */
	PLAN_BELOW,     /* an option of a lower value */
	PLAN_UNKNOWN,   /* "don't know" */
	PLAN_NA,        /* "not applicable" */
};
/* What answer A (NULL: none) to QQ (NULL: not in the questionnaire) says
 * about reaching option key TO, comparing values on QQ's own options. */
enum plan_answer plan_judge(const struct qn_question *qq, const char *to, const struct ans_answer *a);

/* A complete assessment after the one an action came from, and what its
 * answer says about the action. */
struct plan_later {
	int64_t id;
	const char *taken;      /* YYYY-MM-DD */
	enum plan_answer answer;
};
/* The status of stored action A, given the later assessments (oldest
 * first, N of them) and the date TODAY: fills OUT, which points into A
 * and LATER. Pure. */
void plan_derive(const struct store_action *a, const struct plan_later *later, size_t n, const char *today,
		 struct report_action *out);

/* An organisation's actions with their derived status, by id. */
struct plan_list {
	struct store_action *stored;
	struct report_action *v;        /* v[i] derived from stored[i] */
	size_t n;
	char prev[11];                  /* the date of the complete assessment before the
					 * latest one looked at (the only one, when one), or "" */
	struct report_plan plan;        /* V as a report's Plan section */
};
/* The actions of organisation ORG. With AS_OF 0: every action, as of
 * TODAY (YYYY-MM-DD) and every complete assessment. With AS_OF an
 * assessment id: those agreed at it or before, as of its date and the
 * complete assessments up to it (the Plan section of its report): an
 * action marked done or dropped by hand after that date is open there
 * (STORED says so too); owners, due dates and notes are as they are now. */
int plan_list(struct asmt_ctx *c, int64_t org, int64_t as_of, const char *today, struct plan_list *out,
	      struct itm_errors *e);
void plan_list_free(struct plan_list *l);
/* The action of L for question REF that is open or overdue, or NULL
 * (points into L): the reassessment's "Planned: ..." line. */
const struct report_action *plan_open_for(const struct plan_list *l, const char *ref);
/* What 'itmaturity plan' shows of L: with ALL, every action by id; else
 * the overdue and open ones first, then those done or dropped since the
 * previous assessment: on or after the date of the one before the
 * organisation's latest complete assessment (L->prev). Sets *V to a new
 * array (caller frees) and *OUT to the plan of it. */
void plan_select(const struct plan_list *l, bool all, struct report_action **v, struct report_plan *out);
/* What 'compare' shows of L (plan_list as of B): the actions agreed at A
 * or after it, before B. Sets *V to a new array (caller frees) and *OUT
 * to the plan of it. */
void plan_between(const struct plan_list *l, const struct store_assessment *a, const struct store_assessment *b,
		  struct report_action **v, struct report_plan *out);
/* Whether L's action I was verified by assessment ID (the results
 * screen's "verified by this assessment"). */
bool plan_verified_by(const struct plan_list *l, size_t i, int64_t id);

/* A new action. Strings are borrowed; NULL takes the default. */
struct plan_new {
	int64_t org;
	const char *question;   /* a question ref of the organisation's latest complete assessment */
	const char *to;         /* option key; default: the next one up from the current answer */
	const char *owner;      /* default "" */
	const char *due;        /* YYYY-MM-DD; default: the next reassessment date (today when past) */
	const char *note;       /* default "" */
	const char *today;      /* YYYY-MM-DD */
};
/* Adds an action from the organisation's latest complete assessment, and
 * sets *ID. ITM_INPUT, nothing written, when the organisation has no
 * complete assessment, the question is unknown or not scored, answered
 * "not applicable" or already has an open action, TO is unknown or not
 * above the current answer, or a date or text is refused. */
int plan_add(struct asmt_ctx *c, const struct plan_new *in, int64_t *id, struct itm_errors *e);
/* Adds the first N steps of the roadmap of the organisation's latest
 * complete assessment, each with its next step, skipping questions that
 * have an open action already; *IDS gets the new ids (caller frees),
 * *NIDS their count. All or nothing. */
int plan_add_top(struct asmt_ctx *c, int64_t org, size_t n, const char *today, int64_t **ids, size_t *nids,
		 struct itm_errors *e);

/* Changes to an action: NULL leaves a field as it is. */
struct plan_edit {
	const char *to, *owner, *due, *note;
};
int plan_edit(struct asmt_ctx *c, int64_t id, const struct plan_edit *ed, struct itm_errors *e);
/* Marks action ID done by hand on TODAY. */
int plan_done(struct asmt_ctx *c, int64_t id, const char *today, struct itm_errors *e);
/* Drops action ID by hand on TODAY, for REASON (not empty). */
int plan_drop(struct asmt_ctx *c, int64_t id, const char *reason, const char *today, struct itm_errors *e);

/* The date the organisation's next reassessment is due (its last complete
 * assessment plus its interval), not before TODAY, into OUT; TODAY when it
 * has none. */
int plan_next_due(struct asmt_ctx *c, int64_t org, const char *today, char out[11], struct itm_errors *e);

#endif
