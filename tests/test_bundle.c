/* test_bundle.c - export and import of JSON bundles: export -> import into an
 * empty database -> export gives the same bytes; importing twice adds
 * nothing; every kind of invalid bundle is refused with its position and
 * stores nothing. */
#include "testutil.h"

#include <sys/stat.h>

#include "itmaturity/bundle.h"
#include "itmaturity/store.h"
#include "itmaturity/yamltree.h"

static char *example;
static size_t example_len;

static int setup(void **state)
{
	(void)state;
	struct itm_errors e = { 0 };
	bool ok = yt_read_file("fixtures/questionnaire/good/example.yaml", &example, &example_len, &e);
	errs_free(&e);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(example);
	return 0;
}

static struct store *open_db(const char *path)
{
	struct store_open_opts o = { .create = true };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	if (!s)
		print_message("%s: %s\n", path, err);
	free(err);
	assert_non_null(s);
	return s;
}

static char *export_all(struct store *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	assert_non_null(f);
	assert_int_equal(bundle_export(s, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Two organisations, three assessments of every kind of answer. */
static void fill(struct store *s)
{
	int64_t a, b, id;
	assert_int_equal(store_org_add(s, "Café Élysée", &a), 0);
	assert_int_equal(store_org_add(s, "Bakkerij \"De Korenbloem\"", &b), 0);
	assert_int_equal(store_target_set(s, a, "security", 3.5), 0);
	assert_int_equal(store_org_set_interval(s, b, 6), 0);
	struct store_new in = {
		.org_id = a, .respondent = "Zoë", .role = "owner", .taken = "2026-03-31",
		.qn_id = "example", .qn_version = "1.2", .source = example, .source_len = example_len,
	};
	struct store_answer v[] = {
		{ .question = "security.backups", .kind = STORE_OPTION, .option = "automatic",
		  .note = "line one\nline two, \"quoted\", tab\there" },
		{ .question = "security.scope-migrations", .kind = STORE_OPTION, .option = "not-sure" },
	};
	bool added;
	in.complete = true;
	assert_int_equal(store_assessment_save(s, &in, v, 2, NULL, &id, &added), 0);
	in.org_id = b;
	in.taken = "2026-01-02";
	in.role = "IT partner";
	v[0].kind = STORE_UNKNOWN;
	v[0].note = NULL;
	assert_int_equal(store_assessment_save(s, &in, v, 2, NULL, &id, &added), 0);
	in.complete = false;
	assert_int_equal(store_draft_new(s, &in, &id), 0);
}

static void test_round_trip(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *p1 = xasprintf("%s/one.db", dir), *p2 = xasprintf("%s/two.db", dir);
	char *file = xasprintf("%s/bundle.json", dir);
	struct store *s1 = open_db(p1);
	fill(s1);
	size_t l1, l2;
	char *b1 = export_all(s1, &l1);
	tu_write(file, b1, l1);

	struct store *s2 = open_db(p2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	int rc = bundle_import(s2, file, &n, &e);
	tu_print_errors(&e);
	assert_int_equal(rc, 0);
	assert_int_equal(n.orgs_added, 2);
	assert_int_equal(n.assessments_added, 3);
	assert_int_equal(n.assessments_present, 0);
	char *b2 = export_all(s2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(b1, b2, l1);

	/* Again: nothing new. */
	assert_int_equal(bundle_import(s2, file, &n, &e), 0);
	assert_int_equal(n.orgs_added, 0);
	assert_int_equal(n.assessments_added, 0);
	assert_int_equal(n.assessments_present, 3);
	free(b2);
	b2 = export_all(s2, &l2);
	assert_memory_equal(b1, b2, l1);

	/* Only one organisation. */
	struct store_org o;
	assert_int_equal(store_org_get(s1, "Café Élysée", &o), 0);
	char *b3 = NULL;
	size_t l3;
	FILE *f = open_memstream(&b3, &l3);
	assert_int_equal(bundle_export(s1, o.id, f), 0);
	fclose(f);
	assert_non_null(strstr(b3, "Zoë"));
	assert_null(strstr(b3, "Korenbloem"));
	store_org_free(&o);

	errs_free(&e);
	free(b3);
	free(b2);
	free(b1);
	store_close(s2);
	store_close(s1);
	tu_rmrf(dir);
	free(dir);
	free(file);
	free(p2);
	free(p1);
}

/* A bundle text with its expected first error. */
struct bad {
	const char *name;
	const char *json;
	const char *want;
};

#define HASH "0000000000000000000000000000000000000000000000000000000000000000"

static const struct bad bad[] = {
	{ "not json", "{\"itmaturity_bundle\": 1,, }", "1:25: JSON syntax error: string or '}' expected near ','" },
	{ "empty", "", "1:1: the file is empty" },
	{ "a list", "[]", "1:1: the bundle must be a mapping" },
	{ "newer format", "{\"itmaturity_bundle\": 2, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": []}", "1:23: bundle format 2 is not known to this itmaturity (it reads 1)" },
	{ "missing key", "{\"itmaturity_bundle\": 1, \"organisations\": []}",
	  "1:1: the bundle: missing required key 'questionnaires'" },
	{ "unknown key", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": [], \"extra\": 1}", "1:88: the bundle: unknown key 'extra'" },
	{ "bad interval", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"A\", "
	  "\"interval_months\": 0, \"targets\": {}}], \"questionnaires\": [], \"assessments\": []}",
	  "1:77: organisation 'A': interval_months must be a whole number from 1 to 60" },
	{ "hash mismatch", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": "
	  "[{\"hash\": \"" HASH "\", \"id\": \"x\", \"version\": \"1\", \"source\": \"id: x\"}], "
	  "\"assessments\": []}", "1:180: questionnaire snapshot " HASH ": the source does not match its hash" },
	{ "unknown organisation", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": [{\"uuid\": \"11111111-2222-4333-8444-555555555555\", \"organisation\": \"Nope\", "
	  "\"respondent\": \"R\", \"role\": \"owner\", \"questionnaire\": \"" HASH "\", \"date\": "
	  "\"2026-02-30\", \"status\": \"done\", \"answers\": []}]}",
	  "1:150: assessment: organisation 'Nope' is not in the bundle" },
	{ "alias", "{\"itmaturity_bundle\": &a 1, \"organisations\": *a}", "1:23: JSON syntax error: invalid token near '&'" },
};

static void test_bad_bundles(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/it.db", dir), *file = xasprintf("%s/bad.json", dir);
	struct store *s = open_db(path);
	fill(s);
	size_t l1, l2;
	char *before = export_all(s, &l1);
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		tu_write(file, bad[i].json, strlen(bad[i].json));
		struct itm_errors e = { 0 };
		struct bundle_counts n;
		int rc = bundle_import(s, file, &n, &e);
		if (rc != -2 || !tu_has_error(&e, bad[i].want)) {
			print_message("%s: wanted %s\n", bad[i].name, bad[i].want);
			tu_print_errors(&e);
		}
		assert_int_equal(rc, -2);
		assert_true(tu_has_error(&e, bad[i].want));
		errs_free(&e);
	}
	char *after = export_all(s, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(before, after, l1);
	free(after);
	free(before);
	store_close(s);
	tu_rmrf(dir);
	free(dir);
	free(file);
	free(path);
}

/* Every assessment problem is reported, not only the first; answers are
 * checked against their questionnaire snapshot. */
static void test_bad_answers(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *p1 = xasprintf("%s/one.db", dir), *p2 = xasprintf("%s/two.db", dir);
	char *file = xasprintf("%s/b.json", dir);
	struct store *s = open_db(p1);
	fill(s);
	size_t len;
	char *b = export_all(s, &len);
	store_close(s);
	/* Damage the exported bundle in four places. */
	struct { const char *from, *to; } edits[] = {
		{ "\"option\": \"automatic\"", "\"option\": \"sometimes\"" },
		{ "\"date\": \"2026-01-02\"", "\"date\": \"2026-02-30\"" },
		{ "\"status\": \"draft\"", "\"status\": \"finished\"" },
		{ "\"question\": \"security.scope-migrations\"", "\"question\": \"security.nope\"" },
	};
	for (size_t i = 0; i < ARRAY_LEN(edits); i++) {
		char *at = strstr(b, edits[i].from);
		assert_non_null(at);
		char *nb = xasprintf("%.*s%s%s", (int)(at - b), b, edits[i].to, at + strlen(edits[i].from));
		free(b);
		b = nb;
	}
	tu_write(file, b, strlen(b));
	struct store *s2 = open_db(p2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s2, file, &n, &e), -2);
	static const char *const want[] = {
		"answer 'security.backups': 'sometimes' is not one of its options",
		"assessment: '2026-02-30' is not a date (YYYY-MM-DD)",
		"assessment: status 'finished' is not draft or complete",
		"answer: question 'security.nope' is not in questionnaire example 1.2",
	};
	size_t found = 0;
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		for (size_t j = 0; j < e.n; j++)
			found += strcmp(e.v[j].message, want[i]) == 0 && e.v[j].line > 0;
	if (found < ARRAY_LEN(want))
		tu_print_errors(&e);
	assert_true(found >= ARRAY_LEN(want));
	struct store_org *orgs;
	size_t norgs;
	assert_int_equal(store_org_list(s2, &orgs, &norgs), 0);
	assert_int_equal(norgs, 0);  /* nothing stored */
	free(orgs);
	errs_free(&e);
	store_close(s2);
	free(b);
	tu_rmrf(dir);
	free(dir);
	free(file);
	free(p2);
	free(p1);
}

/* Within one bundle, a question answered twice in an assessment, or two
 * assessments with one UUID, are refused: stored, one would silently
 * replace or hide the other. */
static void test_repeats_refused(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *p1 = xasprintf("%s/one.db", dir), *p2 = xasprintf("%s/two.db", dir);
	char *file = xasprintf("%s/b.json", dir);
	struct store *s = open_db(p1);
	fill(s);
	size_t len;
	char *b = export_all(s, &len);
	store_close(s);
	/* The first answer object twice; the second assessment's UUID made the first's. */
	char *ans = strstr(b, "\"answers\": [\n");
	assert_non_null(ans);
	char *obj = strchr(ans, '{'), *end = strstr(obj, "}");
	assert_non_null(end);
	char *dup = xasprintf("%.*s, %.*s%s", (int)(end + 1 - b), b, (int)(end + 1 - obj), obj, end + 1);
	char *u1 = strstr(dup, "\"uuid\": \""), *u2 = u1 ? strstr(u1 + 1, "\"uuid\": \"") : NULL;
	assert_non_null(u2);
	memcpy(u2 + 9, u1 + 9, 36);
	tu_write(file, dup, strlen(dup));
	struct store *s2 = open_db(p2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s2, file, &n, &e), -2);
	int twice_answer = 0, twice_uuid = 0;
	for (size_t i = 0; i < e.n; i++) {
		twice_answer += strncmp(e.v[i].message, "answer to 'security.", 20) == 0 &&
				strstr(e.v[i].message, "': listed twice (first at line ") != NULL;
		twice_uuid += strncmp(e.v[i].message, "assessment '", 12) == 0 &&
			      strstr(e.v[i].message, "': listed twice (first at line ") != NULL;
	}
	if (twice_answer != 1 || twice_uuid != 1)
		tu_print_errors(&e);
	assert_int_equal(twice_answer, 1);
	assert_int_equal(twice_uuid, 1);
	struct store_org *orgs;
	size_t norgs;
	assert_int_equal(store_org_list(s2, &orgs, &norgs), 0);
	assert_int_equal(norgs, 0);  /* nothing stored */
	free(orgs);
	errs_free(&e);
	store_close(s2);
	free(dup);
	free(b);
	tu_rmrf(dir);
	free(dir);
	free(file);
	free(p2);
	free(p1);
}

static void expect_file_refused(struct store *s, const char *path, const char *want)
{
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s, path, &n, &e), -2);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].line, 0);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
}

