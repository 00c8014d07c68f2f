/* test_store_faults.c - nothing committed is ever lost: I/O errors injected
 * by a VFS that fails the Nth write, sync or truncate, SIGKILL mid-save,
 * and concurrent writers. */
#include "store_util.h"

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
		cmocka_unit_test_setup_teardown(test_io_errors_all_or_nothing, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_migration_io_errors),
		cmocka_unit_test_setup_teardown(test_sigkill_mid_save, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers, tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests_name("store, faults", tests, NULL, NULL);
}
