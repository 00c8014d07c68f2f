/* test_plan.c - the action plan's rules: what a later answer says about an
 * action (at or above the target, above by two steps, below, n/a, don't
 * know), overdue on the boundaries of its due date, the status derived for
 * every combination, and through the assessment layer: defaults, checks
 * that write nothing, verification by a later assessment and the Plan of
 * a report as of its assessment. */
#include <inttypes.h>

#include "itmaturity/plan.h"

#include "testutil.h"

#define PLANQ "fixtures/plan/plan.yaml"

static struct qn_questionnaire *load_q(void)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(PLANQ, QN_SOURCE, &e);
	assert_non_null(q);
	return q;
}

static enum plan_answer judge(const struct qn_question *qq, const char *to, enum ans_kind kind, const char *key)
{
	struct ans_answer a = { .kind = kind, .option = key ? qn_find_option(qq, key) : NULL };
	return plan_judge(qq, to, &a);
}

static void test_judge(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q();
	const struct qn_question *qq = qn_find_question(q, "ops.backups");
	assert_int_equal(judge(qq, "automatic", ANS_OPTION, "automatic"), PLAN_REACHED);  /* at */
	assert_int_equal(judge(qq, "manual", ANS_OPTION, "tested"), PLAN_REACHED);        /* two steps above */
	assert_int_equal(judge(qq, "automatic", ANS_OPTION, "tested"), PLAN_REACHED);
	assert_int_equal(judge(qq, "automatic", ANS_OPTION, "manual"), PLAN_BELOW);
	assert_int_equal(judge(qq, "tested", ANS_OPTION, "none"), PLAN_BELOW);
	assert_int_equal(judge(qq, "automatic", ANS_NA, NULL), PLAN_NA);
	assert_int_equal(judge(qq, "automatic", ANS_UNKNOWN, NULL), PLAN_UNKNOWN);
	assert_int_equal(judge(qq, "automatic", ANS_NONE, NULL), PLAN_SILENT);
	/* A target the questionnaire no longer has, a question it no longer
	 * has, or no answer: the assessment says nothing. */
	assert_int_equal(judge(qq, "gone", ANS_OPTION, "tested"), PLAN_SILENT);
	assert_int_equal(plan_judge(NULL, "automatic", NULL), PLAN_SILENT);
	assert_int_equal(plan_judge(qq, "automatic", NULL), PLAN_SILENT);
	/* Values, not the order of the options in the file: updates has
	 * never 0, monthly 2, weekly 3. */
	const struct qn_question *up = qn_find_question(q, "ops.updates");
	assert_int_equal(judge(up, "monthly", ANS_OPTION, "weekly"), PLAN_REACHED);
	assert_int_equal(judge(up, "weekly", ANS_OPTION, "monthly"), PLAN_BELOW);
	qn_free(q);
}

static struct store_action action(const char *status, const char *due, const char *done_on)
{
	struct store_action a = { .id = 7, .question = "ops.backups", .from_option = "manual",
				  .to_option = "automatic", .step = "Automate it.", .owner = "Jan", .note = "" };
	snprintf(a.status, sizeof(a.status), "%s", status);
	snprintf(a.due, sizeof(a.due), "%s", due);
	snprintf(a.done_on, sizeof(a.done_on), "%s", done_on);
	snprintf(a.from_taken, sizeof(a.from_taken), "2026-01-10");
	return a;
}

