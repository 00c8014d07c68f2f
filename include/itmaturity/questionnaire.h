/* questionnaire.h - the questionnaire model, its strict YAML loader and the
 * catalogue of installed questionnaires.
 *
 * A loaded questionnaire is immutable: every string and array in it belongs
 * to the questionnaire and is freed by qn_free. The format is documented in
 * docs/questionnaire-format.md. */
#ifndef ITM_QUESTIONNAIRE_H
#define ITM_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "itmaturity/error.h"
#include "itmaturity/util.h"

enum qn_kind { QN_LEVEL, QN_SCOPE };

/* What a scope-check answer means for the support contract. */
enum qn_status { QN_STATUS_NONE, QN_INCLUDED, QN_EXCLUDED, QN_NOT_NEEDED, QN_UNSURE };

struct qn_option {
	const char *key;
	bool has_value;
	double value;
	const char *description;
	const char *next_step;      /* NULL when none */
	enum qn_status status;      /* QN_STATUS_NONE on level questions */
};

/* What a question tells the reports besides its score; at most one question
 * of a questionnaire has each. QN_REACTIVE: how much IT work is planned
 * rather than firefighting (the lowest option all firefighting, the
 * highest all planned). */
enum qn_indicator { QN_INDICATOR_NONE, QN_REACTIVE, QN_N_INDICATORS };

struct qn_domain;
struct qn_level;

/* applies_if: the question applies only while QUESTION (an earlier one,
 * without applies_if of its own) is answered with one of OPTIONS, or not
 * answered with an option at all. */
struct qn_applies {
	const struct qn_question *question;
	const struct qn_option **options;
	size_t n_options;
};

/* The size of an organisation, by the people it employs: a questionnaire
 * may give a domain a target per size (docs/questionnaire-format.md). */
enum qn_size { QN_MICRO, QN_SMALL, QN_MEDIUM, QN_N_SIZES };
/* The size's key ("micro", "small", "medium"); static. */
const char *qn_size_name(enum qn_size size);
/* The size as a person reads it, in the language of the messages. */
const char *qn_size_title(enum qn_size size);
/* Its people range ("fewer than 10 people", ...), in the language of the
 * messages; static. */
const char *qn_size_people(enum qn_size size);
/* The size whose key is S: true and *OUT set, or false. */
bool qn_size_parse(const char *s, enum qn_size *out);

struct qn_question {
	const char *id;             /* unique in the questionnaire */
	const char *ref;            /* "DOMAIN.QUESTION", used in answers files */
	const char *text;
	const char *help;
	enum qn_kind kind;
	double weight;
	bool scored;
	bool critical;
	double threshold;           /* with critical: answers below it cap */
	const struct qn_level *cap; /* with critical: the level a domain is held at by an
				     * answer below the threshold (`cap:`, else the highest
				     * level below the threshold); NULL otherwise */
	bool caps_overall;          /* with critical: the cap holds the overall level too */
	struct qn_applies applies_if; /* question NULL: the question always applies */
	bool allow_na;
	bool allow_unknown;
	enum qn_indicator indicator; /* QN_INDICATOR_NONE when none */
	const char **refs;          /* framework references */
	size_t n_refs;
	struct qn_option *options;  /* in file order */
	size_t n_options;
	double min_value, max_value; /* over the options, when scored */
	const struct qn_domain *domain;
	size_t index;               /* position in qn_questionnaire.questions */
	unsigned line, col;         /* where it starts in the file */
};

struct qn_domain {
	const char *id;
	const char *title;
	const char *description;
	const char *why;            /* NULL when none */
	double weight;
	bool has_target;
	double target;              /* the fallback for a size without one */
	bool has_size_target[QN_N_SIZES];
	double size_target[QN_N_SIZES]; /* `targets:`, by enum qn_size */
	struct qn_question *questions;
	size_t n_questions;
	size_t index;
};

struct qn_level {
	double value;
	const char *name;
	const char *meaning;
	const char *verdict;        /* the reports' sentence for it: on every level, or NULL on all */
};

struct qn_questionnaire {
	const char *path;           /* as given to the loader */
	const char *id;
	const char *title;
	const char *version;
	const char *language;
	bool translated;            /* its texts are a translation's (qn_translate) */
	const char *description;
	unsigned minutes;           /* 0 when not given */
	struct qn_level *scale;     /* values strictly increasing */
	size_t n_scale;
	struct qn_domain *domains;
	size_t n_domains;
	const struct qn_question **questions; /* every question, in file order */
	size_t n_questions;
	/* The question that has each indicator, or NULL ([0] is unused). */
	const struct qn_question *indicators[QN_N_INDICATORS];
	const struct qn_question **by_ref;    /* hash table by ref (qn_find_question) */
	size_t n_slots;             /* of by_ref: a power of two */
	char *source;               /* the file's bytes, as loaded (owned) */
	size_t source_len;
	char hash[65];              /* SHA-256 of source, once qn_hash asked */
	unsigned refs;              /* holders: qn_ref adds one, qn_free drops one */
	struct arena arena;         /* owns everything above but source ... */
	struct arena strings;       /* ... and the texts, kept from the YAML tree */
};

/* What a loaded questionnaire keeps of its file: its text as SOURCE (to
 * store it with an assessment, or hash it), or nothing (SOURCE NULL, for
 * questionnaires that are only read: the text is freed as soon as it is
 * parsed, which lowers the peak memory by the file's size). */
