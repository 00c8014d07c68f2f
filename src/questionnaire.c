/* questionnaire.c - the strict questionnaire loader: YAML tree to model.
 *
 * The walker keeps going after an error so that an author sees every
 * problem of a file at once; the model is only returned when there was
 * none. */
#include "itmaturity/questionnaire.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/framework.h"
#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/sha256.h"
#include "itmaturity/yamlfields.h"
#include "itmaturity/yamltree.h"
#include "qn_impl.h"

struct ctx {
	struct yf f;                  /* path, errors, arena for the model */
	struct qn_questionnaire *q;
	double scale_min, scale_max;
	bool scale_ok;
	/* The applies_if mappings, read once every question is indexed. */
	struct qn_question **applies;
	const struct yt_node **applies_at;
	size_t n_applies;
};

static const char *const reserved_keys[] = { "na", "n-a", "unknown", "dont-know" };
/* By enum qn_status and enum qn_indicator. */
static const char *const status_names[] = { "", "included", "excluded", "not-needed", "unsure" };
static const char *const indicator_names[] = { NULL, "reactive" };

/* The index of S in NAMES[1..N-1], or 0 when it is none of them. */
static unsigned name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (unsigned)i;
	return 0;
}

/* Levels must stay apart after rounding: the scale spans at least
 * SCALE_MIN_RANGE, and each level lies at least SCALE_MIN_STEP of that
 * range above the one before, a thousand times the slack of qn_level_at
 * (docs/questionnaire-format.md, "Numbers"). */
#define SCALE_MIN_RANGE 1e-6
#define SCALE_MIN_STEP 1e-6
/* A score this fraction of the range below a level reaches it: the
 * rounding of a weighted mean of a million questions stays below 1e-9. */
#define LEVEL_SLACK 1e-9

static bool in_scale(const struct ctx *c, double v)
{
	return !c->scale_ok || (v >= c->scale_min && v <= c->scale_max);
}

/* Checks the spacing of the valid scale SEQ, whose level I has its value
 * at AT[I]. */
static void scale_spacing(struct ctx *c, const struct yt_node *seq, const struct yt_node *const *at)
{
	const struct qn_questionnaire *q = c->q;
	double lo = q->scale[0].value, hi = q->scale[q->n_scale - 1].value, range = hi - lo;
	if (range < SCALE_MIN_RANGE) {
		yf_error(&c->f, seq, _("the questionnaire: the scale spans only %g (%g to %g), at least "
			 "%g is needed"), range, lo, hi, SCALE_MIN_RANGE);
		return;
	}
	for (size_t i = 1; i < q->n_scale; i++) {
		double prev = q->scale[i - 1].value;
		if (q->scale[i].value - prev < range * SCALE_MIN_STEP)
			yf_error(&c->f, at[i], _("scale level %zu: value %.15g is too close to the previous "
				 "level's %.15g (levels lie at least a millionth of the scale's range, %g, "
				 "apart)"), i + 1, q->scale[i].value, prev, range * SCALE_MIN_STEP);
	}
}

