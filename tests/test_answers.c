/* test_answers.c - answer sets, the answer-token parser, the answers-file
 * loader (every rule has a failing fixture in fixtures/answers/bad whose
 * "# expect: LINE:COL: message" lines list exactly the errors reported),
 * reading the questionnaire id first, and the template round trip. */
#include "testutil.h"

#include <dirent.h>
#include <glob.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"

#define FIXTURE_Q "fixtures/answers/questionnaire.yaml"

static struct ans_set *load_ok(const char *path, const struct qn_questionnaire *q)
{
	struct itm_errors e = { 0 };
	struct ans_set *s = ans_load_file(path, q, &e);
	tu_print_errors(&e);
	assert_int_equal(errs_count(&e), 0);
	assert_non_null(s);
	errs_free(&e);
	return s;
}

static const struct ans_answer *answer(const struct ans_set *s, const char *ref)
{
	const struct qn_question *qq = qn_find_question(s->q, ref);
	assert_non_null(qq);
	return ans_get(s, qq);
}

static void test_set_basics(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	struct ans_set *s = ans_set_new(q);
	assert_ptr_equal(s->q, q);
	for (size_t i = 0; i < q->n_questions; i++) {
		assert_int_equal(s->v[i].kind, ANS_NONE);
		assert_null(s->v[i].option);
		assert_null(s->v[i].note);
	}
	const struct qn_question *mfa = qn_find_question(q, "security.mfa");
	const struct qn_question *wifi = qn_find_question(q, "security.wifi");
	char note[] = "all but the warehouse PCs";
	ans_set_put(s, mfa, ANS_OPTION, qn_find_option(mfa, "some"), note);
	note[0] = 'X';  /* the set keeps its own copy */
	assert_ptr_equal(&s->v[mfa->index], ans_get(s, mfa));
	assert_int_equal(ans_get(s, mfa)->kind, ANS_OPTION);
	assert_string_equal(ans_get(s, mfa)->option->key, "some");
	assert_string_equal(ans_get(s, mfa)->note, "all but the warehouse PCs");
	/* A new answer replaces the option and the note. */
	ans_set_put(s, mfa, ANS_OPTION, qn_find_option(mfa, "all"), "now everyone");
	assert_string_equal(ans_get(s, mfa)->option->key, "all");
	assert_string_equal(ans_get(s, mfa)->note, "now everyone");
	ans_set_put(s, mfa, ANS_NONE, NULL, NULL);
	assert_int_equal(ans_get(s, mfa)->kind, ANS_NONE);
	assert_null(ans_get(s, mfa)->option);
	assert_null(ans_get(s, mfa)->note);
	ans_set_put(s, wifi, ANS_NA, NULL, "no guests");
	ans_set_put(s, wifi, ANS_UNKNOWN, NULL, "ask the partner");
	assert_int_equal(ans_get(s, wifi)->kind, ANS_UNKNOWN);
	assert_string_equal(ans_get(s, wifi)->note, "ask the partner");
	assert_string_equal(ans_kind_name(ANS_NONE), "none");
	assert_string_equal(ans_kind_name(ANS_OPTION), "option");
	assert_string_equal(ans_kind_name(ANS_NA), "n/a");
	assert_string_equal(ans_kind_name(ANS_UNKNOWN), "unknown");
	ans_set_free(s);
	ans_set_free(NULL);
	qn_free(q);
}

struct parse_case {
	const char *ref, *text;
	bool plain;
	enum ans_kind kind;
	const char *option;  /* expected key with ANS_OPTION */
	const char *error;   /* expected message prefix on failure */
};

