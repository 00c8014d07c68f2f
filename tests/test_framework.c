/* test_framework.c - the framework catalogue (CyFun 2023 BASIC: 34
 * requirements, 13 key measures; the five Cyber Essentials themes), which
 * references name its controls, the syntax the loader holds them to, and
 * the status of each control (score_frameworks) on the fixture
 * fixtures/frameworks/questionnaire.yaml: every status, key measures
 * first, "don't know", unanswered and "not applicable". */
#include "score_util.h"

#include "itmaturity/framework.h"

static const char fixture[] = "fixtures/frameworks/questionnaire.yaml";

static void test_catalogue(void **state)
{
	(void)state;
	const struct fw_framework *cyfun = &fw_frameworks[FW_CYFUN_BASIC];
	const struct fw_framework *ce = &fw_frameworks[FW_CYBER_ESSENTIALS];
	assert_string_equal(cyfun->id, "cyfun-basic");
	assert_string_equal(ce->id, "cyber-essentials");
	assert_int_equal(cyfun->n_controls, 34);
	size_t keys = 0;
	for (size_t c = 0; c < cyfun->n_controls; c++)
		keys += cyfun->controls[c].key_measure;
	assert_int_equal(keys, 13);
	static const char *const themes[] = {
		"CE-firewalls", "CE-secure-configuration", "CE-security-update-management",
		"CE-user-access-control", "CE-malware-protection",
	};
	assert_int_equal(ce->n_controls, ARRAY_LEN(themes));
	for (size_t c = 0; c < ce->n_controls; c++) {
		assert_string_equal(ce->controls[c].id, themes[c]);
		assert_false(ce->controls[c].key_measure);
	}
	/* Unique ids, and nothing the reports would have to escape. */
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		const struct fw_framework *w = &fw_frameworks[f];
		assert_null(strpbrk(w->title, "\\`*_[]<>|#&\"'"));
		for (size_t c = 0; c < w->n_controls; c++) {
			assert_null(strpbrk(w->controls[c].title, "\\`*_[]<>|#&\"'\r\n"));
			assert_null(strpbrk(w->controls[c].id, "\\`*_[]<>|#&\"', "));
			for (size_t d = 0; d < c; d++)
				assert_string_not_equal(w->controls[c].id, w->controls[d].id);
		}
	}
}

static void test_find(void **state)
{
	(void)state;
	size_t f, c;
	assert_true(fw_find("CyFun PR.AC-3.2", &f, &c));
	assert_int_equal(f, FW_CYFUN_BASIC);
	assert_string_equal(fw_frameworks[f].controls[c].id, "PR.AC-3.2");
	assert_true(fw_frameworks[f].controls[c].key_measure);
	assert_true(fw_find("CyFun DE.CM-1.1", &f, &c));
	assert_false(fw_frameworks[f].controls[c].key_measure);
	assert_true(fw_find("CE-malware-protection", &f, &c));
	assert_int_equal(f, FW_CYBER_ESSENTIALS);
	assert_int_equal(c, 4);
	/* Valid but not counted: above BASIC, a subcategory, other text. */
	static const char *const others[] = {
		"CyFun ID.AM-6.1", "CyFun PR.IP-4", "PR.AC-3.2", "CyFunPR.AC-3.2", "CIS 5.3",
		"Cyber Essentials", "cyfun PR.AC-3.2", "ce-firewalls", "CyFun CE-firewalls",
	};
	for (size_t i = 0; i < ARRAY_LEN(others); i++)
		assert_false(fw_find(others[i], &f, &c));
}

static void test_ref_check(void **state)
{
	(void)state;
	char why[200];
	static const char *const good[] = {
		"CyFun PR.AC-3.2", "CyFun ID.AM-6.1", "CyFun PR.IP-4", "CyFun RC.IM-12.10",
		"CE-firewalls", "CE-user-access-control", "CIS 5.3", "Cyber Essentials", "CyFun",
		"NIST CSF PR.AA-03", "ce-whatever",
	};
	for (size_t i = 0; i < ARRAY_LEN(good); i++)
		assert_true(fw_ref_check(good[i], why, sizeof(why)));
	static const char *const bad_cyfun[] = {
		"CyFun ", "CyFun PR.AC3.2", "CyFun XX.AC-1.1", "CyFun pr.ac-1.1", "CyFun PR.Ac-1.1",
		"CyFun PR.AC-0.1", "CyFun PR.AC-1.", "CyFun PR.AC-1.1 ", "CyFun PR.AC-123",
		"CyFun PR.AC-1.1.1", "CyFun BASIC_PR.AC-1.1",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad_cyfun); i++) {
		assert_false(fw_ref_check(bad_cyfun[i], why, sizeof(why)));
		assert_string_equal(why, "is not a CyFun id (like 'CyFun PR.AC-3.2' or 'CyFun PR.IP-4')");
	}
	assert_false(fw_ref_check("CE-firewall", why, sizeof(why)));
	assert_string_equal(why, "is not a Cyber Essentials theme (CE-firewalls, CE-secure-configuration, "
			    "CE-security-update-management, CE-user-access-control, "
			    "CE-malware-protection)");
	assert_false(fw_ref_check("CE-", why, 10));  /* cut to fit */
	assert_string_equal(why, "is not a ");
}

