/* test_yamltree.c - the bounded YAML tree.
 *
 * Every node's position (1-based, columns in characters), type, size and
 * text against a table; errors with their line and column (syntax errors,
 * unreadable bytes after multi-byte characters, aliases, a second document,
 * non-scalar keys, an empty file); duplicate keys reported without failing
 * the parse; the limits on depth, node count and value length, each at the
 * limit and one past it; the helpers for messages; reading files. */
#include "testutil.h"

#include "itmaturity/yamltree.h"

/* One node in pre-order: position, type, and a scalar's text or a
 * collection's child count. */
struct node_case {
	unsigned line, col;
	enum yt_type type;
	bool plain;
	const char *text;  /* scalars */
	uint32_t n;        /* collections: children (a mapping's keys and values) */
};

static const char *const doc_text =
	"title: Caf\xc3\xa9\n"
	"\xc3\xa9: \"quoted\"\n"
	"list:\n"
	"  - one\n"
	"  - {k: v, n: [1, 2]}\n"
	"block: |\n"
	"  text\n"
	"empty:\n"
	"nul: \"a\\0b\"\n";

static const struct node_case doc_nodes[] = {
	{ 1, 1, YT_MAP, false, NULL, 12 },
	{ 1, 1, YT_SCALAR, true, "title", 0 },
	{ 1, 8, YT_SCALAR, true, "Caf\xc3\xa9", 0 },
	{ 2, 1, YT_SCALAR, true, "\xc3\xa9", 0 },
	{ 2, 4, YT_SCALAR, false, "quoted", 0 },  /* columns count characters */
	{ 3, 1, YT_SCALAR, true, "list", 0 },
	{ 4, 3, YT_SEQ, false, NULL, 2 },
	{ 4, 5, YT_SCALAR, true, "one", 0 },
	{ 5, 5, YT_MAP, false, NULL, 4 },
	{ 5, 6, YT_SCALAR, true, "k", 0 },
	{ 5, 9, YT_SCALAR, true, "v", 0 },
	{ 5, 12, YT_SCALAR, true, "n", 0 },
	{ 5, 15, YT_SEQ, false, NULL, 2 },
	{ 5, 16, YT_SCALAR, true, "1", 0 },
	{ 5, 19, YT_SCALAR, true, "2", 0 },
	{ 6, 1, YT_SCALAR, true, "block", 0 },
	{ 6, 8, YT_SCALAR, false, "text\n", 0 },
	{ 8, 1, YT_SCALAR, true, "empty", 0 },
	{ 8, 7, YT_SCALAR, true, "", 0 },
	{ 9, 1, YT_SCALAR, true, "nul", 0 },
	{ 9, 6, YT_SCALAR, false, NULL, 3 },  /* "a\0b": checked below */
};

/* Checks N and its descendants against CASES from *I on. */
static void walk(const struct yt_node *n, const struct node_case *cases, size_t ncases, size_t *i)
{
	assert_true(*i < ncases);
	const struct node_case *c = &cases[(*i)++];
	if (n->line != c->line || n->col != c->col || n->type != c->type)
		fail_msg("node %zu: %u:%u type %u, expected %u:%u type %u", *i - 1, n->line, n->col,
			 n->type, c->line, c->col, c->type);
	if (n->type != YT_SCALAR) {
		assert_int_equal(n->n, c->n);
		for (uint32_t k = 0; k < n->n; k++)
			walk(&n->first[k], cases, ncases, i);
		return;
	}
	assert_int_equal(n->plain, c->plain);
	assert_int_equal(n->str[n->len], '\0');
	if (c->text) {
		assert_int_equal(n->len, strlen(c->text));
		assert_string_equal(n->str, c->text);
	} else {
		assert_int_equal(n->len, c->n);
	}
}

