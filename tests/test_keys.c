/* test_keys.c - the wizard's binding table: complete, unambiguous, the
 * overlays' keys in it too, and the help screen and status line drawn from
 * it; the key-script parser. */
#include "testutil.h"

#include "itmaturity/keys.h"

static const unsigned screens[] = { KS_START, KS_INTRO, KS_QUESTION, KS_REVIEW,
				    KS_RESULTS, KS_HISTORY, KS_COMPARE, KS_HELP, KS_PLAN };
static const unsigned overlays[] = { KS_PROMPT, KS_PICK };

/* Every binding has keys, a label, a help text and a screen. */
static void test_table_complete(void **state)
{
	(void)state;
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	assert_true(n > 20);
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(t[i].action, KA_NONE);
		assert_int_not_equal(t[i].keys[0], 0);
		assert_non_null(t[i].label);
		assert_true(strlen(t[i].label) > 0);
		assert_non_null(t[i].help);
		assert_true(strlen(t[i].help) >= 2);
		assert_int_not_equal(t[i].screens & KS_ALL, 0);
	}
}

/* No key means two things on screen (or overlay) KS; lookups find each
 * binding. */
static void assert_unambiguous(unsigned ks)
{
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	for (size_t i = 0; i < n; i++) {
		if (!(t[i].screens & ks))
			continue;
		for (size_t k = 0; k < KEYS_MAX && t[i].keys[k]; k++) {
			for (size_t j = i + 1; j < n; j++) {
				if (!(t[j].screens & ks))
					continue;
				for (size_t m = 0; m < KEYS_MAX && t[j].keys[m]; m++)
					if (t[j].keys[m] == t[i].keys[k])
						fail_msg("key %s bound twice on screen %#x", keys_name(t[i].keys[k]), ks);
			}
			assert_int_equal(keys_lookup(ks, t[i].keys[k]), t[i].action);
		}
	}
}

static void test_no_key_bound_twice(void **state)
{
	(void)state;
	for (size_t s = 0; s < ARRAY_LEN(screens); s++)
		assert_unambiguous(screens[s]);
}

/* The issue's keys, where the issue asks for them. */
static void test_issue_keys(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_UP), KA_UP);
	assert_int_equal(keys_lookup(KS_QUESTION, 'k'), KA_UP);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_DOWN), KA_DOWN);
	assert_int_equal(keys_lookup(KS_QUESTION, 'j'), KA_DOWN);
	for (int d = '0'; d <= '9'; d++)
		assert_int_equal(keys_lookup(KS_QUESTION, d), KA_ANSWER);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_ENTER), KA_SELECT);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_RIGHT), KA_NEXT);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_PGDN), KA_NEXT);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_LEFT), KA_PREV);
	assert_int_equal(keys_lookup(KS_QUESTION, KEYS_PGUP), KA_PREV);
	assert_int_equal(keys_lookup(KS_QUESTION, 'n'), KA_NOTE);
	assert_int_equal(keys_lookup(KS_QUESTION, '?'), KA_QHELP);
	assert_int_equal(keys_lookup(KS_QUESTION, 'g'), KA_JUMP);
	assert_int_equal(keys_lookup(KS_QUESTION, 'q'), KA_QUIT);
	assert_int_equal(keys_lookup(KS_RESULTS, 'e'), KA_EXPORT);
	/* The plan: added from the results, opened from there and the start. */
	assert_int_equal(keys_lookup(KS_RESULTS, 'a'), KA_ADD);
	assert_int_equal(keys_lookup(KS_RESULTS, 'p'), KA_PLAN);
	assert_int_equal(keys_lookup(KS_START, 'p'), KA_PLAN);
	assert_int_equal(keys_lookup(KS_PLAN, 'o'), KA_OWNER);
	assert_int_equal(keys_lookup(KS_PLAN, 'd'), KA_DUE);
	assert_int_equal(keys_lookup(KS_PLAN, 'm'), KA_DONE);
	assert_int_equal(keys_lookup(KS_PLAN, 'x'), KA_DROP);
	assert_int_equal(keys_lookup(KS_PLAN, 'j'), KA_DOWN);
	assert_int_equal(keys_lookup(KS_PLAN, KEYS_ESC), KA_BACK);
	assert_int_equal(keys_lookup(KS_QUESTION, 'a'), KA_NONE);
	assert_int_equal(keys_lookup(KS_HELP, 'q'), KA_BACK);
	/* Every screen but the key list itself can quit and show the keys. */
	for (size_t s = 0; s < ARRAY_LEN(screens); s++) {
		if (screens[s] == KS_HELP)
			continue;
		assert_int_equal(keys_lookup(screens[s], 'q'), KA_QUIT);
		assert_int_equal(keys_lookup(screens[s], KEYS_F1), KA_KEYS);
	}
}

