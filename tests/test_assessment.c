/* test_assessment.c - the assessment layer: saving and loading with the
 * questionnaire cache, errors as values, the previous comparable
 * assessment, an organisation's history, the draft and the rule that a
 * lower answer needs a reason, and reports written to files. */
#include <math.h>
#include <sys/stat.h>

#include "itmaturity/assessment.h"

#include "testutil.h"

#define WORKED "fixtures/score/worked-example.yaml"

struct fx {
	char *dir, *db, *other;        /* OTHER: the worked example under another id */
	struct asmt_ctx c;
	struct qn_questionnaire *q, *q2;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->dir = tu_tmpdir();
	f->db = xasprintf("%s/it.db", f->dir);
	struct itm_errors e = { 0 };
	f->q = qn_load_file(WORKED, QN_SOURCE, &e);
	assert_non_null(f->q);
	/* The same questions under another questionnaire id. */
	char *text = xstrndup(f->q->source, f->q->source_len), *at = strstr(text, "id: worked-example");
	assert_non_null(at);
	char *other = xasprintf("%.*sid: other-example%s", (int)(at - text), text, at + strlen("id: worked-example"));
	f->other = xasprintf("%s/other.yaml", f->dir);
	tu_write(f->other, other, strlen(other));
	f->q2 = qn_load_file(f->other, QN_SOURCE, &e);
	assert_non_null(f->q2);
	char *notice = NULL;
	assert_int_equal(asmt_open(&f->c, f->db, false, ASMT_WRITE, &notice, &e), ITM_OK);
	assert_null(notice);
	assert_int_equal(errs_count(&e), 0);
	free(text);
	free(other);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	asmt_close(&f->c);
	qn_free(f->q);
	qn_free(f->q2);
	tu_rmrf(f->dir);
	free(f->dir);
	free(f->db);
	free(f->other);
	free(f);
	return 0;
}

/* Saves a complete assessment of Q for ORG on DATE, every scored question
 * answered with its option number K (clamped). */
static int64_t save(struct fx *f, const struct qn_questionnaire *q, const char *org, const char *date, size_t k)
{
	struct ans_set *a = ans_set_new(q);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		size_t o = k < qq->n_options ? k : qq->n_options - 1;
		ans_set_put(a, qq, ANS_OPTION, &qq->options[o], NULL);
	}
	struct asmt_new in = { .org = org, .respondent = "Ann", .role = "owner", .taken = date };
	struct itm_errors e = { 0 };
	int64_t id = 0;
	bool added;
	assert_int_equal(asmt_save(&f->c, &in, a, &id, &added, &e), ITM_OK);
	assert_true(id > 0);
	ans_set_free(a);
	errs_free(&e);
	return id;
}

static void test_save_and_load(void **state)
{
	struct fx *f = *state;
	int64_t id = save(f, f->q, "Acme", "2026-01-10", 1);
	struct asmt a;
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_load(&f->c, id, ASMT_ROADMAP, &a, &e), ITM_OK);
	assert_string_equal(a.meta.org, "Acme");
	assert_true(a.meta.complete);
	/* The same figures as scoring the answers directly. */
	struct ans_set *direct = ans_set_new(f->q);
	for (size_t i = 0; i < f->q->n_questions; i++) {
		const struct qn_question *qq = f->q->questions[i];
		ans_set_put(direct, qq, ANS_OPTION, &qq->options[1 < qq->n_options ? 1 : 0], NULL);
	}
	struct score_result *r = score_compute(direct, NULL);
	assert_true(a.score->overall.scored);
	assert_float_equal(a.score->overall.percent, r->overall.percent, 1e-9);
	assert_true(a.score->n_roadmap > 0);
	assert_true(a.meta.has_overall);
	assert_float_equal(a.meta.overall, r->overall.percent, 1e-9);
	/* Loaded again, the questionnaire comes from the cache. */
	struct asmt b;
	assert_int_equal(asmt_load(&f->c, id, ASMT_SUMMARY, &b, &e), ITM_OK);
	assert_ptr_equal(a.q, b.q);
	assert_int_equal(b.score->n_roadmap, 0);
	score_free(r);
	ans_set_free(direct);
	asmt_free(&a);
	asmt_free(&b);
	assert_int_equal(errs_count(&e), 0);
}

