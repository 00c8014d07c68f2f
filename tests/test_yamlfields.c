/* test_yamlfields.c - typed, checked access to a YAML tree.
 *
 * Each getter against a table of values written after "v: ": what it
 * returns, or the one error it reports, with the value's line and column
 * (1:4; an empty value is placed where it would start, 1:3) and the
 * file's path. Also the mapping check (unknown keys, missing
 * required keys, the first of duplicates), lists and their minimum, text
 * trimming and borrowing, and the number syntax on its own. */
#include "testutil.h"

#include "itmaturity/yamlfields.h"

/* A document, its errors, an arena for the returned strings and the
 * reader over them. */
struct fx {
	struct yt_doc doc;
	struct itm_errors errs;
	struct arena arena;
	struct yf f;
};

/* Parses TEXT (which must be valid YAML) into X. */
static void load(struct fx *x, const char *text)
{
	memset(x, 0, sizeof(*x));
	x->f = (struct yf){ .path = "f.yaml", .errs = &x->errs, .arena = &x->arena };
	assert_true(yt_parse("f.yaml", text, strlen(text), &x->doc, &x->errs));
}

/* Loads "v: VALUE" into X and returns the value's node (at line 1, column 4). */
static const struct yt_node *value(struct fx *x, const char *v)
{
	char *text = xasprintf("v: %s\n", v);
	load(x, text);
	free(text);
	assert_int_equal(errs_count(&x->errs), 0);
	return &x->doc.root->first[1];
}

static void unload(struct fx *x)
{
	yt_free(&x->doc);
	errs_free(&x->errs);
	arena_free(&x->arena);
}

/* X holds no error (WANT NULL) or exactly WANT ("LINE:COL: message"), of f.yaml. */
static void expect(struct fx *x, const char *input, const char *want)
{
	bool ok = want ? x->errs.n == 1 && tu_has_error(&x->errs, want) : errs_count(&x->errs) == 0;
	if (!ok) {
		print_message("input: %s\nexpected: %s\n", input, want ? want : "no error");
		tu_print_errors(&x->errs);
		fail();
	}
	if (want)
		assert_string_equal(x->errs.v[0].path, "f.yaml");
}

static const struct yf_field fields[] = { { "name", true }, { "count", true }, { "opt", false } };

static void test_map(void **state)
{
	(void)state;
	struct fx x;
	const struct yt_node *out[3];
	load(&x, "name: a\nextra: 1\nopt: [x]\nname: b\nother: 2\n");
	/* The tree reported the duplicate; yf_map does not again. */
	expect(&x, "name twice", "4:1: duplicate key 'name' (first at line 1)");
	errs_free(&x.errs);
	assert_true(yf_map(&x.f, x.doc.root, "thing", fields, ARRAY_LEN(fields), out));
	assert_int_equal(x.errs.n, 3);
	assert_true(tu_has_error(&x.errs, "2:1: thing: unknown key 'extra' (expected one of: name, count, opt)"));
	assert_true(tu_has_error(&x.errs, "5:1: thing: unknown key 'other' (expected one of: name, count, opt)"));
	assert_true(tu_has_error(&x.errs, "1:1: thing: missing required key 'count'"));
	assert_non_null(out[0]);
	assert_string_equal(out[0]->str, "a");  /* the first of duplicates */
	assert_null(out[1]);
	assert_non_null(out[2]);
	assert_int_equal(out[2]->type, YT_SEQ);
	assert_int_equal(out[2]->line, 3);
	assert_int_equal(out[2]->col, 6);
	unload(&x);

	/* Not a mapping: reported, every OUT NULL, false. */
	static const char *const not_maps[][2] = {
		{ "- a\n", "1:1: thing must be a mapping (key: value lines), not a list" },
		{ "~\n", "1:1: thing must be a mapping (key: value lines), not nothing" },
		{ "text\n", "1:1: thing must be a mapping (key: value lines), not a value" },
	};
	for (size_t i = 0; i < ARRAY_LEN(not_maps); i++) {
		load(&x, not_maps[i][0]);
		out[0] = out[1] = out[2] = x.doc.root;
		assert_false(yf_map(&x.f, x.doc.root, "thing", fields, ARRAY_LEN(fields), out));
		assert_null(out[0]);
		assert_null(out[1]);
		assert_null(out[2]);
		expect(&x, not_maps[i][0], not_maps[i][1]);
		unload(&x);
	}
}