/* The prompt and the list take their keys from the table: unambiguous, no
 * character the prompt would need for typing, the keys they always had. */
static void test_overlay_keys(void **state)
{
	(void)state;
	for (size_t o = 0; o < ARRAY_LEN(overlays); o++)
		assert_unambiguous(overlays[o]);
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; (t[i].screens & KS_PROMPT) && k < KEYS_MAX && t[i].keys[k]; k++) {
			int c = t[i].keys[k];
			if (c >= ' ' && c < KEYS_BASE && c != 127)
				fail_msg("the prompt binds %s, which could not be typed", keys_name(c));
		}
	static const struct {
		unsigned ks;
		int key;
		enum keys_action action;
	} cases[] = {
		{ KS_PROMPT, KEYS_ENTER, KA_SELECT }, { KS_PROMPT, KEYS_ESC, KA_BACK },
		{ KS_PROMPT, KEYS_BACKSPACE, KA_ERASE }, { KS_PROMPT, 127, KA_ERASE },
		{ KS_PROMPT, KEYS_DELETE, KA_DELETE }, { KS_PROMPT, KEYS_CTRL_U, KA_CLEAR },
		{ KS_PROMPT, KEYS_HOME, KA_FIRST }, { KS_PROMPT, KEYS_END, KA_LAST },
		{ KS_PROMPT, 'q', KA_NONE }, { KS_PROMPT, '1', KA_NONE },
		{ KS_PICK, 'q', KA_BACK }, { KS_PICK, KEYS_ESC, KA_BACK }, { KS_PICK, KEYS_ENTER, KA_SELECT },
		{ KS_PICK, 'j', KA_DOWN }, { KS_PICK, KEYS_UP, KA_UP }, { KS_PICK, '1', KA_ANSWER },
		{ KS_PICK, '9', KA_ANSWER }, { KS_PICK, '0', KA_NONE },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (keys_lookup(cases[i].ks, cases[i].key) != cases[i].action)
			fail_msg("%s on %#x: action %d, not %d", keys_name(cases[i].key), cases[i].ks,
				 keys_lookup(cases[i].ks, cases[i].key), cases[i].action);
}

/* The overlays' hints are their own status bindings, from the table: the
 * label and the help's short form of each, and nothing of the screens. */
static void test_overlay_hints(void **state)
{
	(void)state;
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	for (size_t o = 0; o < ARRAY_LEN(overlays); o++) {
		char *line = keys_status_line(overlays[o], 200);
		size_t shown = 0;
		for (size_t i = 0; i < n; i++) {
			if (!(t[i].screens & overlays[o]) || !t[i].status)
				continue;
			const char *paren = strstr(t[i].help, " (");
			char item[120];
			snprintf(item, sizeof(item), "%s %.*s", t[i].label,
				 (int)(paren ? (size_t)(paren - t[i].help) : strlen(t[i].help)), t[i].help);
			if (!strstr(line, item))
				fail_msg("'%s' missing from the hints '%s'", item, line);
			shown++;
		}
		assert_true(shown >= 2);
		assert_null(strstr(line, "quit"));
		free(line);
	}
	char *p = keys_status_line(KS_PROMPT, 78);
	assert_non_null(strstr(p, "Enter ok"));
	assert_non_null(strstr(p, "Esc cancel"));
	free(p);
}

/* The help screen lists every binding with its label and its help. */
static void test_help_lists_every_binding(void **state)
{
	(void)state;
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	char **lines;
	size_t nl = keys_help_lines(KS_ALL, &lines);
	assert_int_equal(nl, n);
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t k = 0; k < nl && !found; k++)
			found = strncmp(lines[k], t[i].label, strlen(t[i].label)) == 0 &&
				strstr(lines[k], t[i].help) != NULL;
		if (!found)
			fail_msg("binding '%s %s' missing from the help screen", t[i].label, t[i].help);
	}
	keys_lines_free(lines, nl);
}

