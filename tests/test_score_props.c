/* test_score_props.c - properties of the maturity model over hundreds of
 * generated answer sets (monotonicity, the extremes, "not applicable"
 * leaving the rest alone, order independence, the roadmap gain being the
 * real gain), OWASP SAMM's Governance function scored as SAMM scores it,
 * and questionnaires at the limits of their numbers. */
#include "score_util.h"

static void test_monotonic(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	rng_state = 0x9E3779B97F4A7C15ull;
	size_t raises = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		struct score_result *base = score_compute(s, NULL);
		assert_invariants(base);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct ans_answer *a = &s->v[i];
			if (!qq->scored || (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
				continue;
			for (size_t j = 0; j < qq->n_options; j++) {
				const struct qn_option *o = &qq->options[j];
				if (a->kind == ANS_OPTION && !(o->value > a->option->value))
					continue;
				struct ans_set *up = copy_set(s);
				ans_set_put(up, qq, ANS_OPTION, o, NULL);
				struct score_result *r = score_compute(up, NULL);
				assert_not_lower(base, r);
				score_free(r);
				ans_set_free(up);
				raises++;
			}
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("monotonic: %d sets, %zu raises\n", ROUNDS, raises);
	assert_true(raises > ROUNDS * 5);
	qn_free(q);
}

/* Every question of Q at its highest option: 100 %, the top level, nothing
 * to do; at its lowest: 0 %, the lowest level. */

static void check_extremes(const struct qn_questionnaire *q)
{
	const struct qn_level *top = &q->scale[q->n_scale - 1];
	for (int lowest = 0; lowest < 2; lowest++) {
		struct ans_set *s = ans_set_new(q);
		size_t scored = 0;
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct qn_option *pick = &qq->options[0];
			for (size_t j = 1; j < qq->n_options && qq->scored; j++) {
				double v = qq->options[j].value;
				if (lowest ? v < pick->value : v > pick->value)
					pick = &qq->options[j];
			}
			ans_set_put(s, qq, ANS_OPTION, pick, NULL);
			scored += qq->scored;
		}
		struct score_result *r = score_compute(s, NULL);
		assert_invariants(r);
		for (size_t i = 0; i <= r->n_domains; i++) {
			const struct score_summary *x = i < r->n_domains ? &r->domains[i].s : &r->overall;
			assert_true(x->scored);
			assert_false(x->provisional);
			assert_near(x->percent, lowest ? 0 : 100);
			assert_near(x->scale, lowest ? q->scale[0].value : top->value);
			assert_ptr_equal(x->level, lowest ? &q->scale[0] : top);
			if (!lowest)
				assert_null(x->cap_question);
		}
		assert_int_equal(r->n_roadmap, lowest ? scored : 0);
		score_free(r);
		ans_set_free(s);
	}
}

static void test_extremes(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	check_extremes(q);
	qn_free(q);
}

/* Weighted sum of the normalised scores of domain D's counted questions,
 * and their weight: what the domain's percentage is made of. */

static void domain_sums(const struct ans_set *s, const struct qn_domain *d, double *sum,
			double *weight)
{
	*sum = *weight = 0;
	for (size_t j = 0; j < d->n_questions; j++) {
		const struct qn_question *qq = &d->questions[j];
		const struct ans_answer *a = ans_get(s, qq);
		if (!qq->scored || (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
			continue;
		*weight += qq->weight;
		if (a->kind == ANS_OPTION)
			*sum += qq->weight * score_norm(qq, a->option->value);
	}
}

/* Marking a question n/a removes it from its domain and from nothing
 * else: the other domains keep their percentages, and the domain's
 * percentage times its weight loses exactly that question's part. */

static void test_na_neutral(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	rng_state = 0x0123456789ABCDEFull;
	size_t checks = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		struct score_result *base = score_compute(s, NULL);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			const struct ans_answer *a = &s->v[i];
			if (!qq->allow_na || !qq->scored ||
			    (a->kind != ANS_OPTION && a->kind != ANS_UNKNOWN))
				continue;
			double part = a->kind == ANS_OPTION ? score_norm(qq, a->option->value) : 0;
			struct ans_set *na = copy_set(s);
			ans_set_put(na, qq, ANS_NA, NULL, NULL);
			struct score_result *r = score_compute(na, NULL);
			size_t di = qq->domain->index;
			for (size_t k = 0; k < q->n_domains; k++) {
				if (k == di)
					continue;
				assert_same_summary(&base->domains[k].s, &r->domains[k].s);
			}
			double sum, w;
			domain_sums(s, qq->domain, &sum, &w);
			const struct score_summary *before = &base->domains[di].s, *after = &r->domains[di].s;
			assert_near(before->percent * w / 100, sum);
			if (w - qq->weight > 0) {
				assert_true(after->scored);
				assert_near(after->percent * (w - qq->weight) / 100,
					    before->percent * w / 100 - qq->weight * part);
			} else {
				assert_false(after->scored);
			}
			assert_int_equal(after->n_na, before->n_na + 1);
			assert_int_equal(r->n_na, base->n_na + 1);
			score_free(r);
			ans_set_free(na);
			checks++;
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("n/a: %d sets, %zu questions marked n/a\n", ROUNDS, checks);
	assert_true(checks > ROUNDS);
	qn_free(q);
}

/* The same answers put in another order (with other answers put and
 * overwritten on the way) give the same result. */

static void test_order_independent(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	rng_state = 0xDEADBEEFCAFEF00Dull;
	size_t n = q->n_questions;
	size_t *perm = xcalloc(n, sizeof(*perm));
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, false);
		for (size_t i = 0; i < n; i++)
			perm[i] = i;
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = rnd((uint32_t)(i + 1)), t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		struct ans_set *t = ans_set_new(q);
		for (size_t k = 0; k < n; k++) {
			const struct qn_question *qq = q->questions[perm[k]];
			struct ans_answer noise;
			random_answer(qq, false, &noise);
			ans_set_put(t, qq, noise.kind, noise.option, "noise");
		}
		for (size_t k = n; k-- > 0;) {
			const struct qn_question *qq = q->questions[perm[k]];
			ans_set_put(t, qq, s->v[qq->index].kind, s->v[qq->index].option, NULL);
		}
		struct score_result *a = score_compute(s, NULL), *b = score_compute(t, NULL);
		assert_same_result(a, b);
		/* The summary is the same result without its roadmap. */
		struct score_result *c = score_summary(s, NULL);
		assert_int_equal(c->n_roadmap, 0);
		assert_null(c->roadmap);
		b->n_roadmap = 0;
		assert_same_result(b, c);
		score_free(a);
		score_free(b);
		score_free(c);
		ans_set_free(s);
		ans_set_free(t);
	}
	free(perm);
	qn_free(q);
}

/* With nothing unanswered, a roadmap step's gain is exactly how much the
 * overall (and the domain's) percentage rises when that one answer moves
 * up one option. */

static void test_gain_is_real(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/properties.yaml");
	rng_state = 42;
	size_t steps = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct ans_set *s = random_set(q, true);
		struct score_result *base = score_compute(s, NULL);
		assert_int_equal(base->overall.n_unanswered, 0);
		assert_invariants(base);
		for (size_t i = 0; i < base->n_roadmap; i++) {
			const struct score_step *st = &base->roadmap[i];
			struct ans_set *up = copy_set(s);
			ans_set_put(up, st->question, ANS_OPTION, st->to, NULL);
			struct score_result *r = score_compute(up, NULL);
			size_t di = st->question->domain->index;
			assert_near(r->overall.percent - base->overall.percent, st->gain);
			assert_near(r->domains[di].s.percent - base->domains[di].s.percent,
				    st->domain_gain);
			score_free(r);
			ans_set_free(up);
			steps++;
		}
		score_free(base);
		ans_set_free(s);
	}
	print_message("gain: %d sets, %zu steps\n", ROUNDS, steps);
	assert_true(steps > ROUNDS);
	qn_free(q);
}

