/* test_bundle.c - export and import of JSON bundles: export -> import into an
 * empty database -> export gives the same bytes; importing twice adds
 * nothing; every kind of invalid bundle is refused with its position and
 * stores nothing. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "itmaturity/bundle.h"
#include "itmaturity/store.h"
#include "itmaturity/text.h"
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
	assert_int_equal(store_org_set_size(s, b, "micro"), 0);
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

static size_t count_orgs(struct store *s)
{
	struct store_org *orgs;
	size_t n;
	assert_int_equal(store_org_list(s, &orgs, &n), 0);
	store_orgs_free(orgs, n);
	return n;
}

/* B with the first FROM replaced by TO (B is freed). */
static char *edit(char *b, const char *from, const char *to)
{
	char *at = strstr(b, from);
	assert_non_null(at);
	char *nb = xasprintf("%.*s%s%s", (int)(at - b), b, to, at + strlen(from));
	free(b);
	return nb;
}

/* A temporary folder with two database paths and a bundle file in it. */
struct tmp {
	char *dir, *db1, *db2, *file;
};

static struct tmp tmp_new(void)
{
	struct tmp t = { .dir = tu_tmpdir() };
	t.db1 = xasprintf("%s/one.db", t.dir);
	t.db2 = xasprintf("%s/two.db", t.dir);
	t.file = xasprintf("%s/b.json", t.dir);
	return t;
}

static void tmp_free(struct tmp *t)
{
	tu_rmrf(t->dir);
	free(t->dir);
	free(t->db1);
	free(t->db2);
	free(t->file);
}