static void load_scale(struct ctx *c, const struct yt_node *seq)
{
	static const struct yf_field fields[] = {
		{ "value", true }, { "name", true }, { "meaning", true }, { "verdict", false },
	};
	struct qn_questionnaire *q = c->q;
	if (!yf_list(&c->f, seq, _("the questionnaire"), "scale", 2))
		return;
	q->scale = arena_alloc(c->f.arena, seq->n * sizeof(*q->scale));
	const struct yt_node **at = xcalloc(seq->n, sizeof(*at));
	bool all_ok = true, prev_ok = false;
	/* The first level read decides whether every level has a verdict or none. */
	size_t decider = SIZE_MAX;
	bool verdicts = false;
	size_t i = 0;
	for (const struct yt_node *it = seq->first; it < seq->first + seq->n; it++, i++) {
		bool ok = true;
		bool after_ok = prev_ok;  /* the previous level has its value */
		prev_ok = false;
		char what[64];
		snprintf(what, sizeof(what), _("scale level %zu"), i + 1);
		const struct yt_node *v[ARRAY_LEN(fields)];
		if (!yf_map(&c->f, it, what, fields, ARRAY_LEN(fields), v)) {
			all_ok = false;
			continue;
		}
		struct qn_level *l = &q->scale[i];
		if (decider == SIZE_MAX) {
			decider = i;
			verdicts = v[3] != NULL;
		} else if (verdicts && !v[3]) {
			yf_error(&c->f, it, _("%s: missing required key 'verdict' (level %zu has one: "
				 "give every level a verdict, or none)"), what, decider + 1);
		} else if (!verdicts && v[3]) {
			yf_error(&c->f, v[3], _("%s: 'verdict' is given here but not on level %zu: "
				 "give every level a verdict, or none"), what, decider + 1);
		}
		if (v[3])
			l->verdict = yf_text(&c->f, v[3], what, "verdict");
		ok &= yf_value(&c->f, v[0], what, "value", &l->value);
		at[i] = v[0];
		ok &= (l->name = yf_text(&c->f, v[1], what, "name")) != NULL;
		ok &= (l->meaning = yf_text(&c->f, v[2], what, "meaning")) != NULL;
		all_ok &= ok;
		if (!ok)
			continue;
		prev_ok = true;
		for (size_t j = 0; j < i; j++) {
			/* An invalid level before this one has no name. */
			if (q->scale[j].name && strcmp(q->scale[j].name, l->name) == 0)
				yf_error(&c->f, v[1], _("%s: name '%s' is used by level %zu too"),
					 what, l->name, j + 1);
		}
		if (after_ok && !(l->value > q->scale[i - 1].value)) {
			yf_error(&c->f, v[0], _("%s: value %g must be greater than the previous level's %g"),
				 what, l->value, q->scale[i - 1].value);
			all_ok = false;
		}
	}
	q->n_scale = i;
	if (all_ok) {
		c->scale_ok = true;
		c->scale_min = q->scale[0].value;
		c->scale_max = q->scale[i - 1].value;
		scale_spacing(c, seq, at);
	}
	free(at);
}

static void load_option(struct ctx *c, struct qn_question *qq, const struct yt_node *node,
			size_t i, bool *ok)
{
	static const struct yf_field fields[] = {
		{ "key", true }, { "value", false }, { "description", true },
		{ "next_step", false }, { "status", false },
	};
	char what[200], show[YT_SHOW_SIZE];
	const char *name = yf_name(node, "key", show);
	if (name)
		snprintf(what, sizeof(what), _("option '%s' of question '%s'"), name, qq->ref);
	else
		snprintf(what, sizeof(what), _("option %zu of question '%s'"), i + 1, qq->ref);
	const struct yt_node *v[ARRAY_LEN(fields)];
	struct qn_option *o = &qq->options[i];
	if (!yf_map(&c->f, node, what, fields, ARRAY_LEN(fields), v)) {
		*ok = false;
		return;
	}
	if ((o->key = yf_key(&c->f, v[0], what, "key"))) {
		for (size_t r = 0; r < ARRAY_LEN(reserved_keys); r++)
			if (strcmp(o->key, reserved_keys[r]) == 0)
				yf_error(&c->f, v[0], _("%s: key '%s' is reserved for the answer %s"),
					 what, o->key, r < 2 ? _("\"not applicable\"") : _("\"don't know\""));
		for (size_t j = 0; j < i; j++)
			if (qq->options[j].key && strcmp(qq->options[j].key, o->key) == 0)
				yf_error(&c->f, v[0], _("%s: key '%s' is used by option %zu too"),
					 what, o->key, j + 1);
	}
	o->description = yf_text(&c->f, v[2], what, "description");
	if (v[3] && !(o->next_step = yf_text(&c->f, v[3], what, "next_step")))
		*ok = false;  /* not "missing" too */
	if (v[1]) {
		if ((o->has_value = yf_value(&c->f, v[1], what, "value", &o->value))) {
			if (!in_scale(c, o->value))
				yf_error(&c->f, v[1], _("%s: value %g is outside the scale (%g to %g)"),
					 what, o->value, c->scale_min, c->scale_max);
			for (size_t j = 0; j < i; j++)
				if (qq->options[j].has_value && qq->options[j].value == o->value)
					yf_error(&c->f, v[1], _("%s: value %g is used by option %zu too"),
						 what, o->value, j + 1);
		} else {
			*ok = false;
		}
	} else if (qq->scored) {
		yf_error(&c->f, node, _("%s: missing required key 'value' (the question is scored)"), what);
		*ok = false;
	}
	if (v[4]) {
		const char *s = yf_text(&c->f, v[4], what, "status");
		if (qq->kind != QN_SCOPE)
			yf_error(&c->f, v[4], _("%s: 'status' is only for questions of kind 'scope'"), what);
		else if (s && (o->status = name_index(status_names, ARRAY_LEN(status_names), s)) ==
			      QN_STATUS_NONE)
			yf_error(&c->f, v[4], _("%s: status '%s' is not one of included, excluded, not-needed, unsure"),
				 what, s);
	} else if (qq->kind == QN_SCOPE) {
		yf_error(&c->f, node, _("%s: missing required key 'status' (the question's kind is 'scope')"), what);
	}
}