static void test_name_and_error(void **state)
{
	(void)state;
	struct fx x;
	load(&x, "id: abc\nnone: ~\nlist: [1]\nlong: aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee\n");
	char buf[YT_SHOW_SIZE];
	assert_string_equal(yf_name(x.doc.root, "id", buf), "abc");
	assert_null(yf_name(x.doc.root, "none", buf));
	assert_null(yf_name(x.doc.root, "list", buf));
	assert_null(yf_name(x.doc.root, "missing", buf));
	assert_null(yf_name(x.doc.root, "i", buf));  /* a prefix is not the key */
	assert_string_equal(yf_name(x.doc.root, "long", buf), "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd...");
	assert_null(yf_name(&x.doc.root->first[1], "id", buf));  /* not a mapping */
	assert_null(yf_name(NULL, "id", buf));
	/* yf_error: at a node, or without a position. */
	yf_error(&x.f, &x.doc.root->first[5], "at %s", "list");
	yf_error(&x.f, NULL, "whole file");
	assert_int_equal(x.errs.n, 2);
	assert_true(tu_has_error(&x.errs, "3:7: at list"));
	assert_true(tu_has_error(&x.errs, "0:0: whole file"));
	unload(&x);
}

struct list_case {
	const char *v;
	size_t min;
	const char *want;  /* NULL: accepted */
};

static void test_list(void **state)
{
	(void)state;
	static const struct list_case cases[] = {
		{ "[a, b]", 2, NULL },
		{ "[]", 0, NULL },
		{ "[a]", 2, "1:4: thing: 'v' has 1, at least 2 needed" },
		{ "[]", 1, "1:4: thing: 'v' is empty (at least 1 needed)" },
		{ "x", 0, "1:4: thing: 'v' must be a list, not a value" },
		{ "{a: 1}", 0, "1:4: thing: 'v' must be a list, not a mapping" },
		{ "", 0, "1:3: thing: 'v' must be a list, not nothing" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct fx x;
		const struct yt_node *v = value(&x, cases[i].v);
		assert_int_equal(yf_list(&x.f, v, "thing", "v", cases[i].min), cases[i].want == NULL);
		expect(&x, cases[i].v, cases[i].want);
		assert_false(yf_list(&x.f, NULL, "thing", "v", 0));  /* missing: nothing more said */
		expect(&x, cases[i].v, cases[i].want);
		unload(&x);
	}
}

struct text_case {
	const char *v;
	const char *want;   /* the text returned, or NULL */
	const char *error;  /* the error, when none is returned */
};

static void test_text(void **state)
{
	(void)state;
	static const struct text_case cases[] = {
		{ "hello world", "hello world", NULL },
		{ "'null'", "null", NULL },
		{ "'  spaced  '", "  spaced", NULL },
		{ "|\n  line one\n  line two\n\n", "line one\nline two", NULL },
		{ ">\n  folded\n  text\n", "folded text", NULL },
		{ "\"a\\0b\"", NULL, "1:4: thing: 'v' contains a NUL character" },
		/* Control characters written as escapes, which the reader's
		 * check of the file's bytes cannot see; newline and tab are text. */
		{ "\"a\\tb\\nc\"", "a\tb\nc", NULL },
		{ "\"caf\\u00e9\"", "caf\xc3\xa9", NULL },
		{ "\"a\\e[2Jb\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"a\\x1bb\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"\\u001b]52;c;eA==\\a\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"a\\rb\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"a\\x7f\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"a\\x9b2J\"", NULL, "1:4: thing: the v holds a control character" },
		{ "\"a\\N\"", NULL, "1:4: thing: the v holds a control character" },
		{ "|\n  line\n  \"\\e\"\n", "line\n\"\\e\"", NULL },
		{ "'  '", NULL, "1:4: thing: 'v' is empty" },
		{ "\"\\t\\n\"", NULL, "1:4: thing: 'v' is empty" },
		{ "", NULL, "1:3: thing: 'v' must be text, not nothing" },
		{ "~", NULL, "1:4: thing: 'v' must be text, not nothing" },
		{ "[a]", NULL, "1:4: thing: 'v' must be text, not a list" },
		{ "{a: b}", NULL, "1:4: thing: 'v' must be text, not a mapping" },
	};
	for (int borrow = 0; borrow <= 1; borrow++) {
		for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
			struct fx x;
			const struct yt_node *v = value(&x, cases[i].v);
			x.f.borrow = borrow;
			const char *got = yf_text(&x.f, v, "thing", "v");
			expect(&x, cases[i].v, cases[i].error);
			if (cases[i].want) {
				assert_non_null(got);
				assert_string_equal(got, cases[i].want);
				/* Borrowed when it needs no change, else a copy. */
				bool same = strlen(cases[i].want) == v->len;
				if (borrow && same)
					assert_ptr_equal(got, v->str);
				else
					assert_true(got != v->str);
			} else {
				assert_null(got);
			}
			unload(&x);
		}
	}
	struct fx x;
	value(&x, "x");
	assert_null(yf_text(&x.f, NULL, "thing", "v"));
	expect(&x, "(missing)", NULL);
	unload(&x);
}