/* OWASP SAMM: a stream scores the sum of its three answers (0-3), a
 * practice the mean of its two streams, the business function the mean
 * of its practices. With SAMM's practices as domains on a 0-3 scale and
 * equal weights, the domain's scale score is the practice score. */

static double samm_practice(const struct ans_set *s, const struct qn_domain *d)
{
	double stream[2] = { 0, 0 };
	for (size_t j = 0; j < d->n_questions; j++) {
		const struct qn_question *qq = &d->questions[j];
		/* ids are PRACTICE-STREAM-LEVEL: "sm-a1" */
		char which = qq->id[3];
		assert_true(which == 'a' || which == 'b');
		stream[which - 'a'] += ans_get(s, qq)->option->value;
	}
	return (stream[0] + stream[1]) / 2;
}

static void test_samm_equivalence(void **state)
{
	(void)state;
	struct qn_questionnaire *q = tu_load_qn("fixtures/score/samm-governance.yaml");
	assert_int_equal(q->n_domains, 3);
	assert_int_equal(q->n_questions, 18);

	/* By hand: Strategy & Metrics stream A answers 1, 0.5, 0 (1.5), stream
	 * B 1, 1, 0.25 (2.25): practice (1.5 + 2.25) / 2 = 1.875; the tool:
	 * 3.75 / 6 = 62.5 %, 0 + 0.625 x 3 = 1.875. */
	struct ans_set *s = ans_set_new(q);
	static const char *const hand[][2] = {
		{ "strategy-metrics.sm-a1", "1" }, { "strategy-metrics.sm-a2", "0.5" },
		{ "strategy-metrics.sm-a3", "0" }, { "strategy-metrics.sm-b1", "most" },
		{ "strategy-metrics.sm-b2", "most" }, { "strategy-metrics.sm-b3", "0.25" },
	};
	for (size_t i = 0; i < ARRAY_LEN(hand); i++)
		put(s, hand[i][0], hand[i][1]);
	struct score_result *r = score_compute(s, NULL);
	assert_near(r->domains[0].s.percent, 62.5);
	assert_near(r->domains[0].s.scale, 1.875);
	assert_string_equal(r->domains[0].s.level->name, "Level 1");
	assert_false(r->domains[1].s.scored);
	score_free(r);
	ans_set_free(s);

	rng_state = 0x5A4D5A4D5A4D5A4Dull;
	for (int round = 0; round < 500; round++) {
		s = ans_set_new(q);
		for (size_t i = 0; i < q->n_questions; i++) {
			const struct qn_question *qq = q->questions[i];
			ans_set_put(s, qq, ANS_OPTION, &qq->options[rnd(4)], NULL);
		}
		r = score_compute(s, NULL);
		double function = 0;
		for (size_t i = 0; i < q->n_domains; i++) {
			double practice = samm_practice(s, &q->domains[i]);
			assert_near(r->domains[i].s.scale, practice);
			function += practice / 3;
		}
		assert_near(r->overall.scale, function);
		score_free(r);
		ans_set_free(s);
	}
	qn_free(q);
}

