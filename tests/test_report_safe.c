/* test_report_safe.c - what the outputs make of text the tool did not
 * write: names, respondents, roles, dates and notes from an old database,
 * and questionnaire text with YAML escapes. Whatever they hold, the text
 * formats stay valid UTF-8 without control characters and within their
 * columns (counted as a terminal shows them), Markdown takes no markup from
 * them and HTML no tags. */
#include "testutil.h"

#include "itmaturity/answers.h"
#include "itmaturity/questionnaire.h"
#include "itmaturity/report.h"
#include "itmaturity/score.h"
#include "itmaturity/text.h"

struct fixture {
	struct qn_questionnaire *q;
	struct ans_set *a;
	struct score_result *r;
};

/* The questionnaire QPATH answered as in ANSWERS, scored. */
static void load(struct fixture *f, const char *qpath, const char *answers)
{
	struct itm_errors e = { 0 };
	f->q = qn_load_file(qpath, QN_SOURCE, &e);
	f->a = f->q ? ans_load_file(answers, f->q, &e) : NULL;
	tu_print_errors(&e);
	errs_free(&e);
	assert_non_null(f->a);
	f->r = score_compute(f->a, NULL);
}

static void unload(struct fixture *f)
{
	score_free(f->r);
	ans_set_free(f->a);
	qn_free(f->q);
}

/* BUF (caller frees): what CALL writes to OUT. */
#define CAPTURE(buf, call)                                                     \
	do {                                                                   \
		size_t capture_len;                                            \
		FILE *out = open_memstream(&(buf), &capture_len);              \
		assert_non_null(out);                                          \
		call;                                                          \
		assert_int_equal(fclose(out), 0);                              \
	} while (0)

/* T is safe on a terminal: valid UTF-8, no control character but newline
 * (and tab when TABS: data in HTML and CSV) (C0, DEL, or C1 written as
 * UTF-8), and, when MAX is not 0, no line wider than MAX display columns. */
