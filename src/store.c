/* store.c - the store's connection: opening (and creating) a database,
 * the checks that come before anything is written to it, the schema and
 * its upgrades with their backups, errors in the tool's words, and
 * transactions. The queries are in store_org.c and store_assessment.c;
 * reading only, in store_readonly.c.
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

/* Schema steps: MIGRATIONS[i] takes the schema from version i to i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 1: the first schema. */
	"CREATE TABLE org ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	");"
	"CREATE TABLE org_target ("
	"  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,"
	"  domain TEXT NOT NULL,"
	"  target REAL NOT NULL,"
	"  PRIMARY KEY (org_id, domain)"
	") WITHOUT ROWID;"
	"CREATE TABLE snapshot ("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"
	"  qn_id TEXT NOT NULL,"
	"  qn_version TEXT NOT NULL,"
	"  source TEXT NOT NULL"
	");"
	"CREATE TABLE assessment ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  respondent TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),"
	"  taken TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),"
	"  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	");"
	"CREATE INDEX assessment_by_org ON assessment(org_id, taken, id);"
	"CREATE INDEX assessment_by_date ON assessment(taken, id);"
	"CREATE TABLE answer ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('option', 'na', 'unknown')),"
	"  option_key TEXT,"
	"  note TEXT,"
	"  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  PRIMARY KEY (assessment_id, question)"
	") WITHOUT ROWID;",
	/* 2: reassessment interval; cached scores for lists and trends. */
	"ALTER TABLE org ADD COLUMN interval_months INTEGER NOT NULL DEFAULT 3;"
	"ALTER TABLE assessment ADD COLUMN overall REAL;"
	"CREATE TABLE domain_score ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
	"  domain TEXT NOT NULL,"
	"  percent REAL,"
	"  PRIMARY KEY (assessment_id, domain)"
	") WITHOUT ROWID;",
	/* 3: the answers of each complete assessment in one value (store_pack.h),
	 * filled for the existing ones by store_pack_all. */
	"CREATE TABLE answer_pack ("
	"  assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,"
	"  packed BLOB NOT NULL"
	");",
	/* 4: the organisation's size (questionnaire.h, enum qn_size). */
	"ALTER TABLE org ADD COLUMN size TEXT NOT NULL DEFAULT 'small' "
	"CHECK (size IN ('micro', 'small', 'medium'));",
};

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
		return "the database's folder cannot be written (reading works with --read-only)";
	if (rc == SQLITE_IOERR_SHMSIZE)
		return "the database's -shm file cannot be grown: is the disk full? (reading works with --read-only)";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "the database is locked by another program (waited and gave up)";
	case SQLITE_FULL:
		return "the disk is full";
	case SQLITE_IOERR:
		return "input/output error";
	case SQLITE_CORRUPT:
		return "the database is corrupt";
	case SQLITE_NOTADB:
		return "not an SQLite database";
	case SQLITE_READONLY:
		return "the database is read-only";
	case SQLITE_CANTOPEN:
		return "cannot open the database file";
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return "permission denied";
	case SQLITE_NOMEM:
		return "out of memory";
	default:
		return NULL;
	}
}

int store_db_err(struct store *s, int rc)
{
	const char *r = store_reason(rc);
	if (r)
		return store_set_err(s, "%s", r);
	return store_set_err(s, "database error: %s", sqlite3_errmsg(s->db));
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
		rc = (r & 0xff) == SQLITE_CONSTRAINT ? store_set_err(s, "%s: already taken", what)
						     : store_db_err(s, r);
	else if (sqlite3_changes(s->db) != 1)
		rc = store_set_err(s, "%s: not found", what);
	sqlite3_finalize(st);
	return rc;
}