static void test_positions(void **state)
{
	(void)state;
	struct itm_errors e = { 0 };
	struct yt_doc d;
	assert_true(yt_parse("t.yaml", doc_text, strlen(doc_text), &d, &e));
	assert_int_equal(errs_count(&e), 0);
	size_t i = 0;
	walk(d.root, doc_nodes, ARRAY_LEN(doc_nodes), &i);
	assert_int_equal(i, ARRAY_LEN(doc_nodes));
	/* A NUL written as an escape is kept, and the text is still ended by one. */
	const struct yt_node *nul = &d.root->first[11];
	assert_memory_equal(nul->str, "a\0b", 4);
	yt_free(&d);
	assert_null(d.root);
}

/* Equal short texts are stored once. */
static void test_shared_texts(void **state)
{
	(void)state;
	static const char text[] = "- {id: same, v: 1}\n- {id: same, v: 1}\n";
	struct itm_errors e = { 0 };
	struct yt_doc d;
	assert_true(yt_parse("t.yaml", text, sizeof(text) - 1, &d, &e));
	const struct yt_node *a = d.root->first[0].first, *b = d.root->first[1].first;
	assert_ptr_equal(a[0].str, b[0].str);  /* id */
	assert_ptr_equal(a[1].str, b[1].str);  /* same */
	assert_ptr_equal(a[3].str, b[3].str);  /* 1 */
	assert_string_equal(a[1].str, "same");
	yt_free(&d);
}

struct error_case {
	const char *text;
	const char *want;  /* "LINE:COL: message" */
};

/* Parses TEXT, expecting failure with exactly the error WANT. */
static void expect_error(const char *text, size_t len, const struct yt_limits *lim, const char *want)
{
	struct itm_errors e = { 0 };
	struct yt_doc d;
	bool ok = lim ? yt_parse_limits("t.yaml", text, len, lim, &d, &e)
		      : yt_parse("t.yaml", text, len, &d, &e);
	if (ok || e.n != 1 || !tu_has_error(&e, want)) {
		print_message("input: %s\nexpected: %s\n", text, want);
		tu_print_errors(&e);
		if (ok)
			yt_free(&d);
		fail();
	}
	assert_null(d.root);
	assert_string_equal(e.v[0].path, "t.yaml");
	errs_free(&e);
}

