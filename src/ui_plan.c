/* ui_plan.c - the organisation's action plan (plan.h): its actions with
 * their status, owner and due date, the owner and the due date edited, an
 * action marked done or dropped with a reason; and the results' "add to
 * plan", from a step of the roadmap. The plan's rules live in plan.c. */
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

static const struct ui_screen plan_screen;

void ui_plan_free(struct ui *ui)
{
	struct ui_plan_state *p = &ui->plan;
	plan_list_free(&p->l);
	if (p->has_a)
		asmt_free(&p->a);
	free(p->add_owner);
	memset(p, 0, sizeof(*p));
}

/* The actions read again, the highlight kept on the list. */
static void plan_load(struct ui *ui)
{
	struct ui_plan_state *p = &ui->plan;
	char today[11];
	date_today(today);
	plan_list_free(&p->l);
	struct itm_errors e = { 0 };
	if (plan_list(&ui->ctx, p->org_id, 0, today, &p->l, &e) != ITM_OK)
		ui_fail(ui, _("Cannot read the plan"), &e);
	if (p->sel >= p->l.n)
		p->sel = p->l.n ? p->l.n - 1 : 0;
}

void ui_plan_open(struct ui *ui, int64_t org_id, int64_t id, const struct ui_screen *back)
{
	if (!org_id) {
		ui_goto(ui, &plan_screen);
		return;
	}
	ui_plan_free(ui);
	struct ui_plan_state *p = &ui->plan;
	p->org_id = org_id;
	p->back = back;
	struct itm_errors e = { 0 };
	p->has_a = asmt_load(&ui->ctx, id, ASMT_SUMMARY, &p->a, &e) == ITM_OK;
	if (!p->has_a) {
		ui_fail(ui, _("Cannot show the plan"), &e);
		return;
	}
	plan_load(ui);
	ui_goto(ui, &plan_screen);
}

/* The text of the question with REF, or REF when the questionnaire of Q
 * does not have it. */
static const char *question_text(const struct qn_questionnaire *q, const char *ref)
{
	const struct qn_question *qq = q ? qn_find_question(q, ref) : NULL;
	return qq ? qq->text : ref;
}

/* What A's status says, in words; the caller frees it. */
static char *status_text(const struct report_action *a)
{
	switch (a->status) {
	case REPORT_ACTION_OVERDUE:
		return xstrdup(_("overdue"));
	case REPORT_ACTION_DONE:
		if (a->verified_by)
			return xasprintf(_("done (verified by the assessment of %s)"), a->closed_on);
		return xstrdup(a->unconfirmed ? _("done, not confirmed by the answers") : _("done (marked by hand)"));
	case REPORT_ACTION_DROPPED:
		/* TRANSLATORS: %s is the reason given. */
		return xasprintf(_("dropped: %s"), a->reason ? a->reason : "");
	case REPORT_ACTION_OPEN:
		break;
	}
	return xstrdup(_("open"));
}

static enum ui_color status_color(enum report_action_status st)
{
	return st == REPORT_ACTION_OVERDUE ? UC_BAD : st == REPORT_ACTION_DONE ? UC_GOOD
					     : st == REPORT_ACTION_DROPPED ? UC_DIM : UC_WARN;
}

/* Action I in two lines at rows Y and Y + 1: its number and question, then
 * its status, the option to reach, the due date and the owner. */
static void draw_action(const struct ui *ui, int y, size_t i)
{
	const struct ui_plan_state *p = &ui->plan;
	const struct report_action *a = &p->l.v[i];
	bool sel = i == p->sel;
	attr_t at = sel ? ui_attr(ui, UC_SELECT) : A_BOLD;
	if (sel) {
		attron(at);
		mvhline(y, 2, ' ', COLS - 4);
		attroff(at);
	}
	char num[16];
	snprintf(num, sizeof(num), "%s %3lld. ", sel ? ui_sym(US_POINTER) : " ", (long long)a->id);
	int x = 2 + ui_put(y, 2, COLS - 4, at, num);
	ui_put(y, x, COLS - 2 - x, at, question_text(p->a.q, a->question));
	char *st = status_text(a);
	x = 9 + ui_put(y + 1, 9, COLS - 11, ui_attr(ui, status_color(a->status)), st);
	free(st);
	/* TRANSLATORS: after an action's status: a separator, the option to
	 * reach, the due date, a separator, then the owner. */
	char *rest = *a->owner ? xasprintf(_(" %s reach %s by %s %s owner: %s"), ui_sym(US_SEP), a->to, a->due,
					   ui_sym(US_SEP), a->owner)
			       /* TRANSLATORS: as " %s reach %s by %s %s owner: %s", for an action without one. */
			       : xasprintf(_(" %s reach %s by %s %s no owner"), ui_sym(US_SEP), a->to, a->due,
					   ui_sym(US_SEP));
	if (x < COLS - 2)
		ui_put(y + 1, x, COLS - 2 - x, A_NORMAL, rest);
	free(rest);
}