static void test_errors_are_values(void **state)
{
	struct fx *f = *state;
	struct asmt a;
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_load(&f->c, 4242, ASMT_SUMMARY, &a, &e), ITM_INPUT);
	assert_int_equal(errs_count(&e), 1);
	assert_null(e.v[0].path);
	assert_string_equal(e.v[0].message, "no assessment 4242 (see 'itmaturity list')");
	char *line = errs_first(&e);
	assert_string_equal(line, "no assessment 4242 (see 'itmaturity list')");
	free(line);
	errs_free(&e);
	/* A writer refused on a read-only request names the database. */
	struct asmt_ctx ro;
	assert_int_equal(asmt_open(&ro, f->db, true, ASMT_WRITE, NULL, &e), ITM_FAIL);
	assert_null(ro.store);
	assert_string_equal(e.v[0].path, f->db);
	assert_non_null(strstr(e.v[0].message, "--read-only"));
	errs_free(&e);
	/* A database that is not one: refused with its path and the reason. */
	char *junk = xasprintf("%s/junk.db", f->dir);
	tu_write(junk, "not a database at all, just some text\n", 38);
	assert_int_equal(asmt_open(&ro, junk, false, ASMT_READ, NULL, &e), ITM_FAIL);
	assert_string_equal(e.v[0].path, junk);
	errs_free(&e);
	free(junk);
}

static void test_previous_comparable(void **state)
{
	struct fx *f = *state;
	int64_t first = save(f, f->q, "Acme", "2026-01-10", 0);
	int64_t other_qn = save(f, f->q2, "Acme", "2026-02-10", 1);
	int64_t other_org = save(f, f->q, "Beta", "2026-02-11", 1);
	int64_t second = save(f, f->q, "Acme", "2026-03-10", 2);
	int64_t same_day = save(f, f->q, "Acme", "2026-03-10", 3);
	struct itm_errors e = { 0 };
	struct asmt a;
	int64_t prev;
	double *hist;
	size_t nh;
	/* Same organisation, same questionnaire, before it: skips the other
	 * questionnaire and the other organisation. */
	assert_int_equal(asmt_load(&f->c, second, ASMT_SUMMARY, &a, &e), ITM_OK);
	assert_int_equal(asmt_previous(&f->c, &a.meta, &prev, &hist, &nh, &e), ITM_OK);
	assert_int_equal(prev, first);
	/* The history is every complete assessment of the organisation before it. */
	assert_int_equal(nh, 2);
	free(hist);
	asmt_free(&a);
	/* On the same day, the one saved earlier comes first. */
	assert_int_equal(asmt_load(&f->c, same_day, ASMT_SUMMARY, &a, &e), ITM_OK);
	assert_int_equal(asmt_previous(&f->c, &a.meta, &prev, NULL, NULL, &e), ITM_OK);
	assert_int_equal(prev, second);
	asmt_free(&a);
	/* The first of its kind has none. */
	assert_int_equal(asmt_load(&f->c, other_qn, ASMT_SUMMARY, &a, &e), ITM_OK);
	assert_int_equal(asmt_previous(&f->c, &a.meta, &prev, NULL, NULL, &e), ITM_OK);
	assert_int_equal(prev, 0);
	asmt_free(&a);
	assert_int_equal(asmt_load(&f->c, other_org, ASMT_SUMMARY, &a, &e), ITM_OK);
	assert_int_equal(asmt_previous(&f->c, &a.meta, &prev, NULL, NULL, &e), ITM_OK);
	assert_int_equal(prev, 0);
	asmt_free(&a);
	assert_int_equal(errs_count(&e), 0);
}

