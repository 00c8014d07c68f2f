/* test_bundled.c - the structure the bundled questionnaires promise
 * (docs/maturity-model.md): five domains, enough questions per domain,
 * every option described concretely, critical practices flagged, the
 * support-contract scope check complete, a verdict for every level and the
 * firefighting question marked, and a quick scan that shares its domains,
 * scale and questions with the full assessment. */
#include "testutil.h"

#include <ctype.h>
#include <math.h>

#include "itmaturity/questionnaire.h"

static const char *const domains[] = { "roles", "agreements", "security", "alignment", "structure" };

static struct qn_questionnaire *load(const char *path)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(path, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	errs_free(&e);
	return q;
}

static size_t words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool w = !isspace((unsigned char)*s);
		n += w && !in;
		in = w;
	}
	return n;
}

/* Checks what every bundled questionnaire promises, whatever its size. */
static void check_common(const struct qn_questionnaire *q)
{
	assert_int_equal(q->n_domains, ARRAY_LEN(domains));
	for (size_t i = 0; i < ARRAY_LEN(domains); i++) {
		assert_string_equal(q->domains[i].id, domains[i]);
		assert_true(q->domains[i].has_target);
		assert_non_null(q->domains[i].why);
	}
	assert_true(q->minutes > 0);
	assert_int_equal(q->n_scale, 5);
	/* The reports' verdicts and firefighting section come from here. */
	for (size_t i = 0; i < q->n_scale; i++)
		assert_true(q->scale[i].verdict && words(q->scale[i].verdict) >= 5);
	assert_non_null(q->indicators[QN_REACTIVE]);
	assert_ptr_equal(q->indicators[QN_REACTIVE], qn_find_question(q, "structure.reactive-share"));
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		assert_true(words(qq->help) >= 8);
		for (size_t k = 0; k < qq->n_options; k++) {
			const struct qn_option *o = &qq->options[k];
			/* A description says what the answer looks like, not only a verdict. */
			if (words(o->description) < 4)
				print_message("%s option %s: '%s' is too short to recognise\n", qq->ref, o->key,
					      o->description);
			assert_true(words(o->description) >= 4);
			if (o->next_step)
				assert_true(words(o->next_step) >= 4);
		}
		if (qq->kind == QN_LEVEL) {
			assert_true(qq->n_options >= 3);
			assert_true(qq->weight >= 1 && qq->weight <= 3);
		}
	}
}

static size_t level_questions(const struct qn_domain *d)
{
	size_t n = 0;
	for (size_t j = 0; j < d->n_questions; j++)
		n += d->questions[j].kind == QN_LEVEL;
	return n;
}

/* The unscored question on how support is arranged, with exactly the keys
 * the support-contract questions' applies_if conditions name. */
static void check_support_model(const struct qn_questionnaire *q)
{
	static const char *const keys[] = { "managed", "hour-bundle", "break-fix", "in-house", "nobody" };
	const struct qn_question *qq = qn_find_question(q, "agreements.support-model");
	assert_non_null(qq);
	assert_ptr_equal(qq, &q->domains[1].questions[0]); /* first in agreements */
	assert_false(qq->scored);
	assert_false(qq->allow_unknown);
	assert_int_equal(qq->n_options, ARRAY_LEN(keys));
	for (size_t k = 0; k < ARRAY_LEN(keys); k++) {
		assert_string_equal(qq->options[k].key, keys[k]);
		assert_false(qq->options[k].has_value);
	}
}

static void test_full_assessment(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load("../questionnaires/sme-it-maturity.yaml");
	assert_string_equal(q->id, "sme-it-maturity");
	check_common(q);
	size_t total = 0;
	for (size_t i = 0; i < q->n_domains; i++) {
		size_t n = level_questions(&q->domains[i]);
		if (n < 8)
			print_message("domain %s has %zu level questions\n", q->domains[i].id, n);
		assert_true(n >= 8);
		total += n;
	}
	assert_true(total >= 45);

	static const char *const critical[] = {
		"roles.it-owner", "agreements.contract-exclusions", "security.mfa", "security.backups",
	};
	size_t ncritical = 0;
	for (size_t i = 0; i < q->n_questions; i++)
		ncritical += q->questions[i]->critical;
	assert_true(ncritical >= ARRAY_LEN(critical) && ncritical <= 10);
	for (size_t i = 0; i < ARRAY_LEN(critical); i++) {
		const struct qn_question *qq = qn_find_question(q, critical[i]);
		assert_non_null(qq);
		assert_true(qq->critical);
	}
	assert_non_null(qn_find_question(q, "structure.reactive-share"));

	static const char *const scope[] = {
		"operational-support", "monitoring", "response-sla", "resolution-sla", "patching",
		"backups", "security-monitoring", "strategic-advice", "migrations", "security-audits",
		"compliance", "user-training", "after-hours", "cleanup",
	};
	for (size_t i = 0; i < ARRAY_LEN(scope); i++) {
		char *ref = xasprintf("agreements.scope-%s", scope[i]);
		const struct qn_question *qq = qn_find_question(q, ref);
		if (!qq)
			print_message("missing %s\n", ref);
		assert_non_null(qq);
		assert_int_equal(qq->kind, QN_SCOPE);
		bool seen[5] = { false };
		for (size_t k = 0; k < qq->n_options; k++)
			seen[qq->options[k].status] = true;
		assert_true(seen[QN_INCLUDED] && seen[QN_EXCLUDED] && seen[QN_NOT_NEEDED] && seen[QN_UNSURE]);
		free(ref);
	}
	size_t nscope = 0;
	for (size_t i = 0; i < q->n_questions; i++)
		nscope += q->questions[i]->kind == QN_SCOPE;
	assert_int_equal(nscope, ARRAY_LEN(scope));
	check_support_model(q);
	qn_free(q);
}