static void test_parse_value(void **state)
{
	(void)state;
	static const struct parse_case cases[] = {
		{ "roles.it-owner", "3", true, ANS_OPTION, "written", NULL },
		{ "roles.it-owner", "3.0", true, ANS_OPTION, "written", NULL },
		{ "roles.it-owner", "0", true, ANS_OPTION, "nobody", NULL },
		{ "roles.it-owner", "informal", true, ANS_OPTION, "informal", NULL },
		{ "roles.it-owner", "informal", false, ANS_OPTION, "informal", NULL },
		{ "roles.it-owner", "Informal", true, ANS_OPTION, "informal", NULL },
		{ "roles.it-owner", "", true, ANS_NONE, NULL, NULL },
		{ "roles.it-owner", "unknown", true, ANS_UNKNOWN, NULL, NULL },
		{ "roles.it-owner", "dont-know", true, ANS_UNKNOWN, NULL, NULL },
		{ "roles.it-owner", "?", false, ANS_UNKNOWN, NULL, NULL },
		{ "roles.it-owner", "Unknown", true, ANS_UNKNOWN, NULL, NULL },
		{ "roles.it-owner", "2", true, ANS_NONE, NULL,
		  "'2' is not the value of an option (expected one of: 0 (nobody), 1 (informal), "
		  "3 (written), unknown)" },
		{ "roles.it-owner", "3", false, ANS_NONE, NULL,
		  "'3' is not an answer to this question (a quoted number is text" },
		{ "roles.it-owner", "n/a", true, ANS_NONE, NULL,
		  "'n/a': this question has no \"not applicable\" answer" },
		{ "roles.it-owner", "written down", true, ANS_NONE, NULL,
		  "'written down' is not an answer to this question" },
		{ "security.mfa", "1.5", true, ANS_OPTION, "some", NULL },
		{ "security.mfa", "1.50", true, ANS_OPTION, "some", NULL },
		{ "security.mfa", "15e-1", true, ANS_OPTION, "some", NULL },
		{ "security.mfa", "1", true, ANS_NONE, NULL, "'1' is not the value of an option" },
		{ "security.mfa", "?", true, ANS_NONE, NULL,
		  "'?': this question has no \"don't know\" answer" },
		{ "security.wifi", "n/a", true, ANS_NA, NULL, NULL },
		{ "security.wifi", "na", true, ANS_NA, NULL, NULL },
		{ "security.wifi", "n-a", true, ANS_NA, NULL, NULL },
		{ "security.wifi", "N/A", false, ANS_NA, NULL, NULL },
		{ "security.wifi", "separate", true, ANS_OPTION, "separate", NULL },
		{ "agreements.scope-migrations", "not-sure", true, ANS_OPTION, "not-sure", NULL },
		{ "agreements.scope-migrations", "0", true, ANS_NONE, NULL,
		  "'0' is not the value of an option (expected one of: included, excluded, "
		  "not-needed, not-sure, unknown)" },
	};
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct parse_case *c = &cases[i];
		const struct qn_question *qq = qn_find_question(q, c->ref);
		assert_non_null(qq);
		struct ans_answer a = { .kind = (enum ans_kind)99 };
		char *msg = ans_parse_value(qq, c->text, c->plain, &a);
		if (c->error) {
			if (!msg || strncmp(msg, c->error, strlen(c->error)) != 0)
				print_message("case %zu (%s '%s'): got '%s'\n", i, c->ref, c->text,
					      msg ? msg : "(no error)");
			assert_non_null(msg);
			assert_true(strncmp(msg, c->error, strlen(c->error)) == 0);
			assert_int_equal(a.kind, 99);  /* untouched */
			free(msg);
			continue;
		}
		if (msg)
			print_message("case %zu (%s '%s'): %s\n", i, c->ref, c->text, msg);
		assert_null(msg);
		assert_int_equal(a.kind, c->kind);
		if (c->option)
			assert_string_equal(a.option->key, c->option);
		else
			assert_null(a.option);
	}
	qn_free(q);
}

static void test_load_all_forms(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	struct ans_set *s = load_ok("fixtures/answers/good/all-forms.yaml", q);
	const struct ans_answer *a = answer(s, "roles.it-owner");
	assert_int_equal(a->kind, ANS_OPTION);
	assert_string_equal(a->option->key, "written");
	assert_null(a->note);
	a = answer(s, "security.mfa");
	assert_int_equal(a->kind, ANS_OPTION);
	assert_string_equal(a->option->key, "some");
	assert_string_equal(a->note, "all but the warehouse PCs");
	a = answer(s, "security.wifi");
	assert_int_equal(a->kind, ANS_NA);
	assert_null(a->option);
	a = answer(s, "agreements.scope-migrations");
	assert_int_equal(a->kind, ANS_OPTION);
	assert_int_equal(a->option->status, QN_UNSURE);
	ans_set_free(s);
	qn_free(q);
}

