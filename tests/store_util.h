/* store_util.h - what the store's tests share: temporary databases, a few
 * rows, counting and hashing files. Included by tests/test_store*.c. */
#ifndef ITM_TEST_STORE_UTIL_H
#define ITM_TEST_STORE_UTIL_H

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

static inline struct store *open_rw(const char *path)
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
static inline void expect_refused(const char *path, bool read_only, const char *want)
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

static inline char *file_hash(const char *path)
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
static inline char *dir_names(const char *dir)
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

static inline int tmp_setup(void **state)
{
	struct tmp *t = xcalloc(1, sizeof(*t));
	t->dir = tu_tmpdir();
	t->path = xasprintf("%s/it.db", t->dir);
	*state = t;
	return 0;
}

static inline int tmp_teardown(void **state)
{
	struct tmp *t = *state;
	tu_rmrf(t->dir);
	free(t->path);
	free(t->dir);
	free(t);
	return 0;
}

static inline int64_t add_org(struct store *s, const char *name)
{
	int64_t id = 0;
	assert_int_equal(store_org_add(s, name, &id), 0);
	return id;
}

static inline struct store_new new_in(int64_t org, const char *taken)
{
	struct store_new in = {
		.org_id = org, .respondent = "An", .role = "owner", .taken = taken,
		.qn_id = "minimal", .qn_version = "1", .source = source, .source_len = sizeof(source) - 1,
	};
	return in;
}

/* An assessment of N answers q0..q(N-1), saved whole. */
static inline int save_n(struct store *s, int64_t org, const char *taken, size_t n, int64_t *id)
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

static inline int64_t count(const char *path, const char *sql)
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

static inline void expect_integrity_ok(const char *path)
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


static inline void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

#endif
