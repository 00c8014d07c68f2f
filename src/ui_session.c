/* ui_session.c - the draft being answered in the wizard, as pages: an
 * intro per domain, a page per question, the review page. The draft
 * itself (saving, completing, the previous assessment) is the assessment
 * layer's asmt_draft. Draws nothing. */
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

static void make_pages(struct ui_session *s)
{
	const struct qn_questionnaire *q = s->d.a.q;
	s->pages = xcalloc(q->n_domains + q->n_questions + 1, sizeof(*s->pages));
	size_t n = 0;
	for (size_t d = 0; d < q->n_domains; d++) {
		s->pages[n++] = (struct ui_page){ (int)d, -1 };
		for (size_t k = 0; k < q->domains[d].n_questions; k++)
			s->pages[n++] = (struct ui_page){ (int)d, (long)q->domains[d].questions[k].index };
	}
	s->n_pages = n;
}

/* Whether PAGE is a question that does not apply (applies_if): the wizard
 * passes it by, its answer kept. */
static bool skipped(const struct ui_session *s, size_t page)
{
	long qi = page < s->n_pages ? s->pages[page].question : -1;
	return qi >= 0 && score_skipped_by(s->d.a.answers, s->d.a.q->questions[qi]);
}

int ui_session_resume(struct ui *ui, int64_t id, struct itm_errors *e)
{
	ui_session_close(ui);
	struct ui_session *s = xcalloc(1, sizeof(*s));
	if (asmt_draft_open(&ui->ctx, id, &s->d, e) != ITM_OK) {
		free(s);
		return -1;
	}
	make_pages(s);
	char today[11];
	date_today(today);
	struct itm_errors pe = { 0 };
	if (plan_list(&ui->ctx, s->d.a.meta.org_id, 0, today, &s->plan, &pe) != ITM_OK)
		ui_fail(ui, _("The plan's actions cannot be shown"), &pe);
	/* A new draft starts at the first intro; a resumed one at its first
	 * unanswered question (the review page when there is none). */
	ui->sess = s;
	s->page = 0;
	for (size_t p = 0; ui_session_answered(ui, -1) && p <= s->n_pages; p++) {
		s->page = p;
		if (p == s->n_pages)
			break;
		if (s->pages[p].question >= 0 && s->d.a.answers->v[s->pages[p].question].kind == ANS_NONE &&
		    !skipped(s, p))
			break;
	}
	return 0;  /* the caller asks for that page (UI_GO_PAGE) */
}

int ui_session_new(struct ui *ui, int64_t org_id, const char *respondent, const char *role,
		   const char *qn_path, struct itm_errors *e)
{
	int64_t id;
	if (asmt_draft_new(&ui->ctx, org_id, respondent, role, qn_path, &id, e) != ITM_OK)
		return -1;
	return ui_session_resume(ui, id, e);
}

void ui_session_close(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	if (!s)
		return;
	asmt_draft_free(&s->d);
	plan_list_free(&s->plan);
	free(s->pages);
	free(s);
	ui->sess = NULL;
}

int ui_session_answer(struct ui *ui, const struct qn_question *qq, enum ans_kind kind,
		      const struct qn_option *opt, const char *note, struct itm_errors *e)
{
	return asmt_draft_answer(&ui->ctx, &ui->sess->d, qq, kind, opt, note, e) ? -1 : 0;
}

int ui_session_clear(struct ui *ui, const struct qn_question *qq, struct itm_errors *e)
{
	return asmt_draft_clear(&ui->ctx, &ui->sess->d, qq, e) ? -1 : 0;
}

int ui_session_complete(struct ui *ui, struct itm_errors *e)
{
	struct ui_session *s = ui->sess;
	if (asmt_draft_complete(&ui->ctx, &s->d, e) != ITM_OK)
		return -1;
	/* The results are the session's assessment, now scored, and the
	 * previous one it showed: loading them again would take longer than
	 * the rest for the largest questionnaires. */
	ui->pack = s->d.a.meta.id;  /* after the results are drawn: not on this key's time */
	ui_results_show(ui, &s->d.a, s->d.has_prev ? &s->d.prev : NULL);
	s->d.has_prev = false;
	ui_session_close(ui);
	return 0;
}

const struct ans_answer *ui_session_prev(const struct ui *ui, const struct qn_question *qq)
{
	return ui->sess ? asmt_draft_prev(&ui->sess->d, qq) : NULL;
}

size_t ui_session_answered(const struct ui *ui, int d)
{
	return asmt_draft_answered(&ui->sess->d, d);
}

size_t ui_session_asked(const struct ui *ui, int d)
{
	return asmt_draft_asked(&ui->sess->d, d);
}

const struct qn_question *ui_session_question(const struct ui *ui)
{
	const struct ui_session *s = ui->sess;
	if (!s || s->page >= s->n_pages || s->pages[s->page].question < 0)
		return NULL;
	return s->d.a.q->questions[s->pages[s->page].question];
}

void ui_session_goto(struct ui *ui, size_t page)
{
	struct ui_session *s = ui->sess;
	page = page < s->n_pages ? page : s->n_pages;
	/* Onwards past the questions that do not apply, the way it was going. */
	bool back = page < s->page;
	while (skipped(s, page))
		page = back && page > 0 ? page - 1 : page + 1;
	s->page = page;
	s->show_help = false;
	s->pinned = false;
	ui->scroll = 0;
	if (s->page == s->n_pages) {
		s->review_sel = 0;
		ui->screen = &ui_review_screen;
		return;
	}
	const struct qn_question *qq = ui_session_question(ui);
	if (!qq) {
		ui->screen = &ui_intro_screen;
		return;
	}
	ui->screen = &ui_question_screen;
	/* Highlight the answer given, else last time's, else the first option. */
	const struct ans_answer *a = ans_get(s->d.a.answers, qq);
	const struct ans_answer *p = ui_session_prev(ui, qq);
	const struct ans_answer *h = a->kind != ANS_NONE ? a : p;
	s->sel = 0;
	if (h && h->kind == ANS_OPTION) {
		for (size_t i = 0; i < qq->n_options; i++)
			if (strcmp(qq->options[i].key, h->option->key) == 0)
				s->sel = i;
	} else if (h && h->kind == ANS_UNKNOWN && qq->allow_unknown) {
		s->sel = qq->n_options;
	} else if (h && h->kind == ANS_NA && qq->allow_na) {
		s->sel = qq->n_options + (qq->allow_unknown ? 1 : 0);
	}
}
