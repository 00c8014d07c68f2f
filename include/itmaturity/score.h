/* score.h - the weighted maturity model: pure functions from an answer set
 * to percentages, scale scores, levels, caps, target gaps and an
 * improvement roadmap. No I/O. The formulas are in docs/scoring.md.
 *
 * A result points into the questionnaire (questions, options, levels) and
 * must not outlive it; it does not point into the answer set. Everything
 * else in it is owned by the result and freed by score_free. */
#ifndef ITM_SCORE_H
#define ITM_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "itmaturity/answers.h"
#include "itmaturity/framework.h"
#include "itmaturity/questionnaire.h"

/* The score of a domain or of the whole assessment. */
struct score_summary {
	/* Whether there is a score at all: at least one scored question
	 * answered with an option or "don't know" (overall: at least one
	 * domain with a score). When false, the doubles below are NaN and the
	 * levels NULL. */
	bool scored;
	double percent;            /* 0-100 */
	double scale;              /* on the maturity scale: lowest + percent/100 * range */
	double percent_if_known;   /* the same with every "don't know" at its highest option */
	double scale_if_known;
	const struct qn_level *level_uncapped;  /* the level reached: qn_level_at_fraction(percent / 100) */
	const struct qn_level *level;           /* after the critical cap */
	/* The critical question answered below its threshold (or "don't
	 * know") with the lowest cap level (ties: the first in questionnaire
	 * order), and that level, its qn_question.cap; NULL when no critical
	 * answer is below its threshold. A domain takes the caps of its own
	 * questions, the overall level those of questions with caps_overall.
	 * The cap lowers the level only when it is below level_uncapped (then
	 * capped). */
	const struct qn_question *cap_question;
	const struct qn_level *cap_level;
	bool capped;
	/* The level once every "don't know" is known, at best: the level of
	 * percent_if_known, held only by the caps of answers given. Equal to
	 * level without "don't know". */
	const struct qn_level *level_if_known;
	/* Counts over every question (scored or not) of the domain or
	 * questionnaire; n_scored counts the scored ones. n_na counts the
	 * questions that do not apply too (applies_if), n_skipped only
	 * those; n_unknown_critical the critical questions answered "don't
	 * know" (overall: in every domain). */
	size_t n_questions, n_scored;
	size_t n_option, n_na, n_unknown, n_unanswered;
	size_t n_skipped, n_unknown_critical;
	/* A scored question is unanswered, or a critical one answered "don't
	 * know": the level may still change. */
	bool provisional;
};

struct score_domain {
	const struct qn_domain *domain;
	struct score_summary s;
	/* The target on the scale: the caller's override, else the domain's
	 * own; gap = target - s.scale (positive: below target, negative:
	 * above it). gap is NaN without a target or a score. */
	bool has_target;
	double target;
	double gap;
};

/* One step of the improvement roadmap: a scored question, not n/a, below
 * its highest option, moving one option up. */
struct score_step {
	const struct qn_question *question;
	enum ans_kind kind;            /* ANS_OPTION, ANS_UNKNOWN or ANS_NONE */
	bool find_out;                 /* "don't know" or unanswered: find the real answer first */
	const struct qn_option *from;  /* the current option (for find_out: the lowest) */
	const struct qn_option *to;    /* the next option up */
	const char *next_step;         /* from->next_step; NULL when the option has none */
	/* Percentage points the overall (domain_gain: the domain's) percentage
	 * rises by when the question moves from FROM to TO, with unanswered
	 * questions counted at their lowest option (exact when none is
	 * unanswered). */
	double gain;
	double domain_gain;
	/* When this answer caps its domain (critical, below the threshold):
	 * the cap level; else NULL. */
	const struct qn_level *cap_level;
};

struct score_result {
	const struct qn_questionnaire *q;
	struct score_summary overall;
	struct score_domain *domains;     /* q->n_domains, in questionnaire order */
	size_t n_domains;
	/* Capping steps first (lowest cap first), then by gain (highest
	 * first), then in questionnaire order. */
	struct score_step *roadmap;
	size_t n_roadmap;
	/* Questions in questionnaire order (scored or not): */
	const struct qn_question **unknown;     /* answered "don't know": to find out */
	size_t n_unknown;
	const struct qn_question **na;          /* answered "not applicable", or not applying
						 * (score_skipped_by) */
	size_t n_na;
	const struct qn_question **unanswered;
	size_t n_unanswered;
	const struct qn_question **scope_unsure;    /* scope answers with status unsure: ask the IT partner */
	size_t n_scope_unsure;
	const struct qn_question **scope_excluded;  /* scope answers with status excluded: risks to cover */
	size_t n_scope_excluded;
};

/* Scores SET. TARGETS, when not NULL, holds set->q->n_domains target
 * overrides in domain order, NaN meaning "no override". Free with
 * score_free. */
struct score_result *score_compute(const struct ans_set *set, const double *targets);
/* score_compute without the roadmap (N_ROADMAP 0): the figures a
 * comparison needs, in half the time. */
struct score_result *score_summary(const struct ans_set *set, const double *targets);
void score_free(struct score_result *r);

