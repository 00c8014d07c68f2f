/* store.c - the store's connection: opening (and creating) a database,
 * errors in the tool's words, statements, transactions and backups. The schema and its upgrades are in store_schema.c; the
 * queries in store_org.c, store_assessment.c and store_plan.c; reading
 * only, in store_readonly.c.
 *
 * Safety: the file is created by us (O_CREAT|O_EXCL, 0600, in a 0700
 * folder) before SQLite opens it; WAL with synchronous=FULL; writes in
 * BEGIN IMMEDIATE transactions with a busy timeout; foreign keys on;
 * prepared statements only. A database is checked before anything is
 * written to it, and refused (untouched) when it is not ours, has a schema
 * this code does not know, or cannot be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itmaturity/util.h"
#include "store_impl.h"

#include "itmaturity/i18n.h"

/* ---- errors and statements ---- */

int store_set_err(struct store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	free(s->err);
	s->err = m;
	return -1;
}

const char *store_reason(int rc)
{
	/* The files a writer needs beside the database (-wal, -shm). */
	if (rc == SQLITE_READONLY_DIRECTORY)
		return _("the database's folder cannot be written (reading works with --read-only)");
	if (rc == SQLITE_IOERR_SHMSIZE)
		return _("the database's -shm file cannot be grown: is the disk full? (reading works with --read-only)");
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("the database is locked by another program (waited and gave up)");
	case SQLITE_FULL:
		return _("the disk is full");
	case SQLITE_IOERR:
		return _("input/output error");
	case SQLITE_CORRUPT:
		return _("the database is corrupt");
	case SQLITE_NOTADB:
		return _("not an SQLite database");
	case SQLITE_READONLY:
		return _("the database is read-only");
	case SQLITE_CANTOPEN:
		return _("cannot open the database file");
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return _("permission denied");
	case SQLITE_NOMEM:
		return _("out of memory");
	default:
		return NULL;
	}
}

int store_db_err(struct store *s, int rc)
{
	const char *r = store_reason(rc);
	if (r)
		return store_set_err(s, "%s", r);
	return store_set_err(s, _("database error: %s"), sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_db_err(s, rc);
		return NULL;
	}
	return st;
}

int store_exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_db_err(s, rc);
}

int store_run(struct store *s, sqlite3_stmt *st)
{
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	int r = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : store_db_err(s, rc);
	sqlite3_finalize(st);
	return r;
}

int store_read_rows(struct store *s, sqlite3_stmt *st, void **v, size_t *n, size_t size,
		    store_read_fn *read)
{
	*v = NULL;
	*n = 0;
	if (!st)
		return -1;
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		grow_array(v, &cap, *n + 1, size);
		read(st, (char *)*v + (*n)++ * size);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : store_db_err(s, r);
}

