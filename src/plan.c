/* plan.c - the action plan's rules (plan.h; docs/plan.md): defaults,
 * checks, verification by later answers, and overdue. The queries are in
 * store_plan.c. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/plan.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

/* ---- the pure rules ---- */

enum plan_answer plan_judge(const struct qn_question *qq, const char *to, const struct ans_answer *a)
{
	const struct qn_option *target = qq ? qn_find_option(qq, to) : NULL;
	if (!target || !target->has_value || !a)
		return PLAN_SILENT;
	switch (a->kind) {
	case ANS_OPTION:
		if (!a->option->has_value)
			return PLAN_SILENT;
		return a->option->value >= target->value ? PLAN_REACHED : PLAN_BELOW;
	case ANS_NA:
		return PLAN_NA;
	case ANS_UNKNOWN:
		return PLAN_UNKNOWN;
	default:
		return PLAN_SILENT;
	}
}

void plan_derive(const struct store_action *a, const struct plan_later *later, size_t n, const char *today,
		 struct report_action *out)
{
	*out = (struct report_action){ .id = a->id, .question = a->question, .agreed = a->from_taken,
				       .from = a->from_option, .to = a->to_option, .step = a->step,
				       .owner = a->owner, .due = a->due, .note = a->note, .reason = a->reason };
	if (strcmp(a->status, "dropped") == 0) {
		out->status = REPORT_ACTION_DROPPED;
		out->by_hand = true;
		snprintf(out->closed_on, sizeof(out->closed_on), "%s", a->done_on);
		return;
	}
	bool hand = strcmp(a->status, "done") == 0;
	for (size_t i = 0; i < n; i++) {
		switch (later[i].answer) {
		case PLAN_REACHED:
			out->status = REPORT_ACTION_DONE;
			out->verified_by = later[i].id;
			out->by_hand = hand;
			out->unconfirmed = false;
			snprintf(out->closed_on, sizeof(out->closed_on), "%s", later[i].taken);
			return;
		case PLAN_NA:
			out->status = REPORT_ACTION_DROPPED;
			/* TRANSLATORS: why an action was dropped, shown after
			 * "dropped: ". */
			out->reason = _("answered \"not applicable\"");
			out->unconfirmed = false;
			snprintf(out->closed_on, sizeof(out->closed_on), "%s", later[i].taken);
			return;
		case PLAN_BELOW:
		case PLAN_UNKNOWN:
			if (hand && strcmp(later[i].taken, a->done_on) >= 0)
				out->unconfirmed = true;
			break;
		case PLAN_SILENT:
			break;
		}
	}
	if (hand) {
		out->status = REPORT_ACTION_DONE;
		out->by_hand = true;
		snprintf(out->closed_on, sizeof(out->closed_on), "%s", a->done_on);
	} else {
		out->status = strcmp(a->due, today) < 0 ? REPORT_ACTION_OVERDUE : REPORT_ACTION_OPEN;
	}
}

/* ---- the list ---- */

/* The complete assessments a list looks at, loaded when first needed. */
struct later_set {
	struct asmt_ctx *c;
	struct store_assessment *as;
	size_t n;
	struct asmt *loaded;
	bool *tried;
};

static const struct asmt *later_get(struct later_set *ls, size_t i)
{
	if (!ls->tried[i]) {
		struct itm_errors ignored = { 0 };
		ls->tried[i] = true;
		/* One that cannot be loaded says nothing about any action. */
		asmt_load(ls->c, ls->as[i].id, ASMT_UNSCORED, &ls->loaded[i], &ignored);
		errs_free(&ignored);
	}
	return ls->loaded[i].answers ? &ls->loaded[i] : NULL;
}

/* Where action A stands among the assessments: the index of the one it
 * came from, or, with none, of the last one taken before it was created;
 * -1 before all; -2 when it came from one that is not among them. */