/* The one comparison model: every kind of change, with its values on the
 * scale, and the percentages' changes. */

/* A scale of a millionth, its second level a ten-thousandth of the way up:
 * levels are told apart relative to the range (a fixed 1e-9 put a score
 * of 0 at the second level), and so are changes between assessments. */

/* Every figure of a scored summary, step and gap is a number. */

static void assert_finite(const struct score_result *r)
{
	for (size_t i = 0; i <= r->n_domains; i++) {
		const struct score_summary *s = i < r->n_domains ? &r->domains[i].s : &r->overall;
		if (!s->scored)
			continue;
		assert_true(isfinite(s->percent) && isfinite(s->percent_if_known));
		assert_true(isfinite(s->scale) && isfinite(s->scale_if_known));
		assert_non_null(s->level);
		if (i < r->n_domains && r->domains[i].has_target)
			assert_true(isfinite(r->domains[i].gap));
	}
	for (size_t i = 0; i < r->n_roadmap; i++)
		assert_true(isfinite(r->roadmap[i].gain) && isfinite(r->roadmap[i].domain_gain));
}

/* The limits of the numbers, all at once: weights of 0.001 and 1000 side
 * by side, values of -1000000 and 1000000 (1e308 weights gave NaN, 1e-320
 * gave 0 %). */