/* The loader takes every spelling the token parser does, in both forms. */
static void test_load_spellings(void **state)
{
	(void)state;
	static const char yaml[] =
		"questionnaire: answers-test\n"
		"answers:\n"
		"  roles.it-owner: '?'\n"
		"  security.mfa: {value: ALL}\n"
		"  security.wifi: {value: NA, note: no guests}\n"
		"  agreements.scope-migrations: {value: dont-know, note: \"ask\"}\n";
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	struct itm_errors e = { 0 };
	struct ans_set *s = ans_load_buffer("buf.yaml", yaml, sizeof(yaml) - 1, q, &e);
	tu_print_errors(&e);
	assert_non_null(s);
	assert_int_equal(answer(s, "roles.it-owner")->kind, ANS_UNKNOWN);
	assert_string_equal(answer(s, "security.mfa")->option->key, "all");
	assert_null(answer(s, "security.mfa")->note);
	assert_int_equal(answer(s, "security.wifi")->kind, ANS_NA);
	assert_string_equal(answer(s, "security.wifi")->note, "no guests");
	assert_int_equal(answer(s, "agreements.scope-migrations")->kind, ANS_UNKNOWN);
	assert_string_equal(answer(s, "agreements.scope-migrations")->note, "ask");
	ans_set_free(s);
	errs_free(&e);
	qn_free(q);
}

static void test_load_unanswered(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	struct ans_set *s = load_ok("fixtures/answers/good/unanswered.yaml", q);
	for (size_t i = 0; i < q->n_questions; i++)
		assert_int_equal(s->v[i].kind, ANS_NONE);
	assert_string_equal(answer(s, "security.mfa")->note, "ask Marc");
	assert_null(answer(s, "roles.it-owner")->note);
	ans_set_free(s);
	s = load_ok("fixtures/answers/good/empty-answers.yaml", q);
	for (size_t i = 0; i < q->n_questions; i++)
		assert_int_equal(s->v[i].kind, ANS_NONE);
	ans_set_free(s);
	qn_free(q);
}

static void test_bad_fixture(void **state)
{
	const char *path = *state;
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	struct itm_errors e = { 0 };
	struct ans_set *s = ans_load_file(path, q, &e);
	assert_null(s);
	tu_check_expected(path, &e);
	errs_free(&e);
	qn_free(q);
}

static void expect_peek(const char *path, const char *want_id, const char *want_error)
{
	struct itm_errors e = { 0 };
	char *id = ans_peek_questionnaire(path, &e);
	if (want_id) {
		tu_print_errors(&e);
		assert_non_null(id);
		assert_string_equal(id, want_id);
		assert_int_equal(errs_count(&e), 0);
	} else {
		assert_null(id);
		if (!tu_has_error(&e, want_error)) {
			print_message("%s: expected %s\n", path, want_error);
			tu_print_errors(&e);
		}
		assert_true(tu_has_error(&e, want_error));
	}
	free(id);
	errs_free(&e);
}

/* The questionnaire id can be read before the questionnaire is known; the
 * file's other problems are left to the loader. */
static void test_peek(void **state)
{
	(void)state;
	expect_peek("fixtures/answers/good/all-forms.yaml", "answers-test", NULL);
	expect_peek("fixtures/answers/bad/wrong-questionnaire.yaml", "quick-scan", NULL);
	expect_peek("fixtures/answers/bad/unknown-question.yaml", "answers-test", NULL);
	expect_peek("fixtures/answers/bad/duplicate-key.yaml", "answers-test", NULL);
	expect_peek("fixtures/answers/bad/empty.yaml", NULL, "1:1: the file is empty");
	expect_peek("fixtures/answers/bad/not-a-mapping.yaml", NULL,
		    "2:1: the answers file must be a mapping");
	expect_peek("fixtures/answers/bad/bad-questionnaire-id.yaml", NULL,
		    "2:16: the answers file: 'questionnaire' value 'Answers Test' is not an id");
	expect_peek("fixtures/answers/bad/alias.yaml", NULL,
		    "5:19: YAML aliases (*all) are not supported");
	expect_peek("fixtures/answers/no-such-file.yaml", NULL,
		    "0:0: cannot open: No such file or directory");

	/* Without an id, every problem found on the way is reported. */
	struct itm_errors e = { 0 };
	assert_null(ans_peek_questionnaire("fixtures/answers/bad/missing-questionnaire.yaml", &e));
	assert_int_equal(errs_count(&e), 2);
	assert_true(tu_has_error(&e, "3:1: the answers file: unknown key 'questionaire'"));
	assert_true(tu_has_error(&e, "3:1: the answers file: missing required key 'questionnaire'"));
	errs_free(&e);
}

