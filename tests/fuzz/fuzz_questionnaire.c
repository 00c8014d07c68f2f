/* fuzz_questionnaire.c - libFuzzer target: the questionnaire loader
 * (qn_load_buffer), and for a valid questionnaire the code that walks the
 * model: the answers template, the text and JSON views, and scoring of an
 * empty answer set. Built by 'make fuzz'; replayed on tests/fuzz/regress by
 * 'make check' (tests/fuzz/replay.c). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sink = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("fuzz.yaml", (const char *)data, size, QN_SOURCE, &e);
	if (q) {
		ans_write_template(sink, q);
		report_questionnaire(sink, q, REPORT_TEXT);
		report_questionnaire(sink, q, REPORT_JSON);
		struct ans_set *a = ans_set_new(q);
		score_free(score_compute(a, NULL));
		ans_set_free(a);
		qn_free(q);
	} else if (errs_count(&e) == 0) {
		__builtin_trap();  /* refused without saying why */
	}
	errs_print(sink, &e);
	errs_free(&e);
	return 0;
}
