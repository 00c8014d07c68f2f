/* test_store.c - the SQLite store: what it keeps, what it refuses, and that
 * nothing committed is ever lost (I/O errors injected by a VFS that fails
 * the Nth write, sync or truncate; SIGKILL mid-save; concurrent writers). */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "itmaturity/sha256.h"
#include "itmaturity/store.h"

static const char source[] = "id: minimal\n# a questionnaire's text\n";

static struct store *open_rw(const char *path)
{
	struct store_open_opts o = { .create = true, .busy_ms = 5000 };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	if (!s)
		print_message("store_open(%s): %s\n", path, err);
	assert_non_null(s);
	free(err);
	return s;
}

/* Opening PATH fails with a message that starts with WANT. */
static void expect_refused(const char *path, bool read_only, const char *want)
{
	struct store_open_opts o = { .read_only = read_only, .create = true, .busy_ms = 200 };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	assert_null(s);
	assert_non_null(err);
	if (strncmp(err, want, strlen(want)) != 0)
		print_message("got: %s\nwanted: %s\n", err, want);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	free(err);
}

static char *file_hash(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		grow_array((void **)&buf, &cap, n + 65536, 1);
		size_t r = fread(buf + n, 1, 65536, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	char *hex = xmalloc(65);
	sha256_hex(buf, n, hex);
	free(buf);
	return hex;
}

/* The names in folder DIR, sorted and joined by spaces (caller frees). */
static char *dir_names(const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	assert_true(n >= 0);
	char *all = xstrdup("");
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") != 0 && strcmp(list[i]->d_name, "..") != 0) {
			char *j = xasprintf("%s%s%s", all, *all ? " " : "", list[i]->d_name);
			free(all);
			all = j;
		}
		free(list[i]);
	}
	free(list);
	return all;
}

/* A fresh folder and the path of a database in it, for one test. */
struct tmp {
	char *dir;
	char *path;
};

static int tmp_setup(void **state)
{
	struct tmp *t = xcalloc(1, sizeof(*t));
	t->dir = tu_tmpdir();
	t->path = xasprintf("%s/it.db", t->dir);
	*state = t;
	return 0;
}

static int tmp_teardown(void **state)
{
	struct tmp *t = *state;
	tu_rmrf(t->dir);
	free(t->path);
	free(t->dir);
	free(t);
	return 0;
}

static int64_t add_org(struct store *s, const char *name)
{
	int64_t id = 0;
	assert_int_equal(store_org_add(s, name, &id), 0);
	return id;
}

static struct store_new new_in(int64_t org, const char *taken)
{
	struct store_new in = {
		.org_id = org, .respondent = "An", .role = "owner", .taken = taken,
		.qn_id = "minimal", .qn_version = "1", .source = source, .source_len = sizeof(source) - 1,
	};
	return in;
}

/* An assessment of N answers q0..q(N-1), saved whole. */
static int save_n(struct store *s, int64_t org, const char *taken, size_t n, int64_t *id)
{
	struct store_answer *v = xcalloc(n, sizeof(*v));
	char **names = xcalloc(n, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		names[i] = xasprintf("d.q%zu", i);
		v[i].question = names[i];
		v[i].kind = STORE_OPTION;
		v[i].option = (char *)"yes";
		v[i].note = i % 2 ? (char *)"a note" : NULL;
	}
	const char *doms[] = { "d" };
	double pct[] = { 50 };
	struct store_scores sc = { .overall = 50, .n = 1, .domains = doms, .percents = pct };
	struct store_new in = new_in(org, taken);
	bool added;
	int rc = store_assessment_save(s, &in, v, n, &sc, id, &added);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(v);
	return rc;
}