/* The bundle of a database at T->db1 filled by fill() (caller frees). */
static char *filled_bundle(const struct tmp *t)
{
	struct store *s = open_db(t->db1);
	fill(s);
	size_t len;
	char *b = export_all(s, &len);
	store_close(s);
	return b;
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
	assert_non_null(strstr(b1, "\"size\": \"micro\""));
	struct store_org sized;
	assert_int_equal(store_org_get(s2, "Bakkerij \"De Korenbloem\"", &sized), 0);
	assert_string_equal(sized.size, "micro");
	store_org_free(&sized);

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
	{ "bad size", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"A\", "
	  "\"interval_months\": 3, \"targets\": {}, \"size\": \"large\"}], \"questionnaires\": [], "
	  "\"assessments\": []}",
	  "1:103: organisation 'A': size must be micro, small or medium, not 'large'" },
	{ "hash mismatch", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": "
	  "[{\"hash\": \"" HASH "\", \"id\": \"x\", \"version\": \"1\", \"source\": \"id: x\"}], "
	  "\"assessments\": []}", "1:180: questionnaire snapshot " HASH ": the source does not match its hash" },
	{ "unknown organisation", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": [{\"uuid\": \"11111111-2222-4333-8444-555555555555\", \"organisation\": \"Nope\", "
	  "\"respondent\": \"R\", \"role\": \"owner\", \"questionnaire\": \"" HASH "\", \"date\": "
	  "\"2026-02-30\", \"status\": \"done\", \"answers\": []}]}",
	  "1:150: assessment: organisation 'Nope' is not in the bundle" },
	{ "alias", "{\"itmaturity_bundle\": &a 1, \"organisations\": *a}", "1:23: JSON syntax error: invalid token near '&'" },
	{ "duplicate key", "{\"itmaturity_bundle\": 1, \"itmaturity_bundle\": 2, \"organisations\": [], "
	  "\"questionnaires\": [], \"assessments\": []}", "1:26: duplicate key \"itmaturity_bundle\"" },
	{ "duplicate escaped key", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"organi\\u0073ations\": [], "
	  "\"questionnaires\": [], \"assessments\": []}", "1:47: duplicate key \"organi\\u0073ations\"" },
	{ "invalid UTF-8", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"Bad\xff\"",
	  "1:57: not valid UTF-8 (byte 0xFF)" },
	{ "lone surrogate", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"\\uD83D\"}]}",
	  "1:53: JSON syntax error: invalid Unicode '\\uD83D'" },
	{ "NUL escape", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"A\\u0000\"}]}",
	  "1:53: a text holds a NUL character (\\u0000)" },
	{ "after the end", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": []} {}", "1:88: JSON syntax error: end of file expected" },
	{ "escaped unknown key", "{\"itmaturity_bundle\": 1, \"organisations\": [], \"questionnaires\": [], "
	  "\"assessments\": [], \"\\u001b[2J\": 1}", "1:88: the bundle: unknown key '\\x1b[2J'" },
	{ "a name that is a control character", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": "
	  "\"\\u0007\", \"interval_months\": 3, \"targets\": {}}], \"questionnaires\": [], \"assessments\": []}",
	  "1:53: organisation: 'name' holds a control character" },
	{ "a target with no questionnaire", "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"A\", "
	  "\"interval_months\": 3, \"targets\": {\"security\": 3}}], \"questionnaires\": [], \"assessments\": []}",
	  "1:92: organisation 'A': target for domain 'security': no questionnaire in the bundle has this domain" },
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
/* A bundle without sizes (written before organisations had one) gives
 * small organisations; importing it again changes nothing. */
static void test_no_size_is_small(void **state)
{
	(void)state;
	static const char json[] = "{\"itmaturity_bundle\": 1, \"organisations\": [{\"name\": \"A\", "
				   "\"interval_months\": 3, \"targets\": {}}], \"questionnaires\": [], "
				   "\"assessments\": []}";
	struct tmp t = tmp_new();
	struct store *s = open_db(t.db1);
	tu_write(t.file, json, strlen(json));
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	for (int run = 0; run < 2; run++) {
		assert_int_equal(bundle_import(s, t.file, &n, &e), 0);
		assert_int_equal(n.orgs_added, run == 0);
		struct store_org o;
		assert_int_equal(store_org_get(s, "A", &o), 0);
		assert_string_equal(o.size, "small");
		store_org_free(&o);
	}
	assert_int_equal(count_orgs(s), 1);
	errs_free(&e);
	store_close(s);
	tmp_free(&t);
}

static void test_bad_answers(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	char *b = filled_bundle(&t);
	/* Damage the exported bundle in four places. */
	struct { const char *from, *to; } edits[] = {
		{ "\"option\": \"automatic\"", "\"option\": \"sometimes\"" },
		{ "\"date\": \"2026-01-02\"", "\"date\": \"2026-02-30\"" },
		{ "\"status\": \"draft\"", "\"status\": \"finished\"" },
		{ "\"question\": \"security.scope-migrations\"", "\"question\": \"security.nope\"" },
	};
	for (size_t i = 0; i < ARRAY_LEN(edits); i++)
		b = edit(b, edits[i].from, edits[i].to);
	tu_write(t.file, b, strlen(b));
	struct store *s2 = open_db(t.db2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s2, t.file, &n, &e), -2);
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
	assert_int_equal(count_orgs(s2), 0);  /* nothing stored */
	errs_free(&e);
	store_close(s2);
	free(b);
	tmp_free(&t);
}

/* Within one bundle, a question answered twice in an assessment, or two
 * assessments with one UUID, are refused: stored, one would silently
 * replace or hide the other. */
