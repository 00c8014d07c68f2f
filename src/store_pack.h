/* store_pack.h - the store's answer pack, private to the store and its
 * tests: a complete assessment's answers written as one value, which the
 * store keeps (table answer_pack) and reads back instead of a row an
 * answer. Pure functions: no SQLite, no files.
 *
 * The format: the number of answers (4 bytes, least significant first),
 * then a record an answer, in question order: a kind code of one byte ('o'
 * option, 'n' not applicable, 'u' unknown: the first letter of the kind's
 * name in the answer table) and three NUL-ended strings: the question ref,
 * the option key and the note, "" for none. A pack holds at most
 * 2^32 - 1 answers. */
#ifndef ITM_STORE_PACK_H
#define ITM_STORE_PACK_H

#include <stddef.h>

#include "itmaturity/store.h"

/* A string that need not end with a NUL: N bytes at S (S may be NULL when
 * N is 0: none). */
struct store_pack_text {
	const char *s;
	size_t n;
};

/* A pack being written: zero-initialised, then store_pack_add for each answer
 * and store_pack_finish (or store_pack_discard) once. */
struct store_pack_writer {
	char *buf;
	size_t len, cap;
	size_t count;
};

/* Appends one answer: the kind code KIND and its three strings. A code
 * that is not one of the three is written as it is, and refused when the
 * pack is read. */
void store_pack_add(struct store_pack_writer *w, char kind, struct store_pack_text question, struct store_pack_text option,
	      struct store_pack_text note);
/* The finished pack, its length in *LEN; the caller frees it. W is empty
 * again. */
char *store_pack_finish(struct store_pack_writer *w, size_t *len);
/* Frees an unfinished pack. */
void store_pack_discard(struct store_pack_writer *w);

/* The answers packed in the LEN bytes at BUF, in *V and *N as one
 * allocation that holds their strings too (store_answers_free frees it; *V
 * is NULL when there are none). Every byte is checked as it is read and
 * nothing past BUF + LEN is read. Returns 0, or -1 for a damaged pack, with
 * *V NULL, *N 0 and *BAD the number (from 1) of the answer where the damage
 * was found. */
int store_pack_read(const char *buf, size_t len, struct store_answer **v, size_t *n, size_t *bad);

#endif
