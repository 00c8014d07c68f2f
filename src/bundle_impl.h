/* bundle_impl.h - what bundle.c (export, and storing an import) and
 * bundle_read.c (reading and checking a bundle) share: a bundle as read. */
#ifndef ITM_BUNDLE_IMPL_H
#define ITM_BUNDLE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "itmaturity/bundle.h"
#include "itmaturity/jsonpos.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/util.h"

enum { BUNDLE_VERSION = 1 };

struct json_t;  /* Jansson's value; only bundle_read.c looks inside */

struct bundle_snap {
	const char *hash;
	struct qn_questionnaire *q;  /* owned */
	const char *source;
	size_t len;
};

struct bundle_org {
	const char *name;            /* trimmed (text_name) */
	int interval;
	enum qn_size size;           /* small when the bundle gives none */
	struct store_target *targets; /* owned array; domains borrowed from the document */
	size_t ntargets;
};

struct bundle_asmt {
	struct store_new in;         /* org_id is left to the importer */
	size_t org;                  /* index in bundle_in.orgs */
	const char *hash;            /* of its questionnaire snapshot */
	struct store_answer *answers; /* owned array; texts borrowed */
	size_t n;
	int64_t id;                  /* in the database, once imported */
};

/* An action of the plan (bundle_plan.c). */
struct bundle_action {
	struct store_action a;       /* org_id and from_id are left to the importer; texts borrowed */
	size_t org;                  /* index in bundle_in.orgs */
	size_t from;                 /* index in bundle_in.as, or SIZE_MAX: none */
};

/* A bundle as read: every text is borrowed from DOC or ARENA, which live
 * until bundle_in_free. */
struct bundle_in {
	const char *path;
	struct itm_errors *errs;
	struct jsonpos pos;          /* over the bundle's text, for positions */
	struct json_t *doc;
	struct arena arena;
	struct bundle_snap *snaps;
	size_t nsnaps;
	struct bundle_org *orgs;
	size_t norgs;
	struct bundle_asmt *as;
	size_t nas;
	struct bundle_action *acts;
	size_t nacts;
};

/* Parses BUF (LEN bytes; it must outlive B) and checks all of it into B.
 * Returns true when the bundle is valid; otherwise false, with every
 * problem in ERRS as PATH:LINE:COL. Free B with bundle_in_free either way. */
bool bundle_read(struct bundle_in *b, const char *path, const char *buf, size_t len,
		 struct itm_errors *errs);
void bundle_in_free(struct bundle_in *b);

/* Adds an error at the value reached by PATH (N steps) in B's text, or with
 * AT_KEY at the last step's key. */
void bundle_error(struct bundle_in *b, const struct jp_step *path, size_t n, bool at_key,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

struct jsonw;
/* Writes KEY with S as import accepts it (text_name, or text_note with
 * NOTE) and stores it (bundle.c). */
void bundle_write_clean(struct jsonw *w, const char *key, const char *s, bool note);

/* The reader's place in the bundle (bundle_read.c). */
struct rd;
/* An error at the value being checked, or at the value of its member KEY,
 * or with AT_KEY at KEY itself. */
void bundle_rd_fail(struct rd *r, const char *key, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The plan's part of a bundle (bundle_plan.c). The keys of an action, in
 * order: every value is text. */
enum {
	BA_UUID, BA_ORG, BA_ASSESSMENT, BA_QUESTION, BA_FROM, BA_TO, BA_STEP, BA_OWNER, BA_DUE,
	BA_STATUS, BA_DONE_ON, BA_REASON, BA_NOTE, BA_N
};
struct field {
	const char *name;
	bool required;
};
extern const struct field bundle_action_keys[BA_N];
/* Checks action INDEX of B, its texts T (NULL: absent or refused
 * already), its organisation ORG (an index in B->orgs, or B->norgs: not
 * in the bundle), and keeps it in B->acts. */
void bundle_plan_check(struct bundle_in *b, struct rd *r, size_t index, const char *const *t, size_t org);
/* Writes the "actions" of organisation ORG (0: every one), when there
 * are any. */
int bundle_plan_write(struct store *s, struct jsonw *w, int64_t org);
/* Adds the actions of B not in the database yet (by UUID), with the
 * organisations' ids IDS; counts them in CNT. */
int bundle_plan_add(struct store *s, const struct bundle_in *b, const int64_t *ids, struct bundle_counts *cnt);

#endif
