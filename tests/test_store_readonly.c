/* test_store_readonly.c - the store opened to read only: nothing written
 * and nothing left beside the file, in a folder that cannot be written too,
 * and a writer that starts meanwhile. */
#include "store_util.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_only, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_only_leaves_nothing, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_only_folder, tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests_name("store, read only", tests, NULL, NULL);
}
