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

#endif