struct ident_case {
	const char *v;
	bool id, key;  /* accepted by yf_id, by yf_key */
};

static void test_ids_and_keys(void **state)
{
	(void)state;
	static const struct ident_case cases[] = {
		{ "a", true, true },
		{ "abc-1", true, true },
		{ "a-", true, true },
		{ "'quoted'", true, true },
		{ "0abc", true, false },
		{ "1", true, false },
		{ "-a", false, false },
		{ "A", false, false },
		{ "aB", false, false },
		{ "a_b", false, false },
		{ "a b", false, false },
		{ "a.b", false, false },
		{ "\xc3\xa9t\xc3\xa9", false, false },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true, true },   /* 64 */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, false }, /* 65 */
		{ "''", false, false },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		for (int key = 0; key <= 1; key++) {
			struct fx x;
			const struct yt_node *v = value(&x, cases[i].v);
			const char *got = key ? yf_key(&x.f, v, "thing", "v") : yf_id(&x.f, v, "thing", "v");
			bool want = key ? cases[i].key : cases[i].id;
			if (!got != !want) {
				tu_print_errors(&x.errs);
				fail_msg("%s(%s): %s, expected %s", key ? "yf_key" : "yf_id", cases[i].v,
					 got ? "accepted" : "refused", want ? "accepted" : "refused");
			}
			if (got) {
				assert_int_equal(strlen(got), v->len);
				assert_memory_equal(got, v->str, v->len);
				expect(&x, cases[i].v, NULL);
			} else {
				char show[YT_SHOW_SIZE];
				char *msg = xasprintf("1:4: thing: 'v' value '%s' is not %s (1 to 64 lower-case "
						      "letters, digits and '-', starting with a %s)",
						      yt_show(v, show), key ? "a key" : "an id",
						      key ? "letter" : "letter or digit");
				expect(&x, cases[i].v, msg);
				free(msg);
			}
			unload(&x);
		}
	}
	static const char *const wrong[][3] = {
		{ "", "1:3: thing: 'v' must be an id, not nothing", "1:3: thing: 'v' must be a key, not nothing" },
		{ "[a]", "1:4: thing: 'v' must be an id, not a list", "1:4: thing: 'v' must be a key, not a list" },
	};
	for (size_t i = 0; i < ARRAY_LEN(wrong); i++) {
		for (int key = 0; key <= 1; key++) {
			struct fx x;
			const struct yt_node *v = value(&x, wrong[i][0]);
			assert_null(key ? yf_key(&x.f, v, "thing", "v") : yf_id(&x.f, v, "thing", "v"));
			expect(&x, wrong[i][0], wrong[i][1 + key]);
			unload(&x);
		}
	}
}