/* A question's INDICATOR: a known one, on a scored question (the report
 * reads its answer's value), and on no other question. */
static void load_indicator(struct ctx *c, struct qn_question *qq, const struct yt_node *node,
			   const char *what)
{
	const char *s = yf_text(&c->f, node, what, "indicator");
	if (!s)
		return;
	qq->indicator = name_index(indicator_names, ARRAY_LEN(indicator_names), s);
	if (qq->indicator == QN_INDICATOR_NONE) {
		yf_error(&c->f, node, _("%s: indicator '%s' is not one of reactive"), what, s);
		return;
	}
	if (!qq->scored)
		yf_error(&c->f, node, _("%s: indicator '%s' needs a scored question"), what, s);
	const struct qn_question **slot = &c->q->indicators[qq->indicator];
	if (*slot)
		yf_error(&c->f, node, _("%s: indicator '%s' is given to question '%s' (line %u) too"),
			 what, s, (*slot)->ref, (*slot)->line);
	else
		*slot = qq;
}

/* The lowest and highest option values of a scored question whose options
 * (the items of OPTS) are all valid; on a level question, every option but
 * the highest needs a next step. */
static void option_range(struct ctx *c, struct qn_question *qq, const struct yt_node *opts)
{
	const struct qn_option *top = &qq->options[0];
	qq->min_value = qq->max_value = top->value;
	for (size_t j = 1; j < qq->n_options; j++) {
		const struct qn_option *o = &qq->options[j];
		if (o->value > qq->max_value) {
			qq->max_value = o->value;
			top = o;
		}
		if (o->value < qq->min_value)
			qq->min_value = o->value;
	}
	if (qq->kind != QN_LEVEL)
		return;
	for (size_t j = 0; j < qq->n_options; j++) {
		const struct qn_option *o = &qq->options[j];
		if (o != top && !o->next_step && o->key)
			yf_error(&c->f, &opts->first[j], _("option '%s' of question '%s': missing required key "
				 "'next_step' (every option but the highest needs one)"), o->key, qq->ref);
	}
}

/* The threshold of a critical question: NODE, checked against the options
 * when they are all valid (OK), or by default the lowest value that reaches
 * half of the range. */
