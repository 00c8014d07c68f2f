/* assessment.h - the assessment layer: what the CLI commands and the wizard
 * share, so that neither reaches around the modules nor calls the other.
 *
 * It opens the database (upgrading it and scoring what an upgrade left
 * unscored), loads a stored assessment with the questionnaire snapshot it
 * was taken with (through a cache of loaded questionnaires) and scores it
 * with its organisation's targets, keeps a draft as it is answered, saves
 * a whole assessment, and writes reports. The rules that are not drawing
 * live here and nowhere else:
 *   - the previous comparable assessment (asmt_previous);
 *   - what counts as a reassessment: a draft with a previous comparable
 *     assessment (asmt_draft.has_prev), whose answers are shown as "last
 *     time";
 *   - a lower answer than last time needs a reason (asmt_reason_needed),
 *     kept as the answer's note (asmt_reason_note);
 *   - the target of a domain: the organisation's own, else the
 *     questionnaire's for the organisation's size, else the questionnaire's
 *     (asmt_targets).
 *
 * Errors are values: a function that can fail returns ITM_OK, or ITM_FAIL
 * or ITM_INPUT (error.h) with its messages added to E, in the tool's own
 * words; it prints nothing. Structs filled here own what they hold and are
 * freed by the matching *_free. */
#ifndef ITM_ASSESSMENT_H
#define ITM_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itmaturity/answers.h"
#include "itmaturity/error.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/store.h"

/* Questionnaires already loaded, by the SHA-256 of their text, so that
 * assessments taken with one questionnaire share one loaded copy. The
 * oldest entry gives way when full. */
enum { ASMT_QCACHE_MAX = 4 };

/* The database and the questionnaires loaded from it. Starts zeroed. */
struct asmt_ctx {
	struct store *store;
	struct qn_questionnaire *qc[ASMT_QCACHE_MAX];
	size_t qc_next;               /* the cache slot filled next */
};

enum asmt_need { ASMT_READ, ASMT_WRITE };
/* Opens the database DB (NULL: the default, see store_resolve_path) for a
 * reader or a writer: a writer creates it; a reader opens it read-only
 * when READ_ONLY is set or the file cannot be written. After an upgrade
 * *NOTICE (when not NULL) is set to a sentence saying so and where the
 * previous file is kept (caller frees), and assessments left unscored are
 * scored. */
int asmt_open(struct asmt_ctx *c, const char *db, bool read_only, enum asmt_need need, char **notice,
	      struct itm_errors *e);
/* Scores and caches the complete assessments that have no cached scores
 * (made before schema 2, or imported). One that cannot be loaded stays
 * unscored, to be tried again. */
void asmt_score_unscored(struct asmt_ctx *c);
/* Closes the database and drops the cache; C is zeroed. */
void asmt_close(struct asmt_ctx *c);
/* Keeps Q in the cache (as one more holder of it). */
void asmt_cache_add(struct asmt_ctx *c, struct qn_questionnaire *q);
/* Adds the store's last error, naming the database, to E; returns ITM_FAIL. */
int asmt_store_error(const struct store *s, struct itm_errors *e);

/* A stored assessment with its questionnaire snapshot, its answers and
 * their score (with the organisation's targets). */
struct asmt {
	struct store_assessment meta;
	struct qn_questionnaire *q;
	struct ans_set *answers;
	struct score_result *score;
	enum qn_size size;            /* the organisation's, when scored */
};
/* What a loaded assessment is scored for: its results or report, with the
 * roadmap (score_compute), or a comparison, without (score_summary); a
 * draft is not scored until it is completed (SCORE NULL). */
enum asmt_scoring { ASMT_ROADMAP, ASMT_SUMMARY, ASMT_UNSCORED };
/* Loads assessment ID. ITM_INPUT when there is no such assessment. */
int asmt_load(struct asmt_ctx *c, int64_t id, enum asmt_scoring how, struct asmt *out,
	      struct itm_errors *e);
void asmt_free(struct asmt *a);
/* The targets that Q's domains are scored against for organisation ORG,
 * in domain order (NaN: none): the organisation's own target for the
 * domain, else the domain's target for the organisation's size
 * (`targets:`), else its `target`. *SIZE (when not NULL) is set to the
 * organisation's size. Caller frees. */
double *asmt_targets(struct asmt_ctx *c, int64_t org, const struct qn_questionnaire *q, enum qn_size *size);
/* The size named IN (qn_size_parse); ITM_INPUT with a message naming the
 * three when it is none of them. */
int asmt_size(const char *in, enum qn_size *out, struct itm_errors *e);
/* The size of organisation O (small when the store holds another). */
enum qn_size asmt_org_size(const struct store_org *o);

/* The previous comparable assessment of M: the newest complete assessment
 * of the same organisation, taken with the same questionnaire (by id, any
 * version), that comes before M in the order of the date taken, then of
 * saving. *PREV is 0 when there is none. With HIST, *HIST is set to the
 * overall percentages (NaN: no score) of the organisation's complete
 * assessments before M in that order and *NH to their count, with room
 * for one more (caller frees). */
int asmt_previous(struct asmt_ctx *c, const struct store_assessment *m, int64_t *prev, double **hist,
		  size_t *nh, struct itm_errors *e);

/* An organisation's complete assessments, oldest first, with the cached
 * percentage of every domain any of them has (domain ids ascending). */
