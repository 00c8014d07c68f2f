/* qn_impl.h - what the questionnaire loader's files share: the keys that
 * tie a critical question to the scale or a question to an earlier one
 * (qn_scoring.c), read by questionnaire.c. Not installed. */
#ifndef ITM_QN_IMPL_H
#define ITM_QN_IMPL_H

#include "itmaturity/questionnaire.h"
#include "itmaturity/yamlfields.h"

/* Reads CAPS_OVERALL and CAP (either NULL when absent) of the question QQ
 * (named WHAT) and sets qq->cap: CAP's level, else the highest level of
 * Q's scale below the threshold. OK: the options and the threshold are
 * valid; SCALE_OK: Q's scale is. */
void qn_load_cap(struct yf *f, const struct qn_questionnaire *q, struct qn_question *qq,
		 const struct yt_node *cap, const struct yt_node *caps_overall, const char *what,
		 bool ok, bool scale_ok);
/* Reads the applies_if mapping NODE of QQ into qq->applies_if, once every
 * question of Q is indexed (qn_find_question). */
void qn_load_applies(struct yf *f, const struct qn_questionnaire *q, struct qn_question *qq,
		     const struct yt_node *node);

/* Q in the language set by qn_set_language (qn_translate.c), or NULL,
 * with Q freed, when its translation is invalid. */
struct qn_questionnaire *qn_localized(struct qn_questionnaire *q, struct itm_errors *errs);

/* For the catalogue: the questionnaire at PATH with its own texts, but for
 * the title of its translation into the language set, glanced at
 * (yt_peek) rather than loaded, which would take longer than the file
 * itself: a translation is checked when its questionnaire is loaded to be
 * used. NULL when the file is invalid. */
struct qn_questionnaire *qn_load_listed(const char *path, struct itm_errors *errs);

#endif
