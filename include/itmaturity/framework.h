/* framework.h - the catalogue of the frameworks a questionnaire's
 * references can name: CyberFundamentals (CyFun) 2023 at its BASIC
 * assurance level (CCB) and the five Cyber Essentials themes (NCSC,
 * v3.1); which references name one of their controls; and the words for
 * where an assessment stands against a control (docs/scoring.md,
 * "Frameworks"). A leaf: the questionnaire loader checks references with
 * it, the score module works out the statuses.
 *
 * Everything here is static data: nothing to free. */
#ifndef ITM_FRAMEWORK_H
#define ITM_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>

struct fw_control {
	const char *id;           /* as written after the framework's prefix: "PR.AC-3.2" */
	const char *title;        /* our own short paraphrase, not the owner's wording */
	bool key_measure;
};

struct fw_framework {
	const char *id;           /* "cyfun-basic", "cyber-essentials" */
	const char *title;
	const char *prefix;       /* a reference is PREFIX then a control's id */
	const struct fw_control *controls;  /* in the owner's order */
	size_t n_controls;
};

/* The frameworks, in the order the reports show them. */
enum { FW_CYFUN_BASIC, FW_CYBER_ESSENTIALS, FW_N_FRAMEWORKS };
extern const struct fw_framework fw_frameworks[FW_N_FRAMEWORKS];

/* Whether the reference REF names a control of the catalogue ("CyFun
 * PR.AC-3.2", "CE-firewalls"): then true, with *FW and *CONTROL its
 * indexes in fw_frameworks and its controls. Any other reference, a CyFun
 * id of a higher level included, gives false. */
bool fw_find(const char *ref, size_t *fw, size_t *control);
/* Whether REF is a valid reference: one that starts with "CyFun " must
 * have the CyFun id syntax (a function ID, PR, DE, RS or RC, '.', a
 * category of two capitals, '-', a number, and optionally '.' and a
 * number: "PR.AC-3.2", "PR.IP-4"); one that starts with "CE-" must be one
 * of the Cyber Essentials themes; other text is free. When it is not,
 * returns false with why in WHY (SIZE bytes, cut to fit). */
bool fw_ref_check(const char *ref, char *why, size_t size);

/* Where an assessment stands against one control. */
enum fw_status {
	FW_MET,          /* every referencing answer at or above its threshold */
	FW_PARTLY,       /* some, not all */
	FW_NOT_MET,      /* none */
	FW_UNKNOWN,      /* a "don't know" or an unanswered question among them */
	FW_NOT_COVERED,  /* no scored question references it */
	FW_N_STATUSES
};
/* "met", "partly", "not_met", "unknown", "not_covered" (JSON, CSV). */
const char *fw_status_name(enum fw_status s);
/* The same in words for people: "met", "partly met", "not met", ... */
const char *fw_status_words(enum fw_status s);

#endif