static void test_repeats_refused(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	char *b = filled_bundle(&t);
	/* The first answer object twice; the second assessment's UUID made the first's. */
	char *ans = strstr(b, "\"answers\": [\n");
	assert_non_null(ans);
	char *obj = strchr(ans, '{'), *end = strstr(obj, "}");
	assert_non_null(end);
	char *dup = xasprintf("%.*s, %.*s%s", (int)(end + 1 - b), b, (int)(end + 1 - obj), obj, end + 1);
	char *u1 = strstr(dup, "\"uuid\": \""), *u2 = u1 ? strstr(u1 + 1, "\"uuid\": \"") : NULL;
	assert_non_null(u2);
	memcpy(u2 + 9, u1 + 9, 36);
	tu_write(t.file, dup, strlen(dup));
	struct store *s2 = open_db(t.db2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	assert_int_equal(bundle_import(s2, t.file, &n, &e), -2);
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
	assert_int_equal(count_orgs(s2), 0);  /* nothing stored */
	errs_free(&e);
	store_close(s2);
	free(dup);
	free(b);
	tmp_free(&t);
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
	assert_int_equal(count_orgs(s), 0);  /* nothing stored */
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

/* The line and column of byte OFF of S. */
static char *place(const char *s, size_t off)
{
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++, col = 1;
		else if ((s[i] & 0xC0) != 0x80)
			col++;
	return xasprintf("%u:%u: ", line, col);
}

/* Values that only a strict JSON reader or the text rules refuse, each put
 * into an exported bundle: refused, at the place MARK stands in TO. */
static const struct {
	const char *name, *from, *to, *mark, *want;
} hostile[] = {
	{ "duplicate key", "\"status\": \"draft\"", "\"status\": \"draft\", \"status\": \"complete\"",
	  "\"status\": \"complete\"", "duplicate key \"status\": JSON readers disagree" },
	{ "lone surrogate", "\"respondent\": \"Zoë\"", "\"respondent\": \"\\uDE00 Zoë\"", "\"\\uDE00",
	  "JSON syntax error: invalid Unicode '\\uDE00'" },
	{ "invalid UTF-8", "\"role\": \"owner\"", "\"role\": \"own\xff" "er\"", "\xff",
	  "not valid UTF-8 (byte 0xFF)" },
	{ "overlong UTF-8", "\"role\": \"owner\"", "\"role\": \"own\xc0\xaf" "er\"", "\xc0",
	  "not valid UTF-8 (byte 0xC0)" },
	{ "escape sequence in a name", "\"name\": \"Café Élysée\"", "\"name\": \"Café\\u001b[2J Élysée\"",
	  "\"Café\\u001b", "organisation: 'name' holds a control character" },
	{ "name of 101 characters", "\"role\": \"owner\"", "\"role\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "\"xxx",
	  "assessment: 'role' is too long" },
	{ "blank name", "\"respondent\": \"Zoë\"", "\"respondent\": \"  \\t \"", "\"  ",
	  "assessment: 'respondent' is empty" },
	{ "note with a bell", "\"note\": \"line one", "\"note\": \"\\u0007line one", "\"\\u0007",
	  "answer: 'note' holds a control character" },
	{ "target -5", "\"security\": 3.5", "\"security\": -5", "-5",
	  "organisation 'Café Élysée': target -5 for domain 'security' is not on the scale of "
	  "questionnaire example 1.2 (0 to 4)" },
	{ "target 4.5", "\"security\": 3.5", "\"security\": 4.5", "4.5",
	  "organisation 'Café Élysée': target 4.5 for domain 'security' is not on the scale" },
	{ "target of an unknown domain", "\"security\": 3.5", "\"securty\": 3.5", "\"securty\"",
	  "organisation 'Café Élysée': target for domain 'securty': no questionnaire in the bundle" },
	{ "date 9999-11-30", "\"date\": \"2026-03-31\"", "\"date\": \"9999-11-30\"", "\"9999",
	  "assessment: date 9999-11-30 is in the future (today is " },
	{ "date before 1990", "\"date\": \"2026-03-31\"", "\"date\": \"1989-12-31\"", "\"1989",
	  "assessment: date 1989-12-31 is before 1990-01-01" },
};

static void test_hostile_values(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	char *exported = filled_bundle(&t);
	struct store *s2 = open_db(t.db2);
	for (size_t i = 0; i < ARRAY_LEN(hostile); i++) {
		char *b = edit(xstrdup(exported), hostile[i].from, hostile[i].to);
		char *at = strstr(b, hostile[i].to);
		char *want = place(b, (size_t)(at - b) + (size_t)(strstr(hostile[i].to, hostile[i].mark) -
								hostile[i].to));
		char *full = xasprintf("%s%s", want, hostile[i].want);
		tu_write(t.file, b, strlen(b));
		struct itm_errors e = { 0 };
		struct bundle_counts n;
		int rc = bundle_import(s2, t.file, &n, &e);
		if (rc != -2 || !tu_has_error(&e, full)) {
			print_message("%s: wanted %s\n", hostile[i].name, full);
			tu_print_errors(&e);
		}
		assert_int_equal(rc, -2);
		assert_true(tu_has_error(&e, full));
		errs_free(&e);
		free(full);
		free(want);
		free(b);
	}
	assert_int_equal(count_orgs(s2), 0);  /* nothing stored */
	store_close(s2);
	free(exported);
	tmp_free(&t);
}

/* Escaped surrogate pairs are characters: "\uD83D\uDE00" is stored as U+1F600,
 * and names are stored trimmed. */
static void test_surrogate_pairs(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	char *b = filled_bundle(&t);
	b = edit(b, "\"respondent\": \"Zoë\"", "\"respondent\": \" \\uD83D\\uDE00 Zo\\u00EB \"");
	b = edit(b, "\"name\": \"Café Élysée\"", "\"name\": \"Caf\\u00e9 \\u00c9lys\\u00e9e\"");
	tu_write(t.file, b, strlen(b));
	struct store *s2 = open_db(t.db2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	int rc = bundle_import(s2, t.file, &n, &e);
	tu_print_errors(&e);
	assert_int_equal(rc, 0);
	assert_int_equal(n.assessments_added, 3);
	struct store_assessment *v;
	size_t nv;
	struct store_filter f = { .oldest_first = true };
	assert_int_equal(store_assessment_list(s2, &f, &v, &nv), 0);
	size_t smiling = 0;
	for (size_t i = 0; i < nv; i++)
		smiling += strcmp(v[i].respondent, "\xF0\x9F\x98\x80 Zoë") == 0;
	assert_int_equal(smiling, 1);
	store_assessments_free(v, nv);
	struct store_org o;
	assert_int_equal(store_org_get(s2, "Café Élysée", &o), 0);
	store_org_free(&o);
	errs_free(&e);
	store_close(s2);
	free(b);
	tmp_free(&t);
}

/* An assessment whose UUID is in the database with other content is a
 * conflict: reported at the assessment, and nothing of the bundle is
 * imported, not even what is new. */
static void test_conflict_refused(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	struct store *s = open_db(t.db1);
	fill(s);
	struct store_org o;
	assert_int_equal(store_org_get(s, "Café Élysée", &o), 0);
	char *cafe = NULL;
	size_t len;
	FILE *f = open_memstream(&cafe, &len);
	assert_int_equal(bundle_export(s, o.id, f), 0);
	fclose(f);
	store_org_free(&o);
	char *all = export_all(s, &len);
	store_close(s);

	struct store *s2 = open_db(t.db2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	tu_write(t.file, cafe, strlen(cafe));
	assert_int_equal(bundle_import(s2, t.file, &n, &e), 0);
	size_t l1, l2;
	char *before = export_all(s2, &l1);
	static const struct { const char *from, *to, *want; } changes[] = {
		{ "line one", "line 1", "the answers differ" },
		{ "\"role\": \"owner\"", "\"role\": \"manager\"", "the role differs" },
		{ "\"date\": \"2026-03-31\"", "\"date\": \"2026-03-30\"", "the date differs" },
	};
	for (size_t i = 0; i < ARRAY_LEN(changes); i++) {
		char *b = edit(xstrdup(all), changes[i].from, changes[i].to);
		tu_write(t.file, b, strlen(b));
		assert_int_equal(bundle_import(s2, t.file, &n, &e), -2);
		assert_int_equal(e.n, 1);
		assert_true(e.v[0].line > 1 && e.v[0].col > 1);
		assert_non_null(strstr(e.v[0].message, "is already in the database, with other content ("));
		assert_non_null(strstr(e.v[0].message, changes[i].want));
		assert_non_null(strstr(e.v[0].message, "nothing was imported"));
		assert_int_equal(n.orgs_added + n.assessments_added + n.assessments_present, 0);
		errs_free(&e);
		free(b);
	}
	assert_int_equal(count_orgs(s2), 1);  /* not even the new organisation */
	char *after = export_all(s2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(before, after, l1);
	/* The unchanged bundle is no conflict. */
	tu_write(t.file, all, strlen(all));
	assert_int_equal(bundle_import(s2, t.file, &n, &e), 0);
	assert_int_equal(n.assessments_present, 1);
	assert_int_equal(n.assessments_added, 2);
	errs_free(&e);
	free(after);
	free(before);
	store_close(s2);
	free(all);
	free(cafe);
	tmp_free(&t);
}

/* Sets, with SQL as an older itmaturity could have left them, an
 * organisation's name, every respondent and role, and every note. */
static void damage(const char *path, const char *org, const char *respondent, const char *role,
		   const char *note)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	static const char *const sql[] = {
		"UPDATE org SET name = ?1 WHERE name = 'Café Élysée'",
		"UPDATE assessment SET respondent = ?2, role = ?3",
		"UPDATE answer SET note = ?4 WHERE note IS NOT NULL",
	};
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &st, NULL), SQLITE_OK);
		const char *v[] = { org, respondent, role, note };
		for (int k = 1; k <= sqlite3_bind_parameter_count(st); k++)
			sqlite3_bind_text(st, k, v[k - 1], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

/* Text a database holds that the tool no longer takes in (bytes that are
 * not UTF-8, control characters, blanks around a name, a name too long)
 * is exported the way import accepts it: the bundle is valid UTF-8,
 * imports into an empty database, exports again to the same bytes, and
 * imports back into its own database as already present. */
static void test_export_of_stored_text(void **state)
{
	(void)state;
	struct tmp t = tmp_new();
	struct store *s = open_db(t.db1);
	fill(s);
	store_close(s);
	char role[151];
	memset(role, 'r', 150);
	role[150] = '\0';
	damage(t.db1, "Bad\xff", " Zo\x1b[31m ", role, "a\rb\xc3");
	s = open_db(t.db1);
	size_t l1, l2;
	char *b1 = export_all(s, &l1);
	assert_true(text_utf8(b1, l1));
	assert_non_null(strstr(b1, "\"name\": \"Bad\xEF\xBF\xBD\""));
	assert_non_null(strstr(b1, "\"respondent\": \"Zo\\\\x1b[31m\""));
	assert_non_null(strstr(b1, "\"note\": \"a\\\\x0db\xEF\xBF\xBD\""));
	char *cut = xasprintf("\"role\": \"%.100s\"", role);
	assert_non_null(strstr(b1, cut));
	tu_write(t.file, b1, l1);
	struct store *s2 = open_db(t.db2);
	struct itm_errors e = { 0 };
	struct bundle_counts n;
	int rc = bundle_import(s2, t.file, &n, &e);
	tu_print_errors(&e);
	assert_int_equal(rc, 0);
	assert_int_equal(n.assessments_added, 3);
	char *b2 = export_all(s2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(b1, b2, l1);
	/* Back into the database it came from: nothing new, no conflict. */
	rc = bundle_import(s, t.file, &n, &e);
	tu_print_errors(&e);
	assert_int_equal(rc, 0);
	assert_int_equal(n.orgs_added, 0);
	assert_int_equal(n.assessments_present, 3);
	assert_int_equal(count_orgs(s), 2);
	errs_free(&e);
	free(b2);
	free(cut);
	free(b1);
	store_close(s2);
	store_close(s);
	tmp_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_bundles),
		cmocka_unit_test(test_no_size_is_small),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_repeats_refused),
		cmocka_unit_test(test_hostile_bundle_files),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_surrogate_pairs),
		cmocka_unit_test(test_conflict_refused),
		cmocka_unit_test(test_export_of_stored_text),
	};
	return cmocka_run_group_tests_name("bundle", tests, setup, teardown);
}
