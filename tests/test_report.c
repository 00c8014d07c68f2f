/* test_report.c - the report formats from a scored assessment, in memory:
 * the CSV parses back to exactly the answers and notes (RFC 4180); the text
 * report stays within 80 columns whatever the names; the verdicts follow
 * the rules documented in itmaturity(1). */
#include "testutil.h"

#include <math.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"

struct fixture {
	struct qn_questionnaire *q;
	struct ans_set *a;
	struct score_result *r;
};

static void load(struct fixture *f, const char *answers)
{
	struct itm_errors e = { 0 };
	f->q = qn_load_file("fixtures/report/questionnaire.yaml", QN_SOURCE, &e);
	assert_non_null(f->q);
	f->a = ans_load_file(answers, f->q, &e);
	tu_print_errors(&e);
	assert_non_null(f->a);
	f->r = score_compute(f->a, NULL);
	errs_free(&e);
}

static void unload(struct fixture *f)
{
	score_free(f->r);
	ans_set_free(f->a);
	qn_free(f->q);
}

static char *render(const struct report_input *in, enum report_format fmt, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	assert_non_null(out);
	report_assessment(out, in, fmt);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/* A minimal RFC 4180 reader: fills ROWS[r][c] (caller frees). */
static size_t parse_csv(const char *s, char ****rows, size_t **ncols)
{
	size_t nr = 0, cap = 0;
	*rows = NULL;
	*ncols = NULL;
	size_t ccap = 0;
	while (*s) {
		grow_array((void **)rows, &cap, nr + 1, sizeof(**rows));
		grow_array((void **)ncols, &ccap, nr + 1, sizeof(**ncols));
		char **row = NULL;
		size_t nc = 0, rcap = 0;
		for (;;) {
			char *field = xmalloc(strlen(s) + 1), *o = field;
			if (*s == '"') {
				for (s++;; s++) {
					if (*s == '"' && s[1] == '"')
						*o++ = *s++;
					else if (*s == '"' || !*s)
						break;
					else
						*o++ = *s;
				}
				if (*s == '"')
					s++;
			} else {
				while (*s && *s != ',' && *s != '\r')
					*o++ = *s++;
			}
			*o = '\0';
			grow_array((void **)&row, &rcap, nc + 1, sizeof(*row));
			row[nc++] = field;
			if (*s == ',') {
				s++;
				continue;
			}
			assert_true(s[0] == '\r' && s[1] == '\n');  /* CRLF ends a record */
			s += 2;
			break;
		}
		(*rows)[nr] = row;
		(*ncols)[nr++] = nc;
	}
	return nr;
}

static void test_csv_reads_back(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/q2-owner.yaml");
	/* A note with everything CSV must quote, and one that looks like a formula. */
	ans_set_put(f.a, qn_find_question(f.q, "alignment.it-plan"), ANS_OPTION,
		    qn_find_option(qn_find_question(f.q, "alignment.it-plan"), "list"),
		    "line one\nline two, with \"quotes\"\r\nand a comma,");
	ans_set_put(f.a, qn_find_question(f.q, "agreements.exclusions"), ANS_OPTION,
		    qn_find_option(qn_find_question(f.q, "agreements.exclusions"), "some"),
		    "=HYPERLINK(\"x\")");
	score_free(f.r);
	f.r = score_compute(f.a, NULL);
	struct report_input in = { .meta = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
					     .date = "2026-01-01", .complete = true },
				   .answers = f.a, .score = f.r };
	size_t len;
	char *csv = render(&in, REPORT_CSV, &len);
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	char ***rows;
	size_t *ncols;
	size_t nr = parse_csv(csv + 3, &rows, &ncols);
	assert_int_equal(nr, f.q->n_questions + 1);
	static const char *const header[] = { "domain", "question_id", "question", "answer",
					      "value", "weight", "note" };
	for (size_t c = 0; c < 7; c++)
		assert_string_equal(rows[0][c], header[c]);
	for (size_t i = 0; i < f.q->n_questions; i++) {
		const struct qn_question *qq = f.q->questions[i];
		const struct ans_answer *a = ans_get(f.a, qq);
		char **row = rows[i + 1];
		assert_int_equal(ncols[i + 1], 7);
		assert_string_equal(row[0], qq->domain->title);
		assert_string_equal(row[1], qq->ref);
		assert_string_equal(row[2], qq->text);
		if (a->kind == ANS_OPTION) {
			assert_string_equal(row[3], a->option->key);
			if (a->option->has_value)
				assert_true(strtod(row[4], NULL) == a->option->value);
			else
				assert_string_equal(row[4], "");
		} else {
			assert_string_equal(row[3], a->kind == ANS_NONE ? "" : ans_kind_name(a->kind));
		}
		assert_true(strtod(row[5], NULL) == qq->weight);
		if (a->note && a->note[0] == '=') {
			/* Shown as text, not run as a formula. */
			assert_int_equal(row[6][0], '\'');
			assert_string_equal(row[6] + 1, a->note);
		} else {
			assert_string_equal(row[6], a->note ? a->note : "");
		}
	}
	for (size_t r = 0; r < nr; r++) {
		for (size_t c = 0; c < ncols[r]; c++)
			free(rows[r][c]);
		free(rows[r]);
	}
	free(rows);
	free(ncols);
	free(csv);
	unload(&f);
}