static void assert_safe_text(const char *t, int max, bool tabs)
{
	size_t n = strlen(t);
	assert_true(text_utf8(t, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if ((c < 0x20 && c != '\n' && !(tabs && c == '\t')) || c == 0x7f ||
		    (c == 0xc2 && (unsigned char)t[i + 1] >= 0x80 && (unsigned char)t[i + 1] <= 0x9f))
			fail_msg("control byte 0x%02x at %zu: %.*s", c, i, (int)(n - i < 60 ? n - i : 60), t + i);
	}
	for (const char *line = t; max && *line;) {
		size_t len = strcspn(line, "\n");
		int w = text_width(line, len);
		if (w > max)
			fail_msg("%d columns: %.*s", w, (int)len, line);
		line += len + (line[len] == '\n');
	}
}

/* Markdown T takes no markup from data: outside the code block every
 * character that would start markup is escaped, a table row has only its
 * own pipes, and headings are the report's. */
static void assert_md_inert(const char *t)
{
	bool code = false;
	for (const char *line = t; *line;) {
		size_t n = strcspn(line, "\n");
		if (strncmp(line, "```", 3) == 0) {
			code = !code;
		} else if (!code) {
			int pipes = 0;
			for (size_t i = 0; i < n; i++) {
				if (line[i] == '\\')
					i++;
				else if (strchr("<>[]`*_", line[i]))
					fail_msg("unescaped '%c' in: %.*s", line[i], (int)n, line);
				else
					pipes += line[i] == '|';
			}
			assert_int_equal(pipes, line[0] == '|' ? 3 : 0);
			if (line[0] == '#')
				assert_true(strncmp(line, "# IT maturity report: ", 22) == 0 ||
					    strncmp(line, "## ", 3) == 0);
		}
		line += n + (line[n] == '\n');
	}
	assert_false(code);
}

/* IN's report in every text format holds: safe, the text within 80
 * columns, the Markdown inert with its title within 80, the HTML without a
 * tag from data; HTML and CSV may keep tabs, CSV ends records in CRLF. */
static void assert_reports_safe(const struct report_input *in)
{
	char *t;
	CAPTURE(t, report_assessment(out, in, REPORT_TEXT));
	assert_safe_text(t, 80, false);
	free(t);
	CAPTURE(t, report_assessment(out, in, REPORT_MARKDOWN));
	assert_safe_text(t, 0, false);
	assert_true(text_width(t, strcspn(t, "\n")) <= 80);
	assert_md_inert(t);
	free(t);
	CAPTURE(t, report_assessment(out, in, REPORT_HTML));
	assert_safe_text(t, 0, true);
	assert_null(strstr(t, "<script"));
	assert_null(strstr(t, "<img"));
	free(t);
	CAPTURE(t, report_assessment(out, in, REPORT_CSV));
	for (char *p = strstr(t, "\r\n"); p; p = strstr(p, "\r\n"))
		memmove(p, p + 1, strlen(p));
	assert_safe_text(t, 0, true);
	free(t);
}

/* S without its spaces and line breaks. Caller frees. */
static char *squeezed(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Cells and wrapping count display columns, never split a character, and
 * never pass a control character on (one cut inside an escape left it open). */
static void test_cells_and_wrapping(void **state)
{
	(void)state;
	char *t;
	CAPTURE(t, report_cell(out, "株式会社", 10));
	assert_string_equal(t, "株式会社  ");
	free(t);
	CAPTURE(t, report_cell(out, "株式会社ABC", 6));
	assert_string_equal(t, "株式\u2026 ");  /* 2 + 2 + 1, and a space for the half of 会 */
	free(t);
	CAPTURE(t, report_cell(out, "Acme\x1b]52;c;aGk=\x07 Ltd", 12));
	assert_string_equal(t, "Acme\\x1b]52\u2026");
	free(t);
	CAPTURE(t, report_cell(out, "e\xcc\x81t\xc3\xa9", 2));  /* e + combining acute: one column */
	assert_string_equal(t, "e\xcc\x81\u2026");
	free(t);
	CAPTURE(t, report_pad(out, "株式会社 Ltd", 4));
	assert_string_equal(t, "株式会社 Ltd");
	free(t);

	/* A word wider than the line: cut over as many lines as it needs. */
	char *word = xmalloc(10000 * 3 + 1);
	for (int i = 0; i < 10000; i++)
		memcpy(word + 3 * i, i % 2 ? "株" : "xyz", 3);
	word[30000] = '\0';
	char *text = xasprintf("Name: %s, and after it.", word);
	CAPTURE(t, report_wrap(out, text, 16, 16, 78));
	assert_safe_text(t, 78, false);
	/* Nothing lost: the same characters but for spaces and line breaks. */
	char *a = squeezed(t), *b = squeezed(text);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(t);
	free(text);
	free(word);
}

/* Every name is a hostile one. */
static const char *const hostile[] = {
	"Acme\x1b[2J", "Evil\x1b]52;c;aGk=\x07", "over\rwrite", "bad\xff\xfe bytes", "c1\xc2\x9b" "31m",
	"株式会社株式会社株式会社株式会社株式会社株式会社株式会社株式会社株式会社株式会社",
	"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a | b |", "[x](javascript:alert(1))",
	"`code` *bold* _em_ # \\", "tab\there", "new\nline",
};

/* Names, respondents, roles and notes from an old database, whatever they
 * hold, in every text format: safe, within 80 columns, no markup. */
static void test_hostile_names(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/questionnaire.yaml", "fixtures/report/q2-owner.yaml");
	char *huge = xmalloc(10001);
	memset(huge, 'W', 10000);
	huge[10000] = '\0';
	for (size_t i = 0; i <= ARRAY_LEN(hostile); i++) {
		const char *h = i < ARRAY_LEN(hostile) ? hostile[i] : huge;
		const struct qn_question *qq = qn_find_question(f.q, "alignment.it-plan");
		ans_set_put(f.a, qq, ANS_OPTION, qn_find_option(qq, "list"), h);
		struct report_input in = { .meta = { .id = 1, .org = h, .respondent = h, .role = h,
						     .date = h, .complete = true },
					   .answers = f.a, .score = f.r };
		assert_reports_safe(&in);
		char *t;
		struct report_side side = { .meta = &in.meta, .answers = f.a, .score = f.r };
		CAPTURE(t, report_compare(out, &side, &side, REPORT_TEXT));
		assert_safe_text(t, 80, false);
		free(t);
		const char *domains[] = { h };
		double pct[] = { 50 };
		struct report_trend_row row = { .id = 1, .date = h, .qn = h, .overall = 50, .domains = pct };
		CAPTURE(t, report_trend(out, h, domains, 1, &row, 1, REPORT_TEXT, 80));
		assert_safe_text(t, 80, false);
		free(t);
	}
	free(huge);
	unload(&f);
}

/* Puts control characters into Q's texts, as no file can any more (the
 * loader refuses them): what a report must still show harmlessly. */
static void poison(struct qn_questionnaire *q)
{
	q->title = "Hostile\x1b[2J test \x1b]52;c;aGk=\x07";
	struct qn_question *qq = &q->domains[0].questions[0];
	qq->text = "Who \x1b[2J owns <script>alert(1)</script> | [x](javascript:alert(1)) IT?";
	qq->help = "Some\x1bone \r must decide.";
	q->domains[0].title = "Roles\x1b]52;c;aGk=\x07 | <b>owners</b> \xc2\x9b" "2J";
}

/* A questionnaire's own text with escapes (ESC [2J, OSC 52, a bare CR, a C1
 * CSI), HTML, Markdown and a long run of wide characters: shown harmlessly
 * by 'questionnaire show' and every report. */
static void test_hostile_questionnaire(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "fixtures/report/hostile.yaml", "fixtures/report/q1-owner.yaml");
	poison(f.q);
	char *t;
	CAPTURE(t, report_questionnaire(out, f.q, REPORT_TEXT));
	assert_safe_text(t, 78, false);
	assert_non_null(strstr(t, "Hostile\\x1b[2J test \\x1b]52;c;aGk=\\x07"));
	free(t);
	struct report_input in = { .meta = { .id = 1, .org = "O", .respondent = "R", .role = "owner",
					     .date = "2026-01-01", .complete = true },
				   .answers = f.a, .score = f.r };
	assert_reports_safe(&in);
	CAPTURE(t, report_assessment(out, &in, REPORT_TEXT));
	assert_non_null(strstr(t, "Who \\x1b[2J owns <script>"));
	free(t);
	CAPTURE(t, report_assessment(out, &in, REPORT_MARKDOWN));
	assert_non_null(strstr(t, "Who \\\\x1b\\[2J owns \\<script\\>alert(1)\\</script\\> \\|"));
	free(t);
	unload(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_and_wrapping),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_hostile_questionnaire),
	};
	return cmocka_run_group_tests_name("report_safe", tests, NULL, NULL);
}