static void test_history(void **state)
{
	struct fx *f = *state;
	save(f, f->q, "Acme", "2026-03-10", 3);
	save(f, f->q, "Acme", "2026-01-10", 0);
	save(f, f->q, "Beta", "2026-02-10", 1);
	struct store_org o;
	assert_int_equal(store_org_get(f->c.store, "Acme", &o), 0);
	struct asmt_history h;
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_history(&f->c, o.id, &h, &e), ITM_OK);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.v[0].taken, "2026-01-10");  /* oldest first */
	assert_int_equal(h.n_domains, 2);
	assert_string_equal(h.domains[0], "security");    /* ascending */
	assert_string_equal(h.domains[1], "structure");
	/* Everything at its lowest option: 0 %; at its highest: 100 %. */
	assert_float_equal(h.pct[0 * h.n_domains + 0], 0, 1e-9);
	assert_float_equal(h.pct[1 * h.n_domains + 1], 100, 1e-9);
	asmt_history_free(&h);
	store_org_free(&o);
}

/* Opens a new draft of Acme (a reassessment when Acme has a complete one). */
static void draft(struct fx *f, struct asmt_draft *d)
{
	struct store_org o;
	assert_int_equal(store_org_get(f->c.store, "Acme", &o), 0);
	struct itm_errors e = { 0 };
	int64_t id;
	assert_int_equal(asmt_draft_new(&f->c, o.id, "Bob", "IT partner", WORKED, &id, &e), ITM_OK);
	assert_int_equal(asmt_draft_open(&f->c, id, d, &e), ITM_OK);
	assert_false(d->a.meta.complete);
	store_org_free(&o);
}

static void test_reason_rule(void **state)
{
	struct fx *f = *state;
	int64_t last = save(f, f->q, "Acme", "2000-01-10", 1);  /* before today */
	struct asmt_draft d;
	draft(f, &d);
	assert_true(d.has_prev);
	assert_int_equal(d.prev.meta.id, last);
	const struct qn_question *mfa = qn_find_question(d.a.q, "security.mfa");
	assert_non_null(mfa);
	const struct ans_answer *p = asmt_draft_prev(&d, mfa);
	assert_non_null(p);
	assert_string_equal(ans_label(p), "some");
	/* Lower than last time needs a reason; the same or higher does not,
	 * nor an answer that is not an option. */
	assert_true(asmt_reason_needed(&d, mfa, ANS_OPTION, &mfa->options[0]));
	assert_false(asmt_reason_needed(&d, mfa, ANS_OPTION, &mfa->options[1]));
	assert_false(asmt_reason_needed(&d, mfa, ANS_OPTION, &mfa->options[2]));
	const struct qn_question *wifi = qn_find_question(d.a.q, "security.wifi");
	assert_false(asmt_reason_needed(&d, wifi, ANS_NA, NULL));
	/* Once saved, answering it again the same way asks no more. */
	struct itm_errors e = { 0 };
	char *note = asmt_reason_note(&d, "the old token broke");
	assert_string_equal(note, "Lower than 2000-01-10: the old token broke");
	assert_int_equal(asmt_draft_answer(&f->c, &d, mfa, ANS_OPTION, &mfa->options[0], note, &e), ITM_OK);
	free(note);
	assert_false(asmt_reason_needed(&d, mfa, ANS_OPTION, &mfa->options[0]));
	/* Another answer keeps the note, handed over as the answer's own (the
	 * wizard does so): it was freed before it was copied. */
	const char *own = ans_get(d.a.answers, mfa)->note;
	assert_int_equal(asmt_draft_answer(&f->c, &d, mfa, ANS_OPTION, &mfa->options[1], own, &e), ITM_OK);
	assert_string_equal(ans_get(d.a.answers, mfa)->note, "Lower than 2000-01-10: the old token broke");
	assert_int_equal(asmt_draft_answer(&f->c, &d, mfa, ANS_OPTION, &mfa->options[0],
					   ans_get(d.a.answers, mfa)->note, &e), ITM_OK);
	assert_int_equal(asmt_draft_answered(&d, -1), 1);
	assert_int_equal(asmt_draft_answered(&d, (int)mfa->domain->index), 1);
	/* Completed, it is scored and complete, and it has its note. */
	assert_int_equal(asmt_draft_complete(&f->c, &d, &e), ITM_OK);
	assert_true(d.a.meta.complete);
	assert_non_null(d.a.score);
	assert_string_equal(ans_get(d.a.answers, mfa)->note, "Lower than 2000-01-10: the old token broke");
	asmt_draft_free(&d);
	assert_int_equal(errs_count(&e), 0);
}

