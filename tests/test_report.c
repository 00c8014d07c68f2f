/* test_report.c - the report formats from a scored assessment, in memory:
 * the CSV parses back to exactly the answers and notes (RFC 4180), a cell
 * a spreadsheet could take for a formula marked as text (OWASP); the text
 * report stays within 80 columns whatever the names; the verdicts follow
 * the rules documented in itmaturity(1) and come from the questionnaire
 * when it has them (docs/questionnaire-format.md). */
#include "testutil.h"

#include <math.h>

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/yamltree.h"

#define FIXTURE_Q "fixtures/report/questionnaire.yaml"

struct fixture {
	struct qn_questionnaire *q;
	struct ans_set *a;
	struct score_result *r;
};

/* Loads the questionnaire PATH, or the text SRC (malloc'd, LEN bytes; taken)
 * when given, with the answers file ANSWERS, and scores it. */
static void load_from(struct fixture *f, const char *path, char *src, size_t len, const char *answers)
{
	struct itm_errors e = { 0 };
	f->q = src ? qn_load_take(path, src, len, QN_SOURCE, &e) : qn_load_file(path, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(f->q);
	f->a = ans_load_file(answers, f->q, &e);
	tu_print_errors(&e);
	assert_non_null(f->a);
	f->r = score_compute(f->a, NULL);
	errs_free(&e);
}

static void load(struct fixture *f, const char *answers)
{
	load_from(f, FIXTURE_Q, NULL, 0, answers);
}

/* The fixture questionnaire's text, edited: without every KEY (its line and
 * the lines indented under it) when DROP, else with the first OLD replaced
 * by NEW. Caller frees. */
static char *edited(const char *drop, const char *old, const char *new, size_t *len)
{
	struct itm_errors e = { 0 };
	char *src;
	size_t n;
	assert_true(yt_read_file(FIXTURE_Q, &src, &n, &e));
	errs_free(&e);
	char *out = xmalloc(n + strlen(new ? new : "") + 1), *o = out;
	if (!drop) {
		char *at = strstr(src, old);
		assert_non_null(at);
		o += sprintf(o, "%.*s%s%s", (int)(at - src), src, new, at + strlen(old));
	}
	int under = -1;  /* the indent of the key being dropped */
	for (const char *p = src; drop && *p;) {
		size_t l = strcspn(p, "\n") + (strchr(p, '\n') != NULL);
		int indent = (int)strspn(p, " ");
		if (under >= 0 && indent > under) {
			p += l;
			continue;
		}
		under = -1;
		if (strncmp(p + indent, drop, strlen(drop)) == 0 && p[indent + strlen(drop)] == ':') {
			under = indent;
		} else {
			memcpy(o, p, l);
			o += l;
		}
		p += l;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	free(src);
	return out;
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

static void free_csv(char ***rows, size_t *ncols, size_t nr)
{
	for (size_t r = 0; r < nr; r++) {
		for (size_t c = 0; c < ncols[r]; c++)
			free(rows[r][c]);
		free(rows[r]);
	}
	free(rows);
	free(ncols);
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
					     .date = "2026-01-01", .complete = true, .size = "micro" },
				   .answers = f.a, .score = f.r };
	size_t len;
	char *csv = render(&in, REPORT_CSV, &len);
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	char ***rows;
	size_t *ncols;
	size_t nr = parse_csv(csv + 3, &rows, &ncols);
	assert_int_equal(nr, f.q->n_questions + 1);
	static const char *const header[] = { "domain", "question_id", "question", "answer",
					      "value", "weight", "note", "size", "target", "skipped" };
	for (size_t c = 0; c < 10; c++)
		assert_string_equal(rows[0][c], header[c]);
	for (size_t i = 0; i < f.q->n_questions; i++) {
		const struct qn_question *qq = f.q->questions[i];
		const struct ans_answer *a = ans_get(f.a, qq);
		char **row = rows[i + 1];
		assert_int_equal(ncols[i + 1], 10);
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
		assert_string_equal(row[7], "micro");
		const struct score_domain *d = &f.r->domains[qq->domain->index];
		if (d->has_target)
			assert_true(strtod(row[8], NULL) == d->target);
		else
			assert_string_equal(row[8], "");
		assert_string_equal(row[9], "");  /* every question applies */
	}
	free_csv(rows, ncols, nr);
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

/* IN's report in format FMT against PLAIN's, the same assessment of the
 * questionnaire without its reactive indicator: the only difference is the
 * firefighting section, which only IN's has. */
static void check_only_section_differs(const struct report_input *in,
				       const struct report_input *plain, enum report_format fmt)
{
	size_t nx, ny;
	char *x = render(in, fmt, &nx), *y = render(plain, fmt, &ny);
	size_t k = 0;
	while (k < ny && x[k] == y[k])
		k++;
	size_t tail = ny - k;  /* the rest of Y must end X */
	assert_true(nx > ny);
	assert_memory_equal(x + nx - tail, y + k, tail);
	char *section = xasprintf("%.*s", (int)(nx - tail - k), x + k);
	assert_non_null(strstr(section, "Firefighting and the support arrangement"));
	assert_null(strstr(y, "Firefighting"));
	free(section);
	free(x);
	free(y);
}

/* The firefighting section is printed only for a questionnaire with a
 * question that has the reactive indicator. */
static void test_firefighting_section(void **state)
{
	(void)state;
	struct fixture f, g;
	load(&f, "fixtures/report/q1-owner.yaml");
	assert_ptr_equal(f.q->indicators[QN_REACTIVE], qn_find_question(f.q, "structure.reactive-share"));
	size_t len;
	char *src = edited("indicator", NULL, NULL, &len);
	assert_null(strstr(src, "indicator:"));
	load_from(&g, "no-indicator.yaml", src, len, "fixtures/report/q1-owner.yaml");
	assert_null(g.q->indicators[QN_REACTIVE]);
	/* The same question, the same answer, the same scores. */
	assert_non_null(qn_find_question(g.q, "structure.reactive-share"));
	assert_true(f.r->overall.percent == g.r->overall.percent);

	struct report_meta m = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
				 .date = "2026-01-01", .complete = true };
	struct report_input in = { .meta = m, .answers = f.a, .score = f.r };
	struct report_input plain = { .meta = m, .answers = g.a, .score = g.r };
	assert_non_null(strstr(report_reactive_verdict(&in), "mostly putting out fires"));
	assert_null(report_reactive_verdict(&plain));
	check_only_section_differs(&in, &plain, REPORT_TEXT);
	check_only_section_differs(&in, &plain, REPORT_MARKDOWN);
	check_only_section_differs(&in, &plain, REPORT_HTML);
	/* Formats without the section are the same. */
	for (int fmt = REPORT_CSV; fmt <= REPORT_JSON; fmt++) {
		size_t nx, ny;
		char *x = render(&in, (enum report_format)fmt, &nx), *y = render(&plain, (enum report_format)fmt, &ny);
		assert_int_equal(nx, ny);
		assert_memory_equal(x, y, nx);
		free(x);
		free(y);
	}
	unload(&g);
	unload(&f);
}

/* Answers every scored question of F with its highest option. */
static void answer_highest(struct fixture *f)
{
	for (size_t i = 0; i < f->q->n_questions; i++) {
		const struct qn_question *qq = f->q->questions[i];
		const struct qn_option *top = &qq->options[0];
		for (size_t k = 1; k < qq->n_options && qq->scored; k++)
			if (qq->options[k].value > top->value)
				top = &qq->options[k];
		if (qq->scored)
			ans_set_put(f->a, qq, ANS_OPTION, top, NULL);
	}
	score_free(f->r);
	f->r = score_compute(f->a, NULL);
}

/* The verdict is the questionnaire's sentence for the level, or a built-in
 * one about practices in general when its scale has none. */
static void test_verdict_sources(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/q1-owner.yaml");
	assert_non_null(f.r->overall.level->verdict);
	assert_ptr_equal(report_verdict(f.r), f.r->overall.level->verdict);
	unload(&f);

	/* A sentence of the file's own is printed as it is. */
	size_t len;
	char *src = edited(NULL, "IT runs on improvisation:", "Custom verdict from the YAML:", &len);
	load_from(&f, "custom.yaml", src, len, "fixtures/report/q1-owner.yaml");
	assert_string_equal(f.r->overall.level->name, "Non-existent");
	assert_true(strncmp(report_verdict(f.r), "Custom verdict from the YAML: basic agreements", 46) == 0);
	struct report_input in = { .meta = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
					     .date = "2026-01-01", .complete = true },
				   .answers = f.a, .score = f.r };
	char *t = render(&in, REPORT_HTML, &len);
	assert_non_null(strstr(t, "<p class=\"verdict\">Custom verdict from the YAML: basic agreements"));
	free(t);
	unload(&f);

	/* Without verdicts in the file: the built-in ones, not about IT. */
	src = edited("verdict", NULL, NULL, &len);
	assert_null(strstr(src, "verdict:"));
	load_from(&f, "no-verdicts.yaml", src, len, "fixtures/report/q1-owner.yaml");
	assert_null(f.r->overall.level->verdict);
	const char *low = report_verdict(f.r);
	assert_non_null(strstr(low, "practices"));
	assert_null(strstr(low, "IT"));
	answer_highest(&f);
	assert_string_equal(f.r->overall.level->name, "Optimised");
	const char *high = report_verdict(f.r);
	assert_non_null(strstr(high, "practices"));
	assert_null(strstr(high, "IT"));
	assert_string_not_equal(low, high);
	unload(&f);
}