/* Overdue: past its due date, not on it. */
static void test_overdue_boundaries(void **state)
{
	(void)state;
	struct report_action r;
	struct store_action a = action("open", "2026-03-01", "");
	plan_derive(&a, NULL, 0, "2026-02-28", &r);
	assert_int_equal(r.status, REPORT_ACTION_OPEN);
	plan_derive(&a, NULL, 0, "2026-03-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_OPEN);
	plan_derive(&a, NULL, 0, "2026-03-02", &r);
	assert_int_equal(r.status, REPORT_ACTION_OVERDUE);
	plan_derive(&a, NULL, 0, "2027-01-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_OVERDUE);
	/* Done or dropped is never overdue. */
	struct store_action d = action("done", "2026-03-01", "2026-03-05");
	plan_derive(&d, NULL, 0, "2027-01-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_DONE);
	struct store_action x = action("dropped", "2026-03-01", "2026-03-05");
	plan_derive(&x, NULL, 0, "2027-01-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_DROPPED);
}

/* The status for every stored status and later answer, due past or not. */
static void test_derive_table(void **state)
{
	(void)state;
	static const struct {
		const char *status;
		enum plan_answer answer;     /* PLAN_SILENT: no later assessment */
		const char *today;           /* due 2026-06-01 */
		enum report_action_status want;
		int64_t verified_by;
		bool unconfirmed, by_hand;
	} cases[] = {
		{ "open", PLAN_SILENT, "2026-05-01", REPORT_ACTION_OPEN, 0, false, false },
		{ "open", PLAN_SILENT, "2026-07-01", REPORT_ACTION_OVERDUE, 0, false, false },
		{ "open", PLAN_REACHED, "2026-05-01", REPORT_ACTION_DONE, 20, false, false },
		{ "open", PLAN_REACHED, "2026-07-01", REPORT_ACTION_DONE, 20, false, false },
		{ "open", PLAN_BELOW, "2026-05-01", REPORT_ACTION_OPEN, 0, false, false },
		{ "open", PLAN_BELOW, "2026-07-01", REPORT_ACTION_OVERDUE, 0, false, false },
		{ "open", PLAN_UNKNOWN, "2026-05-01", REPORT_ACTION_OPEN, 0, false, false },
		{ "open", PLAN_UNKNOWN, "2026-07-01", REPORT_ACTION_OVERDUE, 0, false, false },
		{ "open", PLAN_NA, "2026-07-01", REPORT_ACTION_DROPPED, 0, false, false },
		{ "done", PLAN_SILENT, "2026-07-01", REPORT_ACTION_DONE, 0, false, true },
		{ "done", PLAN_REACHED, "2026-07-01", REPORT_ACTION_DONE, 20, false, true },
		{ "done", PLAN_BELOW, "2026-07-01", REPORT_ACTION_DONE, 0, true, true },
		{ "done", PLAN_UNKNOWN, "2026-05-01", REPORT_ACTION_DONE, 0, true, true },
		{ "done", PLAN_NA, "2026-05-01", REPORT_ACTION_DROPPED, 0, false, false },
		{ "dropped", PLAN_SILENT, "2026-07-01", REPORT_ACTION_DROPPED, 0, false, true },
		{ "dropped", PLAN_REACHED, "2026-07-01", REPORT_ACTION_DROPPED, 0, false, true },
		{ "dropped", PLAN_BELOW, "2026-07-01", REPORT_ACTION_DROPPED, 0, false, true },
		{ "dropped", PLAN_NA, "2026-07-01", REPORT_ACTION_DROPPED, 0, false, true },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct store_action a = action(cases[i].status, "2026-06-01", "2026-03-01");
		a.reason = strcmp(cases[i].status, "dropped") == 0 ? "no budget" : NULL;
		struct plan_later later = { .id = 20, .taken = "2026-04-01", .answer = cases[i].answer };
		struct report_action r;
		plan_derive(&a, &later, cases[i].answer == PLAN_SILENT ? 0 : 1, cases[i].today, &r);
		assert_int_equal(r.status, cases[i].want);
		assert_true(r.verified_by == cases[i].verified_by);
		assert_int_equal(r.unconfirmed, cases[i].unconfirmed);
		assert_int_equal(r.by_hand, cases[i].by_hand);
		if (cases[i].want == REPORT_ACTION_DROPPED)
			assert_non_null(r.reason);
		if (cases[i].verified_by)
			assert_string_equal(r.closed_on, "2026-04-01");
	}
}

/* The next answer after marking done decides the flag; one before does
 * not; a later verification clears it; the first decisive answer wins. */
static void test_derive_order(void **state)
{
	(void)state;
	struct report_action r;
	struct store_action a = action("done", "2026-06-01", "2026-03-01");
	struct plan_later before[] = { { 11, "2026-02-01", PLAN_BELOW } };
	plan_derive(&a, before, 1, "2026-07-01", &r);
	assert_false(r.unconfirmed);
	struct plan_later twice[] = { { 11, "2026-04-01", PLAN_BELOW }, { 12, "2026-07-01", PLAN_REACHED } };
	plan_derive(&a, twice, 2, "2026-08-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_DONE);
	assert_false(r.unconfirmed);
	assert_true(r.verified_by == 12);
	struct store_action o = action("open", "2026-06-01", "");
	struct plan_later first[] = { { 11, "2026-04-01", PLAN_REACHED }, { 12, "2026-07-01", PLAN_NA } };
	plan_derive(&o, first, 2, "2026-08-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_DONE);
	assert_true(r.verified_by == 11);
	struct plan_later na_first[] = { { 11, "2026-04-01", PLAN_NA }, { 12, "2026-07-01", PLAN_REACHED } };
	plan_derive(&o, na_first, 2, "2026-08-01", &r);
	assert_int_equal(r.status, REPORT_ACTION_DROPPED);
	assert_string_equal(r.closed_on, "2026-04-01");
}

/* ---- through the assessment layer ---- */

struct fx {
	char *dir, *db;
	struct asmt_ctx c;
	int64_t org;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->dir = tu_tmpdir();
	f->db = xasprintf("%s/it.db", f->dir);
	struct itm_errors e = { 0 };
	assert_int_equal(asmt_open(&f->c, f->db, false, ASMT_WRITE, NULL, &e), ITM_OK);
	bool added;
	assert_int_equal(asmt_org(&f->c, "Bakkerij", &f->org, &added, &e), ITM_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	asmt_close(&f->c);
	tu_rmrf(f->dir);
	free(f->db);
	free(f->dir);
	free(f);
	return 0;
}

/* Saves a complete assessment of Bakkerij taken on TAKEN answering
 * backups BACKUPS ("na", "unknown" or a key) and updates "never". */
static int64_t save(struct fx *f, const char *taken, const char *backups)
{
	struct qn_questionnaire *q = load_q();
	struct ans_set *s = ans_set_new(q);
	const struct qn_question *b = qn_find_question(q, "ops.backups"), *u = qn_find_question(q, "ops.updates");
	if (strcmp(backups, "na") == 0)
		ans_set_put(s, b, ANS_NA, NULL, NULL);
	else if (strcmp(backups, "unknown") == 0)
		ans_set_put(s, b, ANS_UNKNOWN, NULL, NULL);
	else
		ans_set_put(s, b, ANS_OPTION, qn_find_option(b, backups), NULL);
	ans_set_put(s, u, ANS_OPTION, qn_find_option(u, "never"), NULL);
	struct asmt_new in = { .org = "Bakkerij", .respondent = "An", .role = "owner", .taken = taken };
	struct itm_errors e = { 0 };
	int64_t id = 0;
	bool added;
	assert_int_equal(asmt_save(&f->c, &in, s, &id, &added, &e), ITM_OK);
	ans_set_free(s);
	qn_free(q);
	return id;
}

static size_t n_actions(struct fx *f)
{
	struct plan_list l;
	struct itm_errors e = { 0 };
	assert_int_equal(plan_list(&f->c, f->org, 0, "2026-01-20", &l, &e), ITM_OK);
	size_t n = l.n;
	plan_list_free(&l);
	return n;
}

static void expect_refused(struct fx *f, const struct plan_new *in, const char *want)
{
	struct itm_errors e = { 0 };
	int64_t id;
	assert_int_equal(plan_add(&f->c, in, &id, &e), ITM_INPUT);
	assert_int_equal(e.n, 1);
	if (!strstr(e.v[0].message, want))
		tu_print_errors(&e);
	assert_non_null(strstr(e.v[0].message, want));
	errs_free(&e);
}

static void test_add_defaults_and_refusals(void **state)
{
	struct fx *f = *state;
	struct plan_new in = { .org = f->org, .question = "ops.backups", .today = "2026-01-20" };
	expect_refused(f, &in, "no complete assessment");
	save(f, "2026-01-15", "manual");
	in.question = "ops.nothing";
	expect_refused(f, &in, "no question 'ops.nothing'");
	in.question = "ops.backups";
	in.to = "never";
	expect_refused(f, &in, "has no option 'never'");
	in.to = "manual";
	expect_refused(f, &in, "is not above it");
	in.to = NULL;
	in.due = "2026-02-30";
	expect_refused(f, &in, "is not a date");
	in.due = NULL;
	in.owner = "\x01";
	expect_refused(f, &in, "the owner:");
	in.owner = NULL;
	assert_int_equal(n_actions(f), 0);
	struct itm_errors e = { 0 };
	int64_t id;
	assert_int_equal(plan_add(&f->c, &in, &id, &e), ITM_OK);
	expect_refused(f, &in, "has an open action already");
	struct store_action a;
	assert_int_equal(store_action_get(f->c.store, id, &a), 0);
	assert_string_equal(a.from_option, "manual");
	assert_string_equal(a.to_option, "automatic");   /* the next one up */
	assert_string_equal(a.step, "Automate it.");
	assert_string_equal(a.due, "2026-04-15");        /* the next reassessment */
	assert_string_equal(a.owner, "");
	store_action_free(&a);
	struct plan_edit ed = { .to = "tested", .owner = "  IT partner ", .due = "2026-05-01" };
	assert_int_equal(plan_edit(&f->c, id, &ed, &e), ITM_OK);
	struct plan_edit bad = { .to = "none" };
	assert_int_equal(plan_edit(&f->c, id, &bad, &e), ITM_INPUT);
	assert_int_equal(plan_edit(&f->c, 99, &ed, &e), ITM_INPUT);
	errs_free(&e);
	assert_int_equal(store_action_get(f->c.store, id, &a), 0);
	assert_string_equal(a.to_option, "tested");
	assert_string_equal(a.owner, "IT partner");
	assert_string_equal(a.due, "2026-05-01");
	store_action_free(&a);
}

static void test_verified_by_later(void **state)
{
	struct fx *f = *state;
	int64_t first = save(f, "2026-01-15", "none");
	struct itm_errors e = { 0 };
	int64_t *ids;
	size_t n;
	assert_int_equal(plan_add_top(&f->c, f->org, 5, "2026-01-20", &ids, &n, &e), ITM_OK);
	assert_int_equal(n, 2);
	free(ids);
	int64_t second = save(f, "2026-04-15", "automatic");   /* two steps up from none */
	struct plan_list l;
	assert_int_equal(plan_list(&f->c, f->org, 0, "2026-05-01", &l, &e), ITM_OK);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].question, "ops.backups") == 0) {
			assert_int_equal(l.v[i].status, REPORT_ACTION_DONE);
			assert_true(plan_verified_by(&l, i, second));
		} else {
			assert_int_equal(l.v[i].status, REPORT_ACTION_OVERDUE);  /* due 2026-04-15 */
			assert_ptr_equal(plan_open_for(&l, "ops.updates"), &l.v[i]);
		}
	}
	assert_null(plan_open_for(&l, "ops.backups"));
	plan_list_free(&l);
	/* As of the first assessment: agreed, nothing verified yet, not
	 * overdue on its date. */
	assert_int_equal(plan_list(&f->c, f->org, first, "2026-05-01", &l, &e), ITM_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].status, REPORT_ACTION_OPEN);
	assert_string_equal(l.plan.since, "2026-01-15");
	plan_list_free(&l);
	assert_int_equal(plan_done(&f->c, 99, "2026-05-01", &e), ITM_INPUT);
	assert_non_null(strstr(e.v[0].message, "no action 99"));
	errs_free(&e);
}

static void test_done_drop_na(void **state)
{
	struct fx *f = *state;
	save(f, "2026-01-15", "manual");
	struct itm_errors e = { 0 };
	struct plan_new in = { .org = f->org, .question = "ops.backups", .today = "2026-01-20" };
	int64_t id, id2;
	assert_int_equal(plan_add(&f->c, &in, &id, &e), ITM_OK);
	assert_int_equal(plan_drop(&f->c, id, "", "2026-01-21", &e), ITM_INPUT);
	assert_int_equal(plan_done(&f->c, id, "2026-02-01", &e), ITM_OK);
	assert_int_equal(plan_done(&f->c, id, "2026-02-01", &e), ITM_INPUT);
	in.question = "ops.updates";
	assert_int_equal(plan_add(&f->c, &in, &id2, &e), ITM_OK);
	assert_int_equal(plan_drop(&f->c, id2, "no budget", "2026-02-01", &e), ITM_OK);
	errs_free(&e);
	save(f, "2026-04-15", "manual");     /* done by hand, still manual */
	struct plan_list l;
	assert_int_equal(plan_list(&f->c, f->org, 0, "2026-05-01", &l, &e), ITM_OK);
	assert_int_equal(l.v[0].status, REPORT_ACTION_DONE);
	assert_true(l.v[0].unconfirmed);
	assert_int_equal(l.v[1].status, REPORT_ACTION_DROPPED);
	assert_string_equal(l.v[1].reason, "no budget");
	plan_list_free(&l);
	save(f, "2026-07-15", "na");
	assert_int_equal(plan_list(&f->c, f->org, 0, "2026-08-01", &l, &e), ITM_OK);
	assert_int_equal(l.v[0].status, REPORT_ACTION_DROPPED);
	assert_string_equal(l.v[0].closed_on, "2026-07-15");
	plan_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_overdue_boundaries),
		cmocka_unit_test(test_derive_table),
		cmocka_unit_test(test_derive_order),
		cmocka_unit_test_setup_teardown(test_add_defaults_and_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verified_by_later, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_drop_na, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
