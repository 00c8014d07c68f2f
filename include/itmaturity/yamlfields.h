/* yamlfields.h - typed, checked access to a YAML tree for the schema
 * loaders (questionnaires, answers files).
 *
 * Every function reports what is wrong as "PATH:LINE:COL: WHAT: message"
 * and returns NULL or false; strings it returns are copied into the
 * caller's arena, or are the tree's own when BORROW is set. WHAT names the
 * thing being read ("question 'x.y'"). */
#ifndef ITM_YAMLFIELDS_H
#define ITM_YAMLFIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "itmaturity/error.h"
#include "itmaturity/util.h"
#include "itmaturity/yamltree.h"

struct yf {
	const char *path;
	struct itm_errors *errs;
	struct arena *arena;
	/* Return the tree's own text where it needs no change, instead of a
	 * copy in ARENA: for a loader that keeps the tree's strings (yt_doc). */
	bool borrow;
};

struct yf_field {
	const char *name;
	bool required;
};

void yf_error(struct yf *f, const struct yt_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The printable text of KEY's scalar value in MAP, for naming the mapping in
 * messages before it is checked; NULL when there is none. */
const char *yf_name(const struct yt_node *map, const char *key, char buf[YT_SHOW_SIZE]);
/* Checks that NODE is a mapping whose keys are all among FIELDS and stores
 * each field's value node in OUT (NULL when absent). Unknown and missing
 * required keys are reported; returns false only when NODE is not a
 * mapping. The other functions here take a NULL node (a missing key) as a
 * failure already reported, and report nothing more. */
bool yf_map(struct yf *f, const struct yt_node *node, const char *what,
	    const struct yf_field *fields, size_t n, const struct yt_node **out);
/* Checks that NODE, the value of KEY, is a list with at least MIN items. */
bool yf_list(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	     size_t min);
/* A non-empty text value without NUL or control characters (newlines and
 * tabs are allowed). */
const char *yf_text(struct yf *f, const struct yt_node *node, const char *what, const char *key);
/* An id: 1-64 of [a-z0-9-], not starting with '-'. */
const char *yf_id(struct yf *f, const struct yt_node *node, const char *what, const char *key);
/* An option key: like an id, starting with a letter. */
const char *yf_key(struct yf *f, const struct yt_node *node, const char *what, const char *key);
/* A finite decimal number written as a plain scalar. */
bool yf_number(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	       double *out);
/* The range of every number a questionnaire holds, in which its
 * arithmetic stays exact to far better than a percent's last printed digit
 * (docs/questionnaire-format.md, "Numbers"): weights from YF_WEIGHT_MIN
 * to YF_WEIGHT_MAX, values (levels, options, thresholds, targets) from
 * -YF_VALUE_MAX to YF_VALUE_MAX. */
#define YF_WEIGHT_MIN 0.001
#define YF_WEIGHT_MAX 1000.0
#define YF_VALUE_MAX 1000000.0
/* A number from -YF_VALUE_MAX to YF_VALUE_MAX. */
bool yf_value(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	      double *out);
/* A number greater than zero, from YF_WEIGHT_MIN to YF_WEIGHT_MAX, under
 * key "weight". */
bool yf_weight(struct yf *f, const struct yt_node *node, const char *what, double *out);
bool yf_bool(struct yf *f, const struct yt_node *node, const char *what, const char *key,
	     bool *out);
/* Whether S (LEN bytes) is a decimal number as yf_number accepts it. */
bool yf_parse_number(const char *s, size_t len, double *out);

#endif