struct asmt_history {
	struct store_assessment *v;
	size_t n;
	char **domains;
	size_t n_domains;
	double *pct;                  /* [assessment * n_domains + domain]: NaN for none */
};
int asmt_history(struct asmt_ctx *c, int64_t org, struct asmt_history *h, struct itm_errors *e);
void asmt_history_free(struct asmt_history *h);

/* Checks a name as it comes in (text_name: trimmed, UTF-8, no control
 * characters, a length limit) and sets *OUT to the trimmed copy (caller
 * frees); ITM_INPUT naming WHAT ("the organisation name") when refused. */
int asmt_name(const char *what, const char *in, char **out, struct itm_errors *e);
/* The organisation named NAME (*ID; the name checked and trimmed), added
 * when it does not exist yet (*ADDED). */
int asmt_org(struct asmt_ctx *c, const char *name, int64_t *id, bool *added, struct itm_errors *e);
/* The same, an organisation added being of size SIZE (asmt_org: small);
 * the size of one that exists is left as it is. */
int asmt_org_sized(struct asmt_ctx *c, const char *name, enum qn_size size, int64_t *id, bool *added,
		   struct itm_errors *e);

/* Checks a target LEVEL for DOMAIN of organisation ORG: some questionnaire
 * found (the catalogue) or assessed with (the organisation's snapshots) has
 * that domain, with LEVEL on its scale. ITM_INPUT when none does. */
int asmt_target_check(struct asmt_ctx *c, int64_t org, const char *domain, double level,
		      struct itm_errors *e);

/* Saves a complete assessment of ANSWERS (taken with their questionnaire)
 * for the organisation ORG (added, in the same transaction, when it does
 * not exist yet: *ORG_ADDED), scored with its targets. */
struct asmt_new {
	const char *org, *respondent, *role;
	const char *taken;            /* YYYY-MM-DD */
};
int asmt_save(struct asmt_ctx *c, const struct asmt_new *in, const struct ans_set *answers, int64_t *id,
	      bool *org_added, struct itm_errors *e);

/* Writes the report of assessment ID, with its previous comparable
 * assessment and its history, in format F to PATH: created with mode 0600,
 * never over an existing file, removed again when writing fails (NULL:
 * standard output). */
int asmt_report(struct asmt_ctx *c, int64_t id, const char *path, enum report_format f,
		struct itm_errors *e);

/* The side of a comparison that assessment A is. META is filled from A
 * and must live as long as the side. */
void asmt_side(const struct asmt *a, struct report_meta *meta, struct report_side *side);

/* A draft being answered: every answer saved the moment it is given. */
struct asmt_draft {
	struct asmt a;                /* the draft; a.score is NULL */
	double *targets;
	bool has_prev;                /* a reassessment: PREV is the previous comparable one */
	struct asmt prev;
};
/* Starts a draft of the questionnaire in file QN_PATH, taken today, and
 * sets *ID to it. */
int asmt_draft_new(struct asmt_ctx *c, int64_t org, const char *respondent, const char *role,
		   const char *qn_path, int64_t *id, struct itm_errors *e);
/* Opens draft (or assessment) ID with its previous comparable assessment. */
int asmt_draft_open(struct asmt_ctx *c, int64_t id, struct asmt_draft *d, struct itm_errors *e);
void asmt_draft_free(struct asmt_draft *d);
/* Saves an answer (NOTE may be NULL or empty: none) in one transaction
 * and keeps it in D. */
int asmt_draft_answer(struct asmt_ctx *c, struct asmt_draft *d, const struct qn_question *qq,
		      enum ans_kind kind, const struct qn_option *opt, const char *note,
		      struct itm_errors *e);
int asmt_draft_clear(struct asmt_ctx *c, struct asmt_draft *d, const struct qn_question *qq,
		     struct itm_errors *e);
/* What a draft's answer, clear or complete returns when the store refused
 * the change with R (store.h): when another process has completed
 * assessment ID since it was opened (STORE_NOT_DRAFT), ITM_INPUT with
 * "assessment ID was completed elsewhere" (short, for the wizard's status
 * line; nothing was changed); else asmt_store_error's. */
int asmt_draft_refused(const struct store *s, int64_t id, int r, struct itm_errors *e);
/* Scores the draft and marks it complete: then D->a is the complete
 * assessment, scored with its roadmap (packing its answers is left to
 * asmt_pack, when there is time). */
int asmt_draft_complete(struct asmt_ctx *c, struct asmt_draft *d, struct itm_errors *e);
/* Packs complete assessment ID's answers for faster reading (store_pack). */
int asmt_pack(struct asmt_ctx *c, int64_t id, struct itm_errors *e);
/* The previous comparable assessment's answer to QQ (matched by ref), or
 * NULL. */
const struct ans_answer *asmt_draft_prev(const struct asmt_draft *d, const struct qn_question *qq);
/* Answered questions of domain DOMAIN (-1: all), of those that apply
 * (applies_if); asmt_draft_asked: the questions that apply, answered or
 * not. */
size_t asmt_draft_answered(const struct asmt_draft *d, int domain);
size_t asmt_draft_asked(const struct asmt_draft *d, int domain);
/* Whether answering QQ with KIND/OPT needs a reason: it is an option with
 * a value lower than the previous comparable assessment's, and not the
 * answer already saved. */
bool asmt_reason_needed(const struct asmt_draft *d, const struct qn_question *qq, enum ans_kind kind,
			const struct qn_option *opt);
/* The note that keeps REASON with such an answer. Caller frees. */
char *asmt_reason_note(const struct asmt_draft *d, const char *reason);

#endif
