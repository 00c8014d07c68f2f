/* ui_session.c - the draft being answered in the wizard: started or
 * resumed through the store, every answer saved the moment it is given,
 * completed with the score module's figures. No curses here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/score.h"
#include "itmaturity/store.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

int64_t ui_prev_complete(struct store *s, const struct store_assessment *m)
{
	struct store_filter f = { .org_id = m->org_id, .status = STORE_COMPLETE };
	struct store_assessment *v;
	size_t n;
	if (store_assessment_list(s, &f, &v, &n))
		return 0;
	int64_t prev = 0;
	/* Newest first: the first one taken before M (or on its day, earlier). */
	for (size_t i = 0; i < n && !prev; i++) {
		int c = strcmp(v[i].taken, m->taken);
		if (v[i].id != m->id && (c < 0 || (c == 0 && v[i].id < m->id)))
			prev = v[i].id;
	}
	store_assessments_free(v, n);
	return prev;
}

static void make_pages(struct ui_session *s)
{
	const struct qn_questionnaire *q = s->a.q;
	s->pages = xcalloc(q->n_domains + q->n_questions + 1, sizeof(*s->pages));
	size_t n = 0;
	for (size_t d = 0; d < q->n_domains; d++) {
		s->pages[n++] = (struct ui_page){ (int)d, -1 };
		for (size_t k = 0; k < q->domains[d].n_questions; k++)
			s->pages[n++] = (struct ui_page){ (int)d, (long)q->domains[d].questions[k].index };
	}
	s->n_pages = n;
}

int ui_session_resume(struct ui *ui, int64_t id)
{
	ui_session_close(ui);
	struct ui_session *s = xcalloc(1, sizeof(*s));
	if (cli_load_assessment(ui->store, &ui->qc, id, CLI_SUMMARY, &s->a) != EXIT_OK) {
		free(s);
		return -1;
	}
	s->targets = cli_targets(ui->store, s->a.meta.org_id, s->a.q);
	int64_t prev = ui_prev_complete(ui->store, &s->a.meta);
	if (prev && cli_load_assessment(ui->store, &ui->qc, prev, CLI_SUMMARY, &s->prev) == EXIT_OK)
		s->has_prev = true;
	make_pages(s);
	/* A new draft starts at the first intro; a resumed one at its first
	 * unanswered question (the review page when there is none). */
	ui->sess = s;
	s->page = 0;
	for (size_t p = 0; ui_session_answered(ui, -1) && p <= s->n_pages; p++) {
		s->page = p;
		if (p == s->n_pages)
			break;
		if (s->pages[p].question >= 0 && s->a.answers->v[s->pages[p].question].kind == ANS_NONE)
			break;
	}
	ui_session_goto(ui, s->page);
	return 0;
}

int ui_session_new(struct ui *ui, int64_t org_id, const char *respondent, const char *role,
		   const char *qn_path)
{
	struct itm_errors e = { 0 };
	struct qn_questionnaire *q = qn_load_file(qn_path, QN_SOURCE, &e);
	if (!q) {
		errs_print(stderr, &e);
		errs_free(&e);
		return -1;
	}
	errs_free(&e);
	char today[11];
	date_today(today);
	struct store_new in = {
		.org_id = org_id, .respondent = respondent, .role = role, .taken = today,
		.qn_id = q->id, .qn_version = q->version, .source = q->source, .source_len = q->source_len,
		.hash = qn_hash(q),
	};
	int64_t id;
	int rc = store_draft_new(ui->store, &in, &id);
	if (rc)
		cli_fail(EXIT_FAIL, "%s: %s", store_path(ui->store), store_errmsg(ui->store));
	else
		cli_qcache_add(&ui->qc, q);  /* the draft's questionnaire: not loaded again */
	qn_free(q);
	return rc ? -1 : ui_session_resume(ui, id);
}

