/* store.h - the SQLite store: organisations, assessments, answers, the
 * questionnaire snapshots they were taken with, and the action plan. The
 * only code that speaks SQL (src/store*.c; a complete assessment's answers
 * are also kept in one value, whose format is src/store_pack.h's).
 *
 * Every function that can fail returns 0 on success and -1 on failure, with
 * a message in the tool's own words from store_errmsg(); lookups return 1
 * for "not found". Strings in returned structs are owned by the struct and
 * freed by the matching *_free function. Every write is one transaction:
 * it happens completely or not at all. */
#ifndef ITM_STORE_H
#define ITM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

enum { STORE_SCHEMA_VERSION = 6 };
#define STORE_APPLICATION_ID 0x49544d31  /* "ITM1" */

/* The database path: OPT when given, else $ITMATURITY_DB, else
 * $XDG_DATA_HOME/itmaturity/itmaturity.db (~/.local/share/... when unset).
 * Returns a new string, or NULL when no path can be made (no HOME). */
char *store_resolve_path(const char *opt);

struct store_open_opts {
	bool read_only;         /* open with mode=ro; never writes */
	bool create;            /* create the file (mode 0600, folder 0700) if missing */
	int busy_ms;            /* wait this long for another writer; 0: 5000 */
};

/* Opens (creating or migrating as allowed) the database at PATH. On failure
 * returns NULL and sets *ERR to a message naming the reason (caller frees);
 * a database that is corrupt, not itmaturity's, of a schema version this
 * code does not know (newer, or below 1), or locked is refused and left as
 * it was, byte for byte. A name SQLite would not take for a plain file
 * (":memory:", a "file:" URI, "") is refused before anything is created.
 * An upgrade first copies the file to PATH.schemaN.bak (mode 0600; one
 * copy a schema version N, replaced by the next attempt when an upgrade
 * failed). */
struct store *store_open(const char *path, const struct store_open_opts *o, char **err);
void store_close(struct store *s);
const char *store_errmsg(const struct store *s);
const char *store_path(const struct store *s);
bool store_read_only(const struct store *s);
/* Where the backup taken before the last migration went, or NULL (owned
 * by S). */
const char *store_migration_backup(const struct store *s);

/* Groups the calls between store_begin and store_commit (or
 * store_rollback) into one transaction: all or nothing. */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

/* Organisations. */
struct store_org {
	int64_t id;
	char *name;
	int interval_months;    /* reassessment interval */
	char size[8];           /* "micro", "small" (the default) or "medium" */
};
/* Adding, or renaming to, a name that another organisation has returns
 * STORE_TAKEN (with a message), not -1. */
enum { STORE_TAKEN = 1 };
int store_org_add(struct store *s, const char *name, int64_t *id);
/* 0 and *OUT filled when found, 1 when not. */
int store_org_get(struct store *s, const char *name, struct store_org *out);
int store_org_list(struct store *s, struct store_org **v, size_t *n);
int store_org_rename(struct store *s, int64_t id, const char *name);
int store_org_set_interval(struct store *s, int64_t id, int months);
/* Sets the size, one of those of qn_size_name (the database refuses any
 * other). */
int store_org_set_size(struct store *s, int64_t id, const char *size);
/* 0 and *OUT filled when found, 1 when not. */
int store_org_by_id(struct store *s, int64_t id, struct store_org *out);
/* Domain targets of an organisation (override the questionnaire's). */
int store_target_set(struct store *s, int64_t org, const char *domain, double target);
int store_target_clear(struct store *s, int64_t org, const char *domain);
struct store_target {
	char *domain;
	double target;          /* a level of the questionnaire's scale */
};
int store_targets(struct store *s, int64_t org, struct store_target **v, size_t *n);
void store_targets_free(struct store_target *v, size_t n);
void store_org_free(struct store_org *o);
void store_orgs_free(struct store_org *v, size_t n);

/* Answers, by question ref ("domain.question") and option key. */
enum store_answer_kind { STORE_OPTION, STORE_NA, STORE_UNKNOWN };
struct store_answer {
	char *question;
	enum store_answer_kind kind;
	char *option;           /* STORE_OPTION: the option's key */
	char *note;             /* may be NULL */
};
void store_answers_free(struct store_answer *v, size_t n);

/* Per-domain percentages cached when an assessment is completed, so that
 * lists and trends need no rescoring. */
struct store_scores {
	double overall;         /* NAN when nothing was scored */
	size_t n;
	const char *const *domains;
	const double *percents; /* NAN: no scored answer in that domain */
};

struct store_assessment {
	int64_t id;
	char uuid[37];
	int64_t org_id;
	char *org;
	char *respondent;
	char *role;
	char *qn_id;
	char *qn_version;
	char qn_hash[65];
	char taken[11];         /* YYYY-MM-DD */
	char language[16];      /* the language its questions were read in ("en", "nl") */
	bool complete;          /* else a draft */
	bool has_overall;
	double overall;         /* cached overall percentage, when complete */
	char *updated;          /* UTC, ISO 8601 */
};
void store_assessment_free(struct store_assessment *a);
void store_assessments_free(struct store_assessment *v, size_t n);

struct store_new {
	int64_t org_id;
	const char *respondent;
	const char *role;
	const char *taken;      /* YYYY-MM-DD */
	const char *language;   /* of the questions' texts; NULL: "en" */
	const char *qn_id, *qn_version;
	const char *source;     /* the questionnaire's exact text */
	size_t source_len;
	const char *hash;       /* SHA-256 of source in hex (qn_hash), or NULL */
	const char *uuid;       /* NULL: a new random UUID */
	bool complete;          /* for store_assessment_save without scores */
};

