/* bundle.h - export and import of a JSON bundle: organisations, the
 * questionnaire snapshots, assessments and their answers. The format is
 * documented in docs/bundle-format.md.
 *
 * Export is reproducible (sorted, no time of the run); import is one
 * transaction and adds only what is not there yet (assessments are matched
 * by UUID, organisations by name), so importing a bundle twice adds
 * nothing the second time. */
#ifndef ITM_BUNDLE_H
#define ITM_BUNDLE_H

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
};

/* Reads and checks the bundle at PATH, then adds what is new. Returns 0;
 * -2 when the bundle is invalid (its problems in ERRS, nothing stored);
 * -1 when the database failed (store_errmsg; nothing stored). */
int bundle_import(struct store *s, const char *path, struct bundle_counts *c,
		  struct itm_errors *errs);
/* The same for a bundle already in memory: BUF (LEN bytes, need not end in
 * NUL); PATH only names it in messages. */
int bundle_import_buffer(struct store *s, const char *path, const char *buf, size_t len,
			 struct bundle_counts *c, struct itm_errors *errs);

#endif
