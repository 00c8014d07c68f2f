/* test_jsonw.c - the streaming JSON writer.
 *
 * String escaping (every control character, DEL, quote, backslash; UTF-8
 * and '/' passed through), numbers in the shortest form that reads back
 * (a table, then random doubles: reads back, and one digit fewer does
 * not), NaN and infinities written as null, integers at their limits, and
 * the layout of nested objects and arrays, up to the depth limit. */
#include "testutil.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>

#include "itmaturity/jsonw.h"

/* A writer into memory; done() returns what was written (caller frees). */
struct sink {
	struct jsonw w;
	FILE *f;
	char *buf;
	size_t len;
};

static void start(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	assert_non_null(s->f);
	jw_init(&s->w, s->f);
}

static char *done(struct sink *s)
{
	assert_int_equal(fclose(s->f), 0);
	return s->buf;
}

/* Ends the array K was started with, holding one value, and returns that
 * value's text: what stands between "[\n  " and "\n]\n" (caller frees). */
static char *one_value(struct sink *k)
{
	jw_end(&k->w);
	char *out = done(k);
	size_t n = strlen(out);
	assert_true(n >= 8);
	assert_memory_equal(out, "[\n  ", 4);
	assert_string_equal(out + n - 3, "\n]\n");
	char *v = xstrndup(out + 4, n - 7);
	free(out);
	return v;
}

/* What jw_str writes for S. */
static char *str_json(const char *s)
{
	struct sink k;
	start(&k);
	jw_arr(&k.w);
	jw_str(&k.w, s);
	return one_value(&k);
}

struct str_case {
	const char *in;
	const char *want;
};