/* Two wizards resume one draft: A completes it, then B answers, clears
 * and completes. Each of B's is refused with "assessment N was completed
 * elsewhere" and changes nothing: the stored answers, the cached
 * percentage ('list') and the recomputed one ('report') stay A's. */
static void test_completed_elsewhere(void **state)
{
	struct fx *f = *state;
	save(f, f->q2, "Acme", "2000-01-10", 0);  /* Acme, with nothing to compare the draft with */
	struct asmt_draft a, b;
	draft(f, &a);
	struct asmt_ctx c2;
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_open(&c2, f->db, false, ASMT_WRITE, NULL, &e), ITM_OK);
	int64_t id = a.a.meta.id;
	assert_int_equal(asmt_draft_open(&c2, id, &b, &e), ITM_OK);
	const struct qn_question *qa = qn_find_question(a.a.q, "security.mfa");
	const struct qn_question *qb = qn_find_question(b.a.q, "security.mfa");
	assert_int_equal(asmt_draft_answer(&f->c, &a, qa, ANS_OPTION, &qa->options[2], NULL, &e), ITM_OK);
	assert_int_equal(asmt_draft_complete(&f->c, &a, &e), ITM_OK);
	assert_true(a.a.score->overall.scored);
	double pct = a.a.score->overall.percent;

	assert_int_equal(asmt_draft_answer(&c2, &b, qb, ANS_OPTION, &qb->options[0], NULL, &e), ITM_INPUT);
	assert_int_equal(errs_count(&e), 1);
	assert_null(e.v[0].path);
	char *want = xasprintf("assessment %lld was completed elsewhere", (long long)id);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
	assert_int_equal(asmt_draft_clear(&c2, &b, qb, &e), ITM_INPUT);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
	assert_int_equal(asmt_draft_complete(&c2, &b, &e), ITM_INPUT);
	assert_string_equal(e.v[0].message, want);
	errs_free(&e);
	assert_int_equal(ans_get(b.a.answers, qb)->kind, ANS_NONE);  /* B's screen: as it was */

	struct asmt got;
	assert_int_equal(asmt_load(&c2, id, ASMT_ROADMAP, &got, &e), ITM_OK);
	const struct ans_answer *ans = ans_get(got.answers, qn_find_question(got.q, "security.mfa"));
	assert_int_equal(ans->kind, ANS_OPTION);
	assert_string_equal(ans->option->key, qa->options[2].key);
	assert_int_equal(asmt_draft_answered(&b, -1), 0);
	assert_true(got.meta.complete && got.meta.has_overall);
	assert_float_equal(got.meta.overall, pct, 1e-9);
	assert_float_equal(got.score->overall.percent, pct, 1e-9);
	asmt_free(&got);
	free(want);
	asmt_draft_free(&a);
	asmt_draft_free(&b);
	asmt_close(&c2);
	assert_int_equal(errs_count(&e), 0);
}

static void test_first_draft_is_no_reassessment(void **state)
{
	struct fx *f = *state;
	save(f, f->q2, "Acme", "2000-01-10", 4);  /* another questionnaire only */
	struct asmt_draft d;
	draft(f, &d);
	assert_false(d.has_prev);
	const struct qn_question *mfa = qn_find_question(d.a.q, "security.mfa");
	assert_null(asmt_draft_prev(&d, mfa));
	assert_false(asmt_reason_needed(&d, mfa, ANS_OPTION, &mfa->options[0]));
	asmt_draft_free(&d);
}

