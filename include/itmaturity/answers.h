/* answers.h - one respondent's answers to a questionnaire, and the strict
 * loader and template writer for answers files (docs/answers-format.md).
 *
 * An answer set refers to its questionnaire (questions, options) without
 * owning it: the questionnaire must outlive the set. The set owns its
 * answer array and every note in it; ans_set_free frees them. */
#ifndef ITM_ANSWERS_H
#define ITM_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "itmaturity/error.h"
#include "itmaturity/questionnaire.h"

enum ans_kind {
	ANS_NONE,     /* not answered (yet) */
	ANS_OPTION,   /* one of the question's options */
	ANS_NA,       /* "not applicable" (only where qn_question.allow_na) */
	ANS_UNKNOWN,  /* "don't know" (only where qn_question.allow_unknown) */
};

struct ans_answer {
	enum ans_kind kind;
	const struct qn_option *option;  /* with ANS_OPTION, else NULL; points into the questionnaire */
	char *note;                      /* owned by the set, NULL when none */
};

struct ans_set {
	const struct qn_questionnaire *q;  /* not owned */
	struct ans_answer *v;  /* q->n_questions entries, indexed by qn_question.index */
};

/* A set for Q with every question unanswered. Free with ans_set_free. */
struct ans_set *ans_set_new(const struct qn_questionnaire *q);
void ans_set_free(struct ans_set *s);

/* Sets the answer to QQ (a question of s->q): KIND, with OPTION (one of
 * QQ's options) when KIND is ANS_OPTION and NULL otherwise. NOTE is copied
 * (NULL for none) and replaces the previous note. Passing a question or an
 * option of another questionnaire, an option without ANS_OPTION or n/a or
 * "don't know" where QQ does not allow it is a programming error (abort). */
void ans_set_put(struct ans_set *s, const struct qn_question *qq, enum ans_kind kind,
		 const struct qn_option *option, const char *note);

/* The answer to QQ in S. */
const struct ans_answer *ans_get(const struct ans_set *s, const struct qn_question *qq);

/* Parses one answer token for QQ, as typed by a respondent or written in an
 * answers file: an option's value (a number equal to the value of one of
 * QQ's options; only when PLAIN, i.e. not quoted), an option's key, "n/a",
 * "na" or "n-a" (where QQ allows not applicable), "unknown", "dont-know" or
 * "?" (where QQ allows don't know), or empty text (unanswered). Keys and
 * the reserved words are matched without regard to case. On success fills
 * OUT's kind and option (not its note) and returns NULL; on failure returns
 * a message that the caller frees and leaves OUT untouched. */
char *ans_parse_value(const struct qn_question *qq, const char *text, bool plain,
		      struct ans_answer *out);

/* Reads the "questionnaire:" id of the answers file PATH, so that the
 * caller can find the questionnaire before loading the answers. Returns a
 * newly allocated id (the caller frees it), or NULL after adding to ERRS
 * why it cannot be read. Other problems of the file are left for
 * ans_load_file to report. */
char *ans_peek_questionnaire(const char *path, struct itm_errors *errs);

/* Loads the answers file PATH against Q. Returns NULL and adds every
 * problem found to ERRS ("PATH:LINE:COL: message") when the file is
 * invalid, including when it names another questionnaire. Free the result
 * with ans_set_free. */
struct ans_set *ans_load_file(const char *path, const struct qn_questionnaire *q,
			      struct itm_errors *errs);
/* The same for a buffer; NAME stands for the file in messages. */
struct ans_set *ans_load_buffer(const char *name, const char *buf, size_t len,
				const struct qn_questionnaire *q, struct itm_errors *errs);

/* Writes an answers file for Q to OUT with every answer empty: each
 * question's text, options and allowed special answers as comments above
 * its key. Loading it gives a set with every question unanswered. Returns
 * 0, or -1 when writing failed (errno set). */
int ans_write_template(FILE *out, const struct qn_questionnaire *q);

/* The name of KIND: "none", "option", "n/a", "unknown". */
const char *ans_kind_name(enum ans_kind kind);
/* How an answer is shown to people, everywhere: its option's key, "n/a",
 * "don't know" or "unanswered", in English as JSON output writes them;
 * the words are marked for gettext, so text for a person is _(label). */
const char *ans_label(const struct ans_answer *a);
/* The same for a person: the words in the interface's language. */
const char *ans_shown(const struct ans_answer *a);

#endif