/* The status of control ID ("PR.AC-3.2", "CE-firewalls") in V. */
static const struct score_control *control(const struct score_framework *v, const char *id)
{
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++)
		for (size_t c = 0; c < v[f].n_controls; c++)
			if (strcmp(v[f].controls[c].control->id, id) == 0)
				return &v[f].controls[c];
	fail_msg("no control %s", id);
	return NULL;
}

/* Checks the status of control ID over SET, worked out afresh. */
#define assert_status(set, id, want) assert_status_at((set), (id), (want), __LINE__)
static void assert_status_at(const struct ans_set *set, const char *id, enum fw_status want, int line)
{
	struct score_framework *v = score_frameworks(set);
	assert_non_null(v);
	enum fw_status got = control(v, id)->status;
	score_frameworks_free(v);
	if (got != want)
		fail_msg("line %d: %s is %s, expected %s", line, id, fw_status_name(got),
			 fw_status_name(want));
}

/* The fixture's own answers: every status. */
static void test_every_status(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(fixture);
	struct itm_errors e = { 0 };
	struct ans_set *a = ans_load_file("fixtures/frameworks/answers.yaml", q, &e);
	tu_print_errors(&e);
	assert_non_null(a);
	struct score_framework *v = score_frameworks(a);
	assert_non_null(v);
	assert_ptr_equal(v[FW_CYFUN_BASIC].framework, &fw_frameworks[FW_CYFUN_BASIC]);
	assert_int_equal(v[FW_CYFUN_BASIC].n_controls, 34);
	assert_int_equal(v[FW_CYBER_ESSENTIALS].n_controls, 5);
	static const struct { const char *id; enum fw_status status; size_t n; } want[] = {
		{ "PR.IP-4.1", FW_MET, 1 },        /* critical, at its threshold; named twice */
		{ "PR.AC-5.1", FW_MET, 1 },        /* half of the range */
		{ "PR.AC-3.1", FW_MET, 1 },        /* only "not applicable" */
		{ "PR.AC-3.2", FW_PARTLY, 2 },
		{ "PR.MA-1.1", FW_NOT_MET, 1 },
		{ "DE.CM-4.1", FW_UNKNOWN, 1 },
		{ "RS.RP-1.1", FW_NOT_COVERED, 0 }, /* named by an unscored question only */
		{ "PR.AC-1.1", FW_NOT_COVERED, 0 },
		{ "CE-firewalls", FW_MET, 1 },
		{ "CE-user-access-control", FW_PARTLY, 2 },
		{ "CE-security-update-management", FW_NOT_MET, 1 },
		{ "CE-malware-protection", FW_UNKNOWN, 1 },
		{ "CE-secure-configuration", FW_NOT_COVERED, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		const struct score_control *sc = control(v, want[i].id);
		if (sc->status != want[i].status)
			fail_msg("%s is %s", want[i].id, fw_status_name(sc->status));
		assert_int_equal(sc->n_questions, want[i].n);
	}
	const struct score_control *sc = control(v, "PR.AC-3.2");
	assert_ptr_equal(sc->questions[0], question(q, "security.mfa"));
	assert_ptr_equal(sc->questions[1], question(q, "security.remote-access"));
	/* Six CyFun controls and four themes have evidence; ID.AM-6.1 (above
	 * BASIC) and PR.IP-4 (a subcategory) are not in the catalogue. */
	size_t n = 0;
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++)
		for (size_t c = 0; c < v[f].n_controls; c++)
			n += v[f].controls[c].n_questions > 0;
	assert_int_equal(n, 10);
	score_frameworks_free(v);
	ans_set_free(a);
	qn_free(q);
}