static void load_threshold(struct ctx *c, struct qn_question *qq, const struct yt_node *node,
			   const char *what, bool ok)
{
	if (!node) {
		if (!qq->critical || !ok)
			return;
		qq->threshold = qq->max_value;
		for (size_t j = 0; j < qq->n_options; j++) {
			double t = qq->options[j].value;
			if ((t - qq->min_value) * 2 >= qq->max_value - qq->min_value && t < qq->threshold)
				qq->threshold = t;
		}
		return;
	}
	if (!yf_value(&c->f, node, what, "threshold", &qq->threshold))
		return;
	if (!qq->critical)
		yf_error(&c->f, node, _("%s: 'threshold' is only for critical questions"), what);
	else if (ok && !(qq->threshold > qq->min_value && qq->threshold <= qq->max_value))
		yf_error(&c->f, node, _("%s: threshold %g must be above the lowest option (%g) "
			 "and at most the highest (%g)"), what, qq->threshold, qq->min_value, qq->max_value);
}

/* The references of a question: free text, but one that names a framework
 * ("CyFun ...", "CE-...") must name it rightly (fw_ref_check). */
static void load_references(struct ctx *c, struct qn_question *qq, const struct yt_node *node,
			    const char *what)
{
	if (!yf_list(&c->f, node, what, "references", 0))
		return;
	qq->refs = arena_alloc(c->f.arena, node->n * sizeof(*qq->refs));
	for (const struct yt_node *r = node->first; r < node->first + node->n; r++) {
		const char *ref = yf_text(&c->f, r, what, "references");
		char why[200], show[YT_SHOW_SIZE];
		if (ref && !fw_ref_check(ref, why, sizeof(why)))
			/* TRANSLATORS: the last %s says what is wrong with the reference. */
			yf_error(&c->f, r, _("%s: reference '%s' %s"), what, yt_show(r, show), why);
		else if (ref)
			qq->refs[qq->n_refs++] = ref;
	}
}

