/* ui_question.c - answering: a domain's intro page, then one question per
 * page with its help, the options, don't know and n/a where allowed, the
 * previous answer in a reassessment, and a note; the list of the domains
 * to go to another. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

/* ---- shared: title, progress, domain jump --------------------------- */

static void page_header(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	char *left = xasprintf("itmaturity %s %s %s %s", ui_sym(US_SEP), s->d.a.meta.org, ui_sym(US_SEP), q->title);
	char right[96];
	/* TRANSLATORS: at the right of the title: questions answered of those asked. */
	snprintf(right, sizeof(right), _("%zu/%zu answered"), ui_session_answered(ui, -1), ui_session_asked(ui, -1));
	ui_title(ui, left, right);
	free(left);
	const struct ui_page *p = &s->pages[s->page];
	const struct qn_domain *d = &q->domains[p->domain];
	size_t k = 0;
	if (p->question >= 0)
		for (size_t i = 0; i < d->n_questions; i++)
			if (d->questions[i].index == (size_t)p->question)
				k = i + 1;
	/* The count has priority over the domain's title, which gives way. */
	char count[96];
	/* TRANSLATORS: after the domain's title; %s is a separator dot. */
	if (k)
		snprintf(count, sizeof(count), _(" %s question %zu of %zu"), ui_sym(US_SEP), k, d->n_questions);
	else
		snprintf(count, sizeof(count), _(" %s domain %zu of %zu"), ui_sym(US_SEP), d->index + 1, q->n_domains);
	/* Per domain: one mark per question; overall: a bar. */
	int bw = COLS >= 80 ? 16 : 10;
	char marks[3 * 64 + 1] = "";
	size_t ml = 0, done = 0;
	for (size_t i = 0; i < d->n_questions && i < 64; i++) {
		bool a = s->d.a.answers->v[d->questions[i].index].kind != ANS_NONE;
		done += a;
		const char *m = ui_sym(a ? US_DONE : US_TODO);
		memcpy(marks + ml, m, strlen(m));
		ml += strlen(m);
	}
	marks[ml] = '\0';
	int mw = d->n_questions < 64 ? (int)d->n_questions : 64;
	int right_w = mw + 1 + 10 + bw;
	ui_put_before(1, 1, COLS - right_w - 4, ui_attr(ui, UC_HEAD), d->title, count);
	int x = COLS - right_w - 1;
	ui_put(1, x, mw, ui_attr(ui, done == d->n_questions ? UC_GOOD : UC_WARN), marks);
	/* TRANSLATORS: before the bar of all the answers: at most 10 columns,
	 * two spaces first. */
	ui_put(1, x + mw + 1, 10, ui_attr(ui, UC_DIM), _("  overall "));
	double pct = 100.0 * (double)ui_session_answered(ui, -1) / (double)ui_session_asked(ui, -1);
	ui_bar(ui, 1, x + mw + 11, bw, pct, NAN, ui_attr(ui, UC_GOOD));
}

static struct ui_nav to_page(size_t page)
{
	return (struct ui_nav){ .go = UI_GO_PAGE, .arg = (int64_t)page };
}

static void jump_done(struct ui *ui, long i)
{
	struct ui_session *s = ui->sess;
	if (i < 0)
		return;
	if ((size_t)i >= s->d.a.q->n_domains) {
		ui->next = to_page(s->n_pages);
		return;
	}
	for (size_t p = 0; p < s->n_pages; p++)
		if (s->pages[p].domain == (int)i && s->pages[p].question < 0) {
			s->from_review = false;
			ui->next = to_page(p);
			return;
		}
}

void ui_jump(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	char **items = xcalloc(q->n_domains + 1, sizeof(*items));
	for (size_t d = 0; d < q->n_domains; d++)
		/* TRANSLATORS: answered of asked, a separator, the domain's title. */
		items[d] = xasprintf(_("%zu/%zu answered %s %s"), ui_session_answered(ui, (int)d),
				     ui_session_asked(ui, (int)d), ui_sym(US_SEP), q->domains[d].title);
	items[q->n_domains] = xstrdup(_("Review page"));
	size_t cur = s->page < s->n_pages ? (size_t)s->pages[s->page].domain : q->n_domains;
	ui_pick(ui, _("Go to a domain"), items, q->n_domains + 1, cur, jump_done);
}

