/* store_impl.h - private to the store's files: store.c (the connection,
 * errors, statements, transactions, the schema and its upgrades),
 * store_readonly.c (opening to read only), store_org.c and
 * store_assessment.c, store_plan.c (the queries), store_schema.c (the
 * schema and its upgrades). With them, the only place that
 * includes sqlite3.h. */
#ifndef ITM_STORE_IMPL_H
#define ITM_STORE_IMPL_H

#include <math.h>
#include <stdio.h>
#include <sqlite3.h>

#include "itmaturity/store.h"
#include "itmaturity/util.h"

struct store {
	sqlite3 *db;
	char *path;
	char *err;
	char *backup;
	bool read_only;
	int depth;              /* open transactions: 1 = BEGIN, more = savepoints */
	int lock_fd;            /* holds store_readonly.c's read lock, or -1 */
	sqlite3_stmt *put_answer;   /* kept prepared: the wizard saves on every key */
};

/* Opens S->path as the URI "file:PATH?QUERY" with FLAGS (SQLITE_OPEN_*),
 * extended result codes and a busy timeout of BUSY_MS. 0, or -1 with the
 * message set. */
int store_connect(struct store *s, const char *query, int flags, int busy_ms);
/* Opens S->path to read only, the way store_readonly.c explains; 0, or -1
 * with the message set. */
int store_open_read(struct store *s, int busy_ms);
/* Sets the message store_errmsg returns; returns -1. */
int store_set_err(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* SQLite's result code RC as the tool says it, or NULL for no words of its own. */
const char *store_reason(int rc);
/* Sets the message for SQLite's result code RC; returns -1. */
int store_db_err(struct store *s, int rc);
/* A prepared statement (caller finalizes), or NULL with the message set. */
sqlite3_stmt *store_prep(struct store *s, const char *sql);
int store_exec(struct store *s, const char *sql);
/* Steps a statement that returns no rows, then finalizes it; ST may be
 * NULL (a failed store_prep: returns -1). */
int store_run(struct store *s, sqlite3_stmt *st);
/* A row of ST read into the element at P. */
typedef void store_read_fn(sqlite3_stmt *st, void *p);
/* Steps ST (NULL: a failed store_prep) and reads each row with READ into
 * a new element of SIZE bytes at the end of *V (caller frees); finalizes
 * ST. */
int store_read_rows(struct store *s, sqlite3_stmt *st, void **v, size_t *n, size_t size,
		    store_read_fn *read);
/* Steps ST (NULL: a failed store_prep), reads its row into OUT with READ
 * and finalizes it: 0, or 1 when there is no row. */
int store_read_one(struct store *s, sqlite3_stmt *st, void *out, store_read_fn *read);
/* Runs ST, which must change exactly one row (WHAT names it in the
 * messages), and finalizes it. */
int store_update_one(struct store *s, sqlite3_stmt *st, const char *what);
/* Ends what store_begin began: commits when RC is 0, else rolls back;
 * returns RC, or -1 when the commit failed. Inside an outer transaction,
 * releases or rolls back the savepoint. */
int store_end(struct store *s, int rc);

/* Binds V as text, or NULL when V is. */
static inline void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* A new copy of column I's text (caller frees), or NULL. */
static inline char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* Column I's text copied into BUF of SIZE bytes ("" for NULL). */
static inline void col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/* Column I as a number, NAN for NULL. */
static inline double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? (double)NAN : sqlite3_column_double(st, i);
}

/* Reads the database's schema version into *VERSION (0 for a new, empty
 * one), and refuses a database that is not itmaturity's, has a schema this
 * code does not know, cannot be used as asked (READ_ONLY), or needs an
 * upgrade and is damaged. Reads only (store_schema.c). */
int store_check_schema(struct store *s, bool read_only, int *version);
/* Upgrades the schema from version FROM, after a backup of a database
 * that holds data (store_schema.c). */
int store_migrate(struct store *s, int from);

/* Packs the answers of every complete assessment (the upgrade to schema
 * 3); within a transaction. */
int store_pack_all(struct store *s);

#endif