static long action_pos(const struct later_set *ls, const struct store_action *a)
{
	if (a->from_id > 0) {
		for (size_t i = 0; i < ls->n; i++)
			if (ls->as[i].id == a->from_id)
				return (long)i;
		return -2;
	}
	long p = -1;
	for (size_t i = 0; i < ls->n && strncmp(ls->as[i].taken, a->created, 10) < 0; i++)
		p = (long)i;
	return p;
}

static void derive_one(struct later_set *ls, long pos, const struct store_action *a, const char *today,
		       struct report_action *out)
{
	size_t n = 0;
	struct plan_later *later = xcalloc(ls->n + 1, sizeof(*later));
	for (size_t i = (size_t)(pos + 1); strcmp(a->status, "dropped") != 0 && i < ls->n; i++) {
		const struct asmt *x = later_get(ls, i);
		if (!x)
			continue;
		const struct qn_question *qq = qn_find_question(x->q, a->question);
		later[n++] = (struct plan_later){ .id = x->meta.id, .taken = x->meta.taken,
						  .answer = plan_judge(qq, a->to_option, qq ? score_answer(x->answers, qq) : NULL) };
	}
	plan_derive(a, later, n, today, out);
	free(later);
}

static void later_free(struct later_set *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		if (ls->tried[i])
			asmt_free(&ls->loaded[i]);
	free(ls->loaded);
	free(ls->tried);
	store_assessments_free(ls->as, ls->n);
}

/* Cuts LS after assessment AS_OF, setting *TODAY to its date; false when
 * it is not among them. */
static bool cut_at(struct later_set *ls, int64_t as_of, char today[11])
{
	for (size_t i = 0; i < ls->n; i++) {
		if (ls->as[i].id != as_of)
			continue;
		snprintf(today, 11, "%s", ls->as[i].taken);
		for (size_t j = i + 1; j < ls->n; j++)
			store_assessment_free(&ls->as[j]);
		ls->n = i + 1;
		return true;
	}
	return false;
}

int plan_list(struct asmt_ctx *c, int64_t org, int64_t as_of, const char *today, struct plan_list *out,
	      struct itm_errors *e)
{
	memset(out, 0, sizeof(*out));
	struct later_set ls = { .c = c };
	struct store_filter f = { .org_id = org, .status = STORE_COMPLETE, .oldest_first = true };
	size_t n = 0;
	if (store_assessment_list(c->store, &f, &ls.as, &ls.n) || store_actions(c->store, org, &out->stored, &n))
		return asmt_store_error(c->store, e);
	char day[11];
	snprintf(day, sizeof(day), "%s", today);
	bool cut = as_of > 0 && cut_at(&ls, as_of, day);
	ls.loaded = xcalloc(ls.n + 1, sizeof(*ls.loaded));
	ls.tried = xcalloc(ls.n + 1, sizeof(*ls.tried));
	out->v = xcalloc(n + 1, sizeof(*out->v));
	for (size_t i = 0; i < n; i++) {
		struct store_action *a = &out->stored[i];
		long pos = action_pos(&ls, a);
		if (as_of > 0 && (!cut || pos < -1)) {
			store_action_free(a);
			continue;
		}
		if (pos < -1)
			pos = (long)ls.n - 1;  /* nothing after it to verify it */
		/* As of an assessment, what was set by hand after its date was not yet. */
		if (cut && strcmp(a->status, "open") != 0 && strcmp(a->done_on, day) > 0) {
			snprintf(a->status, sizeof(a->status), "open");
			a->done_on[0] = '\0';
			free(a->reason);
			a->reason = NULL;
		}
		if (out->n != i)
			out->stored[out->n] = *a;
		a = &out->stored[out->n];
		derive_one(&ls, pos, a, day, &out->v[out->n]);
		if (a->from_taken[0] && (!out->plan.since[0] || strcmp(a->from_taken, out->plan.since) < 0))
			snprintf(out->plan.since, sizeof(out->plan.since), "%s", a->from_taken);
		out->n++;
	}
	if (ls.n)
		snprintf(out->prev, sizeof(out->prev), "%s", ls.as[ls.n > 1 ? ls.n - 2 : 0].taken);
	later_free(&ls);
	out->plan.v = out->v;
	out->plan.n = out->n;
	out->plan.here = as_of;
	return ITM_OK;
}

