/* ui_start.c - the start screen: the organisation (chosen or created),
 * the respondent and their role, the questionnaire (with its question
 * count and minutes); start, resume a draft, reassess from the last
 * complete assessment, or open the history. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"
#include "itmaturity/version.h"

#include "ui_impl.h"

enum { DRAFTS_SHOWN = 5 };

enum row { R_ORG, R_RESPONDENT, R_ROLE, R_QN, R_START, R_DRAFT, R_REASSESS, R_HISTORY, R_QUIT };

/* Shown and kept in the reader's language, as if typed. */
/* TRANSLATORS: the respondent's roles to choose from on the start screen. */
static const char *const roles[] = { N_("owner"), N_("manager"), N_("office manager"), N_("IT coordinator"),
				     N_("IT partner"), N_("consultant") };

static void lists_free(struct ui_start_state *st)
{
	store_assessments_free(st->drafts, st->n_drafts);
	store_assessments_free(st->done, st->n_done);
	free(st->draft_answered);
	st->drafts = st->done = NULL;
	st->draft_answered = NULL;
	st->n_drafts = st->n_done = 0;
}

void ui_start_free(struct ui *ui)
{
	struct ui_start_state *st = &ui->st;
	lists_free(st);
	store_orgs_free(st->orgs, st->n_orgs);
	free(st->respondent);
	free(st->role);
	free(st->new_org);
	memset(st, 0, sizeof(*st));
}

