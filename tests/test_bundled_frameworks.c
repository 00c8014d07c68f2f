/* test_bundled_frameworks.c - the bundled sme-it-maturity questionnaire
 * gives evidence for every CyberFundamentals BASIC key measure and every
 * Cyber Essentials theme: none of them is "not covered" in the reports'
 * frameworks section (issue 14). */
#include "testutil.h"

#include "itmaturity/answers.h"
#include "itmaturity/framework.h"
#include "itmaturity/score.h"

static void test_key_measures_and_themes_covered(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("../questionnaires/sme-it-maturity.yaml");
	struct ans_set *a = ans_set_new(q);
	struct score_framework *v = score_frameworks(a);
	assert_non_null(v);
	size_t checked = 0, missing = 0;
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++)
		for (size_t c = 0; c < v[f].n_controls; c++) {
			const struct score_control *sc = &v[f].controls[c];
			if (f != FW_CYBER_ESSENTIALS && !sc->control->key_measure)
				continue;
			checked++;
			if (sc->status == FW_NOT_COVERED) {
				print_message("not covered: %s%s (%s)\n", v[f].framework->prefix,
					      sc->control->id, sc->control->title);
				missing++;
			}
		}
	assert_int_equal(checked, 13 + 5);
	assert_int_equal(missing, 0);
	score_frameworks_free(v);
	ans_set_free(a);
	qn_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_measures_and_themes_covered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