int store_read_one(struct store *s, sqlite3_stmt *st, void *out, store_read_fn *read)
{
	if (!st)
		return -1;
	int r = sqlite3_step(st), rc;
	if (r == SQLITE_ROW) {
		read(st, out);
		rc = 0;
	} else {
		rc = r == SQLITE_DONE ? 1 : store_db_err(s, r);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_update_one(struct store *s, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return -1;
	int r = sqlite3_step(st), rc = 0;
	if (r != SQLITE_DONE)
		/* TRANSLATORS: %s is an assessment, an organisation or an action. */
		rc = (r & 0xff) == SQLITE_CONSTRAINT ? store_set_err(s, _("%s: already taken"), what)
						     : store_db_err(s, r);
	else if (sqlite3_changes(s->db) != 1)
		rc = store_set_err(s, _("%s: not found"), what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- transactions ---- */

/* Starts a write transaction, or a savepoint inside an open one. */
int store_begin(struct store *s)
{
	if (s->read_only)
		return store_set_err(s, _("the database is open read-only"));
	if (store_exec(s, s->depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE"))
		return -1;
	s->depth++;
	return 0;
}

int store_end(struct store *s, int rc)
{
	s->depth--;
	if (s->depth > 0) {
		if (rc == 0 && store_exec(s, "RELEASE nested") == 0)
			return 0;
		sqlite3_exec(s->db, "ROLLBACK TO nested", NULL, NULL, NULL);
		sqlite3_exec(s->db, "RELEASE nested", NULL, NULL, NULL);
		return rc ? rc : -1;
	}
	if (rc == 0) {
		int c = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		if (c == SQLITE_OK)
			return 0;
		rc = store_db_err(s, c);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_commit(struct store *s)
{
	return s->depth > 0 ? store_end(s, 0) : store_set_err(s, _("no transaction to commit"));
}

/* Safe after a failed store_commit, which has rolled back already. */
void store_rollback(struct store *s)
{
	if (s->depth > 0)
		store_end(s, -1);
}

/* ---- the file ---- */

char *store_resolve_path(const char *opt)
{
	if (opt && *opt)
		return xstrdup(opt);
	const char *env = getenv("ITMATURITY_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/itmaturity/itmaturity.db", xdg);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/itmaturity/itmaturity.db", home);
	return NULL;
}

/* Why SQLite would not take PATH for a plain file name, or NULL when it
 * would. */
static const char *special_name(const char *path)
{
	if (!*path)
		return _("an empty path names no file");
	if (strcmp(path, ":memory:") == 0)
		return _("this name is SQLite's database in memory, which keeps nothing; "
		       "for a file of this name, write ./:memory:");
	if (strncmp(path, "file:", 5) == 0)
		return _("a name that starts with 'file:' is an SQLite URI, which itmaturity "
		       "does not take; for a file of this name, put ./ before it");
	return NULL;
}

/* Creates the folders above PATH (mode 0700) that do not exist. */
static int make_parents(char *path, char **err)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0700);
		int e = errno;
		*p = '/';
		if (r != 0 && e != EEXIST) {
			*p = '\0';
			*err = xasprintf(_("cannot create the folder %s: %s"), path, strerror(e));
			*p = '/';
			return -1;
		}
	}
	return 0;
}

/* Creates an empty database file with mode 0600. Returns 1 when it was
 * created, 0 when it already existed. */
static int create_file(const char *path, char **err)
{
	char *tmp = xstrdup(path);
	int r = make_parents(tmp, err);
	free(tmp);
	if (r)
		return -1;
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		*err = xasprintf(_("cannot create the database: %s"), strerror(errno));
		return -1;
	}
	close(fd);
	return 1;
}

/* Checks the first bytes ourselves, so that a foreign file is refused
 * before SQLite is asked to open it. */
static int check_header(const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*err = xasprintf(_("cannot open: %s"), strerror(errno));
		return -1;
	}
	struct stat st;
	char head[16];
	int r = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xstrdup(_("not a regular file"));
		r = -1;
	} else if (st.st_size != 0 &&
		   (st.st_size < 100 || read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) ||
		    memcmp(head, "SQLite format 3", 16) != 0)) {
		*err = xstrdup(_("not an itmaturity database (not an SQLite file)"));
		r = -1;
	}
	close(fd);
	return r;
}

/* A file: URI for PATH, with the characters URIs reserve escaped. */
static char *file_uri(const char *path, const char *query)
{
	size_t n = strlen(path);
	char *u = xmalloc(3 * n + strlen(query) + 16), *o = u;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			o += sprintf(o, "%%%02X", *p);
		else
			*o++ = (char)*p;
	}
	sprintf(o, "?%s", query);
	return u;
}

