/* bundle_plan.c - the action plan's part of a bundle: the "actions" an
 * export writes, what an action in a bundle must hold (its texts are read
 * by bundle_read.c), and adding those not in the database yet, matched by
 * UUID (docs/bundle-format.md). An action already there is left as it is. */
#include "bundle_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/jsonw.h"
#include "itmaturity/i18n.h"
#include "itmaturity/text.h"

const struct field bundle_action_keys[BA_N] = {
	[BA_UUID] = { "uuid", true },       [BA_ORG] = { "organisation", true },
	[BA_ASSESSMENT] = { "assessment", false }, [BA_QUESTION] = { "question", true },
	[BA_FROM] = { "from", false },      [BA_TO] = { "to", true },
	[BA_STEP] = { "step", false },      [BA_OWNER] = { "owner", false },
	[BA_DUE] = { "due", true },         [BA_STATUS] = { "status", true },
	[BA_DONE_ON] = { "done_on", false }, [BA_REASON] = { "reason", false },
	[BA_NOTE] = { "note", false },
};

/* ---- export ---- */

static int by_org_uuid(const void *x, const void *y)
{
	const struct store_action *a = x, *b = y;
	return a->org_id != b->org_id ? (a->org_id < b->org_id ? -1 : 1) : strcmp(a->uuid, b->uuid);
}

static void write_action(struct jsonw *w, const struct store_action *a, const char *org)
{
	jw_obj(w);
	jw_key(w, "uuid"), jw_str(w, a->uuid);
	bundle_write_clean(w, "organisation", org, false);
	if (a->from_uuid[0])
		jw_key(w, "assessment"), jw_str(w, a->from_uuid);
	jw_key(w, "question"), jw_str(w, a->question);
	if (a->from_option)
		jw_key(w, "from"), jw_str(w, a->from_option);
	jw_key(w, "to"), jw_str(w, a->to_option);
	if (a->step[0])
		bundle_write_clean(w, "step", a->step, true);
	if (a->owner[0])
		bundle_write_clean(w, "owner", a->owner, false);
	jw_key(w, "due"), jw_str(w, a->due);
	jw_key(w, "status"), jw_str(w, a->status);
	if (a->done_on[0])
		jw_key(w, "done_on"), jw_str(w, a->done_on);
	if (a->reason && *a->reason)
		bundle_write_clean(w, "reason", a->reason, true);
	if (a->note[0])
		bundle_write_clean(w, "note", a->note, true);
	jw_end(w);
}

int bundle_plan_write(struct store *s, struct jsonw *w, int64_t org)
{
	struct store_org *orgs;
	size_t norgs, n = 0;
	if (store_org_list(s, &orgs, &norgs))
		return -1;
	struct store_action *all = NULL;
	int rc = 0;
	for (size_t i = 0; i < norgs && !rc; i++) {
		struct store_action *v;
		size_t nv;
		if (org && orgs[i].id != org)
			continue;
		if ((rc = store_actions(s, orgs[i].id, &v, &nv)) || nv == 0)
			continue;
		all = xrealloc(all, (n + nv + 1) * sizeof(*all));
		memcpy(all + n, v, nv * sizeof(*v));
		n += nv;
		free(v);
	}
	if (!rc && n) {
		qsort(all, n, sizeof(*all), by_org_uuid);
		jw_key(w, "actions"), jw_arr(w);
		for (size_t i = 0; i < n; i++) {
			size_t k;
			for (k = 0; orgs[k].id != all[i].org_id; k++)
				;
			write_action(w, &all[i], orgs[k].name);
		}
		jw_end(w);
	}
	store_actions_free(all, n);
	store_orgs_free(orgs, norgs);
	return rc;
}

/* ---- import ---- */

/* The assessment of B with UUID, or B->nas. */
static size_t find_assessment(const struct bundle_in *b, const char *uuid)
{
	size_t k;
	for (k = 0; k < b->nas && (!b->as[k].in.uuid || strcmp(b->as[k].in.uuid, uuid) != 0); k++)
		;
	return k;
}

/* Checks the question and the option keys against the questionnaire of
 * the assessment the action came from. */
static void check_question(struct rd *r, const struct bundle_in *b, const struct bundle_action *x,
			   const char *const *t)
{
	const struct bundle_snap *sn = NULL;
	for (size_t i = 0; x->from < b->nas && b->as[x->from].hash && i < b->nsnaps; i++)
		if (strcmp(b->snaps[i].hash, b->as[x->from].hash) == 0)
			sn = &b->snaps[i];
	if (!sn || !t[BA_QUESTION])
		return;
	const struct qn_question *qq = qn_find_question(sn->q, t[BA_QUESTION]);
	if (!qq) {
		bundle_rd_fail(r, "question", false, _("action: question '%s' is not in questionnaire %s %s"),
			       t[BA_QUESTION], sn->q->id, sn->q->version);
		return;
	}
	for (int k = BA_FROM; k <= BA_TO; k++)
		if (t[k] && !qn_find_option(qq, t[k]))
			bundle_rd_fail(r, bundle_action_keys[k].name, false, _("action '%s': '%s' is not one of its options"),
				       qq->ref, t[k]);
}