static long catalog_index(const struct ui *ui, const char *id)
{
	for (size_t i = 0; i < ui->n_cat; i++)
		if (ui->cat[i].id && strcmp(ui->cat[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The drafts and complete assessments of the chosen organisation. */
static void org_lists(struct ui *ui)
{
	struct ui_start_state *st = &ui->st;
	lists_free(st);
	if (st->org < 0)
		return;
	struct store_filter f = { .org_id = st->orgs[st->org].id, .status = STORE_DRAFT };
	if (store_assessment_list(ui->ctx.store, &f, &st->drafts, &st->n_drafts)) {
		st->drafts = NULL;
		st->n_drafts = 0;
	}
	f.status = STORE_COMPLETE;
	if (store_assessment_list(ui->ctx.store, &f, &st->done, &st->n_done)) {
		st->done = NULL;
		st->n_done = 0;
	}
	st->draft_answered = xcalloc(st->n_drafts + 1, sizeof(*st->draft_answered));
	for (size_t i = 0; i < st->n_drafts && i < DRAFTS_SHOWN; i++) {
		struct store_answer *v;
		size_t n;
		if (store_answers(ui->ctx.store, st->drafts[i].id, &v, &n) == 0) {
			st->draft_answered[i] = n;
			store_answers_free(v, n);
		}
	}
	/* Who answered last time, unless already given. */
	const struct store_assessment *last = st->n_done ? &st->done[0] : st->n_drafts ? &st->drafts[0] : NULL;
	if (last && !st->respondent)
		st->respondent = xstrdup(last->respondent);
	if (last && !st->role)
		st->role = xstrdup(last->role);
}

static void set_org(struct ui *ui, int64_t id)
{
	struct ui_start_state *st = &ui->st;
	st->org = -1;
	for (size_t i = 0; i < st->n_orgs; i++)
		if (st->orgs[i].id == id)
			st->org = (long)i;
	org_lists(ui);
}

/* Reads the organisations and the chosen one's lists again; the first time
 * applies the prefills. */
static void start_load(struct ui *ui)
{
	struct ui_start_state *st = &ui->st;
	int64_t keep = st->loaded && st->org >= 0 && st->orgs ? st->orgs[st->org].id : 0;
	bool first = !st->loaded;
	st->loaded = true;
	store_orgs_free(st->orgs, st->n_orgs);
	st->orgs = NULL;
	st->n_orgs = 0;
	struct itm_errors e = { 0 };
	if (store_org_list(ui->ctx.store, &st->orgs, &st->n_orgs)) {
		asmt_store_error(ui->ctx.store, &e);
		ui_fail(ui, _("Cannot read the organisations"), &e);
	}
	if (first) {
		const struct ui_start *o = ui->opts;
		if (o->org) {
			int64_t id = 0;
			bool added;
			if (asmt_org(&ui->ctx, o->org, &id, &added, &e) != ITM_OK) {
				ui_fail(ui, _("The organisation was not added"), &e);
			} else if (added) {
				store_orgs_free(st->orgs, st->n_orgs);
				if (store_org_list(ui->ctx.store, &st->orgs, &st->n_orgs))
					st->n_orgs = 0;
			}
			keep = id;
		} else {
			/* The organisation of the newest assessment. */
			struct store_filter f = { .limit = 1 };
			struct store_assessment *v;
			size_t n;
			if (store_assessment_list(ui->ctx.store, &f, &v, &n) == 0) {
				if (n)
					keep = v[0].org_id;
				store_assessments_free(v, n);
			}
			if (!keep && st->n_orgs)
				keep = st->orgs[0].id;
		}
		if (o->respondent)
			st->respondent = xstrdup(o->respondent);
		if (o->role)
			st->role = xstrdup(o->role);
		st->qn = ui->given_qn;
		if (st->qn < 0)
			st->qn = catalog_index(ui, "sme-it-maturity");
		for (size_t i = 0; st->qn < 0 && i < ui->n_cat; i++)
			if (ui->cat[i].id)
				st->qn = (long)i;
	}
	set_org(ui, keep);
	/* Without --questionnaire: the one of the last complete assessment. */
	if (first && ui->given_qn < 0 && st->n_done && catalog_index(ui, st->done[0].qn_id) >= 0)
		st->qn = catalog_index(ui, st->done[0].qn_id);
	if (first && !st->respondent) {
		const char *u = getenv("USER");
		struct passwd *pw = u && *u ? NULL : getpwuid(getuid());
		st->respondent = xstrdup(u && *u ? u : pw && pw->pw_name ? pw->pw_name : "");
	}
	/* The newest draft when there is one, else "Start". */
	if (first)
		st->sel = st->org < 0 ? 0 : st->n_drafts ? R_DRAFT : R_START;
}

/* The newest complete assessment of the organisation with the chosen
 * questionnaire (an index in st->done), or -1. */
static long reassess_of(const struct ui *ui)
{
	const struct ui_start_state *st = &ui->st;
	for (size_t i = 0; st->qn >= 0 && i < st->n_done; i++)
		if (strcmp(st->done[i].qn_id, ui->cat[st->qn].id) == 0)
			return (long)i;
	return -1;
}

/* The rows of the screen, in order. */
static size_t rows(const struct ui *ui, enum row *v, size_t *draft)
{
	const struct ui_start_state *st = &ui->st;
	size_t n = 0;
	for (enum row r = R_ORG; r <= R_START; r++)
		v[n++] = r;
	for (size_t i = 0; i < st->n_drafts && i < DRAFTS_SHOWN; i++) {
		draft[n] = i;
		v[n++] = R_DRAFT;
	}
	if (reassess_of(ui) >= 0)
		v[n++] = R_REASSESS;
	if (st->n_done)
		v[n++] = R_HISTORY;
	v[n++] = R_QUIT;
	return n;
}

static char *row_text(const struct ui *ui, enum row r, size_t draft)
{
	const struct ui_start_state *st = &ui->st;
	const struct qn_entry *qe = st->qn >= 0 ? &ui->cat[st->qn] : NULL;
	switch (r) {
	case R_START:
		return qe ? xasprintf(_("Start a new assessment (%zu questions, about %u minutes)"), qe->n_questions,
				      qe->minutes)
			  : xstrdup(_("Start a new assessment"));
	case R_DRAFT: {
		const struct store_assessment *d = &st->drafts[draft];
		long ci = catalog_index(ui, d->qn_id);
		char total[24] = "";
		if (ci >= 0)
			snprintf(total, sizeof(total), "/%zu", ui->cat[ci].n_questions);
		/* TRANSLATORS: the date, the questionnaire's id, the questions
		 * answered and "/" their number (or nothing), the respondent. */
		return xasprintf(_("Resume the draft of %s (%s, %zu%s answered, %s)"), d->taken, d->qn_id,
				 st->draft_answered[draft], total, d->respondent);
	}
	case R_REASSESS: {
		const struct store_assessment *d = &st->done[reassess_of(ui)];
		char pct[16] = "";
		if (d->has_overall)
			snprintf(pct, sizeof(pct), " (%.0f%%)", d->overall);
		/* TRANSLATORS: the questionnaire's id, the date of the last
		 * assessment, then its percentage in parentheses (or nothing). */
		return xasprintf(_("Reassess: the %s again, beside the answers of %s%s"), d->qn_id, d->taken, pct);
	}
	case R_HISTORY:
		return xasprintf(ngettext("History: %zu complete assessment, trends and comparisons",
					  "History: %zu complete assessments, trends and comparisons", st->n_done),
				 st->n_done);
	case R_QUIT:
		return xstrdup(_("Quit"));
	default:
		return NULL;
	}
}

static const char *hint(enum row r)
{
	switch (r) {
	case R_ORG: return _("Enter: choose another organisation or add a new one.");
	case R_RESPONDENT: return _("Enter: type the name of the person who answers.");
	case R_ROLE: return _("Enter: choose the respondent's role.");
	case R_QN: return _("Enter: choose the full assessment or the quick scan.");
	case R_START: return _("Enter: a new draft; every answer is saved as you go, q keeps the draft.");
	case R_DRAFT: return _("Enter: carry on where you left off.");
	case R_REASSESS: return _("Enter: answer again; a lower answer than last time asks for a reason.");
	case R_HISTORY: return _("Enter: every assessment over time, a trend per domain, compare two.");
	default: return "";
	}
}

static void start_draw(struct ui *ui)
{
	struct ui_start_state *st = &ui->st;
	char title[160];
	/* TRANSLATORS: the start screen's title; %s is a separator dot. */
	snprintf(title, sizeof(title), _("itmaturity %s IT maturity, quarter after quarter"), ui_sym(US_SEP));
	ui_title(ui, title, ITM_VERSION);
	enum row v[16];
	size_t draft[16] = { 0 };
	size_t n = rows(ui, v, draft);
	if (st->sel >= n)
		st->sel = n - 1;
	int y = 2, lw = 16;
	for (size_t i = 0; i < n; i++) {
		bool sel = i == st->sel;
		attr_t a = sel ? ui_attr(ui, UC_SELECT) : A_NORMAL;
		if (v[i] == R_START)
			y++;
		if (y >= LINES - 3)
			break;
		if (sel) {
			attron(a);
			mvhline(y, 1, ' ', COLS - 2);
			attroff(a);
		}
		ui_put(y, 1, 2, a, sel ? ui_sym(US_POINTER) : " ");
		if (v[i] <= R_QN) {
			/* TRANSLATORS: labels on the start screen, at most 15 columns. */
			static const char *const labels[] = { N_("Organisation"), N_("Respondent"), N_("Role"),
							      N_("Questionnaire") };
			ui_put(y, 3, lw, sel ? a : ui_attr(ui, UC_HEAD), _(labels[v[i]]));
			char *val = NULL, *tail = NULL;
			attr_t va = a;
			if (v[i] == R_ORG) {
				val = st->org >= 0 ? xstrdup(st->orgs[st->org].name)
						   : xstrdup(st->n_orgs ? _("(none chosen)") : _("(none yet: press Enter to add one)"));
			} else if (v[i] == R_RESPONDENT) {
				val = xstrdup(st->respondent && *st->respondent ? st->respondent : _("(press Enter to type a name)"));
			} else if (v[i] == R_ROLE) {
				val = xstrdup(st->role && *st->role ? st->role : _("(press Enter to choose)"));
			} else {
				const struct qn_entry *qe = st->qn >= 0 ? &ui->cat[st->qn] : NULL;
				val = xstrdup(qe ? qe->title : _("(none found)"));
				if (qe)
					/* TRANSLATORS: after a questionnaire's title: separators, its
					 * number of questions and the minutes it takes. */
					tail = xasprintf(_(" %s %zu questions %s about %u min"), ui_sym(US_SEP), qe->n_questions,
							 ui_sym(US_SEP), qe->minutes);
			}
			if (!sel && val[0] == '(')
				va = ui_attr(ui, UC_DIM);
			ui_put_before(y, 3 + lw, COLS - 4 - lw, va, val, tail ? tail : "");
			free(val);
			free(tail);
		} else {
			char *t = row_text(ui, v[i], draft[i]);
			ui_put(y, 3, COLS - 5, sel ? a : v[i] == R_START ? ui_attr(ui, UC_KEY) : A_NORMAL, t);
			free(t);
		}
		y++;
	}
	if (st->n_drafts > DRAFTS_SHOWN && LINES - 4 > y)
		ui_put(y, 3, COLS - 5, ui_attr(ui, UC_DIM), _("(older drafts: see 'itmaturity list --status draft')"));
	ui_put(LINES - 3, 3, COLS - 5, ui_attr(ui, UC_DIM), hint(v[st->sel]));
}

/* ---- choosing -------------------------------------------------------- */

/* Adds the organisation named before (st->new_org) with the size picked
 * (I: enum qn_size, -1: cancelled, nothing added), and chooses it. */
static void size_picked(struct ui *ui, long i)
{
	struct ui_start_state *st = &ui->st;
	char *name = st->new_org;
	st->new_org = NULL;
	int64_t id;
	bool added;
	struct itm_errors e = { 0 };
	if (i < 0) {
		ui_message(ui, false, _("No organisation added."));
	} else if (asmt_org_sized(&ui->ctx, name, (enum qn_size)i, &id, &added, &e) != ITM_OK) {
		ui_fail(ui, _("The organisation was not added"), &e);
	} else {
		if (added)
			ui_message(ui, false, _("Added the organisation %s."), name);
		store_orgs_free(st->orgs, st->n_orgs);
		st->orgs = NULL;
		st->n_orgs = 0;
		if (store_org_list(ui->ctx.store, &st->orgs, &st->n_orgs))
			st->n_orgs = 0;
		set_org(ui, id);
		st->sel = R_RESPONDENT;
	}
	free(name);
}

/* A new organisation's name: its size is asked next, small highlighted. */
static void org_named(struct ui *ui, const char *name)
{
	if (!name)
		return;
	if (!*name) {
		ui_message(ui, true, _("An organisation needs a name."));
		return;
	}
	struct ui_start_state *st = &ui->st;
	for (size_t i = 0; i < st->n_orgs; i++)
		if (strcmp(st->orgs[i].name, name) == 0) {  /* there already: chosen */
			set_org(ui, st->orgs[i].id);
			st->sel = R_RESPONDENT;
			return;
		}
	char **items = xcalloc(QN_N_SIZES, sizeof(*items));
	int nw = 0;  /* the names' column, in display columns */
	for (size_t i = 0; i < QN_N_SIZES; i++)
		if (ui_width(qn_size_title((enum qn_size)i)) > nw)
			nw = ui_width(qn_size_title((enum qn_size)i));
	for (size_t i = 0; i < QN_N_SIZES; i++) {
		const char *size = qn_size_title((enum qn_size)i);
		items[i] = xasprintf("%s%*s  %s", size, nw - ui_width(size), "", qn_size_people((enum qn_size)i));
	}
	free(st->new_org);
	st->new_org = xstrdup(name);
	ui_pick(ui, _("Size of the organisation"), items, QN_N_SIZES, QN_SMALL, size_picked);
}

static void org_picked(struct ui *ui, long i)
{
	struct ui_start_state *st = &ui->st;
	if (i < 0)
		return;
	if ((size_t)i == st->n_orgs) {
		ui_prompt(ui, _("Name of the new organisation:"), "", org_named);
		return;
	}
	set_org(ui, st->orgs[i].id);
}

static void respondent_typed(struct ui *ui, const char *text)
{
	if (!text)
		return;
	free(ui->st.respondent);
	ui->st.respondent = xstrdup(text);
	if (*text)
		ui->st.sel = R_ROLE;
}

static void role_typed(struct ui *ui, const char *text)
{
	if (!text)
		return;
	free(ui->st.role);
	ui->st.role = xstrdup(text);
	if (*text)
		ui->st.sel = R_QN;
}

static void role_picked(struct ui *ui, long i)
{
	if (i < 0)
		return;
	if ((size_t)i == ARRAY_LEN(roles)) {
		ui_prompt(ui, _("Role of the respondent:"), ui->st.role, role_typed);
		return;
	}
	role_typed(ui, _(roles[i]));
}

static void qn_picked(struct ui *ui, long i)
{
	if (i < 0)
		return;
	size_t k = 0;
	for (size_t c = 0; c < ui->n_cat; c++)
		if (ui->cat[c].id && k++ == (size_t)i)
			ui->st.qn = (long)c;
	ui->st.sel = R_START;
}

/* The session's first page, once it has begun. */
static struct ui_nav session_page(const struct ui *ui)
{
	return (struct ui_nav){ .go = UI_GO_PAGE, .arg = (int64_t)ui->sess->page };
}

static struct ui_nav start_new(struct ui *ui, long qn)
{
	struct ui_start_state *st = &ui->st;
	struct ui_nav stay = { .go = UI_GO_STAY };
	if (st->org < 0) {
		st->sel = R_ORG;
		ui_message(ui, true, _("Choose or add the organisation first."));
		return stay;
	}
	if (!st->respondent || !*st->respondent) {
		st->sel = R_RESPONDENT;
		ui_message(ui, true, _("Type the respondent's name first."));
		return stay;
	}
	if (!st->role || !*st->role) {
		st->sel = R_ROLE;
		ui_message(ui, true, _("Choose the respondent's role first."));
		return stay;
	}
	if (qn < 0) {
		ui_message(ui, true, _("No questionnaire to start with."));
		return stay;
	}
	struct itm_errors e = { 0 };
	if (ui_session_new(ui, st->orgs[st->org].id, st->respondent, st->role, ui->cat[qn].path, &e)) {
		ui_fail(ui, _("Cannot start the assessment"), &e);
		return stay;
	}
	return session_page(ui);
}

static struct ui_nav choose(struct ui *ui, enum row r, size_t draft)
{
	struct ui_start_state *st = &ui->st;
	switch (r) {
	case R_ORG: {
		char **items = xcalloc(st->n_orgs + 1, sizeof(*items));
		for (size_t i = 0; i < st->n_orgs; i++)
			items[i] = xstrdup(st->orgs[i].name);
		items[st->n_orgs] = xasprintf(_("+ New organisation%s"), ui_sym(US_ELLIPSIS));
		ui_pick(ui, _("Organisation"), items, st->n_orgs + 1, st->org >= 0 ? (size_t)st->org : st->n_orgs,
			org_picked);
		break;
	}
	case R_RESPONDENT:
		ui_prompt(ui, _("Name of the respondent:"), st->respondent, respondent_typed);
		break;
	case R_ROLE: {
		char **items = xcalloc(ARRAY_LEN(roles) + 1, sizeof(*items));
		size_t sel = 0;
		for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
			items[i] = xstrdup(_(roles[i]));
			if (st->role && strcmp(st->role, _(roles[i])) == 0)
				sel = i;
		}
		items[ARRAY_LEN(roles)] = xasprintf(_("other%s"), ui_sym(US_ELLIPSIS));
		ui_pick(ui, _("Role of the respondent"), items, ARRAY_LEN(roles) + 1, sel, role_picked);
		break;
	}
	case R_QN: {
		char **items = xcalloc(ui->n_cat + 1, sizeof(*items));
		size_t n = 0, sel = 0;
		for (size_t i = 0; i < ui->n_cat; i++) {
			if (!ui->cat[i].id)
				continue;
			if ((long)i == st->qn)
				sel = n;
			/* TRANSLATORS: a questionnaire's title, then as " %s %zu questions %s about %u min". */
			items[n++] = xasprintf(_("%s %s %zu questions %s about %u min"), ui->cat[i].title, ui_sym(US_SEP),
					       ui->cat[i].n_questions, ui_sym(US_SEP), ui->cat[i].minutes);
		}
		ui_pick(ui, _("Questionnaire"), items, n, sel, qn_picked);
		break;
	}
	case R_START:
		return start_new(ui, st->qn);
	case R_DRAFT: {
		struct itm_errors e = { 0 };
		if (ui_session_resume(ui, st->drafts[draft].id, &e)) {
			ui_fail(ui, _("Cannot resume the draft"), &e);
			break;
		}
		return session_page(ui);
	}
	case R_REASSESS:
		return start_new(ui, st->qn);
	case R_HISTORY:
		return (struct ui_nav){ .go = UI_GO_HISTORY, .arg = st->orgs[st->org].id };
	case R_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static struct ui_nav start_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	struct ui_start_state *st = &ui->st;
	enum row v[16];
	size_t draft[16] = { 0 };
	size_t n = rows(ui, v, draft);
	switch (a) {
	case KA_UP:
		if (st->sel > 0)
			st->sel--;
		break;
	case KA_DOWN:
		if (st->sel + 1 < n)
			st->sel++;
		break;
	case KA_SELECT:
		return choose(ui, v[st->sel], draft[st->sel]);
	case KA_HISTORY:
		if (st->org >= 0 && st->n_done)
			return (struct ui_nav){ .go = UI_GO_HISTORY, .arg = st->orgs[st->org].id };
		ui_message(ui, true, "%s", _("No complete assessment of this organisation yet."));
		break;
	case KA_PLAN:
		if (st->org >= 0 && st->n_done)
			return (struct ui_nav){ .go = UI_GO_PLAN, .arg = st->orgs[st->org].id, .arg2 = st->done[0].id };
		ui_message(ui, true, _("No complete assessment of this organisation yet: no plan."));
		break;
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

static const struct ui_screen start_screen = { "start", KS_START, start_draw, start_key };

void ui_start_open(struct ui *ui)
{
	start_load(ui);
	ui_goto(ui, &start_screen);
}