static void test_number_limits(void **state)
{
	(void)state;
	struct qn_questionnaire *q = load_q_buffer(
		"id: limits\ntitle: L\nversion: \"1\"\nlanguage: en\ndescription: D.\n"
		"scale:\n  - {value: -1000000, name: Low, meaning: L.}\n"
		"  - {value: 0, name: Mid, meaning: M.}\n  - {value: 1000000, name: High, meaning: H.}\n"
		"domains:\n  - id: heavy\n    title: H\n    description: D.\n    weight: 1000\n"
		"    target: 1000000\n    questions:\n"
		"      - {id: a, text: A?, help: H., weight: 1000, options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n"
		"      - {id: b, text: B?, help: H., weight: 0.001, critical: true, cap: -1000000,\n"
		"         options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n"
		"  - id: light\n    title: L\n    description: D.\n    weight: 0.001\n    questions:\n"
		"      - {id: c, text: C?, help: H., weight: 0.001, options: [\n"
		"          {key: lo, value: -1000000, description: L., next_step: Up.},\n"
		"          {key: hi, value: 1000000, description: H.}]}\n");
	struct ans_set *s = ans_set_new(q);
	put(s, "heavy.a", "hi");
	put(s, "heavy.b", "lo");
	put(s, "light.c", "hi");
	struct score_result *r = score_compute(s, NULL);
	assert_invariants(r);
	assert_finite(r);
	double heavy = 100 * 1000 / 1000.001;
	assert_near(r->domains[0].s.percent, heavy);
	assert_near(r->domains[0].s.scale, -1e6 + heavy / 100 * 2e6);
	assert_ptr_equal(r->domains[0].s.level_uncapped, &q->scale[1]);
	assert_ptr_equal(r->domains[0].s.level, &q->scale[0]);  /* capped by b, at its cap */
	assert_near(r->domains[0].gap, 1e6 - r->domains[0].s.scale);
	assert_near(r->domains[1].s.percent, 100);
	assert_near(r->overall.percent, (1000 * heavy + 0.001 * 100) / 1000.001);
	assert_int_equal(r->n_roadmap, 1);
	assert_near(r->roadmap[0].domain_gain, 100 * 0.001 / 1000.001);
	assert_near(r->roadmap[0].gain, 100 * 0.001 / 1000.001 * 1000 / 1000.001);
	score_free(r);
	ans_set_free(s);
	qn_free(q);
}

/* A number for a questionnaire, written so that it reads back the same. */

static int put_num(char *buf, double v)
{
	return sprintf(buf, "%.17g", v);
}

/* A weight: often at a limit, else anywhere between them. */

static double random_weight(void)
{
	uint32_t r = rnd(4);
	return r == 0 ? 0.001 : r == 1 ? 1000 : pow(10, -3 + 6 * rnd(100001) / 100000.0);
}

/* Appends to *BUF (at *LEN, room for CAP) the text FMT. */

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = xvasprintf(fmt, ap);
	va_end(ap);
	size_t n = strlen(t);
	grow_array((void **)buf, cap, *len + n + 1, 1);
	memcpy(*buf + *len, t, n + 1);
	*len += n;
	free(t);
}

/* A random questionnaire within the limits: a scale of 2 to 6 levels
 * anywhere from -1000000 to 1000000, of any range from a millionth to the
 * whole span; options anywhere on it; weights anywhere from 0.001 to 1000;
 * critical questions, n/a, targets. */