static void test_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{ "a: [1, 2\n",
		  "2:1: YAML syntax error: did not find expected ',' or ']' while parsing a flow "
		  "sequence (line 1)" },
		{ "a: 1\n b: 2\n", "2:3: YAML syntax error: mapping values are not allowed in this context" },
		{ "a: b: c\n", "1:5: YAML syntax error: mapping values are not allowed in this context" },
		{ "key: \"open\n",
		  "2:1: YAML syntax error: found unexpected end of stream while scanning a quoted scalar (line 1)" },
		{ "a: 1\n- b\n",
		  "2:1: YAML syntax error: did not find expected key while parsing a block mapping (line 1)" },
		{ "- [a, {b: c]\n", "1:12: YAML syntax error: did not find expected ',' or '}'" },
		{ "\t- a\n", "1:1: YAML syntax error: found character that cannot start any token" },
		/* Unreadable bytes: the column counts the characters before them. */
		{ "a: b\nc: \xff\n", "2:4: invalid leading UTF-8 octet (byte 0xFF)" },
		{ "\xc3\xa9\xc3\xa9: \xff\n", "1:5: invalid leading UTF-8 octet (byte 0xFF)" },
		{ "a: 1\n\xe2\x82\xac\xe2\x82\xac: x\x01\n", "2:6: control characters are not allowed (byte 0x01)" },
		/* What a config file never needs. */
		{ "a: &x 1\nb: *x\n", "2:4: YAML aliases (*x) are not supported" },
		{ "a: &x [*x]\n", "1:8: YAML aliases (*x) are not supported" },
		{ "a: 1\n---\nb: 2\n", "2:1: a second YAML document: a file holds exactly one" },
		/* Tags: "!!str 2" was read as the number 2, "!foo" dropped. */
		{ "weight: !!str 2\n", "1:9: YAML tags are not supported: '!!str'" },
		{ "a: !foo x\n", "1:4: YAML tags are not supported: '!foo'" },
		{ "a: ! x\n", "1:4: YAML tags are not supported: '!'" },
		{ "a: !!seq [1]\n", "1:4: YAML tags are not supported: '!!seq'" },
		{ "a: !m {b: 1}\n", "1:4: YAML tags are not supported: '!m'" },
		{ "!k a: 1\n", "1:1: YAML tags are not supported: '!k'" },
		{ "a: !<tag:example.com,2000:x> 1\n",
		  "1:4: YAML tags are not supported: 'tag:example.com,2000:x'" },
		{ "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
		  "3:4: YAML tags are not supported: 'tag:example.com,2000:x'" },
		{ "a: !x%1b%5b2J 1\n", "1:4: YAML tags are not supported: '!x?[2J'" },
		{ "a: &n !x 1\n", "1:4: YAML tags are not supported: '!x'" },
		{ "? [1]\n: 2\n", "1:3: a mapping key must be plain text, not a list" },
		{ "{[1]: 2}", "1:2: a mapping key must be plain text, not a list" },
		{ "? {a: 1}\n: 2\n", "1:3: a mapping key must be plain text, not a mapping" },
		{ "", "1:1: the file is empty" },
		{ "# only a comment\n", "1:1: the file is empty" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		expect_error(cases[i].text, strlen(cases[i].text), NULL, cases[i].want);
	/* Every tag of a file is reported, and what else is wrong. */
	static const char tags[] = "a: !x 1\nb: [!!int 2]\nb: 3\n";
	struct itm_errors te = { 0 };
	struct yt_doc td;
	assert_false(yt_parse("t.yaml", tags, sizeof(tags) - 1, &td, &te));
	assert_null(td.root);
	assert_int_equal(errs_count(&te), 3);
	assert_true(tu_has_error(&te, "1:4: YAML tags are not supported: '!x'"));
	assert_true(tu_has_error(&te, "2:5: YAML tags are not supported: '!!int'"));
	assert_true(tu_has_error(&te, "3:1: duplicate key 'b'"));
	errs_free(&te);
	/* An anchor without an alias is harmless; a document marker alone is null. */
	struct itm_errors e = { 0 };
	struct yt_doc d;
	assert_true(yt_parse("t.yaml", "a: &x 1\n", 8, &d, &e));
	yt_free(&d);
	assert_true(yt_parse("t.yaml", "---\n", 4, &d, &e));
	assert_true(yt_is_null(d.root));
	yt_free(&d);
	assert_int_equal(errs_count(&e), 0);
}

struct dup_case {
	const char *text;
	size_t n;            /* errors expected */
	const char *want[2];
};

/* Duplicate keys are reported, each at the repeat, and the tree is built. */
static void test_duplicates(void **state)
{
	(void)state;
	static const struct dup_case cases[] = {
		{ "a: 1\nb: 2\na: 3\na: 4\n", 2,
		  { "3:1: duplicate key 'a' (first at line 1)", "4:1: duplicate key 'a' (first at line 1)" } },
		{ "'a': 1\na: 2\n", 1, { "2:1: duplicate key 'a' (first at line 1)" } },
		{ "x: {a: 1, a: 2}\n", 1, { "1:11: duplicate key 'a' (first at line 1)" } },
		{ "z: 1\ny:\n  z: 2\n  y: 3\n  z: 4\n", 1, { "5:3: duplicate key 'z' (first at line 3)" } },
		/* Not duplicates: prefixes, case, separate mappings. */
		{ "a: 1\nab: 2\nA: 3\n", 0, { NULL } },
		{ "x: {a: 1}\ny: {a: 2}\n", 0, { NULL } },
		{ "- a: 1\n- a: 2\n", 0, { NULL } },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct itm_errors e = { 0 };
		struct yt_doc d;
		bool ok = yt_parse("t.yaml", cases[i].text, strlen(cases[i].text), &d, &e);
		bool good = ok && e.n == cases[i].n;
		for (size_t k = 0; good && k < cases[i].n; k++)
			good = tu_has_error(&e, cases[i].want[k]);
		if (!good) {
			print_message("input: %s\n", cases[i].text);
			tu_print_errors(&e);
			fail();
		}
		assert_non_null(d.root);
		yt_free(&d);
		errs_free(&e);
	}
}