static void load_question(struct ctx *c, struct qn_domain *d, struct qn_question *qq,
			  const struct yt_node *node, size_t i)
{
	static const struct yf_field fields[] = {
		{ "id", true }, { "text", true }, { "help", true }, { "kind", false },
		{ "weight", false }, { "critical", false }, { "threshold", false },
		{ "scored", false }, { "not_applicable", false }, { "dont_know", false },
		{ "references", false }, { "indicator", false }, { "options", true },
		{ "cap", false }, { "caps_overall", false }, { "applies_if", false },
	};
	enum { ID, TEXT, HELP, KIND, WEIGHT, CRITICAL, THRESHOLD, SCORED, NA, DK, REFS, INDICATOR,
	       OPTIONS, CAP, CAPS_OVERALL, APPLIES_IF };
	char what[200], show[YT_SHOW_SIZE];
	const char *name = yf_name(node, "id", show);
	if (name)
		snprintf(what, sizeof(what), _("question '%s.%s'"), d->id ? d->id : "?", name);
	else
		snprintf(what, sizeof(what), _("question %zu of domain '%s'"), i + 1, d->id ? d->id : "?");
	const struct yt_node *v[ARRAY_LEN(fields)];
	qq->domain = d;
	qq->line = node->line;
	qq->col = node->col;
	qq->weight = 1;
	if (!yf_map(&c->f, node, what, fields, ARRAY_LEN(fields), v)) {
		/* Named in messages (and sorted in the index) even when invalid. */
		qq->ref = arena_strdup(c->f.arena, what);
		return;
	}
	if ((qq->id = yf_id(&c->f, v[ID], what, "id"))) {
		char *ref = xasprintf("%s.%s", d->id ? d->id : "?", qq->id);
		qq->ref = arena_strdup(c->f.arena, ref);
		free(ref);
	} else {
		qq->ref = arena_strdup(c->f.arena, what);
	}
	qq->text = yf_text(&c->f, v[TEXT], what, "text");
	qq->help = yf_text(&c->f, v[HELP], what, "help");
	if (v[KIND]) {
		const char *k = yf_text(&c->f, v[KIND], what, "kind");
		if (k && strcmp(k, "scope") == 0)
			qq->kind = QN_SCOPE;
		else if (k && strcmp(k, "level") != 0)
			yf_error(&c->f, v[KIND], _("%s: kind '%s' is not one of level, scope"), what, k);
	}
	qq->scored = qq->kind == QN_LEVEL;
	/* A scope question's own "unsure" option is its "don't know". */
	qq->allow_unknown = qq->kind == QN_LEVEL;
	if (v[SCORED])
		yf_bool(&c->f, v[SCORED], what, "scored", &qq->scored);
	if (v[WEIGHT])
		yf_weight(&c->f, v[WEIGHT], what, &qq->weight);
	if (v[NA])
		yf_bool(&c->f, v[NA], what, "not_applicable", &qq->allow_na);
	if (v[DK])
		yf_bool(&c->f, v[DK], what, "dont_know", &qq->allow_unknown);
	if (v[CRITICAL] && yf_bool(&c->f, v[CRITICAL], what, "critical", &qq->critical) &&
	    qq->critical && !qq->scored)
		yf_error(&c->f, v[CRITICAL], _("%s: 'critical' needs a scored question"), what);
	if (v[INDICATOR])
		load_indicator(c, qq, v[INDICATOR], what);
	if (v[REFS])
		load_references(c, qq, v[REFS], what);

	if (v[APPLIES_IF]) {
		c->applies = xrealloc(c->applies, (c->n_applies + 1) * sizeof(*c->applies));
		c->applies_at = xrealloc(c->applies_at, (c->n_applies + 1) * sizeof(*c->applies_at));
		c->applies[c->n_applies] = qq;
		c->applies_at[c->n_applies++] = v[APPLIES_IF];
	}

	bool ok = true;
	const struct yt_node *opts = v[OPTIONS];
	if (!yf_list(&c->f, opts, what, "options", 2)) {
		qn_load_cap(&c->f, c->q, qq, v[CAP], v[CAPS_OVERALL], what, false, c->scale_ok);
		return;
	}
	qq->options = arena_alloc(c->f.arena, opts->n * sizeof(*qq->options));
	qq->n_options = opts->n;
	size_t j = 0;
	for (const struct yt_node *it = opts->first; it < opts->first + opts->n; it++, j++)
		load_option(c, qq, it, j, &ok);
	if (ok && qq->scored)
		option_range(c, qq, opts);
	load_threshold(c, qq, v[THRESHOLD], what, ok);
	qn_load_cap(&c->f, c->q, qq, v[CAP], v[CAPS_OVERALL], what,
		    ok && qq->scored, c->scale_ok);
}

/* A domain's `targets:`, a mapping from sizes (qn_size_name) to levels on
 * the scale. */
static void load_size_targets(struct ctx *c, struct qn_domain *d, const struct yt_node *node,
			      const char *what)
{
	struct yf_field fields[QN_N_SIZES];
	const struct yt_node *v[QN_N_SIZES];
	char where[160];
	for (size_t i = 0; i < QN_N_SIZES; i++)
		fields[i] = (struct yf_field){ qn_size_name((enum qn_size)i), false };
	snprintf(where, sizeof(where), _("%s: targets"), what);
	if (!yf_map(&c->f, node, where, fields, QN_N_SIZES, v))
		return;
	for (size_t i = 0; i < QN_N_SIZES; i++) {
		if (!v[i] || !(d->has_size_target[i] = yf_value(&c->f, v[i], where, fields[i].name,
								&d->size_target[i])))
			continue;
		if (!in_scale(c, d->size_target[i]))
			yf_error(&c->f, v[i], _("%s: target %g for %s is outside the scale (%g to %g)"), what,
				 d->size_target[i], fields[i].name, c->scale_min, c->scale_max);
	}
}

