/* ui_review.c - the review page before completing: the unanswered and
 * don't-know questions that apply, each a jump away, and "complete". */
#include <stdlib.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

#include "ui_impl.h"

/* The review rows: questions to look at, then "complete". */
static size_t rows_of(const struct ui *ui, const struct qn_question **v)
{
	const struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < q->n_questions; i++) {
			enum ans_kind k = s->d.a.answers->v[i].kind;
			if (score_skipped_by(s->d.a.answers, q->questions[i]))
				continue;  /* does not apply (applies_if) */
			if ((pass == 0 && k == ANS_NONE) || (pass == 1 && k == ANS_UNKNOWN)) {
				if (v)
					v[n] = q->questions[i];
				n++;
			}
		}
	return n;
}

static void review_draw(struct ui *ui)
{
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	char *left = xasprintf("itmaturity %s %s %s %s", ui_sym(US_SEP), s->d.a.meta.org, ui_sym(US_SEP), q->title);
	/* TRANSLATORS: the review page's name, at the right of its title. */
	ui_title(ui, left, _("review"));
	free(left);
	const struct qn_question **v = xcalloc(q->n_questions + 1, sizeof(*v));
	size_t n = rows_of(ui, v), unanswered = 0, unknown = 0;
	for (size_t i = 0; i < n; i++)
		if (s->d.a.answers->v[v[i]->index].kind == ANS_NONE)
			unanswered++;
		else
			unknown++;
	if (s->review_sel > n)
		s->review_sel = n;
	size_t asked = ui_session_asked(ui, -1);
	char *sum = asked < q->n_questions
		? xasprintf(_("%zu questions: %zu answered (%zu of them \"don't know\"), %zu unanswered; %zu more do "
			      "not apply."), asked, asked - unanswered, unknown, unanswered, q->n_questions - asked)
		: xasprintf(_("%zu questions: %zu answered (%zu of them \"don't know\"), %zu unanswered."), asked,
			    asked - unanswered, unknown, unanswered);
	/* Scroll so that the highlighted row shows. */
	int rows = LINES - 4, head = 3;
	int sel_y = head + (int)s->review_sel + (s->review_sel >= unanswered && unanswered ? 2 : 0) +
		    (unanswered ? 1 : 0) + (s->review_sel >= unanswered && unknown ? 1 : 0) + 1;
	int scroll = sel_y >= rows ? sel_y - rows + 1 : 0;
	struct ui_canvas c;
	ui_cv_init(&c, 2, rows, 2, COLS - 4, scroll);
	ui_cv_text(ui, &c, 0, NULL, 0, _("Before you complete"), ui_attr(ui, UC_HEAD));
	ui_cv_text(ui, &c, 0, NULL, 0, sum, A_NORMAL);
	free(sum);
	ui_cv_line(&c);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && unanswered)
			ui_cv_text(ui, &c, 0, NULL, 0, _("Unanswered (they count at their lowest option; the score is provisional)"),
				ui_attr(ui, UC_WARN));
		if (i == unanswered) {
			if (unanswered)
				ui_cv_line(&c);
			ui_cv_text(ui, &c, 0, NULL, 0, _("Don't know (the band above the score; find out before the next assessment)"),
				ui_attr(ui, UC_WARN));
		}
		bool sel = i == s->review_sel;
		int row = ui_cv_line(&c);
		if (row < 0)
			continue;  /* off the screen: 10,000 rows are not formatted for 20 */
		if (sel) {
			attron(ui_attr(ui, UC_SELECT));
			mvhline(row, c.left, ' ', c.cols);
			attroff(ui_attr(ui, UC_SELECT));
		}
		/* TRANSLATORS: a domain's title, then a question's text. */
		char *t = xasprintf(_("%s: %s"), v[i]->domain->title, v[i]->text);
		ui_put(row, c.left, c.cols, sel ? ui_attr(ui, UC_SELECT) : A_NORMAL, sel ? ui_sym(US_POINTER) : " ");
		ui_put(row, c.left + 2, c.cols - 2, sel ? ui_attr(ui, UC_SELECT) : A_NORMAL, t);
		free(t);
	}
	if (n == 0)
		ui_cv_text(ui, &c, 0, NULL, 0, _("Every question has an answer."), ui_attr(ui, UC_GOOD));
	ui_cv_line(&c);
	bool sel = s->review_sel == n;
	char *pointer = xasprintf("%s ", sel ? ui_sym(US_POINTER) : " ");
	ui_cv_text(ui, &c, 0, pointer, sel ? ui_attr(ui, UC_SELECT) : A_NORMAL,
		_("Complete the assessment and see the results (c)"), sel ? ui_attr(ui, UC_SELECT) : ui_attr(ui, UC_KEY));
	free(pointer);
	free(v);
}

static void complete(struct ui *ui)
{
	struct itm_errors e = { 0 };
	if (ui_session_complete(ui, &e))
		ui_fail(ui, _("Not completed"), &e);
}

static struct ui_nav review_key(struct ui *ui, enum keys_action a, int key)
{
	(void)key;
	struct ui_session *s = ui->sess;
	const struct qn_questionnaire *q = s->d.a.q;
	size_t n = rows_of(ui, NULL);
	switch (a) {
	case KA_UP:
		if (s->review_sel > 0)
			s->review_sel--;
		break;
	case KA_DOWN:
		if (s->review_sel < n)
			s->review_sel++;
		break;
	case KA_SELECT:
		if (s->review_sel < n) {
			const struct qn_question **v = xcalloc(q->n_questions + 1, sizeof(*v));
			rows_of(ui, v);
			size_t target = v[s->review_sel]->index;
			free(v);
			for (size_t p = 0; p < s->n_pages; p++)
				if (s->pages[p].question == (long)target) {
					s->from_review = true;
					return (struct ui_nav){ .go = UI_GO_PAGE, .arg = (int64_t)p };
				}
			break;
		}
		complete(ui);
		break;
	case KA_COMPLETE:
		complete(ui);
		break;
	case KA_PREV:
		return (struct ui_nav){ .go = UI_GO_PAGE, .arg = (int64_t)s->n_pages - 1 };
	case KA_NEXT:
		ui_message(ui, false, _("This is the last page: c completes the assessment."));
		break;
	case KA_JUMP:
		return (struct ui_nav){ .go = UI_GO_JUMP };
	case KA_QUIT:
		return (struct ui_nav){ .go = UI_GO_QUIT };
	default:
		break;
	}
	return (struct ui_nav){ .go = UI_GO_STAY };
}

const struct ui_screen ui_review_screen = { "review", KS_REVIEW, review_draw, review_key };