static void plan_draw(struct ui *ui)
{
	struct ui_plan_state *p = &ui->plan;
	/* TRANSLATORS: a title: a separator, the organisation, a separator,
	 * then the screen's name. */
	char *left = xasprintf(_("itmaturity %s %s %s plan"), ui_sym(US_SEP), p->has_a ? p->a.meta.org : "",
			       ui_sym(US_SEP));
	char right[80];
	snprintf(right, sizeof(right), ngettext("%zu action", "%zu actions", p->l.n), p->l.n);
	ui_title(ui, left, right);
	free(left);
	if (!p->l.n) {
		ui_put(2, 2, COLS - 4, A_NORMAL, _("No actions yet: add them from the roadmap on the results screen."));
		return;
	}
	ui_put(2, 2, COLS - 4, ui_attr(ui, UC_HEAD), _("Actions, by number: status, the option to reach, due date, owner"));
	/* Two rows an action, the last row kept for the "more below" mark. */
	struct ui_canvas c;
	ui_cv_init(&c, 3, LINES - 4, 2, COLS - 4, 0);
	size_t shown = (size_t)(c.rows - 1) / 2, first = p->sel >= shown ? p->sel - shown + 1 : 0;
	c.scroll = (int)first * 2;
	for (size_t i = 0; i < p->l.n; i++) {
		int y = ui_cv_line(&c);
		ui_cv_line(&c);
		if (y >= 0 && y + 1 < c.top + c.rows - 1)
			draw_action(ui, y, i);
	}
	ui_cv_more(ui, &c);
}

/* The highlighted action, or NULL (with a message) when it is closed and
 * OPEN_ONLY. */
static const struct report_action *highlighted(struct ui *ui, bool open_only)
{
	const struct ui_plan_state *p = &ui->plan;
	if (!p->l.n)
		return NULL;
	const struct report_action *a = &p->l.v[p->sel];
	if (open_only && a->status != REPORT_ACTION_OPEN && a->status != REPORT_ACTION_OVERDUE) {
		ui_message(ui, true, a->status == REPORT_ACTION_DONE ? _("Action %lld is done already.")
			   : _("Action %lld is dropped already."), (long long)a->id);
		return NULL;
	}
	return a;
}

/* Applies ED to the highlighted action; DONE says so, with the action's
 * number. */
static void edit(struct ui *ui, const struct plan_edit *ed, const char *done)
{
	const struct report_action *a = highlighted(ui, false);
	struct itm_errors e = { 0 };
	int64_t id = a->id;
	if (plan_edit(&ui->ctx, id, ed, &e) != ITM_OK) {
		ui_fail(ui, _("Not changed"), &e);
		return;
	}
	plan_load(ui);
	ui_message(ui, false, done, (long long)id);
}

static void owner_typed(struct ui *ui, const char *text)
{
	if (text)
		edit(ui, &(struct plan_edit){ .owner = text }, _("Action %lld: owner changed."));
}

static void due_typed(struct ui *ui, const char *text)
{
	if (text)
		edit(ui, &(struct plan_edit){ .due = text }, _("Action %lld: due date changed."));
}

static void reason_typed(struct ui *ui, const char *text)
{
	if (!text)
		return;
	if (!*text) {
		ui_message(ui, true, _("No reason given: the action is not dropped."));
		return;
	}
	char today[11];
	date_today(today);
	int64_t id = highlighted(ui, false)->id;
	struct itm_errors e = { 0 };
	if (plan_drop(&ui->ctx, id, text, today, &e) != ITM_OK) {
		ui_fail(ui, _("Not dropped"), &e);
		return;
	}
	plan_load(ui);
	ui_message(ui, false, _("Action %lld dropped."), (long long)id);
}

static void mark_done(struct ui *ui)
{
	const struct report_action *a = highlighted(ui, true);
	if (!a)
		return;
	char today[11];
	date_today(today);
	int64_t id = a->id;
	struct itm_errors e = { 0 };
	if (plan_done(&ui->ctx, id, today, &e) != ITM_OK) {
		ui_fail(ui, _("Not marked done"), &e);
		return;
	}
	plan_load(ui);
	ui_message(ui, false, _("Action %lld marked done; the next assessment's answer confirms it."), (long long)id);
}

/* Asks for a field of the highlighted action: TITLE (a format for its
 * number), starting from INITIAL. */