/* A questionnaire on another subject (OWASP SAMM) gets neither a sentence
 * about small-business IT nor the firefighting section. */
static void test_other_subject(void **state)
{
	(void)state;
	struct fixture f;
	f.q = NULL;
	struct itm_errors e = { 0 };
	f.q = qn_load_file("fixtures/score/samm-governance.yaml", QN_SOURCE, &e);
	assert_non_null(f.q);
	errs_free(&e);
	f.a = ans_set_new(f.q);
	f.r = NULL;
	answer_highest(&f);
	struct report_input in = { .meta = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
					     .date = "2026-01-01", .complete = true },
				   .answers = f.a, .score = f.r };
	assert_null(report_reactive_verdict(&in));
	assert_null(strstr(report_verdict(f.r), "IT"));
	for (int fmt = REPORT_TEXT; fmt <= REPORT_HTML; fmt++) {
		size_t len;
		char *t = render(&in, (enum report_format)fmt, &len);
		assert_null(strstr(t, "Firefighting"));
		assert_null(strstr(t, "IT partner"));
		assert_null(strstr(t, "support contract"));
		if (fmt != REPORT_JSON && fmt != REPORT_CSV)
			assert_non_null(strstr(t, "The practices are managed, measured"));
		free(t);
	}
	unload(&f);
}