/* Parses TEXT within LIM, expecting success without errors. */
static void expect_ok(const char *text, const struct yt_limits *lim)
{
	struct itm_errors e = { 0 };
	struct yt_doc d;
	bool ok = yt_parse_limits("t.yaml", text, strlen(text), lim, &d, &e);
	if (!ok || e.n) {
		print_message("input: %s\n", text);
		tu_print_errors(&e);
		fail();
	}
	yt_free(&d);
}

static void test_limits(void **state)
{
	(void)state;
	const struct yt_limits depth3 = { 100, 100, 3 };
	expect_ok("[[[1]]]", &depth3);
	expect_error("[[[[1]]]]", 9, &depth3, "1:4: nested deeper than the limit of 3 levels");
	expect_ok("a:\n  b:\n    c: 1\n", &depth3);
	expect_error("a:\n  b:\n    c:\n      - 1\n", 24, &depth3,
		     "4:7: nested deeper than the limit of 3 levels");

	const struct yt_limits nodes3 = { 100, 3, YT_MAX_DEPTH };
	expect_ok("[1, 2]", &nodes3);
	expect_error("[1, 2, 3]", 9, &nodes3, "1:8: too many values in one file (the limit is 3)");
	expect_error("a: 1\nb: 2\n", 10, &nodes3, "2:1: too many values in one file (the limit is 3)");

	/* The value limit counts bytes, not characters. */
	const struct yt_limits scalar4 = { 4, 100, YT_MAX_DEPTH };
	expect_ok("abcd", &scalar4);
	expect_ok("\xc3\xa9\xc3\xa9", &scalar4);
	expect_error("abcde", 5, &scalar4, "1:1: value is longer than the limit of 4 bytes");
	expect_error("x: \xc3\xa9\xc3\xa9\xc3\xa9", 9, &scalar4, "1:4: value is longer than the limit of 4 bytes");

	/* The defaults: YT_MAX_DEPTH levels, not one more. */
	char deep[2 * YT_MAX_DEPTH + 3];
	memset(deep, '[', YT_MAX_DEPTH);
	memset(deep + YT_MAX_DEPTH, ']', YT_MAX_DEPTH);
	struct itm_errors e = { 0 };
	struct yt_doc d;
	assert_true(yt_parse("t.yaml", deep, 2 * YT_MAX_DEPTH, &d, &e));
	yt_free(&d);
	memset(deep, '[', YT_MAX_DEPTH + 1);
	memset(deep + YT_MAX_DEPTH + 1, ']', YT_MAX_DEPTH + 1);
	expect_error(deep, 2 * YT_MAX_DEPTH + 2, NULL, "1:33: nested deeper than the limit of 32 levels");
	errs_free(&e);
}

struct null_case {
	const char *text;  /* the value of "v" */
	bool null;
	const char *type;
};

/* The value of key "v" of a one-key document, parsed into D. */
static const struct yt_node *value_of(const char *text, struct yt_doc *d)
{
	struct itm_errors e = { 0 };
	char *doc = xasprintf("v: %s\n", text);
	assert_true(yt_parse("t.yaml", doc, strlen(doc), d, &e));
	assert_int_equal(errs_count(&e), 0);
	free(doc);
	return &d->root->first[1];
}