/* Checks the status, its date and reason, the dates and the texts. */
static void check_status(struct rd *r, const char *const *t)
{
	const char *st = t[BA_STATUS];
	if (st && strcmp(st, "open") != 0 && strcmp(st, "done") != 0 && strcmp(st, "dropped") != 0)
		bundle_rd_fail(r, "status", false, _("action: status '%s' is not open, done or dropped"), st);
	static const int dates[] = { BA_DUE, BA_DONE_ON }, notes[] = { BA_STEP, BA_REASON, BA_NOTE };
	for (size_t i = 0; i < ARRAY_LEN(dates); i++)
		if (t[dates[i]] && !date_valid(t[dates[i]]))
			bundle_rd_fail(r, bundle_action_keys[dates[i]].name, false,
				       _("action: '%s' is not a date (YYYY-MM-DD)"), t[dates[i]]);
	bool open = st && strcmp(st, "open") == 0;
	if (st && !open == !t[BA_DONE_ON])
		bundle_rd_fail(r, "status", false,
			       _("action: 'done_on' goes with a status done or dropped, and only then"));
	if (st && (strcmp(st, "dropped") == 0) != (t[BA_REASON] != NULL))
		bundle_rd_fail(r, "status", false, _("action: 'reason' goes with the status dropped, and only then"));
	for (size_t i = 0; i < ARRAY_LEN(notes); i++) {
		const char *why = t[notes[i]] ? text_note(t[notes[i]]) : NULL;
		if (why)
			bundle_rd_fail(r, bundle_action_keys[notes[i]].name, false, _("action: '%s' %s"),
				       bundle_action_keys[notes[i]].name, why);
	}
}

void bundle_plan_check(struct bundle_in *b, struct rd *r, size_t index, const char *const *t, size_t org)
{
	(void)index;
	struct bundle_action x = { .org = org, .from = SIZE_MAX };
	if (t[BA_ORG] && org == b->norgs)
		bundle_rd_fail(r, "organisation", false, _("action: organisation '%s' is not in the bundle"), t[BA_ORG]);
	if (t[BA_ASSESSMENT]) {
		x.from = find_assessment(b, t[BA_ASSESSMENT]);
		if (x.from == b->nas)
			bundle_rd_fail(r, "assessment", false, _("action: assessment %s is not in the bundle"),
				       t[BA_ASSESSMENT]);
		else if (b->as[x.from].org != org)
			bundle_rd_fail(r, "assessment", false, _("action: assessment %s is of another organisation"),
				       t[BA_ASSESSMENT]);
	}
	check_question(r, b, &x, t);
	check_status(r, t);
	if (t[BA_UUID])
		snprintf(x.a.uuid, sizeof(x.a.uuid), "%s", t[BA_UUID]);
	x.a.question = (char *)t[BA_QUESTION];
	x.a.from_option = (char *)t[BA_FROM];
	x.a.to_option = (char *)t[BA_TO];
	x.a.step = (char *)t[BA_STEP];
	x.a.owner = (char *)t[BA_OWNER];
	x.a.reason = (char *)t[BA_REASON];
	x.a.note = (char *)t[BA_NOTE];
	snprintf(x.a.due, sizeof(x.a.due), "%s", t[BA_DUE] ? t[BA_DUE] : "");
	snprintf(x.a.status, sizeof(x.a.status), "%s", t[BA_STATUS] ? t[BA_STATUS] : "");
	snprintf(x.a.done_on, sizeof(x.a.done_on), "%s", t[BA_DONE_ON] ? t[BA_DONE_ON] : "");
	b->acts[b->nacts++] = x;
}

int bundle_plan_add(struct store *s, const struct bundle_in *b, const int64_t *ids, struct bundle_counts *cnt)
{
	for (size_t i = 0; i < b->nacts; i++) {
		struct store_action a = b->acts[i].a;
		a.org_id = ids[b->acts[i].org];
		a.from_id = b->acts[i].from < b->nas ? b->as[b->acts[i].from].id : 0;
		int64_t id;
		bool added;
		if (store_action_add(s, &a, &id, &added))
			return -1;
		if (added)
			cnt->actions_added++;
		else
			cnt->actions_present++;
	}
	return 0;
}