/* A bundle that is a directory, a FIFO, missing, larger than its limit, or
 * random bytes: refused, nothing stored. */
static void test_hostile_bundle_files(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *db = xasprintf("%s/it.db", dir), *sub = xasprintf("%s/sub", dir);
	char *fifo = xasprintf("%s/fifo.json", dir), *big = xasprintf("%s/big.json", dir);
	char *missing = xasprintf("%s/missing.json", dir), *junk = xasprintf("%s/junk.json", dir);
	struct store *s = open_db(db);
	assert_int_equal(mkdir(sub, 0700), 0);
	expect_file_refused(s, sub, "is a directory, not a file");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	expect_file_refused(s, fifo, "is not a regular file");
	expect_file_refused(s, missing, "cannot open: No such file or directory");
	FILE *f = fopen(big, "wb");
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (off_t)BUNDLE_MAX_FILE + 1), 0);  /* sparse */
	fclose(f);
	expect_file_refused(s, big, "file is larger than the limit of 512 MiB");
	char bytes[4096];
	uint32_t seed = 99;
	for (size_t i = 0; i < sizeof(bytes); i++) {
		seed = seed * 1103515245u + 12345u;
		bytes[i] = (char)(seed >> 16);
	}
	tu_write(junk, bytes, sizeof(bytes));
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s, junk, &n, &e), -2);
	assert_true(e.n > 0 && e.v[0].line > 0);
	errs_free(&e);
	struct store_org *orgs;
	size_t norgs;
	assert_int_equal(store_org_list(s, &orgs, &norgs), 0);
	assert_int_equal(norgs, 0);
	free(orgs);
	store_close(s);
	tu_rmrf(dir);
	free(dir);
	free(db);
	free(sub);
	free(fifo);
	free(big);
	free(missing);
	free(junk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_bundles),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_repeats_refused),
		cmocka_unit_test(test_hostile_bundle_files),
	};
	return cmocka_run_group_tests_name("bundle", tests, setup, teardown);
}