/* Writes Q's template into a new buffer (the caller frees it). */
static char *template_of(const struct qn_questionnaire *q, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	assert_non_null(f);
	assert_int_equal(ans_write_template(f, q), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* The answer the round trip writes for question I, and its expected kind
 * and option: n/a, don't know, a value or a key, in turn. */
static const char *fill(const struct qn_question *qq, size_t i, char num[32],
			enum ans_kind *kind, const struct qn_option **opt)
{
	*opt = NULL;
	if (i % 4 == 0 && qq->allow_na) {
		*kind = ANS_NA;
		return "n/a";
	}
	if (i % 4 == 1 && qq->allow_unknown) {
		*kind = ANS_UNKNOWN;
		return "unknown";
	}
	*kind = ANS_OPTION;
	*opt = &qq->options[i % qq->n_options];
	if (i % 2 == 0 && (*opt)->has_value) {
		snprintf(num, 32, "%.17g", (*opt)->value);
		return num;
	}
	return (*opt)->key;
}

static void roundtrip(const char *path)
{
	struct qn_questionnaire *q = tu_load_qn(path);
	size_t len;
	char *t = template_of(q, &len);
	assert_int_equal(strlen(t), len);

	/* As written: loads, nothing answered. */
	struct itm_errors e = { 0 };
	struct ans_set *s = ans_load_buffer("template.yaml", t, len, q, &e);
	if (!s) {
		print_message("%s: its template does not load:\n%s\n", path, t);
		tu_print_errors(&e);
	}
	assert_non_null(s);
	for (size_t i = 0; i < q->n_questions; i++)
		assert_int_equal(s->v[i].kind, ANS_NONE);
	ans_set_free(s);

	/* The id, every question and every option key are in it. */
	char *line = xasprintf("\nquestionnaire: %s\nanswers:\n", q->id);
	assert_non_null(strstr(t, line));
	free(line);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		line = xasprintf("\n  %s:\n", qq->ref);
		assert_non_null(strstr(t, line));
		free(line);
		for (size_t j = 0; j < qq->n_options; j++) {
			line = xasprintf(" %s  ", qq->options[j].key);
			assert_non_null(strstr(t, line));
			free(line);
		}
	}

	/* Filled in as a respondent would: every answer reads back. */
	size_t cap = len * 2 + 64 * q->n_questions + 1, o = 0;
	char *filled = xmalloc(cap);
	const char *p = t;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		char *key = xasprintf("\n  %s:\n", qq->ref);
		const char *at = strstr(p, key);
		assert_non_null(at);
		size_t upto = (size_t)(at - p) + strlen(key) - 1;  /* before the newline */
		memcpy(filled + o, p, upto);
		o += upto;
		char num[32];
		enum ans_kind kind;
		const struct qn_option *opt;
		o += (size_t)snprintf(filled + o, cap - o, " %s", fill(qq, i, num, &kind, &opt));
		p += upto;
		free(key);
	}
	memcpy(filled + o, p, strlen(p) + 1);
	o += strlen(p);
	s = ans_load_buffer("filled.yaml", filled, o, q, &e);
	if (!s) {
		print_message("%s: the filled-in template does not load:\n%s\n", path, filled);
		tu_print_errors(&e);
	}
	assert_non_null(s);
	for (size_t i = 0; i < q->n_questions; i++) {
		char num[32];
		enum ans_kind kind;
		const struct qn_option *opt;
		fill(q->questions[i], i, num, &kind, &opt);
		assert_int_equal(s->v[i].kind, kind);
		assert_ptr_equal(s->v[i].option, opt);
	}
	ans_set_free(s);
	errs_free(&e);
	free(filled);
	free(t);
	qn_free(q);
}