void plan_list_free(struct plan_list *l)
{
	store_actions_free(l->stored, l->n);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const struct report_action *plan_open_for(const struct plan_list *l, const char *ref)
{
	for (size_t i = 0; i < l->n; i++)
		if ((l->v[i].status == REPORT_ACTION_OPEN || l->v[i].status == REPORT_ACTION_OVERDUE) &&
		    strcmp(l->v[i].question, ref) == 0)
			return &l->v[i];
	return NULL;
}

void plan_select(const struct plan_list *l, bool all, struct report_action **v, struct report_plan *out)
{
	*v = xcalloc(l->n + 1, sizeof(**v));
	*out = l->plan;
	out->v = *v;
	out->n = 0;
	static const enum report_action_status first[] = { REPORT_ACTION_OVERDUE, REPORT_ACTION_OPEN };
	for (size_t k = 0; !all && k < ARRAY_LEN(first); k++)
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].status == first[k])
				(*v)[out->n++] = l->v[i];
	for (size_t i = 0; i < l->n; i++) {
		const struct report_action *a = &l->v[i];
		bool open = a->status == REPORT_ACTION_OPEN || a->status == REPORT_ACTION_OVERDUE;
		if (all || (!open && a->closed_on[0] && strcmp(a->closed_on, l->prev) >= 0))
			(*v)[out->n++] = *a;
	}
}

void plan_between(const struct plan_list *l, const struct store_assessment *a, const struct store_assessment *b,
		  struct report_action **v, struct report_plan *out)
{
	*v = xcalloc(l->n + 1, sizeof(**v));
	*out = l->plan;
	out->v = *v;
	out->n = 0;
	out->since[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		const struct store_action *x = &l->stored[i];
		int after_a = strcmp(x->from_taken, a->taken) != 0 ? strcmp(x->from_taken, a->taken)
								 : (x->from_id > a->id) - (x->from_id < a->id);
		if (x->from_id == 0 || x->from_id == b->id || after_a < 0)
			continue;
		(*v)[out->n++] = l->v[i];
		if (!out->since[0] || strcmp(x->from_taken, out->since) < 0)
			snprintf(out->since, sizeof(out->since), "%s", x->from_taken);
	}
}

bool plan_verified_by(const struct plan_list *l, size_t i, int64_t id)
{
	return i < l->n && l->v[i].status == REPORT_ACTION_DONE && l->v[i].verified_by == id;
}

/* ---- checks ---- */

int plan_next_due(struct asmt_ctx *c, int64_t org, const char *today, char out[11], struct itm_errors *e)
{
	struct store_filter f = { .org_id = org, .status = STORE_COMPLETE, .limit = 1 };
	struct store_assessment *v = NULL;
	size_t n = 0;
	struct store_org o;
	int r = store_org_by_id(c->store, org, &o);
	if (r < 0 || store_assessment_list(c->store, &f, &v, &n))
		return asmt_store_error(c->store, e);
	snprintf(out, 11, "%s", today);
	if (r == 0 && n > 0) {
		date_add_months(v[0].taken, o.interval_months, out);
		if (strcmp(out, today) < 0)
			snprintf(out, 11, "%s", today);
	}
	if (r == 0)
		store_org_free(&o);
	store_assessments_free(v, n);
	return ITM_OK;
}

/* Checks the owner, due date and note of ED (NULL: unchanged) and sets
 * them in A. */