/* The next page, or the review when the page was opened from there. */
static struct ui_nav advance(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	bool back = s->from_review;
	s->from_review = false;
	return to_page(back ? s->n_pages : s->page + 1);
}

static struct ui_nav common_key(struct ui *ui, enum keys_action a)
{
	struct ui_session *s = ui->sess;
	switch (a) {
	case KA_NEXT:
		return advance(ui);
	case KA_PREV:
		s->from_review = false;
		if (s->page > 0)
			return to_page(s->page - 1);
		break;
	case KA_JUMP:
		return (struct ui_nav){ .go = UI_GO_JUMP };
	case KA_REVIEW:
		s->from_review = false;
		return to_page(s->n_pages);
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

/* ---- the domain intro ------------------------------------------------ */

/* "N questions, M answered" and the domain's target: on a line of its
 * own below the scrolling text, so that it never scrolls away. */
static char *intro_facts(struct ui *ui, const struct qn_domain *d)
{
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	double t = s->d.targets && !isnan(s->d.targets[d->index]) ? s->d.targets[d->index]
			   : d->has_target ? d->target : NAN;
	char target[160] = "";
	if (!isnan(t))
		/* TRANSLATORS: a separator, the target level's number and name. */
		snprintf(target, sizeof(target), _(" %s target: level %g (%s)"), ui_sym(US_SEP), t, qn_level_at(q, t)->name);
	size_t n = ui_session_asked(ui, (int)d->index);
	char *facts = xasprintf(ngettext("%zu question, %zu answered", "%zu questions, %zu answered", n), n,
				ui_session_answered(ui, (int)d->index));
	char *s2 = xasprintf("%s%s", facts, target);
	free(facts);
	return s2;
}

static void intro_draw(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	const struct qn_domain *d = &q->domains[s->pages[s->page].domain];
	page_header(ui);
	struct ui_canvas c;
	ui_cv_init(&c, 3, LINES - 6, 2, COLS - 4, ui->scroll);
	ui_cv_text(ui, &c, 0, NULL, 0, d->title, ui_attr(ui, UC_HEAD));
	ui_cv_line(&c);
	ui_cv_text(ui, &c, 0, NULL, 0, d->description, A_NORMAL);
	if (d->why) {
		ui_cv_line(&c);
		ui_cv_text(ui, &c, 0, NULL, 0, _("Why it matters"), ui_attr(ui, UC_HEAD));
		ui_cv_text(ui, &c, 0, NULL, 0, d->why, A_NORMAL);
	}
	ui_cv_line(&c);
	char *prompt = xasprintf(_("Press Enter or %s to start this domain."), ui_sym(US_RIGHT));
	ui_cv_text(ui, &c, 0, NULL, 0, prompt, ui_attr(ui, UC_KEY));
	free(prompt);
	ui_cv_end(ui, &c);
	char *facts = intro_facts(ui, d);
	ui_put(LINES - 2, 2, COLS - 4, ui_attr(ui, UC_DIM), facts);
	free(facts);
}

static struct ui_nav intro_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	if (a == KA_SELECT)
		a = KA_NEXT;
	if (a == KA_QHELP) {
		ui_message(ui, false, _("This page explains the domain; the questions that follow have their own help (?)."));
		return (struct ui_nav){ .go = UI_GO_STAY };
	}
	if (a == KA_UP || a == KA_DOWN) {
		ui_scroll_key(ui, a);
		return (struct ui_nav){ .go = UI_GO_STAY };
	}
	return common_key(ui, a);
}

const struct ui_screen ui_intro_screen = { "intro", KS_INTRO, intro_draw, intro_key };

/* ---- a question ------------------------------------------------------ */

static size_t n_choices(const struct qn_question *qq)
{
	return qq->n_options + (qq->allow_unknown ? 1 : 0) + (qq->allow_na ? 1 : 0);
}

int ui_option_digit(const struct qn_question *qq, size_t i)
{
	bool by_value = true;
	for (size_t k = 0; k < qq->n_options && by_value; k++) {
		const struct qn_option *o = &qq->options[k];
		if (!o->has_value || o->value < 0 || o->value > 9 || o->value != floor(o->value))
			by_value = false;
		for (size_t m = 0; m < k && by_value; m++)
			if (qq->options[m].value == o->value)
				by_value = false;
	}
	if (by_value)
		return (int)qq->options[i].value;
	return i < 9 ? (int)i + 1 : -1;
}

static const char *prev_text(const struct ans_answer *p, char *buf, size_t size)
{
	if (p->kind == ANS_OPTION && p->option->has_value)
		snprintf(buf, size, "%s (%g)", p->option->key, p->option->value);
	else
		snprintf(buf, size, "%s", ans_shown(p));
	return buf;
}

/* An option as the page shows it: its key, then its description; a
 * translation's description alone (the key is English). WAS: the answer
 * of last time. The caller frees it. */
static char *option_text(const struct qn_questionnaire *q, const struct qn_option *o, bool was)
{
	if (q->translated)
		/* TRANSLATORS: an option's description, the one answered last time. */
		return was ? xasprintf(_("(last time) %s"), o->description) : xstrdup(o->description);
	/* TRANSLATORS: the option's key, then its description. */
	return was ? xasprintf(_("%s (last time): %s"), o->key, o->description)
		   : xasprintf("%s: %s", o->key, o->description);
}

/* Draws the question page scrolled to SCROLL on *C; *SEL_TOP and
 * *SEL_BOTTOM get the lines of the highlighted choice. */
static void draw_question(struct ui *ui, int scroll, struct ui_canvas *cv, int *sel_top, int *sel_bottom)
{
	struct ui_session *s = ui->sess;
	const struct qn_question *qq = ui_session_question(ui);
	const struct ans_answer *a = ans_get(s->d.a.answers, qq);
	const struct ans_answer *p = ui_session_prev(ui, qq);
	page_header(ui);
	struct ui_canvas c;
	ui_cv_init(&c, 3, LINES - 4, 2, COLS - 4, scroll);
	ui_cv_text(ui, &c, 0, NULL, 0, qq->text, ui_attr(ui, UC_HEAD));
	if (qq->critical)
		ui_cv_text(ui, &c, 0, NULL, 0, _("Critical: a low answer here caps the domain's level."),
			ui_attr(ui, UC_WARN));
	if (s->show_help) {
		ui_cv_line(&c);
		ui_cv_text(ui, &c, 2, NULL, 0, qq->help, A_NORMAL);
	} else {
		ui_cv_text(ui, &c, 0, NULL, 0, _("? shows what this question means and how to answer it."),
			ui_attr(ui, UC_DIM));
	}
	if (p) {
		char buf[200], *line;
		prev_text(p, buf, sizeof(buf));
		/* TRANSLATORS: the date, the answer given then. */
		line = p->note ? xasprintf(_("Last time (%s): %s %s note: %s"), s->d.prev.meta.taken, buf, ui_sym(US_SEP),
					   p->note)
			       : xasprintf(_("Last time (%s): %s"), s->d.prev.meta.taken, buf);
		ui_cv_text(ui, &c, 0, NULL, 0, line, ui_attr(ui, UC_KEY));
		free(line);
	}
	const struct report_action *pa = plan_open_for(&s->plan, qq->ref);
	if (pa) {
		char *who = *pa->owner ? xasprintf(_("owner: %s"), pa->owner) : xstrdup(_("no owner"));
		/* TRANSLATORS: the option to reach, the due date, a dash, then
		 * "owner: NAME" or "no owner". */
		char *line = xasprintf(pa->status == REPORT_ACTION_OVERDUE ? _("Planned: reach %s by %s %s %s (overdue)")
				       : _("Planned: reach %s by %s %s %s"), pa->to, pa->due, ui_sym(US_DASH), who);
		free(who);
		ui_cv_text(ui, &c, 0, NULL, 0, line, ui_attr(ui, pa->status == REPORT_ACTION_OVERDUE ? UC_BAD : UC_KEY));
		free(line);
	}
	ui_cv_line(&c);
	size_t nc = n_choices(qq);
	for (size_t i = 0; i < nc; i++) {
		bool sel = i == s->sel;
		bool chosen, was = false;
		char label[16];
		const char *text;
		char *owned = NULL;
		if (i < qq->n_options) {
			const struct qn_option *o = &qq->options[i];
			chosen = a->kind == ANS_OPTION && a->option == o;
			was = p && p->kind == ANS_OPTION && strcmp(p->option->key, o->key) == 0;
			int dg = ui_option_digit(qq, i);
			snprintf(label, sizeof(label), dg >= 0 ? "%d" : " ", dg);
			text = owned = option_text(s->d.a.q, o, was);
		} else if (qq->allow_unknown && i == qq->n_options) {
			chosen = a->kind == ANS_UNKNOWN;
			was = p && p->kind == ANS_UNKNOWN;
			snprintf(label, sizeof(label), "u");
			text = was ? _("Don't know (last time): find out before the next assessment.")
				   : _("Don't know: find out before the next assessment.");
		} else {
			chosen = a->kind == ANS_NA;
			was = p && p->kind == ANS_NA;
			snprintf(label, sizeof(label), "x");
			text = was ? _("Not applicable (last time) to this company.") : _("Not applicable to this company.");
		}
		char prefix[32];
		snprintf(prefix, sizeof(prefix), "%s%s %s  ", sel ? ui_sym(US_POINTER) : " ",
			 ui_sym(chosen ? US_RADIO_ON : US_RADIO_OFF), label);
		if (sel)
			*sel_top = c.y;
		attr_t ta = sel ? ui_attr(ui, UC_SELECT) : chosen ? ui_attr(ui, UC_GOOD) : A_NORMAL;
		ui_cv_text(ui, &c, 0, prefix, sel ? ui_attr(ui, UC_SELECT) : ui_attr(ui, UC_KEY), text, ta);
		if (sel)
			*sel_bottom = c.y;
		free(owned);
	}
	ui_cv_line(&c);
	if (a->note) {
		char *n = xasprintf(_("Note: %s"), a->note);
		ui_cv_text(ui, &c, 0, NULL, 0, n, A_NORMAL);
		free(n);
	} else {
		ui_cv_text(ui, &c, 0, NULL, 0, a->kind == ANS_NONE ? _("Answer with a number or Enter; n adds a note after.")
								 : _("n adds a note to this answer."),
			ui_attr(ui, UC_DIM));
	}
	ui->page_rows = c.rows;
	*cv = c;
}

/* Scrolls so that the highlighted choice shows above the "more" mark,
 * unless the help is being read from its top. */
static void question_draw(struct ui *ui)
{
	int top = 0, bottom = 0;
	struct ui_canvas c;
	draw_question(ui, ui->scroll, &c, &top, &bottom);
	int total = c.y, rows = c.rows, view = total > rows ? rows - 1 : rows;
	int want = ui->scroll;
	if (!ui->sess->pinned) {
		if (bottom - want > view)
			want = bottom - view;
		if (top < want)
			want = top;
	}
	if (total - want < rows && total > rows)
		want = total - rows;
	if (want < 0)
		want = 0;
	if (want != ui->scroll) {
		ui->scroll = want;
		erase();
		draw_question(ui, ui->scroll, &c, &top, &bottom);
	}
	ui_cv_more(ui, &c);
}

/* Saves the answer and goes on. */
static struct ui_nav save(struct ui *ui, const struct qn_question *qq, enum ans_kind k,
			  const struct qn_option *o, const char *note)
{
	struct itm_errors e = { 0 };
	if (ui_session_answer(ui, qq, k, o, note, &e)) {
		ui_fail(ui, _("The answer was not saved"), &e);
		return (struct ui_nav){ .go = UI_GO_STAY };
	}
	return advance(ui);
}

static void reason_done(struct ui *ui, const char *text)
{
	struct ui_session *s = ui->sess;
	if (!text) {
		ui_message(ui, true, _("Not saved: a lower answer than last time needs a reason."));
		s->pending_q = NULL;
		return;
	}
	if (!*text) {
		ui_prompt(ui, _("A short reason is needed (or cancel: the answer stays as it was):"), "", reason_done);
		return;
	}
	char *note = asmt_reason_note(&s->d, text);
	const struct qn_question *qq = s->pending_q;
	s->pending_q = NULL;
	ui->next = save(ui, qq, s->pending_kind, s->pending_opt, note);
	free(note);
}

static struct ui_nav answer(struct ui *ui, size_t choice)
{
	struct ui_session *s = ui->sess;
	const struct qn_question *qq = ui_session_question(ui);
	enum ans_kind k;
	const struct qn_option *o = NULL;
	if (choice < qq->n_options) {
		k = ANS_OPTION;
		o = &qq->options[choice];
	} else if (qq->allow_unknown && choice == qq->n_options) {
		k = ANS_UNKNOWN;
	} else if (choice < n_choices(qq)) {
		k = ANS_NA;
	} else {
		return (struct ui_nav){ .go = UI_GO_STAY };
	}
	s->sel = choice;
	const struct ans_answer *cur = ans_get(s->d.a.answers, qq);
	if (asmt_reason_needed(&s->d, qq, k, o)) {
		const struct ans_answer *p = ui_session_prev(ui, qq);
		s->pending_q = qq;
		s->pending_kind = k;
		s->pending_opt = o;
		char title[400], buf[200];
		snprintf(title, sizeof(title), _("Lower than on %s (%s). Why? The reason is kept as the note."),
			 s->d.prev.meta.taken, prev_text(p, buf, sizeof(buf)));
		ui_prompt(ui, title, "", reason_done);
		return (struct ui_nav){ .go = UI_GO_STAY };
	}
	return save(ui, qq, k, o, cur->note);
}

static void note_done(struct ui *ui, const char *text)
{
	if (!text)
		return;
	const struct qn_question *qq = ui_session_question(ui);
	const struct ans_answer *a = ans_get(ui->sess->d.a.answers, qq);
	struct itm_errors e = { 0 };
	if (ui_session_answer(ui, qq, a->kind, a->option, text, &e))
		ui_fail(ui, _("The note was not saved"), &e);
	else
		ui_message(ui, false, *text ? _("Note saved.") : _("Note removed."));
}

static struct ui_nav question_key(struct ui *ui, enum keys_action a, int key)
{
	struct ui_session *s = ui->sess;
	const struct qn_question *qq = ui_session_question(ui);
	size_t nc = n_choices(qq);
	switch (a) {
	case KA_UP:
		s->pinned = false;
		if (s->sel > 0)
			s->sel--;
		break;
	case KA_DOWN:
		s->pinned = false;
		if (s->sel + 1 < nc)
			s->sel++;
		break;
	case KA_SELECT:
		return answer(ui, s->sel);
	case KA_ANSWER:
		for (size_t i = 0; i < qq->n_options; i++)
			if (ui_option_digit(qq, i) == key - '0')
				return answer(ui, i);
		ui_message(ui, true, _("No option %c here."), key);
		break;
	case KA_UNKNOWN:
		if (qq->allow_unknown)
			return answer(ui, qq->n_options);
		ui_message(ui, true, _("This question has no \"don't know\"."));
		break;
	case KA_NA:
		if (qq->allow_na)
			return answer(ui, qq->n_options + (qq->allow_unknown ? 1 : 0));
		ui_message(ui, true, _("This question cannot be not applicable."));
		break;
	case KA_CLEAR: {
		struct itm_errors e = { 0 };
		if (ans_get(s->d.a.answers, qq)->kind == ANS_NONE)
			break;
		if (ui_session_clear(ui, qq, &e))
			ui_fail(ui, _("The answer was not cleared"), &e);
		else
			ui_message(ui, false, _("Answer cleared."));
		break;
	}
	case KA_NOTE: {
		const struct ans_answer *an = ans_get(s->d.a.answers, qq);
		if (an->kind == ANS_NONE)
			ui_message(ui, true, _("Answer first, then add a note."));
		else
			ui_prompt(ui, _("Note to this answer (empty: none):"), an->note, note_done);
		break;
	}
	case KA_QHELP:
		s->show_help = !s->show_help;
		s->pinned = s->show_help;  /* read the help from its top */
		ui->scroll = 0;
		break;
	default:
		return common_key(ui, a);
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

const struct ui_screen ui_question_screen = { "question", KS_QUESTION, question_draw, question_key };
