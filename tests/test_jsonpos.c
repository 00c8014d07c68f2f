/* test_jsonpos.c - finding values in a JSON text by their path: keys with
 * escapes, nested objects and arrays, the place of a key, paths that are
 * not there, the cache of the last path against a fresh search, lines and
 * columns in characters, and the tokens of text that is not JSON. */
#include "testutil.h"

#include "itmaturity/jsonpos.h"

static const char doc[] =
	"{\"a\": 1, \"b\\u0022c\": \"x\\\"y\",\n"
	" \"list\": [ {\"k\": [1, 2, {\"deep\": \"é\"}]}, \"s\", [], {} ],\n"
	" \"\\u00e9t\\u00e9\": {\"\\uD83D\\uDE00\": true}, \"e\": -1.5e3 }";

/* The offset of the first NEEDLE in DOC. */
static size_t where(const char *needle)
{
	const char *at = strstr(doc, needle);
	assert_non_null(at);
	return (size_t)(at - doc);
}

struct want {
	struct jp_step path[4];
	size_t n;
	bool at_key;
	const char *at;  /* where the offset must point, NULL: not found */
};

#define K(k) { (k), 0 }
#define I(i) { NULL, (i) }

static const struct want wants[] = {
	{ { K("a") }, 1, false, "1, \"b" },
	{ { K("a") }, 1, true, "\"a\"" },
	{ { K("b\"c") }, 1, false, "\"x\\\"y\"" },
	{ { K("list"), I(0), K("k"), I(2) }, 4, false, "{\"deep\"" },
	{ { K("list"), I(1) }, 2, false, "\"s\"" },
	{ { K("list"), I(2) }, 2, false, "[]" },
	{ { K("list"), I(3) }, 2, false, "{} ]" },
	{ { K("list"), I(0), K("k"), I(0) }, 4, false, "1, 2" },
	{ { K("été"), K("\xF0\x9F\x98\x80") }, 2, true, "\"\\uD83D" },
	{ { K("été"), K("\xF0\x9F\x98\x80") }, 2, false, "true" },
	{ { K("e") }, 1, false, "-1.5e3" },
	{ { { 0 } }, 0, false, "{\"a\"" },
	{ { K("list"), I(4) }, 2, false, NULL },
	{ { K("list"), I(2), I(0) }, 3, false, NULL },
	{ { K("nope") }, 1, false, NULL },
	{ { K("a"), K("b") }, 2, false, NULL },
	{ { K("list"), K("k") }, 2, false, NULL },
	{ { K("b") }, 1, false, NULL },
};

static void check(struct jsonpos *p, const struct want *w)
{
	size_t off = 0;
	bool found = jp_find(p, w->path, w->n, w->at_key, &off);
	if (!w->at) {
		assert_false(found);
		return;
	}
	if (!found || off != where(w->at))
		print_message("wanted the offset of %s, got %zu (found %d)\n", w->at, off, found);
	assert_true(found);
	assert_int_equal(off, where(w->at));
}

/* Each path found from a fresh start, then all of them in every order two
 * at a time: the cache of the last path never changes an answer. */
static void test_find(void **state)
{
	(void)state;
	struct jsonpos p;
	for (size_t i = 0; i < ARRAY_LEN(wants); i++) {
		jp_init(&p, doc, strlen(doc));
		check(&p, &wants[i]);
	}
	jp_init(&p, doc, strlen(doc));
	for (size_t i = 0; i < ARRAY_LEN(wants); i++)
		for (size_t j = 0; j < ARRAY_LEN(wants); j++) {
			check(&p, &wants[i]);
			check(&p, &wants[j]);
		}
}

/* Items of a long array, in order and back: the search resumes from the
 * last item it found. */
static void test_array_items(void **state)
{
	(void)state;
	char buf[4096];
	size_t o = (size_t)snprintf(buf, sizeof(buf), "{\"v\": [");
	size_t at[200];
	for (size_t i = 0; i < 200; i++) {
		at[i] = o;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s{\"n\": %zu}", i ? ", " : "", i);
		if (i)
			at[i] += 2;
	}
	snprintf(buf + o, sizeof(buf) - o, "]}");
	struct jsonpos p;
	jp_init(&p, buf, strlen(buf));
	for (size_t k = 0; k < 400; k++) {
		size_t i = k < 200 ? k : 399 - k, off;
		struct jp_step path[] = { { "v", 0 }, { NULL, i } };
		assert_true(jp_find(&p, path, 2, false, &off));
		assert_int_equal(off, at[i]);
	}
}

