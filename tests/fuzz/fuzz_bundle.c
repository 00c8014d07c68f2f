/* fuzz_bundle.c - libFuzzer target: the import of a JSON bundle
 * (bundle_import_buffer: Jansson's parse, the checks, and the place of
 * every problem found again in the text by jsonpos, which must never fail:
 * every message of a refused bundle has a line and a column) into a
 * database, followed by what 'itmaturity import' does next: scoring the imported complete assessments
 * (asmt_score_unscored), then loading, scoring and reporting each one. Every
 * input runs inside a transaction that is rolled back, so the database
 * stays empty and nothing is synced to disk. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/bundle.h"
#include "itmaturity/report.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"

#include "itmaturity/assessment.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static FILE *sink;
static char dir[] = "/tmp/itm-fuzz-XXXXXX";
static char *path;

static void cleanup(void)
{
	store_close(db);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	unlink(path);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	path = xasprintf("%s/fuzz.db", dir);
	struct store_open_opts o = { .create = true };
	char *err = NULL;
	if (!(db = store_open(path, &o, &err))) {
		fprintf(stderr, "fuzz_bundle: %s: %s\n", path, err);
		exit(1);
	}
	atexit(cleanup);
	sink = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (store_begin(db))
		abort();
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	int rc = bundle_import_buffer(db, "fuzz.json", (const char *)data, size, &n, &e);
	if (rc == -2 && errs_count(&e) == 0)
		__builtin_trap();  /* refused without saying why */
	for (size_t i = 0; rc == -2 && i < e.n; i++)
		if (e.v[i].line == 0 || e.v[i].col == 0)
			__builtin_trap();  /* a problem without its place */
	if (rc == -1) {
		/* A valid bundle must never fail in the database. */
		fprintf(stderr, "fuzz_bundle: database failure on a bundle found valid: %s\n",
			store_errmsg(db));
		abort();
	}
	if (rc == 0) {
		struct asmt_ctx ctx = { .store = db };
		asmt_score_unscored(&ctx);
		struct store_assessment *v;
		size_t na;
		struct store_filter f = { 0 };
		if (store_assessment_list(db, &f, &v, &na))
			abort();
		for (size_t i = 0; i < na; i++) {
			struct asmt a;
			if (asmt_load(&ctx, v[i].id, ASMT_ROADMAP, &a, &e) != ITM_OK) {
				fprintf(stderr, "fuzz_bundle: imported assessment %zu cannot be loaded\n", i);
				abort();
			}
			struct report_input in = {
				.meta = { .id = a.meta.id, .uuid = a.meta.uuid, .org = a.meta.org,
					  .respondent = a.meta.respondent, .role = a.meta.role,
					  .date = a.meta.taken, .complete = a.meta.complete },
				.answers = a.answers, .score = a.score,
			};
			report_assessment(sink, &in, REPORT_JSON);
			asmt_free(&a);
		}
		store_assessments_free(v, na);
		for (size_t i = 0; i < ASMT_QCACHE_MAX; i++)
			qn_free(ctx.qc[i]);
	}
	errs_print(sink, &e);
	errs_free(&e);
	store_rollback(db);
	return 0;
}