static void ask(struct ui *ui, const char *title, const char *initial, ui_prompt_done done)
{
	const struct report_action *a = highlighted(ui, false);
	if (!a)
		return;
	char t[400];
	snprintf(t, sizeof(t), title, (long long)a->id);
	ui_prompt(ui, t, initial ? initial : "", done);
}

static struct ui_nav plan_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	struct ui_plan_state *p = &ui->plan;
	const struct report_action *h = p->l.n ? &p->l.v[p->sel] : NULL;
	switch (a) {
	case KA_UP:
		if (p->sel > 0)
			p->sel--;
		break;
	case KA_DOWN:
		if (p->sel + 1 < p->l.n)
			p->sel++;
		break;
	case KA_OWNER:
		ask(ui, _("Owner of action %lld (a person, or IT partner; empty for none):"), h ? h->owner : NULL,
		    owner_typed);
		break;
	case KA_DUE:
		ask(ui, _("Due date of action %lld (YYYY-MM-DD):"), h ? h->due : NULL, due_typed);
		break;
	case KA_DONE:
		mark_done(ui);
		break;
	case KA_DROP:
		if (highlighted(ui, true))
			ask(ui, _("Why drop action %lld? (the reason is kept with it)"), NULL, reason_typed);
		break;
	case KA_BACK:
		return ui_back_to(p->back);
	case KA_START:
		return (struct ui_nav){ .go = UI_GO_START };
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static const struct ui_screen plan_screen = { "plan", KS_PLAN, plan_draw, plan_key };

/* ---- adding from the results ---- */

static void add_due_typed(struct ui *ui, const char *due)
{
	if (!due)
		return;
	const struct score_step *st = &ui->res.score->roadmap[ui->plan.add_step];
	char today[11];
	date_today(today);
	struct plan_new in = { .org = ui->res.meta.org_id, .question = st->question->ref, .to = st->to->key,
			       .owner = ui->plan.add_owner, .due = due, .today = today };
	int64_t id;
	struct itm_errors e = { 0 };
	if (plan_add(&ui->ctx, &in, &id, &e) != ITM_OK) {
		ui_fail(ui, _("Not added to the plan"), &e);
		return;
	}
	ui_results_plan_load(ui);
	ui_message(ui, false, _("Action %lld added: reach %s by %s."), (long long)id, st->to->key, due);
}

static void add_owner_typed(struct ui *ui, const char *owner)
{
	if (!owner)
		return;
	free(ui->plan.add_owner);
	ui->plan.add_owner = xstrdup(owner);
	char today[11], due[11];
	date_today(today);
	struct itm_errors e = { 0 };
	if (plan_next_due(&ui->ctx, ui->res.meta.org_id, today, due, &e) != ITM_OK) {
		ui_fail(ui, _("Not added to the plan"), &e);
		return;
	}
	ui_prompt(ui, _("Due date (YYYY-MM-DD; filled in: the next reassessment):"), due, add_due_typed);
}

static void add_picked(struct ui *ui, long i)
{
	if (i < 0)
		return;
	const struct qn_question *qq = ui->res.score->roadmap[i].question;
	const struct report_action *open = plan_open_for(&ui->res_plan, qq->ref);
	if (open) {
		ui_message(ui, true, _("\"%s\" has an open action already: %lld."), qq->text, (long long)open->id);
		return;
	}
	ui->plan.add_step = (size_t)i;
	char *t = xasprintf(_("Owner of \"%s\" (a person, or IT partner; empty for none):"), qq->text);
	ui_prompt(ui, t, "", add_owner_typed);
	free(t);
}

void ui_plan_add(struct ui *ui)
{
	const struct score_result *r = ui->res.score;
	if (!r->n_roadmap) {
		ui_message(ui, true, _("Nothing to add: the roadmap is empty."));
		return;
	}
	char **items = xcalloc(r->n_roadmap, sizeof(*items));
	for (size_t i = 0; i < r->n_roadmap; i++) {
		const struct score_step *st = &r->roadmap[i];
		bool planned = plan_open_for(&ui->res_plan, st->question->ref) != NULL;
		/* TRANSLATORS: the step's number, its question, an arrow, the
		 * option to reach. */
		items[i] = planned ? xasprintf(_("%zu. %s %s %s (in the plan)"), i + 1, st->question->text,
					       ui_sym(US_RIGHT), st->to->key)
				   : xasprintf("%zu. %s %s %s", i + 1, st->question->text, ui_sym(US_RIGHT), st->to->key);
	}
	ui_pick(ui, _("Add which step of the roadmap to the plan?"), items, r->n_roadmap, 0, add_picked);
}