static void test_line_col(void **state)
{
	(void)state;
	static const char text[] = "ab\n\xC3\xA9\xC3\xA9x\n\nz";
	struct jsonpos p;
	jp_init(&p, text, sizeof(text) - 1);
	static const struct { size_t off; unsigned line, col; } v[] = {
		{ 0, 1, 1 }, { 2, 1, 3 }, { 3, 2, 1 }, { 5, 2, 2 }, { 7, 2, 3 }, { 9, 3, 1 }, { 10, 4, 1 },
		{ 1, 1, 2 }, { 99, 4, 2 },
	};
	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		unsigned line, col;
		jp_line_col(&p, v[i].off, &line, &col);
		assert_int_equal(line, v[i].line);
		assert_int_equal(col, v[i].col);
	}
}

/* Back and forth in a text of several JP_MARK_STEPs: the same lines and
 * columns as counting from the start. */
static void test_line_col_far(void **state)
{
	(void)state;
	size_t len = 3 * JP_MARK_STEP + 12345;
	char *text = xmalloc(len);
	for (size_t i = 0; i < len; i++)
		text[i] = i % 997 == 0 ? '\n' : i % 3 ? 'a' : (char)0xC3;  /* é, made whole below */
	for (size_t i = 1; i < len; i++)
		if ((unsigned char)text[i - 1] == 0xC3)
			text[i] = (char)0xA9;
	struct jsonpos p;
	jp_init(&p, text, len);
	uint32_t seed = 7;
	for (int k = 0; k < 60; k++) {
		seed = seed * 1103515245u + 12345u;
		size_t off = k < 30 ? (size_t)k * (len / 30) : seed % len;
		unsigned line, col, want_line = 1, want_col = 1;
		jp_line_col(&p, off, &line, &col);
		for (size_t i = 0; i < off; i++)
			if (text[i] == '\n')
				want_line++, want_col = 1;
			else if ((text[i] & 0xC0) != 0x80)
				want_col++;
		assert_int_equal(line, want_line);
		assert_int_equal(col, want_col);
	}
	assert_true(p.nmarks >= 3);
	free(text);
}

static void test_tokens(void **state)
{
	(void)state;
	static const char text[] = "{\"a\\\"b\": [1, tru, \"x,y\"], ,, @@ {";
	size_t n, len = sizeof(text) - 1;
	assert_int_equal(jp_tokens(text, len, len, SIZE_MAX, &n), len - 1);
	assert_int_equal(n, 8);  /* { "a\"b" [ 1 tru "x,y" @@ { */
	n = 99;
	assert_int_equal(jp_tokens(text, len, 0, SIZE_MAX, &n), 0);
	assert_int_equal(n, 0);
	/* The token an error found at its end is in. */
	size_t end = (size_t)(strstr(text, "tru") - text) + 3;
	assert_int_equal(jp_tokens(text, len, end, SIZE_MAX, &n), end - 3);
	end = (size_t)(strstr(text, "x,y") - text) + 2;
	assert_int_equal(jp_tokens(text, len, end, SIZE_MAX, &n), end - 3);
	/* Counting stops past MAX, at the token that went over. */
	assert_int_equal(jp_tokens(text, len, len, 2, &n), (size_t)(strstr(text, "[1") - text));
	assert_int_equal(n, 3);
	/* Blank and unterminated texts. */
	assert_int_equal(jp_tokens(" \n\t ", 4, 4, SIZE_MAX, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(jp_tokens("\"abc\\", 5, 5, SIZE_MAX, &n), 0);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_array_items),
		cmocka_unit_test(test_line_col),
		cmocka_unit_test(test_line_col_far),
		cmocka_unit_test(test_tokens),
	};
	return cmocka_run_group_tests_name("jsonpos", tests, NULL, NULL);
}
