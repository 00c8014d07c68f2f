/* test_store_upgrade.c - the store's schema upgrades: from schema-1,
 * schema-3 and schema-4 fixtures, unknown versions refused untouched, one private backup a
 * version, two processes upgrading at once, and names SQLite would not
 * read as files. */
#include "store_util.h"

/* A copy of fixtures/db/NAME as DIR/old.db (caller frees the path). */
static char *fixture_copy(const char *dir, const char *name)
{
	char *path = xasprintf("%s/old.db", dir);
	char *cmd = xasprintf("cp fixtures/db/%s '%s'", name, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return path;
}

static void test_migration_from_schema1(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = fixture_copy(dir, "schema1.db");
	char *before = file_hash(path);
	struct store *s = open_rw(path);
	assert_non_null(store_migration_backup(s));
	char *bak = xstrdup(store_migration_backup(s));
	char *want = xasprintf("%s.schema1.bak", path);
	assert_string_equal(bak, want);
	struct store_assessment a;
	assert_int_equal(store_assessment_get(s, 1, &a), 0);
	assert_string_equal(a.org, "Bakkerij Janssens");
	assert_string_equal(a.respondent, "An Janssens");
	assert_true(a.complete);
	assert_false(a.has_overall);
	store_assessment_free(&a);
	struct store_org o;
	assert_int_equal(store_org_get(s, "Café Élysée", &o), 0);
	assert_int_equal(o.interval_months, 3);
	store_org_free(&o);
	struct store_answer *v;
	size_t n;
	assert_int_equal(store_answers(s, 1, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "since March");
	store_answers_free(v, n);
	int64_t *ids;
	assert_int_equal(store_unscored(s, &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_true(ids[0] == 1);
	free(ids);
	char *text;
	size_t len;
	assert_int_equal(store_snapshot(s, "401d045896b9df4db57a25477475c22c7632f78ccc6df7f83fbf31149f9f9c56",
					&text, &len), 0);
	assert_true(strstr(text, "id: minimal") != NULL);
	free(text);
	store_close(s);
	assert_int_equal(count(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	/* Schema 3 packed the answers of the complete one. */
	assert_int_equal(count(path, "SELECT count(*) FROM answer_pack"), 1);
	assert_int_equal(count(path, "SELECT length(packed) FROM answer_pack"),
			 count(path, "SELECT 4 + sum(4 + length(CAST(question AS BLOB)) + "
				     "ifnull(length(CAST(option_key AS BLOB)), 0) + "
				     "ifnull(length(CAST(note AS BLOB)), 0)) FROM answer WHERE assessment_id = 1"));
	expect_integrity_ok(path);
	/* The backup is the old database, whole. */
	assert_int_equal(count(bak, "PRAGMA user_version"), 1);
	assert_int_equal(count(bak, "SELECT count(*) FROM answer"), 2);
	(void)before;
	free(before);
	tu_rmrf(dir);
	free(want);
	free(bak);
	free(path);
	free(dir);
}

/* After an upgrade from schema FROM of a fixture with two organisations
 * and one assessment: PATH at this code's schema, whole, its one pack
 * kept, and the backup WANT still at FROM; then DIR and the names go. */
static void expect_upgraded(char *dir, char *path, char *want, int from)
{
	assert_int_equal(count(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(count(path, "SELECT count(*) FROM answer_pack"), 1);
	expect_integrity_ok(path);
	assert_int_equal(count(want, "PRAGMA user_version"), from);
	assert_int_equal(count(want, "SELECT count(*) FROM org"), 2);
	tu_rmrf(dir);
	free(want);
	free(path);
	free(dir);
}

/* From a database of schema 3, made by itmaturity before organisations
 * had a size (fixtures/db/make-schema3.sh): every organisation is small,
 * nothing else changed, a size can be set, and the database refuses a
 * size that is none of the three. */
static void test_migration_from_schema3(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = fixture_copy(dir, "schema3.db");
	struct store *s = open_rw(path);
	char *want = xasprintf("%s.schema3.bak", path);
	assert_string_equal(store_migration_backup(s), want);
	struct store_org *v;
	size_t n;
	assert_int_equal(store_org_list(s, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Bakkerij Janssens");
	assert_string_equal(v[0].size, "small");
	assert_int_equal(v[0].interval_months, 6);
	assert_string_equal(v[1].name, "Café Élysée");
	assert_string_equal(v[1].size, "small");
	struct store_target *t;
	size_t nt;
	assert_int_equal(store_targets(s, v[0].id, &t, &nt), 0);
	assert_int_equal(nt, 1);
	assert_string_equal(t[0].domain, "d");
	store_targets_free(t, nt);
	assert_int_equal(store_org_set_size(s, v[1].id, "micro"), 0);
	assert_int_equal(store_org_set_size(s, v[1].id, "huge"), -1);
	struct store_org o;
	assert_int_equal(store_org_by_id(s, v[1].id, &o), 0);
	assert_string_equal(o.size, "micro");
	store_org_free(&o);
	assert_int_equal(store_org_by_id(s, 999, &o), 1);
	struct store_assessment a;
	assert_int_equal(store_assessment_get(s, 1, &a), 0);
	assert_string_equal(a.respondent, "An Janssens");
	assert_true(a.complete && a.has_overall);
	store_assessment_free(&a);
	store_orgs_free(v, n);
	store_close(s);
	expect_upgraded(dir, path, want, 3);
}

/* From a database of schema 4, made by itmaturity before the action plan
 * (fixtures/db/make-schema4.sh): the backup, nothing else changed, and
 * an action round-trips through the new table, its assessment's uuid and
 * date read with it, and a second add of its uuid adds nothing. */
static void test_migration_from_schema4(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = fixture_copy(dir, "schema4.db");
	struct store *s = open_rw(path);
	char *want = xasprintf("%s.schema4.bak", path);
	assert_string_equal(store_migration_backup(s), want);
	struct store_org o;
	assert_int_equal(store_org_get(s, "Bakkerij Janssens", &o), 0);
	assert_string_equal(o.size, "micro");
	assert_int_equal(o.interval_months, 6);
	struct store_action a = { .org_id = o.id, .question = "d.q", .from_id = 1, .from_option = "no",
				  .to_option = "yes", .step = "Do it.", .owner = "Jan", .due = "2026-07-15",
				  .status = "open", .note = "" };
	int64_t id = 0;
	bool added = false;
	assert_int_equal(store_action_add(s, &a, &id, &added), 0);
	assert_true(added);
	struct store_action got;
	assert_int_equal(store_action_get(s, id, &got), 0);
	assert_string_equal(got.question, "d.q");
	assert_int_equal(got.from_id, 1);
	assert_string_equal(got.from_taken, "2026-01-15");
	assert_int_equal(strlen(got.from_uuid), 36);
	assert_int_equal(strlen(got.uuid), 36);
	assert_int_equal(got.uuid[14], '4');
	assert_string_equal(got.from_option, "no");
	assert_string_equal(got.to_option, "yes");
	assert_string_equal(got.owner, "Jan");
	assert_string_equal(got.due, "2026-07-15");
	assert_string_equal(got.status, "open");
	assert_string_equal(got.done_on, "");
	assert_null(got.reason);
	/* Done by hand, then the same uuid again: nothing added. */
	snprintf(got.status, sizeof(got.status), "done");
	snprintf(got.done_on, sizeof(got.done_on), "2026-03-01");
	assert_int_equal(store_action_update(s, &got), 0);
	struct store_action again = got;
	int64_t id2 = 0;
	assert_int_equal(store_action_add(s, &again, &id2, &added), 0);
	assert_false(added);
	assert_true(id2 == id);
	struct store_action *v;
	size_t n;
	assert_int_equal(store_actions(s, o.id, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].status, "done");
	assert_string_equal(v[0].done_on, "2026-03-01");
	store_actions_free(v, n);
	/* The database refuses a status that is none of the three. */
	snprintf(got.status, sizeof(got.status), "maybe");
	assert_int_equal(store_action_update(s, &got), -1);
	got.id = 999;
	snprintf(got.status, sizeof(got.status), "open");
	assert_int_equal(store_action_update(s, &got), -1);
	store_action_free(&got);
	assert_int_equal(store_action_get(s, 999, &got), 1);
	store_org_free(&o);
	store_close(s);
	expect_upgraded(dir, path, want, 4);
}

/* From a database of schema 5, made before assessments recorded their
 * language (fixtures/db/make-schema5.sh): the backup, the assessment read
 * as taken in English, its action kept, and a new one records its own. */
static void test_migration_from_schema5(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = fixture_copy(dir, "schema5.db");
	struct store *s = open_rw(path);
	char *want = xasprintf("%s.schema5.bak", path);
	assert_string_equal(store_migration_backup(s), want);
	struct store_assessment a;
	assert_int_equal(store_assessment_get(s, 1, &a), 0);
	assert_string_equal(a.language, "en");
	assert_string_equal(a.respondent, "An Janssens");
	struct store_action act;
	assert_int_equal(store_action_get(s, 1, &act), 0);
	assert_string_equal(act.owner, "Jan");
	store_action_free(&act);
	struct store_new in = { .org_id = a.org_id, .respondent = "Jan", .role = "owner", .taken = "2026-04-01",
				.language = "nl", .qn_id = a.qn_id, .qn_version = a.qn_version,
				.hash = a.qn_hash, .source = "", .source_len = 0 };
	int64_t id;
	assert_int_equal(store_draft_new(s, &in, &id), 0);
	struct store_assessment b;
	assert_int_equal(store_assessment_get(s, id, &b), 0);
	assert_string_equal(b.language, "nl");
	store_assessment_free(&b);
	store_assessment_free(&a);
	store_close(s);
	expect_upgraded(dir, path, want, 5);
}

/* A schema version below the first, or above this code's, is refused
 * before anything is written: the file stays byte for byte as it was
 * (in rollback-journal mode, where switching to WAL would rewrite its
 * header) and nothing is added beside it. */
static void test_unknown_schema_untouched(void **state)
{
	(void)state;
	static const struct {
		int version;
		const char *want;
	} cases[] = {
		{ -1, "not a schema this version knows (schema version -1; it knows 1 to 6)" },
		{ -2, "not a schema this version knows (schema version -2;" },
		{ -50, "not a schema this version knows (schema version -50;" },
		{ -100, "not a schema this version knows (schema version -100;" },
		{ -1000000, "not a schema this version knows (schema version -1000000;" },
		{ INT32_MIN, "not a schema this version knows (schema version -2147483648;" },
		{ 0, "not a schema this version knows (schema version 0;" },  /* with tables */
		{ 7, "made by a newer itmaturity (schema version 7; this one knows up to 6)" },
		{ INT32_MAX, "made by a newer itmaturity (schema version 2147483647;" },
	};
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/it.db", dir);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct store *s = open_rw(path);
		int64_t id;
		assert_int_equal(save_n(s, add_org(s, "A"), "2026-01-01", 3, &id), 0);
		store_close(s);
		char *sql = xasprintf("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d", cases[i].version);
		exec_sql(path, sql);
		free(sql);
		char *h = file_hash(path);
		expect_refused(path, false, cases[i].want);
		expect_refused(path, true, cases[i].want);
		char *h2 = file_hash(path);
		assert_string_equal(h, h2);
		char *names = dir_names(dir);
		assert_string_equal(names, "it.db");
		free(names);
		free(h);
		free(h2);
		unlink(path);
	}
	tu_rmrf(dir);
	free(path);
	free(dir);
}

/* The backup an upgrade makes is private whatever the umask, and failing
 * upgrades do not pile up copies: the one backup of the version is
 * replaced by the next attempt's. */
static void test_upgrade_backups(void **state)
{
	(void)state;
	mode_t old_mask = umask(022);
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/old.db", dir), *bak = xasprintf("%s.schema1.bak", path);
	char *cmd = xasprintf("cp fixtures/db/schema1.db '%s'", path);
	assert_int_equal(system(cmd), 0);
	struct store *s = open_rw(path);
	assert_string_equal(store_migration_backup(s), bak);
	store_close(s);
	struct stat st;
	assert_int_equal(stat(bak, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *names = dir_names(dir);
	assert_string_equal(names, "old.db old.db.schema1.bak");
	free(names);

	/* A schema 1 database whose upgrade fails at step 2: a table of that
	 * name is there already. */
	unlink(path);
	unlink(bak);
	assert_int_equal(system(cmd), 0);
	exec_sql(path, "CREATE TABLE domain_score (x)");
	for (int run = 1; run <= 3; run++) {
		/* Each run's backup holds the database as that run found it. */
		char *sql = xasprintf("INSERT INTO org (name) VALUES ('added before run %d')", run);
		exec_sql(path, sql);
		free(sql);
		expect_refused(path, false, "upgrading the schema to version 2 failed: database error: "
					    "table domain_score already exists");
		names = dir_names(dir);
		assert_string_equal(names, "old.db old.db.schema1.bak");
		free(names);
		assert_int_equal(stat(bak, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		assert_int_equal(count(bak, "SELECT count(*) FROM org"), 2 + run);
		assert_int_equal(count(bak, "PRAGMA user_version"), 1);
		assert_int_equal(count(path, "PRAGMA user_version"), 1);
		assert_int_equal(count(path, "SELECT count(*) FROM answer"), 2);
	}
	tu_rmrf(dir);
	free(cmd);
	free(bak);
	free(path);
	free(dir);
	umask(old_mask);
}

/* The first of two processes upgrading FX->path at once, in a child:
 * takes the write lock, says so on FD, waits for the second to have
 * checked the schema (its backup BAK is there), upgrades to version 2 and
 * ends, freeing what the test allocated (clean under valgrind). */
static void first_upgrader(struct tmp *fx, char *bak, int fd)
{
	sqlite3 *db;
	if (sqlite3_open(fx->path, &db) != SQLITE_OK || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ||
	    write(fd, "L", 1) != 1)
		_exit(1);
	for (int i = 0; i < 2000 && access(bak, F_OK) != 0; i++)
		sqlite3_sleep(10);
	int rc = sqlite3_exec(db, "ALTER TABLE org ADD COLUMN interval_months INTEGER NOT NULL DEFAULT 3;"
				  "ALTER TABLE assessment ADD COLUMN overall REAL;"
				  "CREATE TABLE domain_score (assessment_id INTEGER NOT NULL, domain TEXT NOT NULL, "
				  "percent REAL, PRIMARY KEY (assessment_id, domain)) WITHOUT ROWID;"
				  "PRAGMA user_version = 2; COMMIT",
			      NULL, NULL, NULL);
	sqlite3_close(db);
	bool backed_up = access(bak, F_OK) == 0;
	free(bak);
	free(fx->path);
	free(fx->dir);
	free(fx);
	_exit(rc == SQLITE_OK && backed_up ? 0 : 2);
}

/* Two processes upgrading one old database at once: the one that gets
 * the write lock second finds the steps the first has made done, and goes
 * on from there instead of failing on "duplicate column". The test is
 * the second; a child the first, which holds the write lock until the
 * test has checked the schema (version 1) and backed the database up. */
static void test_concurrent_upgrades(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	char *bak = xasprintf("%s.schema1.bak", path);
	char *cmd = xasprintf("cp fixtures/db/schema1.db '%s'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	exec_sql(path, "PRAGMA journal_mode = WAL");  /* reading while the child holds the lock */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();  /* with no connection open: the child inherits none */
	assert_true(pid >= 0);
	if (pid == 0)
		first_upgrader(fx, bak, fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	close(fds[1]);
	struct store_open_opts o = { .busy_ms = 20000 };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	if (!s)
		print_message("the second upgrade: %s\n", err);
	assert_non_null(s);
	store_close(s);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(count(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(count(path, "SELECT count(*) FROM answer_pack"), 1);
	assert_int_equal(count(bak, "PRAGMA user_version"), 1);
	expect_integrity_ok(path);
	free(bak);
}

/* Names SQLite does not take for a plain file are refused, and nothing is
 * created: not in the current folder, where they would land. */
static void test_special_names(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *here = getcwd(NULL, 0);
	assert_non_null(here);
	assert_int_equal(chdir(dir), 0);
	expect_refused(":memory:", false, "this name is SQLite's database in memory");
	expect_refused(":memory:", true, "this name is SQLite's database in memory");
	expect_refused("file:it.db", false, "a name that starts with 'file:' is an SQLite URI");
	expect_refused("file:x/it.db?mode=rwc", false, "a name that starts with 'file:' is an SQLite URI");
	expect_refused("", false, "an empty path names no file");
	char *names = dir_names(".");
	assert_string_equal(names, "");
	free(names);
	/* What the messages advise: a plain file of that name. */
	struct store *s = open_rw("./:memory:");
	assert_int_equal(store_backup(s, ":memory:"), -1);
	assert_string_equal(store_errmsg(s), ":memory:: this name is SQLite's database in memory, "
					     "which keeps nothing; for a file of this name, write ./:memory:");
	assert_int_equal(store_backup(s, "file:copy.db"), -1);
	assert_int_equal(store_backup(s, "./file:copy.db"), 0);
	add_org(s, "A");
	store_close(s);
	names = dir_names(".");
	assert_string_equal(names, ":memory: file:copy.db");
	free(names);
	assert_int_equal(count("./:memory:", "SELECT count(*) FROM org"), 1);
	assert_int_equal(chdir(here), 0);
	tu_rmrf(dir);
	free(here);
	free(dir);
}

/* ---- the fault-injecting VFS ---- */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migration_from_schema1),
		cmocka_unit_test(test_migration_from_schema3),
		cmocka_unit_test(test_migration_from_schema4),
		cmocka_unit_test(test_migration_from_schema5),
		cmocka_unit_test(test_unknown_schema_untouched),
		cmocka_unit_test(test_upgrade_backups),
		cmocka_unit_test_setup_teardown(test_concurrent_upgrades, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_special_names),
	};
	return cmocka_run_group_tests_name("store, upgrades", tests, NULL, NULL);
}