void ui_session_close(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	if (!s)
		return;
	cli_assessment_free(&s->a);
	if (s->has_prev)
		cli_assessment_free(&s->prev);
	free(s->targets);
	free(s->pages);
	free(s);
	ui->sess = NULL;
}

int ui_session_answer(struct ui *ui, const struct qn_question *qq, enum ans_kind kind,
		      const struct qn_option *opt, const char *note)
{
	struct ui_session *s = ui->sess;
	struct store_answer sa = {
		.question = (char *)qq->ref,
		.kind = kind == ANS_NA ? STORE_NA : kind == ANS_UNKNOWN ? STORE_UNKNOWN : STORE_OPTION,
		.option = opt ? (char *)opt->key : NULL,
		.note = note && *note ? (char *)note : NULL,
	};
	if (store_answer_put(ui->store, s->a.meta.id, &sa)) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(ui->store), store_errmsg(ui->store));
		return -1;
	}
	ans_set_put(s->a.answers, qq, kind, opt, sa.note);
	return 0;
}

int ui_session_clear(struct ui *ui, const struct qn_question *qq)
{
	struct ui_session *s = ui->sess;
	if (store_answer_clear(ui->store, s->a.meta.id, qq->ref)) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(ui->store), store_errmsg(ui->store));
		return -1;
	}
	ans_set_put(s->a.answers, qq, ANS_NONE, NULL, NULL);
	return 0;
}

int ui_session_complete(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	struct score_result *r = score_compute(s->a.answers, s->targets);
	struct cli_cached c;
	cli_cache_of(r, &c);
	int64_t id = s->a.meta.id;
	int rc = store_complete(ui->store, id, &c.sc);
	cli_cache_free(&c);
	if (rc) {
		cli_fail(EXIT_FAIL, "%s: %s", store_path(ui->store), store_errmsg(ui->store));
		score_free(r);
		return -1;
	}
	/* The results are the session's assessment, now scored, and the
	 * previous one it showed: loading them again would take longer than
	 * the rest at 10,000 questions. */
	struct store_assessment m;
	if (store_assessment_get(ui->store, id, &m) != 0) {
		score_free(r);
		ui_session_close(ui);
		ui_results_open(ui, id);  /* says why it cannot */
		return 0;
	}
	ui->pack = id;  /* after the results are drawn: not on this key's time */
	store_assessment_free(&s->a.meta);
	s->a.meta = m;
	score_free(s->a.score);
	s->a.score = r;
	ui_results_show(ui, &s->a, s->has_prev ? &s->prev : NULL);
	s->has_prev = false;
	ui_session_close(ui);
	return 0;
}

const struct ans_answer *ui_session_prev(const struct ui *ui, const struct qn_question *qq)
{
	const struct ui_session *s = ui->sess;
	if (!s || !s->has_prev)
		return NULL;
	const struct qn_question *pq = qn_find_question(s->prev.q, qq->ref);
	if (!pq)
		return NULL;
	const struct ans_answer *a = ans_get(s->prev.answers, pq);
	return a->kind == ANS_NONE ? NULL : a;
}

size_t ui_session_answered(const struct ui *ui, int d)
{
	const struct ui_session *s = ui->sess;
	size_t n = 0;
	for (size_t i = 0; i < s->a.q->n_questions; i++)
		if ((d < 0 || (size_t)d == s->a.q->questions[i]->domain->index) &&
		    s->a.answers->v[i].kind != ANS_NONE)
			n++;
	return n;
}

const struct qn_question *ui_session_question(const struct ui *ui)
{
	const struct ui_session *s = ui->sess;
	if (!s || s->page >= s->n_pages || s->pages[s->page].question < 0)
		return NULL;
	return s->a.q->questions[s->pages[s->page].question];
}

void ui_session_goto(struct ui *ui, size_t page)
{
	struct ui_session *s = ui->sess;
	s->page = page < s->n_pages ? page : s->n_pages;
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
	const struct ans_answer *a = ans_get(s->a.answers, qq);
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
