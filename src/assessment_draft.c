/* assessment_draft.c - the draft being answered: started or opened with
 * its previous comparable assessment, every answer saved the moment it is
 * given, completed with the score module's figures; and the rule that a
 * lower answer than last time needs a reason. */
#include "itmaturity/assessment.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/text.h"
#include "itmaturity/util.h"

#include "assessment_impl.h"

int asmt_draft_new(struct asmt_ctx *c, int64_t org, const char *respondent, const char *role,
		   const char *qn_path, int64_t *id, struct itm_errors *e)
{
	char *who = NULL, *as = NULL;
	int rc = asmt_name(_("the respondent"), respondent, &who, e);
	if (rc == ITM_OK)
		rc = asmt_name(_("the role"), role, &as, e);
	struct qn_questionnaire *q = rc == ITM_OK ? qn_load_file(qn_path, QN_SOURCE, e) : NULL;
	if (rc == ITM_OK && !q)
		rc = ITM_INPUT;
	if (rc != ITM_OK)
		goto out;
	char today[11];
	date_today(today);
	struct store_new in = {
		.org_id = org, .respondent = who, .role = as, .taken = today, .qn_id = q->id,
		.language = q->language, .qn_version = q->version, .source = q->source, .source_len = q->source_len, .hash = qn_hash(q),
	};
	if (store_draft_new(c->store, &in, id))
		rc = asmt_store_error(c->store, e);
	else
		asmt_cache_add(c, q);  /* the draft's questionnaire: not loaded again */
out:
	qn_free(q);
	free(who);
	free(as);
	return rc;
}

int asmt_draft_open(struct asmt_ctx *c, int64_t id, struct asmt_draft *d, struct itm_errors *e)
{
	memset(d, 0, sizeof(*d));
	int rc = asmt_load(c, id, ASMT_UNSCORED, &d->a, e);
	if (rc != ITM_OK)
		return rc;
	d->targets = asmt_targets(c, d->a.meta.org_id, d->a.q, &d->a.size);
	int64_t prev;
	if ((rc = asmt_previous(c, &d->a.meta, &prev, NULL, NULL, e)) != ITM_OK) {
		asmt_draft_free(d);
		return rc;
	}
	/* Without its previous assessment a draft can still be answered. */
	struct itm_errors ignored = { 0 };
	d->has_prev = prev && asmt_load(c, prev, ASMT_SUMMARY, &d->prev, &ignored) == ITM_OK;
	errs_free(&ignored);
	return ITM_OK;
}

void asmt_draft_free(struct asmt_draft *d)
{
	asmt_free(&d->a);
	if (d->has_prev)
		asmt_free(&d->prev);
	free(d->targets);
	memset(d, 0, sizeof(*d));
}

int asmt_draft_answer(struct asmt_ctx *c, struct asmt_draft *d, const struct qn_question *qq,
		      enum ans_kind kind, const struct qn_option *opt, const char *note,
		      struct itm_errors *e)
{
	const char *why = note ? text_note(note) : NULL;
	if (why) {
		/* TRANSLATORS: %s is what is wrong with the note ("is not valid
		 * UTF-8", "holds a control character", ...). */
		errs_add(e, NULL, 0, 0, _("the note %s"), why);
		return ITM_INPUT;
	}
	struct store_answer sa = {
		.question = (char *)qq->ref,
		.kind = asmt_store_kind(kind),
		.option = opt ? (char *)opt->key : NULL,
		.note = note && *note ? (char *)note : NULL,
	};
	int r = store_answer_put(c->store, d->a.meta.id, &sa);
	if (r)
		return asmt_draft_refused(c->store, d->a.meta.id, r, e);
	ans_set_put(d->a.answers, qq, kind, opt, sa.note);
	return ITM_OK;
}

int asmt_draft_clear(struct asmt_ctx *c, struct asmt_draft *d, const struct qn_question *qq,
		     struct itm_errors *e)
{
	int r = store_answer_clear(c->store, d->a.meta.id, qq->ref);
	if (r)
		return asmt_draft_refused(c->store, d->a.meta.id, r, e);
	ans_set_put(d->a.answers, qq, ANS_NONE, NULL, NULL);
	return ITM_OK;
}

int asmt_draft_refused(const struct store *s, int64_t id, int r, struct itm_errors *e)
{
	if (r != STORE_NOT_DRAFT)
		return asmt_store_error(s, e);
	errs_add(e, NULL, 0, 0, _("assessment %" PRId64 " was completed elsewhere"), id);
	return ITM_INPUT;
}

int asmt_pack(struct asmt_ctx *c, int64_t id, struct itm_errors *e)
{
	return store_pack(c->store, id) ? asmt_store_error(c->store, e) : ITM_OK;
}

const struct ans_answer *asmt_draft_prev(const struct asmt_draft *d, const struct qn_question *qq)
{
	if (!d->has_prev)
		return NULL;
	const struct qn_question *pq = qn_find_question(d->prev.q, qq->ref);
	if (!pq)
		return NULL;
	const struct ans_answer *a = ans_get(d->prev.answers, pq);
	return a->kind == ANS_NONE ? NULL : a;
}

/* Questions of domain DOMAIN (-1: all) that apply, answered ones only
 * when ANSWERED. */
static size_t count_asked(const struct asmt_draft *d, int domain, bool answered)
{
	const struct qn_questionnaire *q = d->a.q;
	size_t n = 0;
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct qn_question *qq = q->questions[i];
		if ((domain < 0 || (size_t)domain == qq->domain->index) && !score_skipped_by(d->a.answers, qq) &&
		    (!answered || d->a.answers->v[i].kind != ANS_NONE))
			n++;
	}
	return n;
}

size_t asmt_draft_answered(const struct asmt_draft *d, int domain)
{
	return count_asked(d, domain, true);
}

size_t asmt_draft_asked(const struct asmt_draft *d, int domain)
{
	return count_asked(d, domain, false);
}

bool asmt_reason_needed(const struct asmt_draft *d, const struct qn_question *qq, enum ans_kind kind,
			const struct qn_option *opt)
{
	const struct ans_answer *cur = ans_get(d->a.answers, qq);
	const struct ans_answer *p = asmt_draft_prev(d, qq);
	if (cur->kind == kind && cur->option == opt)
		return false;
	return p && p->kind == ANS_OPTION && kind == ANS_OPTION && opt && opt->has_value &&
	       p->option->has_value && opt->value < p->option->value;
}

char *asmt_reason_note(const struct asmt_draft *d, const char *reason)
{
	/* TRANSLATORS: the note kept with an answer lower than last time:
	 * the date of the previous assessment and the reason given. */
	return xasprintf(_("Lower than %s: %s"), d->prev.meta.taken, reason);
}