/* Columns of the widest line, counting characters. */
static int widest(const char *s)
{
	int w = 0, max = 0;
	for (; *s; s++) {
		if (*s == '\n') {
			w = 0;
			continue;
		}
		if (((unsigned char)*s & 0xC0) != 0x80 && ++w > max)
			max = w;
	}
	return max;
}

static void test_text_fits_80_columns(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/q1-owner.yaml");
	double hist[] = { 10, 12, 4.2 };
	struct report_meta prev = { .id = 1, .org = "x", .respondent = "y", .role = "z", .date = "2025-09-01" };
	struct report_input in = {
		.meta = { .id = 9, .org = "Société Générale de Boulangerie et Pâtisserie Fine "
					"du Grand-Duché de Luxembourg, département informatique",
			  .respondent = "Zoë Ängström-Øresund van den Bergh-Schaumburg",
			  .role = "office manager and informal IT coordinator", .date = "2026-01-01",
			  .complete = true },
		.answers = f.a, .score = f.r, .prev_meta = &prev, .prev_score = f.r,
		.history = hist, .n_history = 3,
	};
	for (int fmt = REPORT_TEXT; fmt <= REPORT_MARKDOWN; fmt++) {
		size_t len;
		char *t = render(&in, (enum report_format)fmt, &len);
		int w = widest(t);
		if (w > 80)
			print_message("format %d: %d columns:\n%s\n", fmt, w, t);
		/* Markdown's table row of names may be long; the text must not be. */
		if (fmt == REPORT_TEXT)
			assert_true(w <= 80);
		assert_non_null(strstr(t, "Zoë Ängström"));
		free(t);
	}
	unload(&f);
}

static void test_verdicts(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/q1-owner.yaml");
	struct report_input in = { .answers = f.a, .score = f.r };
	/* q1: nearly all firefighting; without history, no stagnation. */
	assert_false(report_not_improving(&in));
	assert_non_null(strstr(report_reactive_verdict(&in), "mostly putting out fires. "));
	double flat[] = { 30, 35, 30.5 };
	in.history = flat;
	in.n_history = 3;
	assert_true(report_not_improving(&in));
	assert_non_null(strstr(report_reactive_verdict(&in), "revisit the support arrangement"));
	double rising[] = { 30, 35, 32 };
	in.history = rising;
	assert_false(report_not_improving(&in));
	/* q1 scores 4.2 %: the lowest band. */
	assert_non_null(strstr(report_verdict(f.r), "improvisation"));
	unload(&f);

	load(&f, "fixtures/report/q3-partner.yaml");
	in = (struct report_input){ .answers = f.a, .score = f.r, .history = flat, .n_history = 3 };
	/* Half planned: not reactive, but not improving either. */
	assert_non_null(strstr(report_reactive_verdict(&in), "Most IT work is planned, but"));
	/* No IT owner caps the whole assessment. */
	assert_true(f.r->overall.capped);
	assert_non_null(strstr(report_verdict(f.r), "critical practice"));
	unload(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_reads_back),
		cmocka_unit_test(test_text_fits_80_columns),
		cmocka_unit_test(test_verdicts),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