static void test_template_roundtrip(void **state)
{
	(void)state;
	static const char *const paths[] = {
		FIXTURE_Q,
		"fixtures/questionnaire/good/example.yaml",
		"fixtures/questionnaire/good/minimal.yaml",
		"fixtures/score/worked-example.yaml",
		"fixtures/score/properties.yaml",
		"fixtures/score/samm-governance.yaml",
	};
	for (size_t i = 0; i < ARRAY_LEN(paths); i++)
		roundtrip(paths[i]);
	/* The bundled questionnaires, when there are any. */
	glob_t g;
	if (glob("../questionnaires/*.yaml", 0, NULL, &g) == 0) {
		size_t n = 0;
		for (size_t i = 0; i < g.gl_pathc; i++)
			if (!qn_translation_name(g.gl_pathv[i], NULL) && ++n)  /* a translation is no questionnaire */
				roundtrip(g.gl_pathv[i]);
		print_message("template round trip: %zu bundled questionnaires\n", n);
		globfree(&g);
	}
}

/* What the template looks like: a golden excerpt for the fixture. */
static void test_template_text(void **state)
{
	(void)state;
	static const char want[] =
		"# Answers to \"Answers test\" (questionnaire answers-test, version 1).\n"
		"#\n"
		"# Write each answer after its question's key: the value or the key of an\n"
		"# option, n/a where \"not applicable\" is listed, or unknown for \"don't know\".\n"
		"# Leave it empty while a question is not answered. To add a note:\n"
		"#   domain.question: {value: 2, note: \"what is missing, or why\"}\n"
		"# The format is described in docs/answers-format.md.\n"
		"\n"
		"questionnaire: answers-test\n"
		"answers:\n"
		"\n"
		"  # ==== Roles (roles) ====\n"
		"\n"
		"  # Is one person responsible for IT?\n"
		"  #   0  nobody     Nobody.\n"
		"  #   1  informal   Informally, yes.\n"
		"  #   3  written    Yes, written down and known to everyone.\n"
		"  #      unknown    don't know\n"
		"  roles.it-owner:\n"
		"\n"
		"  # ==== Security (security) ====\n"
		"\n"
		"  # Do accounts use multi-factor authentication?\n"
		"  #     0  none       No account.\n"
		"  #   1.5  some       Some accounts.\n"
		"  #     3  all        Every account.\n"
		"  security.mfa:\n"
		"\n"
		"  # Is the guest Wi-Fi separate from the office network?\n"
		"  #   0  shared     One network for everyone.\n"
		"  #   3  separate   Separate networks.\n"
		"  #      n/a        not applicable\n"
		"  #      unknown    don't know\n"
		"  security.wifi:\n"
		"\n"
		"  # ==== Agreements (agreements) ====\n"
		"\n"
		"  # Are migrations part of your IT support contract?\n"
		"  #   included    Included.\n"
		"  #   excluded    Excluded, and we will need one.\n"
		"  #   not-needed  Not needed.\n"
		"  #   not-sure    We do not know.\n"
		"  #   unknown     don't know\n"
		"  agreements.scope-migrations:\n";
	struct qn_questionnaire *q = tu_load_qn(FIXTURE_Q);
	size_t len;
	char *t = template_of(q, &len);
	if (strcmp(t, want) != 0)
		print_message("got:\n%s\n", t);
	assert_string_equal(t, want);
	free(t);
	qn_free(q);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_set_basics),
		cmocka_unit_test(test_parse_value),
		cmocka_unit_test(test_load_all_forms),
		cmocka_unit_test(test_load_spellings),
		cmocka_unit_test(test_load_unanswered),
		cmocka_unit_test(test_peek),
		cmocka_unit_test(test_template_text),
		cmocka_unit_test(test_template_roundtrip),
	};
	return tu_run_with_fixtures("answers", fixed, ARRAY_LEN(fixed), "fixtures/answers/bad",
				    test_bad_fixture);
}