/* Reads one integer from a one-row query. */
static int query_int(struct store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = store_prep(s, sql);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	int r = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		r = store_db_err(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
	sqlite3_finalize(st);
	return r;
}

/* ---- transactions ---- */

/* Starts a write transaction, or a savepoint inside an open one. */
int store_begin(struct store *s)
{
	if (s->read_only)
		return store_set_err(s, "the database is open read-only");
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
	return s->depth > 0 ? store_end(s, 0) : store_set_err(s, "no transaction to commit");
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
		return "an empty path names no file";
	if (strcmp(path, ":memory:") == 0)
		return "this name is SQLite's database in memory, which keeps nothing; "
		       "for a file of this name, write ./:memory:";
	if (strncmp(path, "file:", 5) == 0)
		return "a name that starts with 'file:' is an SQLite URI, which itmaturity "
		       "does not take; for a file of this name, put ./ before it";
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
			*err = xasprintf("cannot create the folder %s: %s", path, strerror(e));
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
		*err = xasprintf("cannot create the database: %s", strerror(errno));
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
		*err = xasprintf("cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	char head[16];
	int r = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xstrdup("not a regular file");
		r = -1;
	} else if (st.st_size != 0 &&
		   (st.st_size < 100 || read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) ||
		    memcmp(head, "SQLite format 3", 16) != 0)) {
		*err = xstrdup("not an itmaturity database (not an SQLite file)");
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

/* ---- the checks before anything is written ---- */

/* PRAGMA quick_check: 0 when it finds nothing wrong. */
static int quick_check(struct store *s)
{
	sqlite3_stmt *st = store_prep(s, "PRAGMA quick_check");
	if (!st)
		return -1;
	int ok = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok ? 0 : store_set_err(s, "the database is corrupt (quick_check failed); not upgraded");
}

/* Reads the database's schema version into *VERSION (0 for a new, empty
 * one), and refuses a database that is not itmaturity's, has a schema
 * this code does not know, cannot be used as asked (READ_ONLY), or needs
 * an upgrade and is damaged. Reads only. */
static int check_schema(struct store *s, bool read_only, int *version)
{
	int64_t app = 0, v = 0, objects = 0;
	if (query_int(s, "PRAGMA application_id", &app) || query_int(s, "PRAGMA user_version", &v) ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &objects))
		return -1;
	bool fresh = app == 0 && v == 0 && objects == 0;
	*version = (int)v;  /* PRAGMA user_version is 32 bits */
	if (!fresh && app != STORE_APPLICATION_ID)
		return store_set_err(s, "not an itmaturity database (it holds %lld other tables or indexes)",
				     (long long)objects);
	if (v > STORE_SCHEMA_VERSION)
		return store_set_err(s, "made by a newer itmaturity (schema version %lld; this one knows up to %d)",
				     (long long)v, STORE_SCHEMA_VERSION);
	/* Ours, but below the first schema: nothing of ours writes that. */
	if (v < 1 && !fresh)
		return store_set_err(s, "not a schema this version knows (schema version %lld; it knows 1 to %d)",
				     (long long)v, STORE_SCHEMA_VERSION);
	if (read_only && fresh)
		return store_set_err(s, "the database is empty");
	if (read_only && v < STORE_SCHEMA_VERSION)
		return store_set_err(s, "the database has schema version %lld and needs an upgrade to %d: "
				     "open it once for writing, where it can be written", (long long)v, STORE_SCHEMA_VERSION);
	return v > 0 && v < STORE_SCHEMA_VERSION ? quick_check(s) : 0;
}

/* ---- backups ---- */

static int vacuum_into(struct store *s, const char *path)
{
	sqlite3_stmt *st = store_prep(s, "VACUUM INTO ?1");
	if (st)
		sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	return store_run(s, st);
}

/* The schema version (PRAGMA user_version) in the header of the database
 * file open as FD: 4 bytes at offset 60, most significant first; -1 when
 * they cannot be read. */
static int64_t copy_version(int fd)
{
	unsigned char b[4];
	if (pread(fd, b, 4, 60) != 4)
		return -1;
	return (int32_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]);
}