static int set_fields(struct store_action *a, const struct plan_edit *ed, struct itm_errors *e)
{
	if (ed->due && !date_valid(ed->due)) {
		errs_add(e, NULL, 0, 0, _("due date '%s' is not a date (YYYY-MM-DD)"), ed->due);
		return ITM_INPUT;
	}
	const char *why = ed->note ? text_note(ed->note) : NULL;
	if (why) {
		/* TRANSLATORS: %s is what is wrong with it ("is empty", "holds a
		 * control character", ...); the same for the owner and reason. */
		errs_add(e, NULL, 0, 0, _("the note: %s"), why);
		return ITM_INPUT;
	}
	char *owner = NULL;
	if (ed->owner && *ed->owner && (why = text_name(ed->owner, &owner))) {
		errs_add(e, NULL, 0, 0, _("the owner: %s"), why);
		return ITM_INPUT;
	}
	if (ed->owner) {
		free(a->owner);
		a->owner = owner ? owner : xstrdup("");
	}
	if (ed->note) {
		free(a->note);
		a->note = xstrdup(ed->note);
	}
	if (ed->due)
		snprintf(a->due, sizeof(a->due), "%s", ed->due);
	return ITM_OK;
}

/* The scored question REF of X, or NULL with a message. */
static const struct qn_question *plan_question(const struct asmt *x, const char *ref, struct itm_errors *e)
{
	const struct qn_question *qq = qn_find_question(x->q, ref);
	if (!qq)
		errs_add(e, NULL, 0, 0,
			 _("no question '%s' in questionnaire %s %s (see 'itmaturity questionnaire show')"),
			 ref, x->meta.qn_id, x->meta.qn_version);
	else if (!qq->scored || qq->n_options == 0 || !qq->options[0].has_value)
		errs_add(e, NULL, 0, 0, _("question '%s' is not scored: it has no level to reach"), ref);
	else
		return qq;
	return NULL;
}

/* The option TO of QQ (NULL: the next one up from FROM, or from the
 * lowest when FROM is NULL), which must be above FROM; NULL with a
 * message. */
static const struct qn_option *plan_target(const struct qn_question *qq, const struct qn_option *from,
					   const char *to, struct itm_errors *e)
{
	if (to) {
		const struct qn_option *o = qn_find_option(qq, to);
		if (!o)
			errs_add(e, NULL, 0, 0, _("question '%s' has no option '%s'"), qq->ref, to);
		else if (from && o->value <= from->value)
			errs_add(e, NULL, 0, 0, _("question '%s' is answered '%s' already: '%s' is not above it"),
				 qq->ref, from->key, to);
		else
			return o;
		return NULL;
	}
	const struct qn_option *best = score_option_above(qq, (from ? from : score_lowest_option(qq))->value);
	if (!best)
		errs_add(e, NULL, 0, 0, _("question '%s' is answered with its highest option: nothing to reach"),
			 qq->ref);
	return best;
}

/* The organisation's latest complete assessment, loaded as HOW. */
static int latest(struct asmt_ctx *c, int64_t org, enum asmt_scoring how, struct asmt *x, struct itm_errors *e)
{
	struct store_filter f = { .org_id = org, .status = STORE_COMPLETE, .limit = 1 };
	struct store_assessment *v = NULL;
	size_t n = 0;
	if (store_assessment_list(c->store, &f, &v, &n))
		return asmt_store_error(c->store, e);
	int64_t id = n ? v[0].id : 0;
	store_assessments_free(v, n);
	if (!id) {
		errs_add(e, NULL, 0, 0, _("the organisation has no complete assessment to plan from"));
		return ITM_INPUT;
	}
	return asmt_load(c, id, how, x, e);
}

/* Fails when organisation ORG has an open action for REF. */
static int no_open_action(struct asmt_ctx *c, int64_t org, const char *ref, const char *today,
			  struct itm_errors *e)
{
	struct plan_list l;
	int rc = plan_list(c, org, 0, today, &l, e);
	const struct report_action *open = rc == ITM_OK ? plan_open_for(&l, ref) : NULL;
	if (open) {
		errs_add(e, NULL, 0, 0, "question '%s' has an open action already: %" PRId64, ref, open->id);
		rc = ITM_INPUT;
	}
	plan_list_free(&l);
	return rc;
}