static void test_null_and_types(void **state)
{
	(void)state;
	static const struct null_case cases[] = {
		{ "", true, "nothing" },     { "~", true, "nothing" },
		{ "null", true, "nothing" }, { "Null", true, "nothing" },
		{ "NULL", true, "nothing" }, { "nUll", false, "a value" },
		{ "'null'", false, "a value" }, { "\"\"", false, "a value" },
		{ "''", false, "a value" },  { "nul", false, "a value" },
		{ "0", false, "a value" },   { "[]", false, "a list" },
		{ "{}", false, "a mapping" }, { "[~]", false, "a list" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct yt_doc d;
		const struct yt_node *v = value_of(cases[i].text, &d);
		if (yt_is_null(v) != cases[i].null || strcmp(yt_type_name(v), cases[i].type) != 0)
			fail_msg("v: %s: null %d, %s", cases[i].text, yt_is_null(v), yt_type_name(v));
		yt_free(&d);
	}
}

struct show_case {
	const char *text;  /* the value of "v" */
	const char *want;
};

static void test_show(void **state)
{
	(void)state;
	static const struct show_case cases[] = {
		{ "short", "short" },
		{ "\"tab\\there\\x7f\\n\"", "tab?here??" },
		/* 40 characters are shown whole, 41 cut to 40 and "...". */
		{ "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd", "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd" },
		{ "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddde",
		  "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd..." },
		/* Never cut inside a UTF-8 sequence: the "é" at bytes 39-40 goes whole. */
		{ "aaaaaaaaaabbbbbbbbbbccccccccccddddddddd\xc3\xa9x",
		  "aaaaaaaaaabbbbbbbbbbccccccccccddddddddd..." },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9..." },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct yt_doc d;
		const struct yt_node *v = value_of(cases[i].text, &d);
		char buf[YT_SHOW_SIZE];
		assert_ptr_equal(yt_show(v, buf), buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("yt_show(%s) = \"%s\", expected \"%s\"", cases[i].text, buf, cases[i].want);
		yt_free(&d);
	}
}

static void expect_read_error(const char *path, size_t max, const char *want)
{
	struct itm_errors e = { 0 };
	char *buf = (char *)"untouched";
	size_t len = 99;
	assert_false(yt_read_file_max(path, max, &buf, &len, &e));
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.v[0].path, path);
	assert_int_equal(e.v[0].line, 0);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
}

static void test_read_file(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/f.yaml", dir);
	static const char text[] = "a: 1\n\0tail";
	tu_write(path, text, sizeof(text) - 1);
	struct itm_errors e = { 0 };
	char *buf;
	size_t len;
	assert_true(yt_read_file(path, &buf, &len, &e));
	assert_int_equal(len, sizeof(text) - 1);
	assert_memory_equal(buf, text, sizeof(text));  /* and a NUL after it */
	free(buf);
	/* At the limit it is read; one byte over, refused. */
	assert_true(yt_read_file_max(path, sizeof(text) - 1, &buf, &len, &e));
	free(buf);
	assert_int_equal(errs_count(&e), 0);
	expect_read_error(path, sizeof(text) - 2, "file is larger than the limit of 9 bytes");
	char *big = xasprintf("%s/big.yaml", dir);
	char *mib = xcalloc(1, 1024 * 1024 + 1);
	tu_write(big, mib, 1024 * 1024 + 1);
	expect_read_error(big, 1024 * 1024, "file is larger than the limit of 1 MiB");
	/* An empty file is read as empty. */
	tu_write(path, "", 0);
	assert_true(yt_read_file(path, &buf, &len, &e));
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
	expect_read_error("/dev/null", YT_MAX_FILE, "is not a regular file");
	expect_read_error(dir, YT_MAX_FILE, "is a directory, not a file");
	char *missing = xasprintf("%s/missing.yaml", dir);
	expect_read_error(missing, YT_MAX_FILE, "cannot open: No such file or directory");
	tu_rmrf(dir);
	free(missing);
	free(mib);
	free(big);
	free(path);
	free(dir);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_shared_texts),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_null_and_types),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_read_file),
	};
	return cmocka_run_group_tests_name("yamltree", tests, NULL, NULL);
}