/* Key measures first, each group in the catalogue's order. */
static void test_key_measures_first(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(fixture);
	struct ans_set *a = ans_set_new(q);
	struct score_framework *v = score_frameworks(a);
	const struct score_framework *f = &v[FW_CYFUN_BASIC];
	assert_int_equal(f->n_controls, 34);
	for (size_t i = 1; i < f->n_controls; i++) {
		const struct fw_control *prev = f->controls[i - 1].control, *c = f->controls[i].control;
		assert_true(prev->key_measure || !c->key_measure);  /* no key measure after another */
		if (prev->key_measure == c->key_measure)
			assert_true(prev < c);                       /* the catalogue's order */
	}
	assert_string_equal(f->controls[0].control->id, "PR.AC-1.1");
	assert_true(f->controls[12].control->key_measure);
	assert_false(f->controls[13].control->key_measure);
	assert_string_equal(f->controls[13].control->id, "ID.AM-1.1");
	score_frameworks_free(v);
	ans_set_free(a);
	qn_free(q);
}

/* The rules one by one, on the answers of two questions that give
 * evidence for the same control (mfa: 0/2/4; remote-access: 0/1/4). */
static void test_rules(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn(fixture);
	struct ans_set *a = ans_set_new(q);
	/* Unanswered: unknown, like "don't know". */
	assert_status(a, "PR.AC-3.2", FW_UNKNOWN);
	put(a, "security.mfa", "all");
	assert_status(a, "PR.AC-3.2", FW_UNKNOWN);
	put(a, "security.remote-access", "vpn-mfa");
	assert_status(a, "PR.AC-3.2", FW_MET);
	put(a, "security.remote-access", "vpn");      /* 1 of 0-4: below half */
	assert_status(a, "PR.AC-3.2", FW_PARTLY);
	put(a, "security.mfa", "some");               /* 2 of 0-4: half, met */
	assert_status(a, "PR.AC-3.2", FW_PARTLY);
	put(a, "security.mfa", "none");
	assert_status(a, "PR.AC-3.2", FW_NOT_MET);
	/* "Don't know" wins over a known answer below, and over one above. */
	put(a, "security.mfa", "unknown");
	assert_status(a, "PR.AC-3.2", FW_UNKNOWN);
	put(a, "security.remote-access", "vpn-mfa");
	assert_status(a, "PR.AC-3.2", FW_UNKNOWN);

	/* A critical question's own threshold (3), not half of its range. */
	put(a, "security.backups", "daily");          /* 2 of 0-4 */
	assert_status(a, "PR.IP-4.1", FW_NOT_MET);
	put(a, "security.backups", "tested");
	assert_status(a, "PR.IP-4.1", FW_MET);

	/* "Not applicable" counts neither way. */
	put(a, "security.wifi", "n/a");
	assert_status(a, "PR.AC-3.1", FW_MET);
	put(a, "security.wifi", "open");
	assert_status(a, "PR.AC-3.1", FW_NOT_MET);

	/* An unscored question is no evidence, whatever its answer. */
	put(a, "security.scope-incidents", "included");
	assert_status(a, "RS.RP-1.1", FW_NOT_COVERED);
	ans_set_free(a);
	qn_free(q);
}

/* A questionnaire that names no control of the catalogue has no section. */
static void test_none(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/report/questionnaire.yaml");
	struct ans_set *a = ans_set_new(q);
	assert_null(score_frameworks(a));
	ans_set_free(a);
	qn_free(q);
	q = load_q_buffer("id: x\ntitle: X\nversion: \"1\"\nlanguage: en\ndescription: D.\n"
			  "scale: [{value: 0, name: N, meaning: M.}, {value: 1, name: D, meaning: M.}]\n"
			  "domains:\n- id: d\n  title: D\n  description: D.\n  questions:\n"
			  "  - id: a\n    text: T?\n    help: H.\n"
			  "    references: [\"CyFun ID.AM-6.1\", \"CyFun PR.IP-4\", \"CIS 5.3\"]\n"
			  "    options:\n    - {key: n, value: 0, description: N., next_step: S.}\n"
			  "    - {key: y, value: 1, description: Y.}\n");
	a = ans_set_new(q);
	assert_null(score_frameworks(a));
	ans_set_free(a);
	qn_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_ref_check),
		cmocka_unit_test(test_every_status),
		cmocka_unit_test(test_key_measures_first),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
