/* test_questionnaire.c - the questionnaire loader: the model it builds, every
 * validation rule (one failing fixture each, in fixtures/questionnaire/bad,
 * whose "# expect: LINE:COL: message" lines list exactly the errors the
 * loader must report), the YAML test suite and hostile inputs. */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "itmaturity/questionnaire.h"
#include "itmaturity/yamltree.h"

/* Loaded only to be read, a questionnaire keeps no text and no hash, and
 * the same model. */
static void test_no_source(void **state)
{
	(void)state;
	const char *path = "fixtures/questionnaire/good/example.yaml";
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(path, QN_NO_SOURCE, &e), *k = tu_load_qn(path);
	assert_non_null(q);
	assert_null(q->source);
	assert_int_equal(q->source_len, 0);
	assert_string_equal(qn_hash(q), "");
	assert_int_equal(strlen(qn_hash(k)), 64);
	assert_int_equal(q->n_questions, k->n_questions);
	for (size_t i = 0; i < q->n_questions; i++) {
		assert_string_equal(q->questions[i]->ref, k->questions[i]->ref);
		assert_string_equal(q->questions[i]->text, k->questions[i]->text);
		assert_ptr_equal(qn_find_question(q, k->questions[i]->ref), q->questions[i]);
	}
	assert_null(qn_find_question(q, "security.nothing"));
	qn_free(q);
	qn_free(k);
	errs_free(&e);
}

static void test_example_model(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/questionnaire/good/example.yaml");
	assert_string_equal(q->id, "example");
	assert_string_equal(q->version, "1.2");
	assert_string_equal(q->language, "en");
	assert_int_equal(q->minutes, 5);
	assert_int_equal(q->n_scale, 5);
	assert_string_equal(q->scale[3].name, "Defined");
	assert_string_equal(q->scale[0].verdict, "IT runs on improvisation.");
	assert_string_equal(q->scale[4].verdict, "IT is measured and improved continuously.");
	assert_int_equal(q->n_domains, 2);
	assert_int_equal(q->n_questions, 3);

	const struct qn_domain *d = &q->domains[0];
	assert_string_equal(d->id, "security");
	assert_true(d->weight == 2);
	assert_true(d->has_target && d->target == 3);
	assert_non_null(d->why);

	const struct qn_question *b = qn_find_question(q, "security.backups");
	assert_non_null(b);
	assert_ptr_equal(b, q->questions[0]);
	assert_ptr_equal(b->domain, d);
	assert_int_equal(b->kind, QN_LEVEL);
	assert_true(b->scored && b->critical);
	assert_true(b->weight == 3 && b->threshold == 3);
	assert_true(b->min_value == 0 && b->max_value == 4);
	assert_false(b->allow_na);
	assert_true(b->allow_unknown);
	assert_int_equal(b->n_refs, 3);
	assert_string_equal(b->refs[2], "CyFun PR.IP-4");
	assert_int_equal(b->n_options, 4);
	const struct qn_option *o = qn_find_option(b, "automatic");
	assert_non_null(o);
	assert_true(o->value == 2);
	assert_non_null(o->next_step);
	assert_null(qn_find_option(b, "tested")->next_step);
	assert_null(qn_find_option(b, "nope"));
	/* Folded text loses its final newline. */
	assert_true(b->help[strlen(b->help) - 1] == '.');

	const struct qn_question *s = qn_find_question(q, "security.scope-migrations");
	assert_non_null(s);
	assert_int_equal(s->kind, QN_SCOPE);
	assert_false(s->scored);
	assert_false(s->allow_unknown);  /* its "not-sure" option says it */
	assert_int_equal(qn_find_option(s, "not-sure")->status, QN_UNSURE);
	assert_int_equal(qn_find_option(s, "not-needed")->status, QN_NOT_NEEDED);
	assert_false(qn_find_option(s, "included")->has_value);

	/* The reports' firefighting question. */
	const struct qn_question *w = qn_find_question(q, "structure.planned-work");
	assert_non_null(w);
	assert_int_equal(w->indicator, QN_REACTIVE);
	assert_ptr_equal(q->indicators[QN_REACTIVE], w);
	assert_string_equal(qn_indicator_name(w->indicator), "reactive");
	assert_int_equal(b->indicator, QN_INDICATOR_NONE);
	assert_null(qn_indicator_name(b->indicator));

	assert_null(qn_find_question(q, "security"));
	assert_null(qn_find_question(q, "backups"));
	assert_string_equal(qn_level_at(q, 2.9)->name, "Repeatable");
	assert_string_equal(qn_level_at(q, 3)->name, "Defined");
	assert_string_equal(qn_level_at(q, -1)->name, "Non-existent");
	qn_free(q);
}