/* A new action of X's organisation for QQ, from FROM (NULL: not an
 * option) to TO; due by DUE. */
static void action_init(struct store_action *a, const struct asmt *x, const struct qn_question *qq,
			const struct qn_option *from, const struct qn_option *to, const char *due)
{
	const struct qn_option *base = from ? from : score_lowest_option(qq);
	*a = (struct store_action){ .org_id = x->meta.org_id, .question = xstrdup(qq->ref),
				    .from_id = x->meta.id, .from_option = from ? xstrdup(from->key) : NULL,
				    .to_option = xstrdup(to->key),
				    .step = xstrdup(base->next_step ? base->next_step : ""),
				    .owner = xstrdup(""), .note = xstrdup(""), .status = "open" };
	snprintf(a->due, sizeof(a->due), "%s", due);
}

int plan_add(struct asmt_ctx *c, const struct plan_new *in, int64_t *id, struct itm_errors *e)
{
	struct asmt x;
	struct store_action a = { 0 };
	char due[11];
	int rc = latest(c, in->org, ASMT_UNSCORED, &x, e);
	if (rc != ITM_OK)
		return rc;
	const struct qn_question *qq = plan_question(&x, in->question, e);
	const struct ans_answer *ans = qq ? ans_get(x.answers, qq) : NULL;
	const struct qn_option *from = ans && ans->kind == ANS_OPTION ? ans->option : NULL;
	const struct qn_option *to = NULL;
	rc = ITM_INPUT;
	if (ans && ans->kind == ANS_NA)
		errs_add(e, NULL, 0, 0, _("question '%s' is answered \"not applicable\""), qq->ref);
	else if (qq && (to = plan_target(qq, from, in->to, e)))
		rc = ITM_OK;
	if (rc == ITM_OK)
		rc = plan_next_due(c, in->org, in->today, due, e);
	if (rc == ITM_OK) {
		action_init(&a, &x, qq, from, to, due);
		struct plan_edit ed = { .owner = in->owner, .due = in->due, .note = in->note };
		rc = set_fields(&a, &ed, e);
	}
	if (rc == ITM_OK)
		rc = no_open_action(c, in->org, qq->ref, in->today, e);
	bool added;
	if (rc == ITM_OK && store_action_add(c->store, &a, id, &added))
		rc = asmt_store_error(c->store, e);
	store_action_free(&a);
	asmt_free(&x);
	return rc;
}

int plan_add_top(struct asmt_ctx *c, int64_t org, size_t n, const char *today, int64_t **ids, size_t *nids,
		 struct itm_errors *e)
{
	*ids = xcalloc(n + 1, sizeof(**ids));
	*nids = 0;
	struct asmt x;
	struct plan_list l = { 0 };
	char due[11];
	int rc = latest(c, org, ASMT_ROADMAP, &x, e);
	if (rc != ITM_OK)
		return rc;
	if ((rc = plan_next_due(c, org, today, due, e)) == ITM_OK &&
	    (rc = plan_list(c, org, 0, today, &l, e)) == ITM_OK && store_begin(c->store))
		rc = asmt_store_error(c->store, e);
	for (size_t i = 0; rc == ITM_OK && i < x.score->n_roadmap && *nids < n; i++) {
		const struct score_step *st = &x.score->roadmap[i];
		if (plan_open_for(&l, st->question->ref))
			continue;
		struct store_action a;
		action_init(&a, &x, st->question, st->find_out ? NULL : st->from, st->to, due);
		bool added;
		if (store_action_add(c->store, &a, &(*ids)[*nids], &added))
			rc = asmt_store_error(c->store, e);
		else
			++*nids;
		store_action_free(&a);
	}
	if (rc == ITM_OK && store_commit(c->store))
		rc = asmt_store_error(c->store, e);
	else if (rc != ITM_OK)
		store_rollback(c->store);
	if (rc != ITM_OK)
		*nids = 0;
	plan_list_free(&l);
	asmt_free(&x);
	return rc;
}