/* Copies the database to PATH.schemaFROM.bak before its upgrade from
 * schema version FROM. The copy is private (0600) and written under a
 * temporary name, then renamed over any copy that an earlier, failed
 * upgrade from the same version left: one backup a version, however often
 * an upgrade fails. A copy that is no longer of version FROM (another
 * process upgraded the database since it was checked) is dropped: the
 * backup of FROM stays the one that process made. */
static int back_up(struct store *s, int from)
{
	char *bak = xasprintf("%s.schema%d.bak", s->path, from);
	char *tmp = xasprintf("%s-XXXXXX", bak);
	int rc = 0, fd = mkstemp(tmp);
	bool kept = false;
	int64_t copied = -1;
	if (fd < 0) {
		rc = store_set_err(s, "cannot create %s: %s", tmp, strerror(errno));
	} else if (vacuum_into(s, tmp)) {
		rc = -1;
	} else if ((copied = copy_version(fd)) < 0) {
		rc = store_set_err(s, "cannot read %s back", tmp);
	} else if (copied == from) {
		if (fsync(fd) != 0 || rename(tmp, bak) != 0)
			rc = store_set_err(s, "cannot write %s: %s", bak, strerror(errno));
		else
			kept = true;
	}
	if (fd >= 0)
		close(fd);
	if (fd >= 0 && !kept)
		unlink(tmp);
	if (kept)
		s->backup = bak;
	else
		free(bak);
	free(tmp);
	return rc;
}

int store_backup(struct store *s, const char *path)
{
	const char *special = special_name(path);
	if (special)
		return store_set_err(s, "%s: %s", path, special);
	if (access(path, F_OK) == 0)
		return store_set_err(s, "%s exists already", path);
	/* Create it ourselves so that the copy is private too. */
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return store_set_err(s, "cannot create %s: %s", path, strerror(errno));
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
		return store_set_err(s, "backup to %s failed: %s", path, r ? r : sqlite3_errstr(rc));
	}
	return 0;
}

/* ---- upgrades ---- */

/* Takes the schema from version V to V + 1; within a transaction. */
static int step(struct store *s, int v)
{
	int rc = store_exec(s, migrations[v]);
	if (!rc && v == 0)
		rc = store_exec(s, "PRAGMA application_id = " "1230261553");
	if (!rc && v == 2)
		rc = store_pack_all(s);
	if (!rc) {
		char *sql = xasprintf("PRAGMA user_version = %d", v + 1);
		rc = store_exec(s, sql);
		free(sql);
	}
	return rc;
}

/* Runs the migrations from version FROM, each with its version bump in one
 * transaction, after a backup of a database that holds data. Each step
 * reads the version again under the write lock, and is skipped when
 * another process upgrading the same database has made it since the
 * check. */
static int migrate(struct store *s, int from)
{
	if (from > 0 && back_up(s, from))
		return store_set_err(s, "cannot back up before upgrading: %s", s->err);
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		if (store_begin(s))
			return -1;
		int64_t now = 0;
		int rc = query_int(s, "PRAGMA user_version", &now);
		if (!rc && now <= v)
			rc = step(s, v);
		if (store_end(s, rc))
			return store_set_err(s, "upgrading the schema to version %d failed: %s", v + 1, s->err);
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
		return store_set_err(s, "the database is read-only (commands that only read can still read it)");
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
		rc = store_set_err(s, "cannot switch the database to WAL mode: %s", sqlite3_errmsg(s->db));
	else if (!mode || strcmp(mode, "wal") != 0)
		rc = store_set_err(s, "cannot switch the database to WAL mode (it stays in %s mode)",
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
		*err = xasprintf("no database here (%s)", strerror(errno));
		goto fail;
	}
	if (check_header(path, err))
		goto fail;
	if (open_db(s, o))
		goto fail_s;
	/* Nothing is written to a database before it has passed these. */
	if (check_schema(s, o->read_only, &version))
		goto fail_s;
	if (o->read_only) {
		store_exec(s, "PRAGMA foreign_keys = ON");
		return s;
	}
	if (set_up_writing(s) || (version < STORE_SCHEMA_VERSION && migrate(s, version)))
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
	return s->err ? s->err : "no error";
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