static void test_defaults(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/questionnaire/good/minimal.yaml");
	const struct qn_question *qq = qn_find_question(q, "d.q");
	assert_non_null(qq);
	assert_true(qq->weight == 1);
	assert_true(q->domains[0].weight == 1);
	assert_false(q->domains[0].has_target);
	assert_null(q->domains[0].why);
	assert_int_equal(qq->kind, QN_LEVEL);
	assert_true(qq->scored);
	assert_false(qq->critical);
	assert_false(qq->allow_na);
	assert_true(qq->allow_unknown);
	assert_int_equal(q->minutes, 0);
	assert_int_equal(qq->indicator, QN_INDICATOR_NONE);
	assert_null(q->indicators[QN_REACTIVE]);
	for (size_t i = 0; i < q->n_scale; i++)
		assert_null(q->scale[i].verdict);
	qn_free(q);
}

/* A critical question without a threshold gets the lowest option value that
 * reaches half of the option range. */
static void test_default_threshold(void **state)
{
	(void)state;
	static const char yaml[] =
		"id: t\ntitle: T\nversion: '1'\nlanguage: en\ndescription: D.\n"
		"scale: [{value: 0, name: A, meaning: a}, {value: 4, name: B, meaning: b}]\n"
		"domains:\n- id: d\n  title: D\n  description: D.\n  questions:\n"
		"  - id: q\n    text: T\n    help: H\n    critical: true\n    options:\n"
		"    - {key: a, value: 0, description: a, next_step: s}\n"
		"    - {key: b, value: 1, description: b, next_step: s}\n"
		"    - {key: c, value: 2.5, description: c, next_step: s}\n"
		"    - {key: d, value: 4, description: d}\n";
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("t.yaml", yaml, sizeof(yaml) - 1, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	assert_true(qn_find_question(q, "d.q")->threshold == 2.5);
	qn_free(q);
	errs_free(&e);
}

/* A domain's targets by size: the sizes given are kept, the others are
 * not, and `target` stays the domain's fallback. */
static void test_size_targets(void **state)
{
	(void)state;
	static const char yaml[] =
		"id: t\ntitle: T\nversion: '1'\nlanguage: en\ndescription: D.\n"
		"scale: [{value: 0, name: A, meaning: a}, {value: 4, name: B, meaning: b}]\n"
		"domains:\n- id: d\n  title: D\n  description: D.\n  target: 3\n"
		"  targets: {micro: 1.5, medium: 4}\n  questions:\n"
		"  - id: q\n    text: T\n    help: H\n    options:\n"
		"    - {key: a, value: 0, description: a, next_step: s}\n"
		"    - {key: b, value: 4, description: b}\n";
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("t.yaml", yaml, sizeof(yaml) - 1, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	const struct qn_domain *d = &q->domains[0];
	assert_true(d->has_target && d->target == 3);
	assert_true(d->has_size_target[QN_MICRO] && d->size_target[QN_MICRO] == 1.5);
	assert_false(d->has_size_target[QN_SMALL]);
	assert_true(d->has_size_target[QN_MEDIUM] && d->size_target[QN_MEDIUM] == 4);
	qn_free(q);
	errs_free(&e);
	enum qn_size z;
	assert_true(qn_size_parse("medium", &z) && z == QN_MEDIUM);
	assert_string_equal(qn_size_name(QN_MICRO), "micro");
	assert_false(qn_size_parse("Small", &z));
	assert_false(qn_size_parse("", &z));
}

static void test_bad_fixture(void **state)
{
	const char *path = *state;
	/* The same errors whether the text is kept or freed once parsed. */
	for (int keep = QN_SOURCE; keep <= QN_NO_SOURCE; keep++) {
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_file(path, (enum qn_keep)keep, &e);
		assert_null(q);
		tu_check_expected(path, &e);
		errs_free(&e);
	}
}

/* Every input of the YAML test suite is rejected (none is a questionnaire),
 * with a positioned message, without a crash or a leak. */
static void test_yaml_suite(void **state)
{
	(void)state;
	DIR *dir = opendir("yaml-test-suite");
	assert_non_null(dir);
	struct dirent *de;
	size_t cases = 0, syntax = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("yaml-test-suite/%s/in.yaml", de->d_name);
		char *marker = xasprintf("yaml-test-suite/%s/error", de->d_name);
		if (access(path, F_OK) != 0) {
			free(path);
			free(marker);
			continue;
		}
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_file(path, QN_SOURCE, &e);
		if (q || e.n == 0 || e.v[0].line == 0 || e.v[0].col == 0)
			print_message("%s: not rejected with a position\n", path);
		assert_null(q);
		assert_true(e.n > 0);
		assert_true(e.v[0].line > 0 && e.v[0].col > 0);
		if (access(marker, F_OK) == 0 && strstr(e.v[0].message, "syntax"))
			syntax++;
		cases++;
		errs_free(&e);
		free(path);
		free(marker);
	}
	closedir(dir);
	print_message("yaml-test-suite: %zu inputs rejected, %zu invalid ones as syntax errors\n",
		      cases, syntax);
	assert_true(cases >= 400);
	assert_true(syntax >= 60);
}

static void expect_buffer_error(const char *buf, size_t len, const char *want)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("buf.yaml", buf, len, QN_SOURCE, &e);
	assert_null(q);
	if (!tu_has_error(&e, want)) {
		print_message("expected: %s\n", want);
		tu_print_errors(&e);
	}
	assert_true(tu_has_error(&e, want));
	errs_free(&e);
}

