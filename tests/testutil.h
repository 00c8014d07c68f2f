/* testutil.h - helpers shared by the cmocka unit tests. Tests run with
 * tests/ as the working directory. */
#ifndef ITM_TESTUTIL_H
#define ITM_TESTUTIL_H

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

#endif