static int64_t count(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void expect_integrity_ok(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

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
	expect_refused(path, false, "made by a newer itmaturity (schema version 99; this one knows up to 3)");
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

static void test_read_only(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t id;
	assert_int_equal(save_n(s, add_org(s, "A"), "2026-01-01", 5, &id), 0);
	store_close(s);
	char *h = file_hash(path);
	struct store_open_opts o = { .read_only = true };
	char *err = NULL;
	s = store_open(path, &o, &err);
	assert_non_null(s);
	assert_true(store_read_only(s));
	struct store_assessment *l;
	size_t n;
	struct store_filter f = { 0 };
	assert_int_equal(store_assessment_list(s, &f, &l, &n), 0);
	assert_int_equal(n, 1);
	store_assessments_free(l, n);
	int64_t x;
	assert_int_equal(store_org_add(s, "B", &x), -1);
	assert_string_equal(store_errmsg(s), "the database is open read-only");
	assert_int_equal(store_assessment_delete(s, id), -1);
	store_close(s);
	char *h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h);
	free(h2);
}

/* How many organisations PATH holds, opened read-only; -1 when it cannot
 * be read (the reason printed). */
static int read_orgs(const char *path)
{
	struct store_open_opts o = { .read_only = true };
	char *err = NULL;
	struct store *s = store_open(path, &o, &err);
	if (!s) {
		print_message("read-only: %s\n", err);
		free(err);
		return -1;
	}
	struct store_org *v = NULL;
	size_t n = 0;
	int rc = store_org_list(s, &v, &n);
	if (rc)
		print_message("read-only: %s\n", store_errmsg(s));
	store_orgs_free(v, n);
	store_close(s);
	return rc ? -1 : (int)n;
}

/* read_orgs(PATH) in a child that may not write where PATH is: as nobody
 * when the test runs as root, who may write anywhere. *ERR (when not
 * NULL) gets the message of a refusal (caller frees). The child reports
 * on a pipe and ends by SIGKILL: an exit would run valgrind's leak check
 * over its copy of the test's memory. */
static int read_orgs_unprivileged(const char *path, char **err)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		char *why = NULL;
		if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			why = xstrdup("cannot become nobody");
		struct store_open_opts o = { .read_only = true };
		struct store *s = why ? NULL : store_open(path, &o, &why);
		struct store_org *v = NULL;
		size_t n = 0;
		if (s && store_org_list(s, &v, &n))
			why = xstrdup(store_errmsg(s));
		char *line = why ? xasprintf("-%s", why) : xasprintf("%zu", n);
		if (write(fds[1], line, strlen(line)) < 0)
			abort();
		raise(SIGKILL);
	}
	close(fds[1]);
	char buf[1024];
	size_t got = 0;
	ssize_t r;
	while (got < sizeof(buf) - 1 && (r = read(fds[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)r;
	close(fds[0]);
	buf[got] = '\0';
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_true(got > 0);
	if (buf[0] != '-')
		return atoi(buf);
	if (err)
		*err = xstrdup(buf + 1);
	else
		print_message("read-only, unprivileged: %s\n", buf + 1);
	return -1;
}

/* Reading a database nobody has open (no -wal) adds nothing beside it
 * and changes none of its bytes: it is read as an immutable file (with
 * mode=ro alone an empty -wal and a 32 KiB -shm stayed behind). A writer
 * that starts meanwhile cannot copy its changes into the file while the
 * reader is open: they stay in its -wal, where the next reader finds
 * them. */
static void test_read_only_leaves_nothing(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *w = open_rw(path);
	add_org(w, "A");
	store_close(w);
	char *h = file_hash(path), *names = dir_names(fx->dir);
	assert_string_equal(names, "it.db");
	free(names);
	assert_int_equal(read_orgs(path), 1);
	names = dir_names(fx->dir);
	assert_string_equal(names, "it.db");
	free(names);
	char *h2 = file_hash(path);
	assert_string_equal(h, h2);
	free(h2);

	struct store_open_opts o = { .read_only = true };
	char *err = NULL;
	struct store *r = store_open(path, &o, &err);
	assert_non_null(r);
	w = open_rw(path);
	add_org(w, "B");
	store_close(w);
	h2 = file_hash(path);
	assert_string_equal(h, h2);
	struct store_org *v;
	size_t n;
	assert_int_equal(store_org_list(r, &v, &n), 0);
	assert_int_equal(n, 1);  /* what was there when it opened */
	store_orgs_free(v, n);
	store_close(r);
	assert_int_equal(read_orgs(path), 2);  /* B, read through the -wal */
	free(h);
	free(h2);
}

/* In a folder that cannot be written, where --read-only list failed (WAL
 * needs its -shm): a database nobody has open is read, and nothing is
 * added; one whose -wal holds changes is read through the -wal and -shm
 * there, and refused, saying why, when its -shm is missing and cannot be
 * made. */
static void test_read_only_folder(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *w = open_rw(path);
	add_org(w, "A");
	store_close(w);
	char *h = file_hash(path);
	assert_int_equal(chmod(fx->dir, 0555), 0);  /* under /tmp: nobody may pass */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(read_orgs_unprivileged(path, NULL), 1);
	char *names = dir_names(fx->dir);
	assert_string_equal(names, "it.db");
	free(names);
	char *h2 = file_hash(path);
	assert_string_equal(h, h2);

	/* A writer killed after it added B: its -wal holds B. */
	assert_int_equal(chmod(fx->dir, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		w = open_rw(path);
		int64_t id;
		if (store_org_add(w, "B", &id) == 0)
			raise(SIGKILL);
		abort();
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	assert_int_equal(chmod(wal, 0644), 0);
	assert_int_equal(chmod(shm, 0644), 0);
	assert_int_equal(chmod(fx->dir, 0555), 0);
	assert_int_equal(read_orgs_unprivileged(path, NULL), 2);
	names = dir_names(fx->dir);
	assert_string_equal(names, "it.db it.db-shm it.db-wal");
	free(names);

	assert_int_equal(chmod(fx->dir, 0755), 0);
	assert_int_equal(unlink(shm), 0);
	assert_int_equal(chmod(fx->dir, 0555), 0);
	char *err = NULL;
	assert_int_equal(read_orgs_unprivileged(path, &err), -1);
	char *want = xasprintf("its write-ahead log (%s) holds changes, which can only be read with %s beside "
			       "it, and that cannot be made or grown here", wal, shm);
	if (strncmp(err, want, strlen(want)) != 0)
		print_message("got: %s\n", err);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	names = dir_names(fx->dir);
	assert_string_equal(names, "it.db it.db-wal");
	free(names);
	assert_int_equal(chmod(fx->dir, 0700), 0);
	free(err);
	free(want);
	free(wal);
	free(shm);
	free(h);
	free(h2);
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

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
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

static void test_migration_from_schema1(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/old.db", dir);
	char *cmd = xasprintf("cp fixtures/db/schema1.db '%s'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
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
		{ -1, "not a schema this version knows (schema version -1; it knows 1 to 3)" },
		{ -2, "not a schema this version knows (schema version -2;" },
		{ -50, "not a schema this version knows (schema version -50;" },
		{ -100, "not a schema this version knows (schema version -100;" },
		{ -1000000, "not a schema this version knows (schema version -1000000;" },
		{ INT32_MIN, "not a schema this version knows (schema version -2147483648;" },
		{ 0, "not a schema this version knows (schema version 0;" },  /* with tables */
		{ 4, "made by a newer itmaturity (schema version 4; this one knows up to 3)" },
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

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static int fault_at;        /* fail the Nth write/sync/truncate; 0: never */
static int fault_calls;
static bool fault_hit;

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static int fault_now(void)
{
	if (fault_at && ++fault_calls == fault_at) {
		fault_hit = true;
		return 1;
	}
	return 0;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	sqlite3_free(REAL(f));
	return rc;
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	return fault_now() ? SQLITE_IOERR_WRITE : REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 n)
{
	return fault_now() ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), n);
}
static int f_sync(sqlite3_file *f, int fl)
{
	return fault_now() ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), fl);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_check(sqlite3_file *f, int *o) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), o); }
static int f_ctl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shmmap(sqlite3_file *f, int i, int sz, int e, void volatile **p) { return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, e, p); }
static int f_shmlock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void f_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shmunmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }

