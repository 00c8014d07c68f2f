/* assessment_impl.h - what the assessment layer's files share. Private to
 * src/assessment*.c. */
#ifndef ITM_ASSESSMENT_IMPL_H
#define ITM_ASSESSMENT_IMPL_H

#include "itmaturity/answers.h"
#include "itmaturity/store.h"

/* An answer's kind as the store keeps it, and back. */
static inline enum store_answer_kind asmt_store_kind(enum ans_kind k)
{
	return k == ANS_NA ? STORE_NA : k == ANS_UNKNOWN ? STORE_UNKNOWN : STORE_OPTION;
}

static inline enum ans_kind asmt_ans_kind(enum store_answer_kind k)
{
	return k == STORE_NA ? ANS_NA : k == STORE_UNKNOWN ? ANS_UNKNOWN : ANS_OPTION;
}

#endif
