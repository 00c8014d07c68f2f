/* bundle.h - export and import of a JSON bundle: organisations, the
 * questionnaire snapshots, assessments and their answers. The format is
 * documented in docs/bundle-format.md. Actions of the plan go with them
 * (bundle_plan.c), matched by UUID.
 *
 * Export is reproducible (sorted, no time of the run) and always gives a
 * bundle that import accepts: text a database holds that the tool would no
 * longer take in (not UTF-8, control characters, too long) is written the
 * way import would accept it. Import reads strict JSON (RFC 8259, with
 * Jansson), is one transaction and adds only what is not there yet
 * (assessments are matched by UUID, organisations by name), so importing a
 * bundle twice adds nothing the second time; an assessment whose UUID is
 * in the database with other content is a conflict, and nothing is
 * imported. */
#ifndef ITM_BUNDLE_H
#define ITM_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "itmaturity/error.h"
#include "itmaturity/store.h"

enum { BUNDLE_MAX_FILE = 512 * 1024 * 1024 };

/* Writes the bundle of every organisation (ORG 0) or of one. Returns 0, or
 * -1 with the reason in store_errmsg(S). */
int bundle_export(struct store *s, int64_t org, FILE *out);

struct bundle_counts {
	size_t orgs_added;
	size_t assessments_added;
	size_t assessments_present;  /* already in the database */
	size_t actions_added;
	size_t actions_present;      /* already in the database (by UUID): left as they are */
};

/* Reads and checks the bundle at PATH, then adds what is new. Returns 0;
 * -2 when the bundle is invalid or holds an assessment that conflicts with
 * the database (the problems in ERRS, each with its position; nothing
 * stored);
 * -1 when the database failed (store_errmsg; nothing stored). */
int bundle_import(struct store *s, const char *path, struct bundle_counts *c,
		  struct itm_errors *errs);
/* The same for a bundle already in memory: BUF (LEN bytes, need not end in
 * NUL); PATH only names it in messages. */
int bundle_import_buffer(struct store *s, const char *path, const char *buf, size_t len,
			 struct bundle_counts *c, struct itm_errors *errs);


#endif