/* OWASP's list: a cell starting with =, +, -, @, a tab or a carriage
 * return, or with one of them after white space, could be a formula. */
static bool could_be_formula(const char *s)
{
	if (*s == '\t' || *s == '\r')
		return true;
	s += strspn(s, " \t\r\n");
	return *s && strchr("=+-@", *s);
}

/* Every cell a spreadsheet could take for a formula is marked as text. */
static void test_csv_formulas(void **state)
{
	(void)state;
	static const struct {
		const char *note;
		bool marked;  /* with an apostrophe */
	} cases[] = {
		{ "=1+1", true }, { "\t=1+1", true }, { "  =1+1", true }, { "\n@SUM(A1)", true },
		{ "\r\n-2+3", true }, { "+1", true }, { "\tindented", true }, { "plain", false },
		{ "a-b", false },
		{ "\r=1+1", false },  /* a bare CR is shown as \x0d: text already */
	};
	struct fixture f;
	load(&f, "fixtures/report/q2-owner.yaml");
	const struct qn_question *qq = qn_find_question(f.q, "alignment.it-plan");
	struct report_input in = { .meta = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
					     .date = "2026-01-01", .complete = true },
				   .answers = f.a, .score = f.r };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		ans_set_put(f.a, qq, ANS_OPTION, qn_find_option(qq, "list"), cases[i].note);
		size_t len;
		char *csv = render(&in, REPORT_CSV, &len);
		char ***rows;
		size_t *ncols;
		size_t nr = parse_csv(csv + 3, &rows, &ncols);
		for (size_t r = 1; r < nr; r++) {
			if (strcmp(rows[r][1], "alignment.it-plan") != 0)
				continue;
			const char *cell = rows[r][6];
			if (could_be_formula(cell))
				fail_msg("note %zu could be a formula: '%s'", i, cell);
			assert_int_equal(cell[0] == '\'', cases[i].marked);
			if (cases[i].marked)
				assert_string_equal(cell + 1, cases[i].note);
			else
				assert_false(could_be_formula(cases[i].note) && cases[i].note[0] != '\r');
		}
		free_csv(rows, ncols, nr);
		free(csv);
	}
	unload(&f);
}

/* An option's label is cut at a word, or, in a description with no space
 * to cut at, between characters: never inside one (accents take two bytes). */
static void test_option_label_cut(void **state)
{
	(void)state;
	static const struct {
		const char *description, *label;
	} cases[] = {
		{ "Short one. More.", "2 \"Short one\"" },
		{ "Les sauvegardes sont faites quand quelqu'un y pense, sans contrôle",
		  "2 \"Les sauvegardes sont faites quand quelqu'un y…\"" },
		{ "aéééééééééééééééééééééééééééééééééééééééé", "2 \"aééééééééééé…\"" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct qn_option o = { .key = "k", .description = cases[i].description };
		char *label = report_option_label(&o, 2, "…");
		assert_string_equal(label, cases[i].label);
		free(label);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_reads_back),
		cmocka_unit_test(test_text_fits_80_columns),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_firefighting_section),
		cmocka_unit_test(test_verdict_sources),
		cmocka_unit_test(test_other_subject),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_option_label_cut),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