/* ---- changes ---- */

/* Action ID into *A; ITM_INPUT when there is none. */
static int action_get(struct asmt_ctx *c, int64_t id, struct store_action *a, struct itm_errors *e)
{
	int r = store_action_get(c->store, id, a);
	if (r < 0)
		return asmt_store_error(c->store, e);
	if (r > 0) {
		errs_add(e, NULL, 0, 0, _("no action %" PRId64 " (see 'itmaturity plan --all')"), id);
		return ITM_INPUT;
	}
	return ITM_OK;
}

/* Sets A's option to reach to TO, checked against the questionnaire of
 * the assessment it came from (else the organisation's latest). */
static int set_to(struct asmt_ctx *c, struct store_action *a, const char *to, struct itm_errors *e)
{
	struct asmt x;
	int rc = a->from_id > 0 ? asmt_load(c, a->from_id, ASMT_UNSCORED, &x, e)
				: latest(c, a->org_id, ASMT_UNSCORED, &x, e);
	if (rc != ITM_OK)
		return rc;
	const struct qn_question *qq = plan_question(&x, a->question, e);
	const struct qn_option *from = qq && a->from_option ? qn_find_option(qq, a->from_option) : NULL;
	const struct qn_option *o = qq ? plan_target(qq, from, to, e) : NULL;
	if (o) {
		free(a->to_option);
		a->to_option = xstrdup(o->key);
	}
	asmt_free(&x);
	return o ? ITM_OK : ITM_INPUT;
}

/* Writes back A, with RC from the checks; frees A. */
static int put_back(struct asmt_ctx *c, struct store_action *a, int rc, struct itm_errors *e)
{
	if (rc == ITM_OK && store_action_update(c->store, a))
		rc = asmt_store_error(c->store, e);
	store_action_free(a);
	return rc;
}

int plan_edit(struct asmt_ctx *c, int64_t id, const struct plan_edit *ed, struct itm_errors *e)
{
	struct store_action a;
	int rc = action_get(c, id, &a, e);
	if (rc != ITM_OK)
		return rc;
	rc = set_fields(&a, ed, e);
	if (rc == ITM_OK && ed->to)
		rc = set_to(c, &a, ed->to, e);
	return put_back(c, &a, rc, e);
}

/* Sets action ID's status to STATUS by hand on TODAY, for REASON. */
static int set_status(struct asmt_ctx *c, int64_t id, const char *status, const char *reason, const char *today,
		      struct itm_errors *e)
{
	struct store_action a;
	int rc = action_get(c, id, &a, e);
	if (rc != ITM_OK)
		return rc;
	if (strcmp(a.status, "open") != 0) {
		errs_add(e, NULL, 0, 0, strcmp(a.status, "done") == 0 ? _("action %" PRId64 " is done already")
									: _("action %" PRId64 " is dropped already"),
			 id);
		rc = ITM_INPUT;
	}
	snprintf(a.status, sizeof(a.status), "%s", status);
	snprintf(a.done_on, sizeof(a.done_on), "%s", today);
	free(a.reason);
	a.reason = reason ? xstrdup(reason) : NULL;
	return put_back(c, &a, rc, e);
}

int plan_done(struct asmt_ctx *c, int64_t id, const char *today, struct itm_errors *e)
{
	return set_status(c, id, "done", NULL, today, e);
}

int plan_drop(struct asmt_ctx *c, int64_t id, const char *reason, const char *today, struct itm_errors *e)
{
	const char *why = !reason || !*reason ? "it is empty" : text_note(reason);
	if (why) {
		errs_add(e, NULL, 0, 0, _("the reason: %s"), why);
		return ITM_INPUT;
	}
	return set_status(c, id, "dropped", reason, today, e);
}