enum qn_keep { QN_SOURCE, QN_NO_SOURCE };
/* Loads and validates a questionnaire. Returns NULL and adds every problem
 * found to ERRS when the file is invalid. Free the result with qn_free. */
struct qn_questionnaire *qn_load_file(const char *path, enum qn_keep keep, struct itm_errors *errs);
/* The same for a buffer; NAME stands for the file in messages. The source
 * kept is a copy of BUF. */
struct qn_questionnaire *qn_load_buffer(const char *name, const char *buf, size_t len,
					enum qn_keep keep, struct itm_errors *errs);
/* The same for BUF (malloc'd, LEN bytes and a NUL), which is kept as the
 * source instead of a copy, or freed (always freed when the load fails). */
struct qn_questionnaire *qn_load_take(const char *name, char *buf, size_t len, enum qn_keep keep,
				      struct itm_errors *errs);
/* A questionnaire is never changed once loaded, so holders can share it:
 * qn_ref returns Q with one more holder, qn_free drops one and frees Q
 * with the last. */
struct qn_questionnaire *qn_ref(struct qn_questionnaire *q);
void qn_free(struct qn_questionnaire *q);
/* The SHA-256 of Q's source in hex, as the store names snapshots: worked
 * out on the first call (costly for the largest questionnaires, see
 * docs/performance.md) and kept; "" without a source. */
const char *qn_hash(struct qn_questionnaire *q);

/* Translations (docs/questionnaire-format.md, "Translations"): a file
 * with the same ids, option keys and scale values as the questionnaire,
 * and its texts in another language. The loaders above give every
 * questionnaire the texts of the language set here, process-wide (NULL or
 * "en": the file's own), when a translation into it is found: FILE.LANG.yaml
 * beside the questionnaire's file, else ID.LANG.yaml in a catalogue folder.
 * A translation whose structure differs fails the load, with FILE:LINE:COL. */
void qn_set_language(const char *lang);
const char *qn_language(void);
/* Puts the texts of the translation file PATH into Q, just loaded and not
 * shared yet: 0, or -1 with every problem added to ERRS (Q is then only
 * partly translated: free it). */
int qn_translate(struct qn_questionnaire *q, const char *path, struct itm_errors *errs);
/* Finds Q's translation into LANG and applies it: 0, 1 when there is none
 * for Q's id and version (Q unchanged), -1 as qn_translate. */
int qn_translate_to(struct qn_questionnaire *q, const char *lang, struct itm_errors *errs);
/* Whether NAME is named like a translation, NAME.LL.yaml (LL a language
 * the tool has other than English: i18n_langs); *BASE, when BASE is given,
 * is then the base file's name (caller frees). */
bool qn_translation_name(const char *name, char **base);
/* Whether PATH is a translation: named so, beside its questionnaire's
 * file (a lone sme.nl.yaml is a questionnaire of its own). */
bool qn_is_translation(const char *path);
/* The questionnaire beside the translation file PATH (NAME.LL.yaml beside
 * NAME.yaml) with PATH's texts, or NULL with every problem of either added
 * to ERRS: how 'validate' checks a translation. */
struct qn_questionnaire *qn_load_translation(const char *path, struct itm_errors *errs);

/* The question named "DOMAIN.QUESTION", or NULL. */
const struct qn_question *qn_find_question(const struct qn_questionnaire *q, const char *ref);
/* The option with KEY, or NULL. */
const struct qn_option *qn_find_option(const struct qn_question *qq, const char *key);
/* The highest scale level whose value is at most VALUE (the lowest level
 * when VALUE is below the scale or NaN). A value short of a level by at
 * most a billionth of the scale's range (rounding) reaches it. */
const struct qn_level *qn_level_at(const struct qn_questionnaire *q, double value);
/* The same for the point FRACTION (0 to 1) of the way from the lowest
 * level to the highest: what scores are, before they are put on the scale
 * (exact whatever the scale's magnitude). */
const struct qn_level *qn_level_at_fraction(const struct qn_questionnaire *q, double fraction);
const char *qn_kind_name(enum qn_kind k);
const char *qn_status_name(enum qn_status s);
/* "reactive", or NULL for QN_INDICATOR_NONE. */
const char *qn_indicator_name(enum qn_indicator i);

/* The catalogue: questionnaires found in ./questionnaires,
 * $XDG_DATA_HOME/itmaturity/questionnaires (~/.local/share/... when unset)
 * and the installed share folder, in that order. */
struct qn_entry {
	char *path;
	char *id, *version, *title;  /* NULL when the file is invalid */
	size_t n_domains, n_questions;
	unsigned minutes;
};

/* Fills *DIRS with the search folders (caller frees with qn_dirs_free). */
size_t qn_dirs(char ***dirs);
void qn_dirs_free(char **dirs, size_t n);
/* Lists every *.yaml and *.yml file of the search folders, sorted by
 * folder then name. Invalid files are listed with id NULL and their errors
 * added to ERRS. Free with qn_catalog_free. */
size_t qn_catalog(struct qn_entry **out, struct itm_errors *errs);
void qn_catalog_free(struct qn_entry *v, size_t n);
/* Loads ARG: a file when it names one (contains '/' or ends in .yaml or
 * .yml), else the first questionnaire in the catalogue whose id is ARG. */
struct qn_questionnaire *qn_resolve(const char *arg, struct itm_errors *errs);

#endif