static void test_report_to_file(void **state)
{
	struct fx *f = *state;
	save(f, f->q, "Acme", "2026-01-10", 0);
	int64_t id = save(f, f->q, "Acme", "2026-04-10", 2);
	char *path = xasprintf("%s/report.txt", f->dir);
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_report(&f->c, id, path, REPORT_TEXT, &e), ITM_OK);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	FILE *in = fopen(path, "r");
	char buf[8192];
	size_t n = fread(buf, 1, sizeof(buf) - 1, in);
	buf[n] = '\0';
	fclose(in);
	assert_non_null(strstr(buf, "Acme"));
	assert_non_null(strstr(buf, "2026-01-10"));  /* the previous one */
	/* Never over an existing file, which is left as it was. */
	assert_int_equal(asmt_report(&f->c, id, path, REPORT_JSON, &e), ITM_FAIL);
	assert_string_equal(e.v[0].path, path);
	assert_non_null(strstr(e.v[0].message, "cannot create"));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal((size_t)st.st_size, n);
	errs_free(&e);
	free(path);
}

/* The target a domain is scored against: the organisation's own, else the
 * questionnaire's for the organisation's size, else the questionnaire's
 * `target`, else none. */
static void test_targets_by_size(void **state)
{
	struct fx *f = *state;
	static const char yaml[] =
		"id: sized\ntitle: T\nversion: '1'\nlanguage: en\ndescription: D.\n"
		"scale: [{value: 0, name: A, meaning: a}, {value: 4, name: B, meaning: b}]\ndomains:\n"
		"- {id: a, title: A, description: D., target: 3, targets: {micro: 1}, questions: [{id: q, text: T,"
		" help: H, options: [{key: n, value: 0, description: n, next_step: s}, {key: y, value: 4, description: y}]}]}\n"
		"- {id: b, title: B, description: D., targets: {medium: 4}, questions: [{id: r, text: T,"
		" help: H, options: [{key: n, value: 0, description: n, next_step: s}, {key: y, value: 4, description: y}]}]}\n";
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_buffer("sized.yaml", yaml, sizeof(yaml) - 1, QN_SOURCE, &e);
	tu_print_errors(&e);
	assert_non_null(q);
	int64_t tiny, mid, plain;
	bool added;
	assert_int_equal(asmt_org_sized(&f->c, "Tiny", QN_MICRO, &tiny, &added, &e), ITM_OK);
	assert_true(added);
	assert_int_equal(asmt_org_sized(&f->c, "Mid", QN_MEDIUM, &mid, &added, &e), ITM_OK);
	assert_int_equal(asmt_org(&f->c, "Plain", &plain, &added, &e), ITM_OK);
	/* Naming an existing organisation leaves its size alone. */
	assert_int_equal(asmt_org_sized(&f->c, "Tiny", QN_MEDIUM, &tiny, &added, &e), ITM_OK);
	assert_false(added);
	enum qn_size z;
	double *t = asmt_targets(&f->c, tiny, q, &z);
	assert_int_equal(z, QN_MICRO);
	assert_true(t[0] == 1);                      /* micro's */
	assert_true(isnan(t[1]));                    /* none for micro, no fallback */
	free(t);
	t = asmt_targets(&f->c, mid, q, &z);
	assert_int_equal(z, QN_MEDIUM);
	assert_true(t[0] == 3 && t[1] == 4);         /* the fallback; medium's */
	free(t);
	t = asmt_targets(&f->c, plain, q, &z);
	assert_int_equal(z, QN_SMALL);
	assert_true(t[0] == 3 && isnan(t[1]));
	free(t);
	/* The organisation's own target overrides the size's. */
	assert_int_equal(store_target_set(f->c.store, tiny, "a", 2.5), 0);
	t = asmt_targets(&f->c, tiny, q, NULL);
	assert_true(t[0] == 2.5 && isnan(t[1]));
	free(t);
	assert_int_equal(errs_count(&e), 0);
	assert_int_equal(asmt_size("large", &z, &e), ITM_INPUT);
	assert_string_equal(e.v[0].message, "unknown size 'large': micro (fewer than 10 people), "
					    "small (10 to 49 people) or medium (50 to 249 people)");
	errs_free(&e);
	assert_int_equal(asmt_size("micro", &z, &e), ITM_OK);
	assert_int_equal(z, QN_MICRO);
	qn_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_and_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_are_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_previous_comparable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reason_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completed_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_draft_is_no_reassessment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_to_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_targets_by_size, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
