/* yamltree.h - a small, bounded YAML document tree with source positions.
 *
 * The only code that speaks libyaml. It reads one file (size-capped, regular
 * files only), parses exactly one document with libyaml's event API and
 * builds a tree of scalars, sequences and mappings, each with its 1-based
 * line and column. It refuses what a config file never needs and an attacker
 * would use: aliases, tags (!foo, !!str: a value means what it says),
 * nesting deeper than YT_MAX_DEPTH, values longer than
 * YT_MAX_SCALAR, more than YT_MAX_NODES nodes, more than one document,
 * non-scalar mapping keys and duplicate keys. The schema loaders
 * (questionnaire, answers) walk the tree through yamlfields. */
#ifndef ITM_YAMLTREE_H
#define ITM_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itmaturity/error.h"
#include "itmaturity/util.h"

enum {
	YT_MAX_FILE = 32 * 1024 * 1024,
	YT_MAX_SCALAR = 64 * 1024,
	YT_MAX_DEPTH = 32,
	YT_MAX_NODES = 4 * 1024 * 1024,
};

enum yt_type { YT_SCALAR, YT_SEQ, YT_MAP };

/* Kept small, because a large questionnaire has hundreds of thousands of
 * nodes (see docs/performance.md for the sizes measured). Read
 * str and len of scalars only, first and n of sequences and mappings only:
 * a collection's children are an array, FIRST[0] to FIRST[N - 1], which
 * for a mapping alternates key and value. */
struct yt_node {
	union {
		const char *str;        /* scalar text, NUL-terminated (may hold NULs) */
		struct yt_node *first;  /* the children */
	};
	union {
		uint32_t len;           /* scalar length in bytes */
		uint32_t n;             /* sequence items, or mapping keys + values */
	};
	unsigned type : 2;       /* enum yt_type */
	unsigned plain : 1;      /* scalar written without quotes or block style */
	unsigned line : 29;      /* 1-based */
	unsigned col;            /* 1-based */
};

/* Bounds for one parse; yt_parse uses the YT_MAX_* values. */
struct yt_limits {
	size_t max_scalar;
	size_t max_nodes;
	int max_depth;           /* at most YT_MAX_DEPTH */
};

struct yt_doc {
	struct yt_node *root;    /* NULL when the file could not be parsed */
	struct arena arena;      /* owns every node */
	struct arena strings;    /* owns every scalar's text; equal short texts are
				  * stored once. A loader may take it over to keep
				  * the texts after yt_free (zero it in DOC). */
};

/* Reads PATH into a new buffer (the caller frees *buf). Refuses anything
 * that is not a regular file or is larger than YT_MAX_FILE. The buffer ends
 * with a NUL after its LEN bytes. On failure sets *buf to NULL, adds an
 * error naming PATH and returns false. */
bool yt_read_file(const char *path, char **buf, size_t *len, struct itm_errors *errs);
/* The same with a size limit of MAX bytes. */
bool yt_read_file_max(const char *path, size_t max, char **buf, size_t *len,
		      struct itm_errors *errs);

/* Parses BUF (LEN bytes) into DOC. PATH only names the input in errors.
 * Returns true when a tree was built; errors found on the way (duplicate
 * keys, for example) may still have been added. Free DOC with yt_free. */
bool yt_parse(const char *path, const char *buf, size_t len, struct yt_doc *doc,
	      struct itm_errors *errs);
/* The same within LIM. */
bool yt_parse_limits(const char *path, const char *buf, size_t len, const struct yt_limits *lim,
		     struct yt_doc *doc, struct itm_errors *errs);
void yt_free(struct yt_doc *doc);

/* A plain scalar that YAML reads as null: empty, "~", "null", "Null" or "NULL". */
bool yt_is_null(const struct yt_node *n);
/* Human name of the node's type, for "expected X, found Y" messages. */
const char *yt_type_name(const struct yt_node *n);
/* A short, printable rendering of a scalar for messages: at most 40
 * characters, control characters replaced by '?'. Returns BUF. */
enum { YT_SHOW_SIZE = 64 };
const char *yt_show(const struct yt_node *n, char buf[YT_SHOW_SIZE]);

/* Reads, without building a tree, the plain values of KEYS among the first
 * keys of the mapping at the top of the file PATH (up to the first value
 * that is not a scalar, or 64 keys, within the file's first 16 KiB; a
 * regular file only): VALUES[i] is KEYS[i]'s (the caller frees), or NULL.
 * Returns how many were found; nothing is reported. For a glance at a file
 * that is read whole, and checked, only when it is used. */
size_t yt_peek(const char *path, const char *const *keys, size_t n, char **values);

#endif
