/* test_translate.c - questionnaire translations (qn_translate.c): texts
 * replaced and nothing else, found beside the questionnaire or in the
 * catalogue, the wrong version left alone, and every difference in
 * structure refused with FILE:LINE:COL (fixtures/translation/bad: each
 * file lists the errors it must give, applied to fixtures/translation/base.yaml). */
#include "testutil.h"

#include <stdlib.h>

#include "itmaturity/questionnaire.h"

static struct qn_questionnaire *load_base(void)
{
	return tu_load_qn("fixtures/translation/base.yaml");
}

static void test_texts_replaced(void **state)
{
	(void)state;
	struct qn_questionnaire *en = load_base(), *nl = load_base();
	struct itm_errors e = { 0 };
	assert_int_equal(qn_translate(nl, "fixtures/translation/base.nl.yaml", &e), 0);
	tu_print_errors(&e);
	assert_int_equal(errs_count(&e), 0);
	assert_string_equal(nl->language, "nl");
	assert_string_equal(nl->title, "Basis");
	assert_string_equal(nl->scale[1].name, "Gedaan");
	assert_string_equal(nl->scale[1].verdict, "Het is gedaan.");
	assert_string_equal(nl->domains[0].why, "Daarom.");
	const struct qn_question *q = qn_find_question(nl, "d.q");
	assert_string_equal(q->text, "Is het gedaan?");
	assert_string_equal(q->options[0].next_step, "Doe het.");
	assert_null(q->options[1].next_step);
	/* Everything that is not text is the questionnaire's own. */
	assert_string_equal(nl->id, en->id);
	assert_string_equal(nl->version, en->version);
	assert_int_equal(nl->n_questions, en->n_questions);
	for (size_t i = 0; i < en->n_questions; i++) {
		const struct qn_question *a = en->questions[i], *b = nl->questions[i];
		assert_string_equal(a->ref, b->ref);
		assert_true(a->weight == b->weight && a->critical == b->critical);
		for (size_t j = 0; j < a->n_options; j++) {
			assert_string_equal(a->options[j].key, b->options[j].key);
			assert_true(a->options[j].value == b->options[j].value);
			assert_string_not_equal(a->options[j].description, b->options[j].description);
		}
	}
	assert_string_equal(qn_hash(nl), qn_hash(en));  /* the source is the file's */
	qn_free(en);
	qn_free(nl);
}

/* The language set picks the translation beside the file; another
 * version's translation is not used, and without a language none is. */
static void test_found_by_language(void **state)
{
	(void)state;
	qn_set_language("nl");
	struct qn_questionnaire *q = tu_load_qn("fixtures/translation/base.yaml");
	assert_string_equal(q->title, "Basis");
	qn_free(q);
	q = tu_load_qn("fixtures/translation/old/base.yaml");
	assert_string_equal(q->title, "Base");
	assert_string_equal(q->language, "en");
	qn_free(q);
	qn_set_language("fr");  /* none in French: the file's own texts */
	q = tu_load_qn("fixtures/translation/base.yaml");
	assert_string_equal(q->title, "Base");
	qn_free(q);
	qn_set_language("en");
	assert_null(qn_language());
	q = tu_load_qn("fixtures/translation/base.yaml");
	assert_string_equal(q->title, "Base");
	qn_free(q);
	qn_set_language(NULL);
}

/* validate's way: the base beside the translation, then the translation. */
static void test_load_translation(void **state)
{
	(void)state;
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_translation("fixtures/translation/base.nl.yaml", &e);
	assert_non_null(q);
	assert_string_equal(q->description, "Een vragenlijst om te vertalen.");
	qn_free(q);
	assert_null(qn_load_translation("fixtures/translation/bad/missing-help.yaml", &e));
	assert_int_equal(errs_count(&e), 0);  /* not named like a translation */
	char *dir = tu_tmpdir();
	char *lone = xasprintf("%s/lone.nl.yaml", dir);
	FILE *f = fopen(lone, "w");
	fputs("translation-of: lone\n", f);
	fclose(f);
	assert_null(qn_load_translation(lone, &e));
	char *want = xasprintf("1:1: a translation needs its questionnaire beside it: %s/lone.yaml is missing", dir);
	assert_true(tu_has_error(&e, want));
	errs_free(&e);
	free(want);
	free(lone);
	free(dir);
}

static void test_names(void **state)
{
	(void)state;
	char *base = NULL;
	assert_true(qn_translation_name("q/sme-it-maturity.nl.yaml", &base));
	assert_string_equal(base, "q/sme-it-maturity.yaml");
	free(base);
	assert_true(qn_translation_name("x.fr.yml", NULL));
	assert_false(qn_translation_name("sme-it-maturity.yaml", NULL));
	assert_false(qn_translation_name("v1.2.yaml", NULL));
	assert_false(qn_translation_name(".nl.yaml", NULL));
	assert_false(qn_translation_name("a.nl-be.yaml", NULL));
	assert_false(qn_translation_name("dir.nl/a.yaml", NULL));
	/* Only the languages the tool has: a.new.yaml is a questionnaire. */
	assert_false(qn_translation_name("quick-scan.new.yaml", NULL));
	assert_false(qn_translation_name("quick-scan.en.yaml", NULL));
	assert_false(qn_translation_name("quick-scan.de.yaml", NULL));
	/* And beside its questionnaire. */
	assert_true(qn_is_translation("fixtures/translation/base.nl.yaml"));
	assert_false(qn_is_translation("fixtures/translation/lone.nl.yaml"));
}

static void test_bad_fixture(void **state)
{
	const char *path = *state;
	struct qn_questionnaire *q = load_base();
	struct itm_errors e = { 0 };
	assert_int_equal(qn_translate(q, path, &e), -1);
	tu_check_expected(path, &e);
	errs_free(&e);
	qn_free(q);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_texts_replaced),
		cmocka_unit_test(test_found_by_language),
		cmocka_unit_test(test_load_translation),
		cmocka_unit_test(test_names),
	};
	return tu_run_with_fixtures("translate", fixed, ARRAY_LEN(fixed), "fixtures/translation/bad",
				    test_bad_fixture);
}