static void load_domain(struct ctx *c, struct qn_domain *d, const struct yt_node *node, size_t i)
{
	static const struct yf_field fields[] = {
		{ "id", true }, { "title", true }, { "description", true }, { "why", false },
		{ "weight", false }, { "target", false }, { "questions", true }, { "targets", false },
	};
	char what[120], show[YT_SHOW_SIZE];
	const char *name = yf_name(node, "id", show);
	if (name)
		snprintf(what, sizeof(what), _("domain '%s'"), name);
	else
		snprintf(what, sizeof(what), _("domain %zu"), i + 1);
	const struct yt_node *v[ARRAY_LEN(fields)];
	d->weight = 1;
	d->index = i;
	if (!yf_map(&c->f, node, what, fields, ARRAY_LEN(fields), v))
		return;
	if ((d->id = yf_id(&c->f, v[0], what, "id"))) {
		for (size_t j = 0; j < i; j++)
			if (c->q->domains[j].id && strcmp(c->q->domains[j].id, d->id) == 0)
				yf_error(&c->f, v[0], _("%s: id '%s' is used by domain %zu too"), what, d->id, j + 1);
	}
	d->title = yf_text(&c->f, v[1], what, "title");
	d->description = yf_text(&c->f, v[2], what, "description");
	if (v[3])
		d->why = yf_text(&c->f, v[3], what, "why");
	if (v[4])
		yf_weight(&c->f, v[4], what, &d->weight);
	if (v[5] && (d->has_target = yf_value(&c->f, v[5], what, "target", &d->target)) &&
	    !in_scale(c, d->target))
		yf_error(&c->f, v[5], _("%s: target %g is outside the scale (%g to %g)"), what, d->target,
			 c->scale_min, c->scale_max);
	if (v[7])
		load_size_targets(c, d, v[7], what);
	if (!yf_list(&c->f, v[6], what, "questions", 1))
		return;
	d->questions = arena_alloc(c->f.arena, v[6]->n * sizeof(*d->questions));
	d->n_questions = v[6]->n;
	size_t j = 0;
	for (const struct yt_node *it = v[6]->first; it < v[6]->first + v[6]->n; it++, j++)
		load_question(c, d, &d->questions[j], it, j);
	c->q->n_questions += d->n_questions;
}

/* For the table of questions by ref: eight bytes a step (a byte a step
 * took a third of the lookups' time), then MurmurHash3's final mix, so
 * that the low bits the table uses depend on every byte (1.2 probes a
 * lookup at 10,000 questions). */
static size_t ref_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = n * UINT64_C(0x9E3779B97F4A7C15), w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h ^= w;
	h = (h ^ h >> 33) * UINT64_C(0xFF51AFD7ED558CCD);
	h = (h ^ h >> 33) * UINT64_C(0xC4CEB9FE1A85EC53);
	return (size_t)(h ^ h >> 33);
}

static int by_id_cmp(const void *a, const void *b)
{
	const struct qn_question *x = *(const struct qn_question *const *)a;
	const struct qn_question *y = *(const struct qn_question *const *)b;
	int r = strcmp(x->id ? x->id : "", y->id ? y->id : "");
	return r ? r : (x->index > y->index) - (x->index < y->index);
}

/* Builds the flat question list and the lookup index; reports question ids
 * used twice. */