/* A new draft, with the questionnaire snapshot stored once per hash. */
int store_draft_new(struct store *s, const struct store_new *in, int64_t *id);
/* What the three functions below return when ASSESSMENT is no longer a
 * draft (another process completed it since it was opened): nothing is
 * changed, and store_errmsg says so. A complete assessment's answers
 * never change: they are what its cached scores were computed from. */
enum { STORE_NOT_DRAFT = 1 };
/* Saves (replaces) draft ASSESSMENT's answer A->question, or clears
 * QUESTION. One transaction each, which checks that it is still a draft. */
int store_answer_put(struct store *s, int64_t assessment, const struct store_answer *a);
int store_answer_clear(struct store *s, int64_t assessment, const char *question);
/* Marks a draft complete with its scores, in the same way. */
int store_complete(struct store *s, int64_t assessment, const struct store_scores *sc);
/* Packs a complete assessment's answers into one value, which
 * store_answers then reads instead of a row an answer (much faster for
 * large assessments: docs/performance.md); any change to them drops it.
 * Saving a whole assessment with its scores packs it; store_complete
 * leaves it to the caller, to do when it has the time (packing reads every
 * answer row: the wizard does it after it has drawn the results). */
int store_pack(struct store *s, int64_t assessment);
/* A whole assessment in one transaction: the way 'assess --answers' and
 * import save. With scores SC it is complete; without (NULL), its status
 * is IN->complete and its scores are left for store_unscored to find. With
 * IN->uuid already present, nothing is added and *ID is the existing one
 * (*ADDED false). */
int store_assessment_save(struct store *s, const struct store_new *in,
			  const struct store_answer *v, size_t n, const struct store_scores *sc,
			  int64_t *id, bool *added);

/* 0 and *OUT filled when found, 1 when not. */
int store_assessment_get(struct store *s, int64_t id, struct store_assessment *out);
int store_answers(struct store *s, int64_t assessment, struct store_answer **v, size_t *n);
/* The snapshot's text (caller frees *SOURCE). */
int store_snapshot(struct store *s, const char *hash, char **source, size_t *len);
/* A domain's percentage, cached when its assessment was completed. */
struct store_domain_score {
	char *domain;
	double percent;         /* NAN: no scored answer in that domain */
};
/* Cached per-domain percentages (domains ascending); caller frees with
 * store_domain_scores_free. */
int store_domain_scores(struct store *s, int64_t assessment, struct store_domain_score **v, size_t *n);
void store_domain_scores_free(struct store_domain_score *v, size_t n);

enum store_status {
	STORE_ANY,              /* drafts and complete ones */
	STORE_DRAFT,
	STORE_COMPLETE,
};

struct store_filter {
	int64_t org_id;         /* 0: every organisation */
	enum store_status status;
	bool oldest_first;      /* default newest first: date, then id */
	size_t limit;           /* 0: no limit */
};
int store_assessment_list(struct store *s, const struct store_filter *f,
			  struct store_assessment **v, size_t *n);
/* Complete assessments that have no cached scores (made before schema 2,
 * or imported). */
int store_unscored(struct store *s, int64_t **ids, size_t *n);
int store_set_scores(struct store *s, int64_t assessment, const struct store_scores *sc);
int store_assessment_delete(struct store *s, int64_t id);

/* Actions of the plan (plan.h holds their rules; store_plan.c). An
 * action belongs to an organisation and is tied to one question ref, and
 * to the option key it should reach. Only what was agreed or set by hand
 * is stored: verification by later answers and overdue are derived. */
struct store_action {
	int64_t id;
	char uuid[37];          /* the same in every database a bundle carries it to */
	int64_t org_id;
	char *question;         /* "domain.question" */
	int64_t from_id;        /* the assessment it came from; 0 when none (deleted) */
	char from_uuid[37];     /* its uuid ("" when none); read only */
	char from_taken[11];    /* its date ("" when none); read only */
	char *from_option;      /* the option key answered then, or NULL */
	char *to_option;        /* the option key to reach */
	char *step;             /* the next step, "" when none */
	char *owner;            /* "" when none */
	char due[11];           /* YYYY-MM-DD */
	char status[8];         /* "open", "done" (by hand) or "dropped" (by hand) */
	char done_on[11];       /* with "done" or "dropped": the date it was set; else "" */
	char *reason;           /* with "dropped": why, else NULL */
	char *note;             /* "" when none */
	char created[21], updated[21];  /* UTC, ISO 8601; read only */
};
/* Adds action A (A->uuid "" for a new one; id, from_uuid, from_taken,
 * created and updated are ignored) and sets *ID. With A->uuid already in
 * the database nothing is added, *ID is the existing one and *ADDED
 * false. */
int store_action_add(struct store *s, const struct store_action *a, int64_t *id, bool *added);
/* 0 and *OUT filled when found, 1 when not. */
int store_action_get(struct store *s, int64_t id, struct store_action *out);
/* The actions of organisation ORG, by id (caller frees). */
int store_actions(struct store *s, int64_t org, struct store_action **v, size_t *n);
/* Writes back what may change of action A (by A->id): the option to
 * reach, step, owner, due, status, done_on, reason and note; sets its
 * updated time. */
int store_action_update(struct store *s, const struct store_action *a);
void store_action_free(struct store_action *a);
void store_actions_free(struct store_action *v, size_t n);

/* An online copy of the whole database to PATH, which must not exist
 * (created 0600); a name SQLite would not take for a plain file is
 * refused. */
int store_backup(struct store *s, const char *path);

#endif