static void test_hostile_buffers(void **state)
{
	(void)state;
	expect_buffer_error("", 0, "1:1: the file is empty");
	expect_buffer_error("---\n", 4, "2:1: the questionnaire must be a mapping (key: value lines), not nothing");

	/* A value of 30 MB. */
	size_t big = 30 * 1024 * 1024;
	char *buf = xmalloc(big + 8);
	memcpy(buf, "id: ", 4);
	memset(buf + 4, 'a', big);
	expect_buffer_error(buf, big + 4, "1:5: value is longer than the limit of 65536 bytes");

	/* 100,000 nested lists. */
	size_t deep = 100000;
	memset(buf, '[', deep);
	expect_buffer_error(buf, deep, "1:33: nested deeper than the limit of 32 levels");

	/* Billion laughs. */
	static const char laughs[] =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
	expect_buffer_error(laughs, sizeof(laughs) - 1, "2:8: YAML aliases (*a) are not supported");
	static const char cycle[] = "a: &a [*a]\n";
	expect_buffer_error(cycle, sizeof(cycle) - 1, "1:8: YAML aliases (*a) are not supported");

	/* A NUL byte outside any quotes. */
	static const char nul[] = "id: x\ntitle: \0\n";
	expect_buffer_error(nul, sizeof(nul) - 1, "2:8: control characters are not allowed");

	/* Random bytes: rejected, never a crash. */
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		size_t len = 1 + (size_t)(round * 7919) % 4096;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		struct itm_errors e = { 0 };
		assert_null(qn_load_buffer("random.yaml", buf, len, QN_SOURCE, &e));
		assert_true(errs_count(&e) > 0);
		errs_free(&e);
	}
	free(buf);
}

/* More than ERRORS_MAX problems: ERRORS_MAX kept, the rest counted. */
static void test_error_cap(void **state)
{
	(void)state;
	size_t n = 150, cap = 0, len = 0;
	char *buf = NULL;
	for (size_t i = 0; i < n + 1; i++) {
		char line[64];
		int l = snprintf(line, sizeof(line), i == 0 ? "id: x\n" : "unknown%zu: 1\n", i);
		grow_array((void **)&buf, &cap, len + (size_t)l + 1, 1);
		memcpy(buf + len, line, (size_t)l);
		len += (size_t)l;
	}
	struct itm_errors e = { 0 };
	assert_null(qn_load_buffer("many.yaml", buf, len, QN_SOURCE, &e));
	assert_int_equal(e.n, ERRORS_MAX);
	/* 150 unknown keys and 6 missing required keys. */
	assert_int_equal(errs_count(&e), n + 6);
	errs_free(&e);
	free(buf);
}

static void expect_file_error(const char *path, const char *want)
{
	struct itm_errors e = { 0 };
	assert_null(qn_load_file(path, QN_SOURCE, &e));
	assert_int_equal(e.n, 1);
	assert_string_equal(e.v[0].path, path);
	assert_int_equal(e.v[0].line, 0);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
}

static void test_hostile_files(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	expect_file_error(dir, "is a directory, not a file");
	char *missing = xasprintf("%s/missing.yaml", dir);
	expect_file_error(missing, "cannot open: No such file or directory");
	char *fifo = xasprintf("%s/fifo.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	expect_file_error(fifo, "is not a regular file");
	char *large = xasprintf("%s/large.yaml", dir);
	int fd = open(large, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, YT_MAX_FILE + 1), 0);
	close(fd);
	expect_file_error(large, "file is larger than the limit of 32 MiB");
	tu_rmrf(dir);
	free(large);
	free(fifo);
	free(missing);
	free(dir);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_example_model),
		cmocka_unit_test(test_no_source),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_default_threshold),
		cmocka_unit_test(test_size_targets),
		cmocka_unit_test(test_yaml_suite),
		cmocka_unit_test(test_hostile_buffers),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_hostile_files),
	};
	return tu_run_with_fixtures("questionnaire", fixed, ARRAY_LEN(fixed), "fixtures/questionnaire/bad",
				    test_bad_fixture);
}