static bool same_question(const struct qn_question *a, const struct qn_question *b)
{
	if (strcmp(a->text, b->text) || strcmp(a->help, b->help) || a->n_options != b->n_options ||
	    a->allow_na != b->allow_na || a->allow_unknown != b->allow_unknown ||
	    a->weight != b->weight || a->critical != b->critical || a->threshold != b->threshold)
		return false;
	for (size_t k = 0; k < a->n_options; k++) {
		const struct qn_option *x = &a->options[k], *y = &b->options[k];
		if (strcmp(x->key, y->key) || x->value != y->value || strcmp(x->description, y->description) ||
		    (x->next_step == NULL) != (y->next_step == NULL) ||
		    (x->next_step && strcmp(x->next_step, y->next_step)))
			return false;
	}
	return true;
}

static void test_quick_scan(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load("../questionnaires/quick-scan.yaml");
	struct qn_questionnaire *full = load("../questionnaires/sme-it-maturity.yaml");
	assert_string_equal(q->id, "quick-scan");
	check_common(q);
	/* A dozen or so scored practices; its minutes are checked in test_minutes. */
	size_t nscored = 0;
	for (size_t i = 0; i < q->n_questions; i++)
		nscored += q->questions[i]->scored;
	assert_true(nscored >= 10 && nscored <= 15);
	check_support_model(q);
	for (size_t i = 0; i < q->n_domains; i++)
		assert_true(q->domains[i].n_questions >= 1);
	for (size_t i = 0; i < q->n_scale; i++) {
		assert_true(q->scale[i].value == full->scale[i].value);
		assert_string_equal(q->scale[i].name, full->scale[i].name);
		assert_string_equal(q->scale[i].verdict, full->scale[i].verdict);
	}
	/* Shared questions are the same practice, worded the same. */
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *a = q->questions[i];
		const struct qn_question *b = qn_find_question(full, a->ref);
		if (!b || !same_question(a, b))
			print_message("%s differs from the full assessment\n", a->ref);
		assert_non_null(b);
		assert_true(same_question(a, b));
	}
	for (const char *const *r = (const char *const[]){ "roles.it-owner", "security.mfa",
							     "security.backups", NULL }; *r; r++)
		assert_true(qn_find_question(q, *r)->critical);
	qn_free(full);
	qn_free(q);
}

/* What a respondent reads of question QQ: its text, its help and the
 * descriptions of its options (docs/questionnaire-format.md, `minutes`). */
static size_t words_read(const struct qn_question *qq)
{
	size_t n = words(qq->text) + words(qq->help);
	for (size_t k = 0; k < qq->n_options; k++)
		n += words(qq->options[k].description);
	return n;
}

/* `minutes` is honest: reading at 200 words a minute plus 15 seconds to
 * decide each question, within 10 % (at least a minute) either way. */
static void check_minutes(const char *path)
{
	struct qn_questionnaire *q = load(path);
	size_t n = 0;
	for (size_t i = 0; i < q->n_questions; i++)
		n += words_read(q->questions[i]);
	double want = n / 200.0 + q->n_questions * 0.25;
	double slack = want * 0.10 > 1 ? want * 0.10 : 1;
	if (fabs(q->minutes - want) > slack)
		print_message("%s: minutes: %u, but %zu words and %zu questions take %.1f (set it to %.0f)\n",
			      path, (unsigned)q->minutes, n, q->n_questions, want, round(want));
	assert_true(fabs(q->minutes - want) <= slack);
	qn_free(q);
}