static const sqlite3_io_methods fault_methods = {
	2, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_check, f_ctl,
	f_sector, f_dev, f_shmmap, f_shmlock, f_shmbarrier, f_shmunmap, NULL, NULL,
};

static int f_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)v;
	struct fault_file *ff = (struct fault_file *)f;
	ff->real = sqlite3_malloc(real_vfs->szOsFile);
	if (!ff->real)
		return SQLITE_NOMEM;
	memset(ff->real, 0, (size_t)real_vfs->szOsFile);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	f->pMethods = rc == SQLITE_OK ? &fault_methods : NULL;
	if (rc != SQLITE_OK) {
		sqlite3_free(ff->real);
		ff->real = NULL;
	}
	return rc;
}

static void fault_install(void)
{
	real_vfs = sqlite3_vfs_find("unix");
	fault_vfs = *real_vfs;
	fault_vfs.zName = "fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file);
	fault_vfs.xOpen = f_open;
	assert_int_equal(sqlite3_vfs_register(&fault_vfs, 1), SQLITE_OK);
}

static void fault_remove(void)
{
	sqlite3_vfs_unregister(&fault_vfs);
	sqlite3_vfs_register(real_vfs, 1);
}

/* Saving a 40-answer assessment with the Nth write, sync or truncate
 * failing, for every N until the save succeeds: each attempt is all or
 * nothing, the earlier assessment is intact, and the file passes
 * integrity_check. */