struct number_case {
	const char *s;
	bool ok;
	double want;
};

static void test_parse_number(void **state)
{
	(void)state;
	static const struct number_case cases[] = {
		{ "0", true, 0 },         { "1", true, 1 },          { "-1", true, -1 },
		{ "+2", true, 2 },        { "1.5", true, 1.5 },      { ".5", true, 0.5 },
		{ "5.", true, 5 },        { "-.25", true, -0.25 },   { "1e3", true, 1000 },
		{ "1E-3", true, 0.001 },  { "-2.5e+2", true, -250 }, { "007", true, 7 },
		{ "", false, 0 },         { ".", false, 0 },         { "-", false, 0 },
		{ "+", false, 0 },        { "e3", false, 0 },        { ".e3", false, 0 },
		{ "1e", false, 0 },       { "1e+", false, 0 },       { "1.2.3", false, 0 },
		{ "0x10", false, 0 },     { "inf", false, 0 },       { "nan", false, 0 },
		{ ".inf", false, 0 },     { "1e999", false, 0 },     { "-1e999", false, 0 },
		{ " 1", false, 0 },       { "1 ", false, 0 },        { "1,5", false, 0 },
		{ "1_000", false, 0 },    { "--1", false, 0 },       { "1e1.5", false, 0 },
		/* At most 64 characters. */
		{ "0000000000000000000000000000000000000000000000000000000000000001", true, 1 },
		{ "00000000000000000000000000000000000000000000000000000000000000001", false, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		double d = -12345;
		bool ok = yf_parse_number(cases[i].s, strlen(cases[i].s), &d);
		if (ok != cases[i].ok || (ok && d != cases[i].want))
			fail_msg("yf_parse_number(\"%s\") = %d, %g", cases[i].s, ok, d);
		if (!ok)
			assert_true(d == -12345);  /* left alone */
	}
	/* Only LEN bytes are read. */
	double d;
	assert_true(yf_parse_number("12x", 2, &d));
	assert_true(d == 12);
	assert_true(yf_parse_number("3.25", 1, &d));
	assert_true(d == 3);
}

struct getter_case {
	const char *v;
	bool ok;
	double want;
	const char *error;
};

static void test_number_weight_bool(void **state)
{
	(void)state;
	static const struct getter_case numbers[] = {
		{ "2.5", true, 2.5, NULL },
		{ "-3", true, -3, NULL },
		{ "'2.5'", false, 0, "1:4: thing: 'v' must be a number, not '2.5' (a quoted value is text)" },
		{ "abc", false, 0, "1:4: thing: 'v' must be a number, not 'abc'" },
		{ ".nan", false, 0, "1:4: thing: 'v' must be a number, not '.nan'" },
		{ "", false, 0, "1:3: thing: 'v' must be a number, not nothing" },
		{ "[1]", false, 0, "1:4: thing: 'v' must be a number, not a list" },
	};
	static const struct getter_case weights[] = {
		{ "0.5", true, 0.5, NULL },
		{ "3", true, 3, NULL },
		{ "0", false, 0, "1:4: thing: 'weight' must be greater than 0, not 0" },
		{ "-1.5", false, 0, "1:4: thing: 'weight' must be greater than 0, not -1.5" },
		{ "x", false, 0, "1:4: thing: 'weight' must be a number, not 'x'" },
		/* The range in which sums and ratios of weights stay exact. */
		{ "0.001", true, 0.001, NULL },
		{ "1000", true, 1000, NULL },
		{ "0.000999", false, 0, "1:4: thing: 'weight' must be from 0.001 to 1000, not 0.000999" },
		{ "1000.001", false, 0, "1:4: thing: 'weight' must be from 0.001 to 1000, not 1000.001" },
		{ "1e308", false, 0, "1:4: thing: 'weight' must be from 0.001 to 1000, not 1e308" },
		{ "1e-320", false, 0, "1:4: thing: 'weight' must be from 0.001 to 1000, not 1e-320" },
	};
	static const struct getter_case values[] = {
		{ "1000000", true, 1e6, NULL },
		{ "-1e6", true, -1e6, NULL },
		{ "1e-300", true, 1e-300, NULL },
		{ "1000000.5", false, 0, "1:4: thing: 'v' must be from -1000000 to 1000000, not 1000000.5" },
		{ "-1e308", false, 0, "1:4: thing: 'v' must be from -1000000 to 1000000, not -1e308" },
		{ "'1'", false, 0, "1:4: thing: 'v' must be a number, not '1' (a quoted value is text)" },
	};
	static const struct getter_case bools[] = {
		{ "true", true, 1, NULL },
		{ "false", true, 0, NULL },
		{ "yes", false, 0, "1:4: thing: 'v' must be true or false, not 'yes'" },
		{ "True", false, 0, "1:4: thing: 'v' must be true or false, not 'True'" },
		{ "1", false, 0, "1:4: thing: 'v' must be true or false, not '1'" },
		{ "'true'", false, 0, "1:4: thing: 'v' must be true or false, not 'true'" },
		{ "", false, 0, "1:3: thing: 'v' must be true or false, not nothing" },
		{ "[true]", false, 0, "1:4: thing: 'v' must be true or false, not a list" },
	};
	const struct getter_case *tables[] = { numbers, weights, bools, values };
	const size_t sizes[] = { ARRAY_LEN(numbers), ARRAY_LEN(weights), ARRAY_LEN(bools),
				 ARRAY_LEN(values) };
	for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
		for (size_t i = 0; i < sizes[t]; i++) {
			const struct getter_case *c = &tables[t][i];
			struct fx x;
			const struct yt_node *v = value(&x, c->v);
			double d = 0;
			bool b = false, ok;
			if (t == 0)
				ok = yf_number(&x.f, v, "thing", "v", &d);
			else if (t == 1)
				ok = yf_weight(&x.f, v, "thing", &d);
			else if (t == 2)
				ok = yf_bool(&x.f, v, "thing", "v", &b), d = b;
			else
				ok = yf_value(&x.f, v, "thing", "v", &d);
			if (ok != c->ok || (ok && d != c->want))
				fail_msg("table %zu, %s: %d, %g", t, c->v, ok, d);
			expect(&x, c->v, c->error);
			unload(&x);
		}
	}
	/* A missing key (NULL) is refused without another message. */
	struct fx x;
	value(&x, "1");
	double d;
	bool b;
	assert_false(yf_number(&x.f, NULL, "thing", "v", &d));
	assert_false(yf_weight(&x.f, NULL, "thing", &d));
	assert_false(yf_value(&x.f, NULL, "thing", "v", &d));
	assert_false(yf_bool(&x.f, NULL, "thing", "v", &b));
	assert_null(yf_id(&x.f, NULL, "thing", "v"));
	assert_null(yf_key(&x.f, NULL, "thing", "v"));
	expect(&x, "(missing)", NULL);
	unload(&x);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_name_and_error),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_ids_and_keys),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_number_weight_bool),
	};
	return cmocka_run_group_tests_name("yamlfields", tests, NULL, NULL);
}