static void test_minutes(void **state)
{
	(void)state;
	check_minutes("../questionnaires/sme-it-maturity.yaml");
	check_minutes("../questionnaires/quick-scan.yaml");
}

/* Whether QQ applies when the question its applies_if names is answered O. */
static bool applies_with(const struct qn_question *qq, const struct qn_option *o)
{
	if (!qq->applies_if.question)
		return true;
	for (size_t k = 0; k < qq->applies_if.n_options; k++)
		if (qq->applies_if.options[k] == o)
			return true;
	return false;
}

/* Whatever the support model, every domain keeps a scored question that
 * applies (the 1.1 quick scan's agreements domain had none for in-house IT),
 * and no scope question asks a break/fix firm what is "included": pay per
 * call includes nothing by design (docs/maturity-model.md). */
static void check_support_models(const char *path)
{
	struct qn_questionnaire *q = load(path);
	const struct qn_question *sm = qn_find_question(q, "agreements.support-model");
	assert_non_null(sm);
	for (size_t k = 0; k < sm->n_options; k++) {
		const struct qn_option *o = &sm->options[k];
		for (size_t i = 0; i < q->n_domains; i++) {
			size_t n = 0;
			for (size_t j = 0; j < q->domains[i].n_questions; j++) {
				const struct qn_question *qq = &q->domains[i].questions[j];
				n += qq->scored && applies_with(qq, o);
			}
			if (n == 0)
				print_message("%s: domain %s has no scored question with support-model %s\n", path,
					      q->domains[i].id, o->key);
			assert_true(n > 0);
		}
	}
	const struct qn_option *bf = qn_find_option(sm, "break-fix");
	for (size_t i = 0; i < q->n_questions; i++)
		if (q->questions[i]->kind == QN_SCOPE)
			assert_false(applies_with(q->questions[i], bf));
	qn_free(q);
}

static void test_support_models(void **state)
{
	(void)state;
	check_support_models("../questionnaires/sme-it-maturity.yaml");
	check_support_models("../questionnaires/quick-scan.yaml");
}

/* Counts the texts of A that B has word for word (B a translation of A). */
static size_t same_texts(const struct qn_questionnaire *a, const struct qn_questionnaire *b, size_t *n)
{
	size_t same = 0;
#define SAME(x, y) (*n += (x) != NULL, same += (x) && strcmp((x), (y)) == 0)
	SAME(a->title, b->title);
	SAME(a->description, b->description);
	for (size_t i = 0; i < a->n_scale; i++) {
		SAME(a->scale[i].name, b->scale[i].name);
		SAME(a->scale[i].meaning, b->scale[i].meaning);
		SAME(a->scale[i].verdict, b->scale[i].verdict);
	}
	for (size_t i = 0; i < a->n_domains; i++) {
		SAME(a->domains[i].title, b->domains[i].title);
		SAME(a->domains[i].description, b->domains[i].description);
		SAME(a->domains[i].why, b->domains[i].why);
	}
	for (size_t i = 0; i < a->n_questions; i++) {
		const struct qn_question *x = a->questions[i], *y = b->questions[i];
		SAME(x->text, y->text);
		SAME(x->help, y->help);
		for (size_t j = 0; j < x->n_options; j++) {
			SAME(x->options[j].description, y->options[j].description);
			SAME(x->options[j].next_step, y->options[j].next_step);
		}
	}
#undef SAME
	return same;
}

/* Both bundled questionnaires in Dutch and French: every text there (the
 * loader refuses a missing one or a difference in structure), and
 * translated: at most one text in a hundred the same as the English (a
 * level name such as "Initial" in French). */
static void test_translations(void **state)
{
	(void)state;
	static const char *const names[] = { "quick-scan", "sme-it-maturity" };
	static const char *const langs[] = { "nl", "fr" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *path = xasprintf("../questionnaires/%s.yaml", names[i]);
		struct qn_questionnaire *en = load(path);
		for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
			char *tpath = xasprintf("../questionnaires/%s.%s.yaml", names[i], langs[l]);
			struct itm_errors e = { 0 };
			struct qn_questionnaire *t = qn_load_translation(tpath, &e);
			tu_print_errors(&e);
			assert_non_null(t);
			assert_string_equal(t->language, langs[l]);
			size_t n = 0, same = same_texts(en, t, &n);
			if (same * 100 > n)
				print_message("%s: %zu of %zu texts are the English ones\n", tpath, same, n);
			assert_true(same * 100 <= n);
			errs_free(&e);
			qn_free(t);
			free(tpath);
		}
		qn_free(en);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_assessment),
		cmocka_unit_test(test_quick_scan),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_support_models),
		cmocka_unit_test(test_translations),
	};
	return cmocka_run_group_tests_name("bundled questionnaires", tests, NULL, NULL);
}