static void test_escaping(void **state)
{
	(void)state;
	static const struct str_case cases[] = {
		{ "", "\"\"" },
		{ "plain text", "\"plain text\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "C:\\dir\\", "\"C:\\\\dir\\\\\"" },
		{ "a/b", "\"a/b\"" },
		{ "line\nnext\r\n\ttab", "\"line\\nnext\\r\\n\\ttab\"" },
		{ "\b\f", "\"\\u0008\\u000c\"" },
		{ "del\x7f", "\"del\\u007f\"" },
		/* UTF-8 passes through unchanged: two, three and four bytes. */
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
		{ "\xc2\x80\xc2\x9f", "\"\xc2\x80\xc2\x9f\"" },  /* C1 controls as UTF-8 */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = str_json(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got %s, expected %s", i, got, cases[i].want);
		free(got);
	}
	/* Every control character, alone and between letters. */
	for (int c = 1; c < 0x20; c++) {
		char in[4] = { 'a', (char)c, 'b', '\0' };
		char want[16];
		const char *esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
		if (esc)
			snprintf(want, sizeof(want), "\"a%sb\"", esc);
		else
			snprintf(want, sizeof(want), "\"a\\u%04xb\"", c);
		char *got = str_json(in);
		if (strcmp(got, want) != 0)
			fail_msg("control 0x%02x: got %s, expected %s", c, got, want);
		free(got);
	}
	/* Keys are escaped the same way; NULL writes null. */
	struct sink k;
	start(&k);
	jw_obj(&k.w);
	jw_key(&k.w, "k\"\n\x01");
	jw_str(&k.w, NULL);
	jw_end(&k.w);
	char *out = done(&k);
	assert_string_equal(out, "{\n  \"k\\\"\\n\\u0001\": null\n}\n");
	free(out);
}

/* What jw_num writes for D. */
static char *num_json(double d)
{
	struct sink k;
	start(&k);
	jw_arr(&k.w);
	jw_num(&k.w, d);
	return one_value(&k);
}

struct num_case {
	double d;
	const char *want;
};

/* The number of significant digits of a %g rendering: from the first
 * non-zero digit to the last (%g drops trailing zeros after the point, so
 * any left are placeholders of an integer). */
static int digits(const char *s)
{
	int n = 0, upto = 0;
	for (; *s && *s != 'e'; s++) {
		if (*s >= '1' && *s <= '9')
			upto = ++n;
		else if (*s == '0' && n)
			n++;
	}
	return upto;
}

static void test_numbers(void **state)
{
	(void)state;
	static const struct num_case cases[] = {
		{ 0.0, "0" },
		{ -0.0, "0" },
		{ 1, "1" },
		{ -1.5, "-1.5" },
		{ 100, "100" },
		{ 0.1, "0.1" },
		{ 2.5, "2.5" },
		{ 62.5, "62.5" },
		{ 1.0 / 3, "0.3333333333333333" },
		{ 2.0 / 3, "0.6666666666666666" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 1e15, "1e+15" },
		{ 1e21, "1e+21" },
		{ 1e-7, "1e-07" },
		{ 123456789012345680.0, "1.2345678901234568e+17" },
		{ 9007199254740993.0, "9007199254740992" },
		{ DBL_MAX, "1.7976931348623157e+308" },
		{ DBL_MIN, "2.2250738585072014e-308" },
		{ 5e-324, "5e-324" },
		{ 1e-310, "1e-310" },
		{ 2.225073858507201e-308, "2.225073858507201e-308" },
		/* Not JSON numbers: null. */
		{ NAN, "null" },
		{ -NAN, "null" },
		{ INFINITY, "null" },
		{ -INFINITY, "null" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = num_json(cases[i].d);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("jw_num(%.17g) = %s, expected %s", cases[i].d, got, cases[i].want);
		free(got);
	}
	/* Random doubles, by their bits: the output reads back as the same
	 * double, and with one significant digit fewer it would not. */
	uint64_t x = 88172645463325252u;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		double d;
		if (i % 2) {
			memcpy(&d, &x, sizeof(d));
		} else {
			/* Numbers like the reports': hundredths and thirds of 0-100. */
			d = (double)(x % 10001) / (i % 4 ? 100.0 : 3.0);
		}
		if (!isfinite(d))
			continue;
		char *got = num_json(d);
		if (strtod(got, NULL) != d)
			fail_msg("%s does not read back as %.17g", got, d);
		int n = digits(got);
		if (n > 1) {
			char shorter[400];
			snprintf(shorter, sizeof(shorter), "%.*g", n - 1, d);
			if (strtod(shorter, NULL) == d)
				fail_msg("%s: %s is shorter and reads back", got, shorter);
		}
		free(got);
	}
}

static void test_scalars(void **state)
{
	(void)state;
	struct sink k;
	start(&k);
	jw_arr(&k.w);
	jw_int(&k.w, 0);
	jw_int(&k.w, -1);
	jw_int(&k.w, LLONG_MAX);
	jw_int(&k.w, LLONG_MIN);
	jw_bool(&k.w, true);
	jw_bool(&k.w, false);
	jw_null(&k.w);
	jw_end(&k.w);
	char *out = done(&k);
	assert_string_equal(out, "[\n  0,\n  -1,\n  9223372036854775807,\n  -9223372036854775808,\n"
				 "  true,\n  false,\n  null\n]\n");
	free(out);
}

static void test_nesting(void **state)
{
	(void)state;
	struct sink k;
	start(&k);
	jw_obj(&k.w);
	jw_key(&k.w, "a"), jw_int(&k.w, 1);
	jw_key(&k.w, "b");
	jw_arr(&k.w);
	jw_bool(&k.w, true);
	jw_obj(&k.w);
	jw_end(&k.w);
	jw_arr(&k.w);
	jw_arr(&k.w);
	jw_num(&k.w, 0.5);
	jw_end(&k.w);
	jw_end(&k.w);
	jw_end(&k.w);
	jw_key(&k.w, "c");
	jw_arr(&k.w);
	jw_end(&k.w);
	jw_key(&k.w, "d");
	jw_obj(&k.w);
	jw_key(&k.w, "e"), jw_str(&k.w, "x");
	jw_end(&k.w);
	jw_end(&k.w);
	/* A second document after the first ends. */
	jw_arr(&k.w);
	jw_end(&k.w);
	char *out = done(&k);
	assert_string_equal(out,
			    "{\n"
			    "  \"a\": 1,\n"
			    "  \"b\": [\n"
			    "    true,\n"
			    "    {},\n"
			    "    [\n"
			    "      [\n"
			    "        0.5\n"
			    "      ]\n"
			    "    ]\n"
			    "  ],\n"
			    "  \"c\": [],\n"
			    "  \"d\": {\n"
			    "    \"e\": \"x\"\n"
			    "  }\n"
			    "}\n"
			    "[]\n");
	free(out);
}

/* JW_MAX_DEPTH - 1 levels are written; one more is a programming error
 * that aborts (in a child process). */
static void test_depth(void **state)
{
	(void)state;
	struct sink k;
	start(&k);
	for (int i = 0; i < JW_MAX_DEPTH - 1; i++)
		jw_arr(&k.w);
	for (int i = 0; i < JW_MAX_DEPTH - 1; i++)
		jw_end(&k.w);
	char *out = done(&k);
	size_t opens = 0, closes = 0;
	for (const char *p = out; *p; p++)
		opens += *p == '[', closes += *p == ']';
	assert_int_equal(opens, JW_MAX_DEPTH - 1);
	assert_int_equal(closes, JW_MAX_DEPTH - 1);
	free(out);

	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FILE *null = fopen("/dev/null", "w");
		struct jsonw w;
		jw_init(&w, null);
		for (int i = 0; i < JW_MAX_DEPTH; i++)
			jw_obj(&w);
		_exit(0);  /* not reached */
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_depth),
	};
	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