static void test_io_errors_all_or_nothing(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t org = add_org(s, "A"), first;
	assert_int_equal(save_n(s, org, "2026-01-01", 10, &first), 0);
	store_close(s);
	fault_install();
	int n;
	for (n = 1; n < 500; n++) {
		s = open_rw(path);
		fault_at = n;
		fault_calls = 0;
		fault_hit = false;
		int64_t id;
		int rc = save_n(s, org, "2026-04-01", 40, &id);
		fault_at = 0;
		if (rc == 0 && !fault_hit) {
			store_close(s);
			break;
		}
		if (rc)
			assert_true(strstr(store_errmsg(s), "input/output error") != NULL);
		store_close(s);
		expect_integrity_ok(path);
		int64_t answers = count(path, "SELECT count(*) FROM answer");
		int64_t assessments = count(path, "SELECT count(*) FROM assessment");
		/* A failed save left nothing; a save whose commit reached the disk
		 * before a later sync failed kept everything. */
		if (rc) {
			assert_int_equal(assessments, 1);
			assert_int_equal(answers, 10);
		} else {
			assert_int_equal(assessments, 2);
			assert_int_equal(answers, 50);
			/* Undo, so that the next round starts the same. */
			s = open_rw(path);
			assert_int_equal(store_assessment_delete(s, id), 0);
			store_close(s);
		}
	}
	fault_remove();
	print_message("I/O error injected at each of the first %d writes/syncs/truncates\n", n - 1);
	assert_true(n > 3 && n < 500);
	assert_int_equal(count(path, "SELECT count(*) FROM answer"), 50);
}