/* Why QQ does not apply in SET: the option its applies_if question is
 * answered with, which is not among the options it applies on; NULL when
 * QQ applies (no applies_if, or that question answered otherwise or not
 * with an option). A question that does not apply scores as "not
 * applicable", whatever answer SET holds for it (the answer is kept). */
const struct qn_option *score_skipped_by(const struct ans_set *set, const struct qn_question *qq);

/* The option of scored question QQ with the lowest value, and the one
 * just above VALUE (NULL at the top); they point into QQ. */
const struct qn_option *score_lowest_option(const struct qn_question *qq);
const struct qn_option *score_option_above(const struct qn_question *qq, double value);

/* QQ's answer in SET as scored: a "not applicable" answer (static, not to
 * be freed) when QQ does not apply, else ans_get(SET, QQ). */
const struct ans_answer *score_answer(const struct ans_set *set, const struct qn_question *qq);

/* VALUE on QQ's own option range: (VALUE - min) / (max - min), 0 to 1.
 * QQ must be scored. */
double score_norm(const struct qn_question *qq, double value);
/* Scale <-> percent, owned here: a 0-100 percentage on Q's scale is
 * lowest + percent/100 * (highest - lowest); score_on_scale takes the
 * fraction (0-1) instead; score_to_percent is the inverse (NaN for a scale
 * of one value). */
double score_to_scale(const struct qn_questionnaire *q, double percent);
double score_on_scale(const struct qn_questionnaire *q, double fraction);
double score_to_percent(const struct qn_questionnaire *q, double scale);
/* An answer to scored question QQ on Q's scale: its option's value,
 * normalised and put on the scale; NaN for any other answer or question. */
double score_answer_on_scale(const struct qn_questionnaire *q, const struct qn_question *qq,
			     const struct ans_answer *a);

/* Where an assessment stands against one control of a framework
 * (framework.h; the rules in docs/scoring.md, "Frameworks"). Its evidence
 * is the scored questions that reference it; an answer meets the control
 * at or above the question's threshold when the question is critical, else
 * at or above half of its range (the loader's default threshold). */
struct score_control {
	const struct fw_control *control;
	enum fw_status status;
	const struct qn_question **questions;  /* the evidence, in questionnaire order */
	size_t n_questions;
};
struct score_framework {
	const struct fw_framework *framework;
	struct score_control *controls;        /* key measures first, then the owner's order */
	size_t n_controls;
};
/* Every framework of the catalogue (FW_N_FRAMEWORKS, in its order) for
 * SET, or NULL when no scored question of its questionnaire references a
 * control of the catalogue (the reports then leave the section out). Free
 * with score_frameworks_free; it points into the questionnaire. */
struct score_framework *score_frameworks(const struct ans_set *set);
void score_frameworks_free(struct score_framework *v);

/* The one comparison of two assessments, A and B (B usually the later),
 * that the compare command, the wizard's compare screen and the results'
 * "since last time" all show. Questions are matched by ref, domains by
 * id. */
enum score_change {
	SCORE_SAME,
	SCORE_IMPROVED,       /* higher on the scale */
	SCORE_DECLINED,       /* lower on the scale */
	SCORE_NEWLY,          /* an option now, none before (n/a, don't know, unanswered) */
	SCORE_NO_LONGER,      /* an option before, none now */
	SCORE_CHANGED,        /* otherwise different: another option of equal value or
			       * of an unscored question, or n/a <-> don't know */
};
struct score_moved {
	const struct qn_question *qa, *qb;    /* the question in A and in B */
	enum score_change how;
	double va, vb;                        /* the answers on the scale (NaN: none) */
};
struct score_domain_change {
	const struct qn_domain *domain;       /* B's; A's for a domain only in A */
	const struct score_domain *a, *b;     /* NULL on the side that lacks it */
	double change;                        /* B - A in points; NaN unless both scored */
};
struct score_comparison {
	/* The same id and version, and the same text where both texts' hashes
	 * are known (snapshots); else OTHER_TEXT says that the same id and
	 * version came with different texts. */
	bool same_questionnaire;
	bool other_text;
	double overall_change;                /* NaN unless both have a score */
	struct score_domain_change *domains;  /* B's in order, then those only in A */
	size_t n_domains;
	struct score_moved *moved;            /* in both, answered differently; B's order */
	size_t n_moved;
	size_t n_same;                        /* in both, answered alike */
	const struct qn_question **added;     /* only in B's questionnaire */
	size_t n_added;
	const struct qn_question **removed;   /* only in A's */
	size_t n_removed;
	/* In both, two or more levels apart on the scale: the heaviest first,
	 * then the widest, then in B's order (the perception gap, when A and B
	 * are two respondents' views of one quarter). */
	struct score_moved *gaps;
	size_t n_gaps;
};
/* Compares the answers and scores of A (RA scored over them) and B. Free
 * with score_comparison_free; it points into both questionnaires. */
struct score_comparison *score_compare(const struct ans_set *a, const struct score_result *ra,
				       const struct ans_set *b, const struct score_result *rb);
void score_comparison_free(struct score_comparison *c);

#endif