static void index_questions(struct ctx *c)
{
	struct qn_questionnaire *q = c->q;
	size_t n = 0;
	q->questions = arena_alloc(c->f.arena, (q->n_questions + 1) * sizeof(*q->questions));
	for (size_t i = 0; i < q->n_domains; i++)
		for (size_t j = 0; j < q->domains[i].n_questions; j++) {
			q->domains[i].questions[j].index = n;
			q->questions[n++] = &q->domains[i].questions[j];
		}
	const struct qn_question **tmp = xmalloc((n + 1) * sizeof(*tmp));
	memcpy(tmp, q->questions, n * sizeof(*tmp));
	qsort(tmp, n, sizeof(*tmp), by_id_cmp);
	for (size_t i = 1; i < n; i++) {
		const struct qn_question *a = tmp[i - 1], *b = tmp[i];
		if (a->id && b->id && strcmp(a->id, b->id) == 0)
			errs_add(c->f.errs, c->f.path, b->line, b->col,
				 _("question '%s': id '%s' is used by question '%s' (line %u) too"),
				 b->ref, b->id, a->ref, a->line);
	}
	free(tmp);
	/* Open addressing, at most half full: a lookup is one hash and
	 * nearly always one strcmp (answers, bundles and comparisons look up
	 * every question). */
	for (q->n_slots = 16; q->n_slots < 2 * n; q->n_slots *= 2)
		;
	q->by_ref = arena_alloc(c->f.arena, q->n_slots * sizeof(*q->by_ref));
	for (size_t i = 0; i < n; i++) {
		size_t h = ref_hash(q->questions[i]->ref) & (q->n_slots - 1);
		while (q->by_ref[h])
			h = (h + 1) & (q->n_slots - 1);
		q->by_ref[h] = q->questions[i];
	}
}

/* Loads BUF; with KEEP, the questionnaire's source is *TAKE (set to NULL)
 * when TAKE is given, else a copy of BUF. Without, *TAKE is freed as soon
 * as it is parsed. */
static struct qn_questionnaire *load(const char *name, const char *buf, size_t len, char **take,
				     enum qn_keep keep, struct itm_errors *errs)
{
	static const struct yf_field fields[] = {
		{ "id", true }, { "title", true }, { "version", true }, { "language", true },
		{ "description", true }, { "minutes", false }, { "scale", true }, { "domains", true },
	};
	size_t before = errs_count(errs);
	struct yt_doc doc;
	if (!yt_parse(name, buf, len, &doc, errs))
		return NULL;
	if (take && keep == QN_NO_SOURCE) {  /* the tree holds copies of its texts */
		free(*take);
		*take = NULL;
	}
	struct qn_questionnaire *q = xcalloc(1, sizeof(*q));
	q->refs = 1;
	struct ctx c = { .f = { .path = name, .errs = errs, .arena = &q->arena, .borrow = true },
			 .q = q };
	q->path = arena_strdup(&q->arena, name);
	const struct yt_node *v[ARRAY_LEN(fields)];
	if (!yf_map(&c.f, doc.root, _("the questionnaire"), fields, ARRAY_LEN(fields), v))
		goto out;
	const char *what = _("the questionnaire");
	q->id = yf_id(&c.f, v[0], what, "id");
	q->title = yf_text(&c.f, v[1], what, "title");
	q->version = yf_text(&c.f, v[2], what, "version");
	if ((q->language = yf_text(&c.f, v[3], what, "language")) && !text_language_tag(q->language))
		yf_error(&c.f, v[3], _("%s: language '%s' is not a tag such as en or nl-BE"), what, q->language);
	q->description = yf_text(&c.f, v[4], what, "description");
	if (v[5]) {
		double m;
		if (yf_number(&c.f, v[5], what, "minutes", &m)) {
			if (m < 1 || m > 100000 || m != floor(m))
				yf_error(&c.f, v[5], _("%s: 'minutes' must be a whole number from 1 to 100000"), what);
			else
				q->minutes = (unsigned)m;
		}
	}
	load_scale(&c, v[6]);
	if (yf_list(&c.f, v[7], what, "domains", 1)) {
		q->domains = arena_alloc(&q->arena, v[7]->n * sizeof(*q->domains));
		q->n_domains = v[7]->n;
		size_t i = 0;
		for (const struct yt_node *it = v[7]->first; it < v[7]->first + v[7]->n; it++, i++)
			load_domain(&c, &q->domains[i], it, i);
		index_questions(&c);
		for (size_t k = 0; k < c.n_applies; k++)
			qn_load_applies(&c.f, q, c.applies[k], c.applies_at[k]);
	}
out:
	free(c.applies);
	free(c.applies_at);
	/* The model's texts point into the tree's strings: keep them. */
	q->strings = doc.strings;
	memset(&doc.strings, 0, sizeof(doc.strings));
	yt_free(&doc);
	if (errs_count(errs) != before) {
		qn_free(q);
		return NULL;
	}
	if (keep == QN_NO_SOURCE)
		return q;
	if (take) {
		q->source = *take;
		*take = NULL;
	} else {
		q->source = xstrndup(buf, len);
	}
	q->source_len = len;
	return q;
}