/* A migration that fails half way leaves the old schema and its data. */
static void test_migration_io_errors(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/old.db", dir);
	fault_install();
	int n, failures = 0;
	for (n = 1; n < 500; n++) {
		char *cmd = xasprintf("rm -f '%s'* && cp fixtures/db/schema1.db '%s'", path, path);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		fault_at = n;
		fault_calls = 0;
		fault_hit = false;
		struct store_open_opts o = { .create = true };
		char *err = NULL;
		struct store *s = store_open(path, &o, &err);
		fault_at = 0;
		store_close(s);
		free(err);
		if (!fault_hit)
			break;
		expect_integrity_ok(path);
		int64_t v = count(path, "PRAGMA user_version");
		/* Each step is a transaction of its own: any of them may be the last. */
		assert_true(v >= 1 && v <= STORE_SCHEMA_VERSION);
		if (v == 1)
			failures++;
		/* Whatever happened, the data is there. */
		assert_int_equal(count(path, "SELECT count(*) FROM answer"), 2);
		assert_int_equal(count(path, "SELECT count(*) FROM org"), 2);
		if (v == 3)
			assert_int_equal(count(path, "SELECT count(*) FROM answer_pack"), 1);
	}
	fault_remove();
	print_message("migration: %d injected failures, %d left schema 1\n", n - 1, failures);
	assert_true(failures > 0);
	assert_true(n < 500);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

/* A writer killed with SIGKILL loses nothing it had committed. */
static void test_sigkill_mid_save(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t org = add_org(s, "A"), id;
	struct store_new in = new_in(org, "2026-01-01");
	assert_int_equal(store_draft_new(s, &in, &id), 0);
	store_close(s);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		struct store *c = open_rw(path);
		for (int i = 0;; i++) {
			char q[32];
			snprintf(q, sizeof(q), "d.q%d", i);
			struct store_answer a = { .question = q, .kind = STORE_OPTION, .option = "yes" };
			if (store_answer_put(c, id, &a))
				_exit(3);
			if (write(fds[1], &i, sizeof(i)) != (ssize_t)sizeof(i))
				_exit(4);
		}
	}
	close(fds[1]);
	int last = -1, i;
	while (last < 150 && read(fds[0], &i, sizeof(i)) == (ssize_t)sizeof(i))
		last = i;
	kill(pid, SIGKILL);
	int status;
	waitpid(pid, &status, 0);
	while (read(fds[0], &i, sizeof(i)) == (ssize_t)sizeof(i))
		last = i;
	close(fds[0]);
	assert_true(WIFSIGNALED(status));
	expect_integrity_ok(path);
	int64_t saved = count(path, "SELECT count(*) FROM answer");
	print_message("SIGKILL after %d reported saves: %lld answers in the database\n", last + 1,
		      (long long)saved);
	assert_true(saved >= last + 1);
}

/* Two processes writing at once both succeed: nothing is lost to "busy". */
static void test_concurrent_writers(void **state)
{
	struct tmp *fx = *state;
	const char *path = fx->path;
	struct store *s = open_rw(path);
	int64_t org = add_org(s, "A"), id;
	struct store_new in = new_in(org, "2026-01-01");
	assert_int_equal(store_draft_new(s, &in, &id), 0);
	store_close(s);
	pid_t pids[3];
	for (int p = 0; p < 3; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			struct store *c = open_rw(path);
			for (int i = 0; i < 100; i++) {
				char q[32];
				snprintf(q, sizeof(q), "d.p%dq%d", p, i);
				struct store_answer a = { .question = q, .kind = STORE_NA };
				if (store_answer_put(c, id, &a))
					_exit(1);
				if (i % 10 == 0) {
					int64_t x;
					char name[32];
					snprintf(name, sizeof(name), "org %d %d", p, i);
					if (store_org_add(c, name, &x))
						_exit(2);
				}
			}
			store_close(c);
			free(fx->path);  /* exits cleanly under valgrind too */
			free(fx->dir);
			free(fx);
			_exit(0);
		}
	}
	for (int p = 0; p < 3; p++) {
		int status;
		waitpid(pids[p], &status, 0);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(count(path, "SELECT count(*) FROM answer"), 300);
	assert_int_equal(count(path, "SELECT count(*) FROM org"), 31);
	expect_integrity_ok(path);
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
		cmocka_unit_test_setup_teardown(test_read_only, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_only_leaves_nothing, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_only_folder, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_locked, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_answer_pack, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_migration_from_schema1),
		cmocka_unit_test(test_unknown_schema_untouched),
		cmocka_unit_test(test_upgrade_backups),
		cmocka_unit_test_setup_teardown(test_concurrent_upgrades, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_special_names),
		cmocka_unit_test_setup_teardown(test_io_errors_all_or_nothing, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_migration_io_errors),
		cmocka_unit_test_setup_teardown(test_sigkill_mid_save, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers, tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
