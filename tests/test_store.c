/* test_store.c - the SQLite store: what it keeps (organisations, targets,
 * drafts, answers, packs) and what it refuses (a foreign, corrupt or newer
 * file, a lock, a complete assessment's answers changed). Reading only,
 * upgrades and faults have files of their own (test_store_*.c). */
#include "store_util.h"

static void test_create_private(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/new/sub/it.db", dir);
	struct store *s = open_rw(path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *sub = xasprintf("%s/new/sub", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	add_org(s, "A");  /* makes -wal and -shm exist */
	char *wal = xasprintf("%s-wal", path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	store_close(s);
	assert_int_equal(count(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(count(path, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(count(path, "SELECT count(*) FROM org"), 1);
	tu_rmrf(dir);
	free(wal);
	free(sub);
	free(path);
	free(dir);
}

static void test_resolve_path(void **state)
{
	(void)state;
	char *p = store_resolve_path("x.db");
	assert_string_equal(p, "x.db");
	free(p);
	setenv("ITMATURITY_DB", "/tmp/env.db", 1);
	p = store_resolve_path(NULL);
	assert_string_equal(p, "/tmp/env.db");
	free(p);
	unsetenv("ITMATURITY_DB");
	setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
	p = store_resolve_path(NULL);
	assert_string_equal(p, "/tmp/xdg/itmaturity/itmaturity.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/someone", 1);
	p = store_resolve_path(NULL);
	assert_string_equal(p, "/home/someone/.local/share/itmaturity/itmaturity.db");
	free(p);
	/* A relative XDG_DATA_HOME is ignored, as the XDG rules say. */
	setenv("XDG_DATA_HOME", "relative/xdg", 1);
	p = store_resolve_path(NULL);
	assert_string_equal(p, "/home/someone/.local/share/itmaturity/itmaturity.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
}

static void test_orgs_and_targets(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t a = add_org(s, "Café Élysée");
	int64_t b = add_org(s, "Bakkerij");
	int64_t x;
	assert_int_equal(store_org_add(s, "Bakkerij", &x), STORE_TAKEN);
	assert_string_equal(store_errmsg(s), "an organisation named 'Bakkerij' exists already");
	struct store_org o;
	assert_int_equal(store_org_get(s, "Café Élysée", &o), 0);
	assert_true(o.id == a);
	assert_int_equal(o.interval_months, 3);
	store_org_free(&o);
	assert_int_equal(store_org_get(s, "Nobody", &o), 1);
	assert_int_equal(store_org_rename(s, b, "Bakkerij Janssens"), 0);
	assert_int_equal(store_org_rename(s, b, "Café Élysée"), STORE_TAKEN);
	assert_string_equal(store_errmsg(s), "an organisation named 'Café Élysée' exists already");
	assert_int_equal(store_org_rename(s, 9999, "Nobody"), -1);
	assert_int_equal(store_org_set_interval(s, a, 6), 0);
	struct store_org *v;
	size_t n;
	assert_int_equal(store_org_list(s, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Bakkerij Janssens");
	assert_string_equal(v[1].name, "Café Élysée");
	assert_int_equal(v[1].interval_months, 6);
	store_orgs_free(v, n);

	assert_int_equal(store_target_set(s, a, "security", 3), 0);
	assert_int_equal(store_target_set(s, a, "roles", 2), 0);
	assert_int_equal(store_target_set(s, a, "security", 3.5), 0);
	struct store_target *t;
	assert_int_equal(store_targets(s, a, &t, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].domain, "roles");
	assert_true(t[1].target == 3.5);
	store_targets_free(t, n);
	assert_int_equal(store_target_clear(s, a, "roles"), 0);
	assert_int_equal(store_targets(s, a, &t, &n), 0);
	assert_int_equal(n, 1);
	store_targets_free(t, n);
	store_close(s);
}

static void test_drafts_answers_history(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t org = add_org(s, "A"), other = add_org(s, "B");
	struct store_new in = new_in(org, "2026-03-31");
	int64_t d1;
	assert_int_equal(store_draft_new(s, &in, &d1), 0);
	struct store_answer a = { .question = "d.q", .kind = STORE_OPTION, .option = "yes", .note = "ok" };
	assert_int_equal(store_answer_put(s, d1, &a), 0);
	a.kind = STORE_UNKNOWN;
	a.note = NULL;
	assert_int_equal(store_answer_put(s, d1, &a), 0);  /* replaces */
	struct store_answer b = { .question = "d.r", .kind = STORE_NA };
	assert_int_equal(store_answer_put(s, d1, &b), 0);
	struct store_answer c = { .question = "d.s", .kind = STORE_OPTION, .option = "no" };
	assert_int_equal(store_answer_put(s, d1, &c), 0);
	assert_int_equal(store_answer_clear(s, d1, "d.s"), 0);
	assert_int_equal(store_answer_put(s, 999, &c), -1);  /* no such assessment */

	struct store_answer *v;
	size_t n;
	assert_int_equal(store_answers(s, d1, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].question, "d.q");
	assert_int_equal(v[0].kind, STORE_UNKNOWN);
	assert_null(v[0].option);
	assert_null(v[0].note);
	assert_int_equal(v[1].kind, STORE_NA);
	store_answers_free(v, n);

	struct store_assessment got;
	assert_int_equal(store_assessment_get(s, d1, &got), 0);
	assert_false(got.complete);
	assert_false(got.has_overall);
	assert_string_equal(got.org, "A");
	assert_string_equal(got.taken, "2026-03-31");
	assert_string_equal(got.qn_id, "minimal");
	assert_int_equal(strlen(got.uuid), 36);
	assert_true(got.uuid[14] == '4');
	char hash[65];
	sha256_hex(source, sizeof(source) - 1, hash);
	assert_string_equal(got.qn_hash, hash);
	char *text;
	size_t len;
	assert_int_equal(store_snapshot(s, got.qn_hash, &text, &len), 0);
	assert_int_equal(len, sizeof(source) - 1);
	assert_memory_equal(text, source, len);
	free(text);
	store_assessment_free(&got);
	assert_int_equal(store_assessment_get(s, 4242, &got), 1);

	const char *doms[] = { "d", "e" };
	double pct[] = { 75, NAN };
	struct store_scores sc = { .overall = 75, .n = 2, .domains = doms, .percents = pct };
	assert_int_equal(store_complete(s, d1, &sc), 0);
	assert_int_equal(store_assessment_get(s, d1, &got), 0);
	assert_true(got.complete && got.has_overall && got.overall == 75);
	store_assessment_free(&got);
	struct store_domain_score *ds;
	assert_int_equal(store_domain_scores(s, d1, &ds, &n), 0);
	assert_int_equal(n, 2);
	assert_true(ds[0].percent == 75);
	assert_true(isnan(ds[1].percent));
	store_domain_scores_free(ds, n);

	int64_t d2, d3, d4;
	assert_int_equal(save_n(s, org, "2026-06-30", 3, &d2), 0);
	assert_int_equal(save_n(s, other, "2026-05-01", 3, &d3), 0);
	in.taken = "2026-01-01";
	assert_int_equal(store_draft_new(s, &in, &d4), 0);
	/* One snapshot for four assessments of the same text. */
	assert_int_equal(count(path, "SELECT count(*) FROM snapshot"), 1);

	struct store_assessment *l;
	struct store_filter f = { 0 };
	assert_int_equal(store_assessment_list(s, &f, &l, &n), 0);
	assert_int_equal(n, 4);
	assert_true(l[0].id == d2 && l[1].id == d3 && l[2].id == d1 && l[3].id == d4);
	store_assessments_free(l, n);
	f.org_id = org;
	f.status = STORE_COMPLETE;
	f.oldest_first = true;
	assert_int_equal(store_assessment_list(s, &f, &l, &n), 0);
	assert_int_equal(n, 2);
	assert_true(l[0].id == d1 && l[1].id == d2);
	store_assessments_free(l, n);
	f.status = STORE_DRAFT;
	f.limit = 1;
	assert_int_equal(store_assessment_list(s, &f, &l, &n), 0);
	assert_int_equal(n, 1);
	assert_true(l[0].id == d4);
	store_assessments_free(l, n);

	assert_int_equal(store_assessment_delete(s, d1), 0);
	assert_int_equal(store_assessment_delete(s, d1), -1);
	assert_string_equal(store_errmsg(s), "assessment: not found");
	assert_int_equal(store_answers(s, d1, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);
	store_close(s);
	expect_integrity_ok(path);
}

/* Two connections on one draft (two wizards resuming it): once one has
 * completed it, the other's answer, clear and complete are refused, each
 * in the transaction that would have written, and the complete
 * assessment's answers and cached percentage stay as they were. */
static void test_completed_elsewhere(void **state)
{
	struct tmp *fx = *state;
	struct store *a = open_rw(fx->path), *b = open_rw(fx->path);
	struct store_new in = new_in(add_org(a, "A"), "2026-03-31");
	int64_t id;
	assert_int_equal(store_draft_new(a, &in, &id), 0);
	struct store_answer yes = { .question = "d.q", .kind = STORE_OPTION, .option = "yes" };
	assert_int_equal(store_answer_put(b, id, &yes), 0);
	const char *doms[] = { "d" };
	double pct[] = { 100 }, zero[] = { 0 };
	struct store_scores sc = { .overall = 100, .n = 1, .domains = doms, .percents = pct };
	assert_int_equal(store_complete(a, id, &sc), 0);
	/* The file and its write-ahead log: no checkpoint while B is open. */
	char *wal = xasprintf("%s-wal", fx->path);
	char *before = file_hash(fx->path), *wal_before = file_hash(wal);

	struct store_answer no = { .question = "d.q", .kind = STORE_OPTION, .option = "no" };
	assert_int_equal(store_answer_put(b, id, &no), STORE_NOT_DRAFT);
	char *want = xasprintf("assessment %lld is complete: its answers can no longer change", (long long)id);
	assert_string_equal(store_errmsg(b), want);
	struct store_answer other = { .question = "d.r", .kind = STORE_NA };
	assert_int_equal(store_answer_put(b, id, &other), STORE_NOT_DRAFT);
	assert_int_equal(store_answer_clear(b, id, "d.q"), STORE_NOT_DRAFT);
	struct store_scores sc0 = { .overall = 0, .n = 1, .domains = doms, .percents = zero };
	assert_int_equal(store_complete(b, id, &sc0), STORE_NOT_DRAFT);
	assert_string_equal(store_errmsg(b), want);
	/* Inside a caller's transaction too. */
	assert_int_equal(store_begin(b), 0);
	assert_int_equal(store_answer_put(b, id, &no), STORE_NOT_DRAFT);
	store_rollback(b);

	struct store_answer *v;
	size_t n;
	assert_int_equal(store_answers(b, id, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].option, "yes");
	store_answers_free(v, n);
	struct store_assessment got;
	assert_int_equal(store_assessment_get(b, id, &got), 0);
	assert_true(got.complete && got.overall == 100);
	store_assessment_free(&got);
	char *after = file_hash(fx->path), *wal_after = file_hash(wal);
	assert_string_equal(before, after);
	assert_string_equal(wal_before, wal_after);
	store_close(a);
	store_close(b);
	/* A draft that is not there at all is another error. */
	b = open_rw(fx->path);
	assert_int_equal(store_answer_put(b, 999, &yes), -1);
	assert_string_equal(store_errmsg(b), "assessment 999: not found");
	store_close(b);
	free(want);
	free(wal);
	free(before);
	free(after);
	free(wal_before);
	free(wal_after);
}

static void test_save_is_idempotent_by_uuid(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t org = add_org(s, "A"), id1, id2;
	struct store_new in = new_in(org, "2026-01-01");
	in.uuid = "11111111-2222-4333-8444-555555555555";
	struct store_answer a = { .question = "d.q", .kind = STORE_OPTION, .option = "yes" };
	const char *doms[] = { "d" };
	double pct[] = { 100 };
	struct store_scores sc = { .overall = 100, .n = 1, .domains = doms, .percents = pct };
	bool added;
	assert_int_equal(store_assessment_save(s, &in, &a, 1, &sc, &id1, &added), 0);
	assert_true(added);
	assert_int_equal(store_assessment_save(s, &in, &a, 1, &sc, &id2, &added), 0);
	assert_false(added);
	assert_true(id1 == id2);
	store_close(s);
	assert_int_equal(count(path, "SELECT count(*) FROM assessment"), 1);
	assert_int_equal(count(path, "SELECT count(*) FROM answer"), 1);
}

static void test_backup(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/it.db", dir), *copy = xasprintf("%s/copy.db", dir);
	struct store *s = open_rw(path);
	int64_t id;
	assert_int_equal(save_n(s, add_org(s, "A"), "2026-01-01", 20, &id), 0);
	assert_int_equal(store_backup(s, copy), 0);
	assert_int_equal(store_backup(s, copy), -1);  /* never overwrites */
	store_close(s);
	struct stat st;
	assert_int_equal(stat(copy, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	expect_integrity_ok(copy);
	assert_int_equal(count(copy, "SELECT count(*) FROM answer"), 20);
	tu_rmrf(dir);
	free(copy);
	free(path);
	free(dir);
}

/* Bad databases are refused and left byte for byte as they were. */
static void test_refused_untouched(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/x.db", dir);

	static const char text[] = "hello, I am a text file and not a database at all, "
				   "long enough to have a header; long enough to have a header.\n";
	tu_write(path, text, sizeof(text) - 1);
	char *h = file_hash(path);
	expect_refused(path, false, "not an itmaturity database (not an SQLite file)");
	expect_refused(path, true, "not an itmaturity database (not an SQLite file)");
	char *h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h);
	free(h2);
	unlink(path);

	/* Someone else's SQLite database. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE photos(x); INSERT INTO photos VALUES (1);",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	h = file_hash(path);
	expect_refused(path, false, "not an itmaturity database (it holds 1 other tables or indexes)");
	h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h);
	free(h2);
	unlink(path);

	/* One of ours from a newer version. */
	struct store *s = open_rw(path);
	store_close(s);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	h = file_hash(path);
	expect_refused(path, false, "made by a newer itmaturity (schema version 99; this one knows up to 6)");
	expect_refused(path, true, "made by a newer itmaturity");
	h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h);
	free(h2);
	unlink(path);

	/* Corrupt: the first page's b-tree header overwritten. */
	s = open_rw(path);
	add_org(s, "A");
	store_close(s);
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "\x77\x77\x77\x77\x77\x77\x77\x77", 8, 100), 8);
	close(fd);
	h = file_hash(path);
	expect_refused(path, false, "the database is corrupt");
	h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h);
	free(h2);
	unlink(path);

	/* Missing, for reading. */
	expect_refused(path, true, "no database here");
	assert_int_not_equal(access(path, F_OK), 0);
	tu_rmrf(dir);
	free(path);
	free(dir);
}


static void test_locked(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	store_close(s);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO org (name) VALUES ('held')",
				      NULL, NULL, NULL), SQLITE_OK);
	struct store_open_opts o = { .busy_ms = 100 };
	char *err = NULL;
	s = store_open(path, &o, &err);
	assert_non_null(s);  /* WAL: reading goes on while another writes */
	int64_t id;
	assert_int_equal(store_org_add(s, "mine", &id), -1);
	assert_string_equal(store_errmsg(s), "the database is locked by another program (waited and gave up)");
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_org_add(s, "mine", &id), 0);
	store_close(s);
	sqlite3_close(db);
}


/* A complete assessment's answers are read back from their pack exactly
 * as from their rows, and no longer change; a change to a draft's answers
 * drops a pack; a damaged pack is refused with a message, never read past
 * its end. */
static void test_answer_pack(void **state)
{
	struct tmp *fx = *state;
	struct store *s = open_rw(fx->path);
	int64_t org = add_org(s, "A"), id, empty;
	assert_int_equal(save_n(s, org, "2026-01-01", 12, &id), 0);
	char *packs = xasprintf("SELECT count(*) FROM answer_pack WHERE assessment_id = %lld", (long long)id);
	assert_int_equal(count(fx->path, packs), 1);
	struct store_answer *v;
	size_t n;
	assert_int_equal(store_answers(s, id, &v, &n), 0);
	assert_int_equal(n, 12);
	/* In question order, as the rows are: d.q0, d.q1, d.q10, d.q11, d.q2 ... */
	assert_string_equal(v[0].question, "d.q0");
	assert_string_equal(v[2].question, "d.q10");
	assert_string_equal(v[11].question, "d.q9");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].kind, STORE_OPTION);
		assert_string_equal(v[i].option, "yes");
		int q = atoi(v[i].question + 3);
		if (q % 2)
			assert_string_equal(v[i].note, "a note");
		else
			assert_null(v[i].note);
	}
	store_answers_free(v, n);

	/* A complete assessment's answers no longer change: its pack stays. */
	struct store_answer na = { .question = (char *)"d.q5", .kind = STORE_NA, .note = (char *)"moved" };
	assert_int_equal(store_answer_put(s, id, &na), STORE_NOT_DRAFT);
	assert_int_equal(count(fx->path, packs), 1);

	/* A draft's do, and a change drops a pack made of them. */
	struct store_new in = new_in(org, "2026-01-01");
	assert_int_equal(store_draft_new(s, &in, &id), 0);
	free(packs);
	packs = xasprintf("SELECT count(*) FROM answer_pack WHERE assessment_id = %lld", (long long)id);
	for (size_t i = 0; i < 12; i++) {
		char q[16];
		snprintf(q, sizeof(q), "d.q%zu", i);
		struct store_answer a = { .question = q, .kind = STORE_OPTION, .option = (char *)"yes" };
		assert_int_equal(store_answer_put(s, id, &a), 0);
	}
	assert_int_equal(store_pack(s, id), 0);
	assert_int_equal(count(fx->path, packs), 1);
	assert_int_equal(store_answer_put(s, id, &na), 0);
	assert_int_equal(count(fx->path, packs), 0);
	const char *doms[] = { "d" };
	double pct[] = { 40 };
	struct store_scores sc = { .overall = 40, .n = 1, .domains = doms, .percents = pct };
	assert_int_equal(store_complete(s, id, &sc), 0);
	assert_int_equal(count(fx->path, packs), 0);  /* left to store_pack */
	for (int packed = 0; packed < 2; packed++) {
		assert_int_equal(store_answers(s, id, &v, &n), 0);
		assert_int_equal(n, 12);
		assert_string_equal(v[7].question, "d.q5");
		assert_int_equal(v[7].kind, STORE_NA);
		assert_null(v[7].option);
		assert_string_equal(v[7].note, "moved");
		store_answers_free(v, n);
		assert_int_equal(store_pack(s, id), 0);
		assert_int_equal(count(fx->path, packs), 1);
	}
	assert_int_equal(store_answer_clear(s, id, "d.q5"), STORE_NOT_DRAFT);
	assert_int_equal(count(fx->path, packs), 1);
	/* Scores set again (for an upgraded database) pack the answers again. */
	exec_sql(fx->path, "DELETE FROM answer_pack");
	assert_int_equal(store_set_scores(s, id, &sc), 0);
	assert_int_equal(count(fx->path, packs), 1);
	assert_int_equal(save_n(s, org, "2026-02-01", 0, &empty), 0);
	assert_int_equal(store_answers(s, empty, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	store_close(s);

	/* Damaged packs: each is refused, by name. */
	static const char *const bad[] = {
		"",                                        /* no count */
		"010000",                                  /* a count cut short */
		"01000000" "00642E713000",                 /* no kind */
		"01000000" "78642E713000" "00" "00",       /* unknown kind 'x' */
		"01000000" "6F642E7130",                   /* the question never ends */
		"01000000" "6F642E71300079",               /* the option never ends */
		"01000000" "6F642E713000" "00" "00",       /* an option answer without its option */
		"01000000" "6E642E713000" "7900" "00",     /* n/a with an option */
		"01000000" "6F00" "7900" "00",             /* no question */
		"02000000" "6F642E713000" "7900" "00" "6F", /* a record cut short */
		"02000000" "6F642E713000" "7900" "00",     /* fewer records than counted */
		"00000000" "6F642E713000" "7900" "00",     /* more than counted */
		"FFFFFFFF" "6F642E713000" "7900" "00",     /* a count no value could hold */
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		sqlite3 *db;
		assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
		char *sql = xasprintf("UPDATE answer_pack SET packed = x'%s' WHERE assessment_id = %lld",
				      bad[i], (long long)id);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_changes(db), 1);
		free(sql);
		sqlite3_close(db);
		s = open_rw(fx->path);
		v = (struct store_answer *)1;
		assert_int_equal(store_answers(s, id, &v, &n), -1);
		assert_null(v);
		char *want = xasprintf("the saved answers of assessment %lld are damaged", (long long)id);
		assert_true(strncmp(store_errmsg(s), want, strlen(want)) == 0);
		free(want);
		store_close(s);
	}
	free(packs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_private),
		cmocka_unit_test(test_resolve_path),
		cmocka_unit_test_setup_teardown(test_orgs_and_targets, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_drafts_answers_history, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_completed_elsewhere, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_save_is_idempotent_by_uuid, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_backup),
		cmocka_unit_test(test_refused_untouched),
		cmocka_unit_test_setup_teardown(test_locked, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_answer_pack, tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