/* The status line fits, and always keeps quit. */
static void test_status_line(void **state)
{
	(void)state;
	for (size_t s = 0; s < ARRAY_LEN(screens); s++)
		for (int w = 40; w <= 120; w += 20) {
			char *line = keys_status_line(screens[s], w);
			int chars = 0;
			for (const char *p = line; *p; p++)
				chars += ((unsigned char)*p & 0xC0) != 0x80;
			assert_true(chars <= w);
			if (screens[s] != KS_HELP)
				assert_non_null(strstr(line, "q quit"));
			free(line);
		}
	char *q = keys_status_line(KS_QUESTION, 78);
	assert_non_null(strstr(q, "0-9 answer"));
	assert_non_null(strstr(q, "n note"));
	free(q);
}

/* On a terminal without UTF-8 and without the keys a vt100 lacks: labels
 * in ASCII that name only keys it can send, and every action of every
 * screen and overlay still has one. */
static void test_vt100(void **state)
{
	(void)state;
	unsigned lacks = 0;
	const int vt100_lacks[] = { KEYS_PGUP, KEYS_PGDN, KEYS_HOME, KEYS_END, KEYS_DELETE, KEYS_F1 };
	for (size_t i = 0; i < ARRAY_LEN(vt100_lacks); i++)
		lacks |= 1u << (vt100_lacks[i] - KEYS_BASE);
	keys_terminal(true, lacks);
	char **lines;
	size_t nl = keys_help_lines(KS_ALL, &lines);
	for (size_t i = 0; i < nl; i++) {
		for (const char *p = lines[i]; *p; p++)
			if ((unsigned char)*p >= 0x80)
				fail_msg("not ASCII: '%s'", lines[i]);
		const char *end = strchr(lines[i], ' ');
		size_t ll = (size_t)(end - lines[i]);
		static const char *const lacked[] = { "PgUp", "PgDn", "Home", "End", "Del", "F1" };
		for (size_t k = 0; k < ARRAY_LEN(lacked); k++)
			for (const char *p = lines[i]; (p = strstr(p, lacked[k])) && p < lines[i] + ll; p++)
				if ((p == lines[i] || p[-1] == '/') && (p[strlen(lacked[k])] == '/' || p + strlen(lacked[k]) == end))
					fail_msg("a key a vt100 lacks in '%s'", lines[i]);
	}
	keys_lines_free(lines, nl);
	char *q = keys_status_line(KS_INTRO, 78);
	assert_non_null(strstr(q, "Right next"));
	assert_non_null(strstr(q, "Left back"));
	free(q);
	/* Every action has a key the terminal can send, on every screen and overlay. */
	size_t n;
	const struct keys_binding *t = keys_table(&n);
	for (size_t i = 0; i < n; i++)
		for (unsigned ks = 1; ks <= KS_PICK; ks <<= 1) {
			if (!(t[i].screens & ks))
				continue;
			bool sendable = false;
			for (size_t j = 0; j < n && !sendable; j++)
				for (size_t k = 0; k < KEYS_MAX && t[j].keys[k] && !sendable; k++)
					sendable = t[j].action == t[i].action && (t[j].screens & ks) &&
						   (t[j].keys[k] < KEYS_BASE || !(lacks & 1u << (t[j].keys[k] - KEYS_BASE)));
			if (!sendable)
				fail_msg("'%s' on %#x has no key a vt100 can send", t[i].help, ks);
		}
	keys_terminal(false, 0);
	q = keys_status_line(KS_INTRO, 78);
	assert_non_null(strstr(q, "→/PgDn next"));
	free(q);
}

static void test_script(void **state)
{
	(void)state;
	int *v;
	long n = keys_parse_script("j2<Enter><Down>é<lt><C-c>\n", &v);
	assert_int_equal(n, 8);
	int want[] = { 'j', '2', KEYS_ENTER, KEYS_DOWN, 0xE9, '<', KEYS_CTRL_C, KEYS_ENTER };
	for (long i = 0; i < n; i++)
		assert_int_equal(v[i], want[i]);
	free(v);
	assert_int_equal(keys_parse_script("<Nope>", &v), -1);
	assert_null(v);
	assert_int_equal(keys_parse_script("<Enter", &v), -1);
	assert_int_equal(keys_parse_script("\xC3", &v), -1);
	assert_int_equal(keys_parse_script("", &v), 0);
	free(v);
	assert_string_equal(keys_name(KEYS_PGDN), "<PgDn>");
	assert_string_equal(keys_name(0xE9), "é");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_no_key_bound_twice),
		cmocka_unit_test(test_issue_keys),
		cmocka_unit_test(test_overlay_keys),
		cmocka_unit_test(test_overlay_hints),
		cmocka_unit_test(test_help_lists_every_binding),
		cmocka_unit_test(test_status_line),
		cmocka_unit_test(test_vt100),
		cmocka_unit_test(test_script),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