struct qn_questionnaire *qn_load_buffer(const char *name, const char *buf, size_t len,
					enum qn_keep keep, struct itm_errors *errs)
{
	return qn_localized(load(name, buf, len, NULL, keep, errs), errs);
}

struct qn_questionnaire *qn_load_take(const char *name, char *buf, size_t len, enum qn_keep keep,
				      struct itm_errors *errs)
{
	struct qn_questionnaire *q = load(name, buf, len, &buf, keep, errs);
	free(buf);
	return qn_localized(q, errs);
}

struct qn_questionnaire *qn_load_file(const char *path, enum qn_keep keep, struct itm_errors *errs)
{
	char *buf;
	size_t len;
	if (!yt_read_file(path, &buf, &len, errs))
		return NULL;
	/* The buffer read becomes the source: no second copy. */
	return qn_load_take(path, buf, len, keep, errs);
}

struct qn_questionnaire *qn_ref(struct qn_questionnaire *q)
{
	q->refs++;
	return q;
}

const char *qn_hash(struct qn_questionnaire *q)
{
	if (!q->hash[0] && q->source)
		sha256_hex(q->source, q->source_len, q->hash);
	return q->hash;
}

void qn_free(struct qn_questionnaire *q)
{
	if (!q || --q->refs > 0)
		return;
	arena_free(&q->arena);
	arena_free(&q->strings);
	free(q->source);
	free(q);
}

const struct qn_question *qn_find_question(const struct qn_questionnaire *q, const char *ref)
{
	size_t mask = q->n_slots - 1;
	for (size_t h = ref_hash(ref) & mask; q->n_slots && q->by_ref[h]; h = (h + 1) & mask)
		if (strcmp(q->by_ref[h]->ref, ref) == 0)
			return q->by_ref[h];
	return NULL;
}

const struct qn_option *qn_find_option(const struct qn_question *qq, const char *key)
{
	for (size_t i = 0; i < qq->n_options; i++)
		if (strcmp(qq->options[i].key, key) == 0)
			return &qq->options[i];
	return NULL;
}

/* Told apart by the distance from the lowest level, a difference whose
 * rounding is relative to itself: the scale's magnitude does not matter. */
const struct qn_level *qn_level_at_fraction(const struct qn_questionnaire *q, double fraction)
{
	double lo = q->scale[0].value, range = q->scale[q->n_scale - 1].value - lo;
	const struct qn_level *l = &q->scale[0];
	for (size_t i = 1; i < q->n_scale; i++)
		if (q->scale[i].value - lo <= (fraction + LEVEL_SLACK) * range)
			l = &q->scale[i];
	return l;
}

const struct qn_level *qn_level_at(const struct qn_questionnaire *q, double value)
{
	double lo = q->scale[0].value, range = q->scale[q->n_scale - 1].value - lo;
	return qn_level_at_fraction(q, (value - lo) / range);
}

const char *qn_kind_name(enum qn_kind k)
{
	return k == QN_SCOPE ? "scope" : "level";
}

const char *qn_status_name(enum qn_status s)
{
	return status_names[s];
}

const char *qn_indicator_name(enum qn_indicator i)
{
	return indicator_names[i];
}