int store_backup(struct store *s, const char *path)
{
	const char *special = special_name(path);
	if (special)
		return store_set_err(s, "%s: %s", path, special);
	if (access(path, F_OK) == 0)
		return store_set_err(s, _("%s exists already"), path);
	/* Create it ourselves so that the copy is private too. */
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return store_set_err(s, _("cannot create %s: %s"), path, strerror(errno));
	close(fd);
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(to, "main", s->db, "main");
		if (b) {
			while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
			       rc == SQLITE_LOCKED)
				sqlite3_sleep(5);
			sqlite3_backup_finish(b);
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		else if (b == NULL)
			rc = sqlite3_errcode(to);
	}
	sqlite3_close(to);
	if (rc != SQLITE_OK) {
		unlink(path);
		const char *r = store_reason(rc);
		return store_set_err(s, _("backup to %s failed: %s"), path, r ? r : sqlite3_errstr(rc));
	}
	return 0;
}

/* ---- opening ---- */

int store_connect(struct store *s, const char *query, int flags, int busy_ms)
{
	char *uri = file_uri(s->path, query);
	int rc = sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return store_set_err(s, "%s", store_reason(rc) ? store_reason(rc) : sqlite3_errstr(rc));
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, busy_ms);
	return 0;
}

/* Opens S's file with SQLite, as O asks (reading: store_readonly.c). */
static int open_db(struct store *s, const struct store_open_opts *o)
{
	int busy_ms = o->busy_ms > 0 ? o->busy_ms : 5000;
	if (o->read_only)
		return store_open_read(s, busy_ms);
	if (store_connect(s, "mode=rw", SQLITE_OPEN_READWRITE, busy_ms))
		return -1;
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return store_set_err(s, _("the database is read-only (commands that only read can still read it)"));
	return 0;
}

/* The settings of a writing connection: foreign keys, full syncs, WAL. */
static int set_up_writing(struct store *s)
{
	if (store_exec(s, "PRAGMA foreign_keys = ON") || store_exec(s, "PRAGMA synchronous = FULL"))
		return -1;
	sqlite3_stmt *st = store_prep(s, "PRAGMA journal_mode = WAL");
	if (!st)
		return -1;
	int rc = 0, r = sqlite3_step(st);
	const char *mode = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (r != SQLITE_ROW)
		rc = store_set_err(s, _("cannot switch the database to WAL mode: %s"), sqlite3_errmsg(s->db));
	else if (!mode || strcmp(mode, "wal") != 0)
		rc = store_set_err(s, _("cannot switch the database to WAL mode (it stays in %s mode)"),
				   mode ? mode : "another");
	sqlite3_finalize(st);
	return rc;
}

struct store *store_open(const char *path, const struct store_open_opts *o, char **err)
{
	*err = NULL;
	const char *special = special_name(path);
	if (special) {
		*err = xstrdup(special);
		return NULL;
	}
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->read_only = o->read_only;
	s->lock_fd = -1;
	int created = 0, version = 0;
	if (!o->read_only && o->create && (created = create_file(path, err)) < 0)
		goto fail;
	if (access(path, F_OK) != 0) {
		*err = xasprintf(_("no database here (%s)"), strerror(errno));
		goto fail;
	}
	if (check_header(path, err))
		goto fail;
	if (open_db(s, o))
		goto fail_s;
	/* Nothing is written to a database before it has passed these. */
	if (store_check_schema(s, o->read_only, &version))
		goto fail_s;
	if (o->read_only) {
		store_exec(s, "PRAGMA foreign_keys = ON");
		return s;
	}
	if (set_up_writing(s) || (version < STORE_SCHEMA_VERSION && store_migrate(s, version)))
		goto fail_s;
	return s;
fail_s:
	*err = xstrdup(s->err);
fail:
	if (created > 0 && s->db == NULL)
		unlink(path);
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->put_answer);
	sqlite3_close(s->db);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	free(s->path);
	free(s->err);
	free(s->backup);
	free(s);
}

const char *store_errmsg(const struct store *s)
{
	return s->err ? s->err : _("no error");
}

const char *store_path(const struct store *s)
{
	return s->path;
}

bool store_read_only(const struct store *s)
{
	return s->read_only;
}

const char *store_migration_backup(const struct store *s)
{
	return s->backup;
}
