/* test_text.c - names and notes as they come in, text made safe for a
 * terminal, display widths. */
#include "itmaturity/text.h"

#include "testutil.h"

static void test_names(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out, *why;
	} cases[] = {
		{ "Acme", "Acme", NULL },
		{ "  Acme \t", "Acme", NULL },
		{ "Café Élysée", "Café Élysée", NULL },
		{ "Bäckerei  Müller", "Bäckerei  Müller", NULL },   /* inner spaces kept */
		{ "", NULL, "is empty" },
		{ "   ", NULL, "is empty" },
		{ "\n", NULL, "is empty" },
		{ "\r\n Acme\n", "Acme", NULL },
		{ "Acme\x1b[2J", NULL, "holds a control character" },
		{ "Acme\x1b]52;c;aGk=\x07", NULL, "holds a control character" },
		{ "Acme\rEvil", NULL, "holds a control character" },
		{ "A\x7f", NULL, "holds a control character" },
		{ "A\xc2\x9b", NULL, "holds a control character" },   /* C1 CSI */
		{ "Bad\xff", NULL, "not valid UTF-8" },
		{ "Bad\xc3", NULL, "not valid UTF-8" },              /* cut short */
		{ "\xc0\xaf", NULL, "not valid UTF-8" },              /* overlong '/' */
		{ "\xed\xa0\x80", NULL, "not valid UTF-8" },          /* a surrogate */
		{ "\xf4\x90\x80\x80", NULL, "not valid UTF-8" },      /* above U+10FFFF */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *out;
		const char *why = text_name(cases[i].in, &out);
		if (!why != !cases[i].why)
			print_message("case %zu: %s\n", i, why ? why : "accepted");
		if (cases[i].why) {
			assert_non_null(why);
			assert_string_equal(why, cases[i].why);
			assert_null(out);
		} else {
			assert_null(why);
			assert_string_equal(out, cases[i].out);
		}
		free(out);
	}
	/* The limit counts characters, after trimming. */
	char name[4 * TEXT_NAME_MAX + 8] = "  ";
	for (int i = 0; i < TEXT_NAME_MAX; i++)
		strcat(name, "é");
	strcat(name, "  ");
	char *out;
	assert_null(text_name(name, &out));
	free(out);
	strcat(name, "x");
	assert_string_equal(text_name(name, &out), "is too long");
}

static void test_notes(void **state)
{
	(void)state;
	assert_null(text_note(""));
	assert_null(text_note("Two lines,\n\tand a tab."));
	assert_string_equal(text_note("\x1b[31mred"), "holds a control character");
	assert_string_equal(text_note("cr\r"), "holds a control character");
	assert_string_equal(text_note("\xfe"), "not valid UTF-8");
	char *long_note = xmalloc(TEXT_NOTE_MAX + 2);
	memset(long_note, 'a', TEXT_NOTE_MAX + 1);
	long_note[TEXT_NOTE_MAX + 1] = '\0';
	assert_string_equal(text_note(long_note), "is too long");
	long_note[TEXT_NOTE_MAX] = '\0';
	assert_null(text_note(long_note));
	free(long_note);
}

static void test_safe(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool one_line;
		const char *out;
	} cases[] = {
		{ "plain Café", true, "plain Café" },
		{ "\x1b[2Jgone", true, "\\x1b[2Jgone" },
		{ "\x1b]52;c;aGk=\x07", true, "\\x1b]52;c;aGk=\\x07" },
		{ "over\rwrite", false, "over\\x0dwrite" },
		{ "two\nlines\tx", false, "two\nlines\tx" },
		{ "two\nlines\tx", true, "two\\nlines\\tx" },
		{ "del\x7f c1\xc2\x9b", true, "del\\x7f c1\\x9b" },
		{ "bad\xff byte", true, "bad\xef\xbf\xbd byte" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = text_safe(cases[i].in, cases[i].one_line);
		assert_string_equal(s, cases[i].out);
		assert_int_equal(text_is_safe(cases[i].in, cases[i].one_line),
				 strcmp(cases[i].in, cases[i].out) == 0);
		/* What it gives is safe itself. */
		assert_true(text_is_safe(s, cases[i].one_line));
		free(s);
	}
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("Acme", 4), 4);
	assert_int_equal(text_width("Café", strlen("Café")), 4);
	assert_int_equal(text_width("株式会社", strlen("株式会社")), 8);
	assert_int_equal(text_width("e\xcc\x81", 3), 1);   /* e + combining acute */
	assert_int_equal(text_width("\xff", 1), 1);
	assert_int_equal(text_fit("株式会社", 5), strlen("株式"));
	assert_int_equal(text_fit("Café!", 4), strlen("Café"));
	assert_int_equal(text_fit("ab", 10), 2);
}

static void test_ascii(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Acme B.V.", "Acme B.V." },
		{ "Café Müller", "Cafe Muller" },
		{ "Straße, Æsir, Œuvre, Łódź", "Strasse, AEsir, OEuvre, Lodz" },
		{ "“quoted” ‘single’ – — …", "\"quoted\" 'single' - -- ..." },
		{ "70% → 80% ≥ 5 €", "70% -> 80% >= 5 EUR" },
		{ "e\xcc\x81", "e" },                 /* e + combining acute */
		{ "株式会社", "????" },
		{ "bad \xff byte", "bad ? byte" },
		{ "tab\there", "tab\there" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = text_ascii(cases[i].in);
		assert_string_equal(s, cases[i].out);
		for (const char *p = s; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		free(s);
	}
}

/* French spacing: no line starts with ":" or "»", none ends with "«". */
static void test_glued_space(void **state)
{
	(void)state;
	const char *s = "Taille : petite ; \xc2\xab mot \xc2\xbb, oui ? non";
	assert_true(text_glued_space(s, 6));              /* before ":" */
	assert_true(text_glued_space(s, 15));             /* before ";" */
	assert_true(text_glued_space(s, 20));             /* after "«" */
	assert_true(text_glued_space(s, 24));             /* before "»" */
	assert_true(text_glued_space(s, 32));             /* before "?" */
	assert_false(text_glued_space(s, 8));             /* between words */
	assert_false(text_glued_space("a b", 1));
	assert_false(text_glued_space("a ", 1));          /* at the end */
}

/* What the store and bundles keep as a language: the tags of the
 * questionnaires, never text that a bundle could not carry back. */
static void test_language_tag(void **state)
{
	(void)state;
	assert_true(text_language_tag("en"));
	assert_true(text_language_tag("nl-BE"));
	assert_true(text_language_tag("fra"));
	assert_false(text_language_tag("n"));
	assert_false(text_language_tag("nl_BE"));
	assert_false(text_language_tag("-nl"));
	assert_false(text_language_tag("nl BE"));
	assert_false(text_language_tag("néerlandais"));
	assert_false(text_language_tag("abcdefghijklmnop"));  /* 16 */
	assert_true(text_language_tag("abcdefghijklmno"));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_tag),
		cmocka_unit_test(test_glued_space),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_ascii),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
