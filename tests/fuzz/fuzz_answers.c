/* fuzz_answers.c - libFuzzer target: the answers-file loader
 * (ans_load_buffer) against a fixed questionnaire
 * (tests/fixtures/answers/questionnaire.yaml: whole and fractional values,
 * n/a allowed on one question, don't know refused on another, a scope
 * question), and for valid answers scoring and the JSON report. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"

#ifndef ITM_FUZZ_QN
#define ITM_FUZZ_QN "tests/fixtures/answers/questionnaire.yaml"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct qn_questionnaire *qn;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	struct itm_errors e = { 0 };
	qn = qn_load_file(ITM_FUZZ_QN, QN_SOURCE, &e);
	if (!qn) {
		errs_print(stderr, &e);
		exit(1);
	}
	errs_free(&e);
	sink = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itm_errors e = { 0 };
	struct ans_set *a = ans_load_buffer("fuzz.yaml", (const char *)data, size, qn, &e);
	if (a) {
		struct score_result *r = score_compute(a, NULL);
		double hist[1] = { 0 };
		struct report_input in = {
			.meta = { .id = 1, .uuid = "00000000-0000-4000-8000-000000000000", .org = "O",
				  .respondent = "R", .role = "owner", .date = "2026-01-01", .complete = true },
			.answers = a, .score = r, .history = hist, .n_history = 1,
		};
		report_assessment(sink, &in, REPORT_JSON);
		score_free(r);
		ans_set_free(a);
	} else if (errs_count(&e) == 0) {
		__builtin_trap();  /* refused without saying why */
	}
	errs_print(sink, &e);
	errs_free(&e);
	return 0;
}