static char *random_questionnaire(void)
{
	char *b = NULL, n1[32], n2[32];
	size_t len = 0, cap = 0;
	double range = rnd(8) == 0 ? 2e6 : pow(10, -5.99 + 12.2 * rnd(100001) / 100000.0);
	if (range > 2e6)
		range = 2e6;
	double lo = -1e6 + (2e6 - range) * rnd(100001) / 100000.0, hi = lo + range;
	if (hi > 1e6)
		hi = 1e6;
	append(&b, &len, &cap, "id: r\ntitle: R\nversion: \"1\"\nlanguage: en\ndescription: D.\nscale:\n");
	uint32_t levels = 2 + rnd(5);
	for (uint32_t i = 0; i < levels; i++) {
		put_num(n1, i == 0 ? lo : i == levels - 1 ? hi : lo + range * i / (levels - 1));
		append(&b, &len, &cap, "  - {value: %s, name: l%u, meaning: M.}\n", n1, i);
	}
	append(&b, &len, &cap, "domains:\n");
	for (uint32_t d = 0, nd = 1 + rnd(4); d < nd; d++) {
		put_num(n1, random_weight());
		put_num(n2, lo + range * rnd(1001) / 1000.0);
		bool target = rnd(2);
		append(&b, &len, &cap, "  - id: d%u\n    title: D\n    description: D.\n    weight: %s\n"
		       "%s%s%s    questions:\n", d, n1, target ? "    target: " : "", target ? n2 : "",
		       target ? "\n" : "");
		for (uint32_t j = 0, nq = 1 + rnd(5); j < nq; j++) {
			put_num(n1, random_weight());
			bool critical = rnd(3) == 0;
			append(&b, &len, &cap, "      - id: q%u-%u\n        text: Q?\n        help: H.\n"
			       "        weight: %s\n        critical: %s\n        caps_overall: %s\n"
			       "        not_applicable: %s\n        options:\n", d, j, n1,
			       critical ? "true" : "false", critical && rnd(2) ? "true" : "false",
			       rnd(2) ? "false" : "true");
			/* Distinct fractions of the range, the ends among them often. */
			uint32_t used[6], no = 2 + rnd(4);
			for (uint32_t k = 0; k < no; k++) {
				uint32_t f;
				bool again;
				do {
					f = rnd(3) == 0 ? 1000 * rnd(2) : rnd(1001);
					again = false;
					for (uint32_t m = 0; m < k; m++)
						again |= used[m] == f;
				} while (again);
				used[k] = f;
				put_num(n1, f == 0 ? lo : f == 1000 ? hi : lo + range * f / 1000.0);
				append(&b, &len, &cap, "          - {key: o%u, value: %s, description: O., "
				       "next_step: S.}\n", k, n1);
			}
		}
	}
	return b;
}

/* Random questionnaires within the limits, each answered at random and
 * at its extremes: every figure is a number, the invariants hold, and the
 * extremes give 0 % and 100 % at the lowest and the top level. */

static void test_random_limits(void **state)
{
	(void)state;
	rng_state = 0xD1B54A32D192ED03ull;
	size_t sets = 0;
	for (int round = 0; round < ROUNDS; round++) {
		char *text = random_questionnaire();
		struct itm_errors e = { 0 };
		struct qn_questionnaire *q = qn_load_buffer("random.yaml", text, strlen(text),
							    QN_NO_SOURCE, &e);
		if (!q) {
			tu_print_errors(&e);
			fail_msg("refused:\n%s", text);
		}
		for (int k = 0; k < 10; k++, sets++) {
			struct ans_set *s = random_set(q, k % 2);
			struct score_result *r = score_compute(s, NULL);
			assert_invariants(r);
			assert_finite(r);
			score_free(r);
			ans_set_free(s);
		}
		check_extremes(q);
		qn_free(q);
		errs_free(&e);
		free(text);
	}
	print_message("limits: %d questionnaires, %zu answer sets\n", ROUNDS, sets);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_na_neutral),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_gain_is_real),
		cmocka_unit_test(test_samm_equivalence),
		cmocka_unit_test(test_number_limits),
		cmocka_unit_test(test_random_limits),
	};
	return cmocka_run_group_tests_name("score properties", tests, NULL, NULL);
}
