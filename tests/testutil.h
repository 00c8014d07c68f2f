/* testutil.h - helpers shared by the cmocka unit tests. Tests run with
 * tests/ as the working directory. */
#ifndef ITM_TESTUTIL_H
#define ITM_TESTUTIL_H

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "itmaturity/error.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/util.h"

/* A fresh temporary folder (caller frees the name; removed by tu_rmrf). */
static inline char *tu_tmpdir(void)
{
	char *d = xstrdup("/tmp/itm-test-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static inline void tu_rmrf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static inline void tu_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Whether some error in E reads "LINE:COL: MESSAGE" (MESSAGE a prefix). */
static inline int tu_has_error(const struct itm_errors *e, const char *want)
{
	for (size_t i = 0; i < e->n; i++) {
		char *got = xasprintf("%u:%u: %s", e->v[i].line, e->v[i].col, e->v[i].message);
		int ok = strncmp(got, want, strlen(want)) == 0;
		free(got);
		if (ok)
			return 1;
	}
	return 0;
}

static inline void tu_print_errors(const struct itm_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		print_message("  got %u:%u: %s\n", e->v[i].line, e->v[i].col, e->v[i].message);
}

/* Checks that E holds exactly the errors that the "# expect: LINE:COL:
 * message" lines of the fixture at PATH list, all naming PATH. */
static inline void tu_check_expected(const char *path, const struct itm_errors *e)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char line[1024];
	size_t n = 0;
	int missing = 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "# expect: ", 10) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		n++;
		if (!tu_has_error(e, line + 10)) {
			print_message("%s: expected error not reported: %s\n", path, line + 10);
			missing++;
		}
	}
	fclose(f);
	assert_true(n > 0);  /* a fixture must say what it expects */
	if (missing || e->n != n)
		tu_print_errors(e);
	assert_int_equal(missing, 0);
	assert_int_equal(errs_count(e), n);
	for (size_t i = 0; i < e->n; i++)
		assert_string_equal(e->v[i].path, path);
}

/* The questionnaire at PATH, which must load without an error. */
static inline struct qn_questionnaire *tu_load_qn(const char *path)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(path, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_int_equal(errs_count(&e), 0);
	assert_non_null(q);
	errs_free(&e);
	return q;
}

static inline int tu_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the FIXED tests, then FN once for every file of folder DIR (its path
 * in *state), each a test named after the file. */
static inline int tu_run_with_fixtures(const char *group, const struct CMUnitTest *fixed,
				       size_t nfixed, const char *dir, CMUnitTestFunction fn)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	char **paths = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		grow_array((void **)&paths, &cap, n + 1, sizeof(*paths));
		paths[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(paths, n, sizeof(*paths), tu_name_cmp);
	struct CMUnitTest *tests = xcalloc(nfixed + n, sizeof(*tests));
	memcpy(tests, fixed, nfixed * sizeof(*tests));
	for (size_t i = 0; i < n; i++) {
		struct CMUnitTest *t = &tests[nfixed + i];
		t->name = paths[i] + strlen(dir) + 1;
		t->test_func = fn;
		t->initial_state = paths[i];
	}
	int failed = _cmocka_run_group_tests(group, tests, nfixed + n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(tests);
	return failed;
}

#endif
