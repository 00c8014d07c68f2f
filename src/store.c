/* store.c - the SQLite store. The only file that includes sqlite3.h.
 *
 * Safety: the file is created by us (O_CREAT|O_EXCL, 0600, in a 0700
 * folder) before SQLite opens it; WAL with synchronous=FULL; writes in
 * BEGIN IMMEDIATE transactions with a busy timeout; foreign keys on;
 * prepared statements only. A database is checked before anything is
 * written to it, and refused (untouched) when it is not ours, is newer than
 * this code, or cannot be read. */
#include "itmaturity/store.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itmaturity/sha256.h"
#include "itmaturity/util.h"

struct store {
	sqlite3 *db;
	char *path;
	char *err;
	char *backup;
	bool read_only;
	int depth;              /* open transactions: 1 = BEGIN, more = savepoints */
	sqlite3_stmt *put_answer;   /* kept prepared: the wizard saves on every key */
};

static int pack_all(struct store *s);

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
	/* 3: the answers of each complete assessment in one value (see
	 * pack_rows), filled for the existing ones by pack_all. */
	"CREATE TABLE answer_pack ("
	"  assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,"
	"  packed BLOB NOT NULL"
	");",
};

static int set_err(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_err(struct store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	free(s->err);
	s->err = m;
	return -1;
}

/* SQLite's error as the tool says it. */
static const char *reason(int rc)
{
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

static int db_err(struct store *s, int rc)
{
	const char *r = reason(rc);
	if (r)
		return set_err(s, "%s", r);
	return set_err(s, "database error: %s", sqlite3_errmsg(s->db));
}

static sqlite3_stmt *prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_err(s, rc);
		return NULL;
	}
	return st;
}

static int exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_err(s, rc);
}

/* Starts a write transaction, or a savepoint inside an open one. */
static int begin(struct store *s)
{
	if (s->read_only)
		return set_err(s, "the database is open read-only");
	if (exec(s, s->depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE"))
		return -1;
	s->depth++;
	return 0;
}

/* Commits when RC is 0, else rolls back; returns RC (or -1 if the commit
 * failed). Inside an outer transaction, releases or rolls back the
 * savepoint. */
static int end(struct store *s, int rc)
{
	s->depth--;
	if (s->depth > 0) {
		if (rc == 0 && exec(s, "RELEASE nested") == 0)
			return 0;
		sqlite3_exec(s->db, "ROLLBACK TO nested", NULL, NULL, NULL);
		sqlite3_exec(s->db, "RELEASE nested", NULL, NULL, NULL);
		return -1;
	}
	if (rc == 0) {
		int c = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		if (c == SQLITE_OK)
			return 0;
		rc = db_err(s, c);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_begin(struct store *s)
{
	return begin(s);
}

int store_commit(struct store *s)
{
	return s->depth > 0 ? end(s, 0) : set_err(s, "no transaction to commit");
}

/* Safe after a failed store_commit, which has rolled back already. */
void store_rollback(struct store *s)
{
	if (s->depth > 0)
		end(s, -1);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static void col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/* Steps a statement that returns no rows, then finalizes it. */
static int run(struct store *s, sqlite3_stmt *st)
{
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	int r = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : db_err(s, rc);
	sqlite3_finalize(st);
	return r;
}

/* Reads one integer from a one-row query. */
static int query_int(struct store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = prep(s, sql);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	int r = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		r = db_err(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
	sqlite3_finalize(st);
	return r;
}

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
static int check_header(const char *path, bool *empty, char **err)
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
	} else if (st.st_size == 0) {
		*empty = true;
	} else if (st.st_size < 100 || read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) ||
		   memcmp(head, "SQLite format 3", 16) != 0) {
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

static int backup_to(struct store *s, const char *path)
{
	sqlite3_stmt *st = prep(s, "VACUUM INTO ?1");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	return run(s, st);
}

/* Runs the migrations from version FROM, each with its version bump in one
 * transaction, after a backup of a database that holds data. */
static int migrate(struct store *s, int from)
{
	if (from > 0) {
		int64_t ok = 0;
		sqlite3_stmt *st = prep(s, "PRAGMA quick_check");
		if (!st)
			return -1;
		if (sqlite3_step(st) == SQLITE_ROW)
			ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
		sqlite3_finalize(st);
		if (!ok)
			return set_err(s, "the database is corrupt (quick_check failed); not upgraded");
		for (int i = 0; i < 1000 && !s->backup; i++) {
			char *b = i ? xasprintf("%s.schema%d-%d.bak", s->path, from, i)
				    : xasprintf("%s.schema%d.bak", s->path, from);
			if (access(b, F_OK) == 0) {
				free(b);
				continue;
			}
			if (backup_to(s, b)) {
				free(b);
				return set_err(s, "cannot back up before upgrading: %s", s->err);
			}
			s->backup = b;
		}
	}
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		if (begin(s))
			return -1;
		int rc = exec(s, migrations[v]);
		if (!rc && v == 0)
			rc = exec(s, "PRAGMA application_id = " "1230261553");
		if (!rc && v == 2)
			rc = pack_all(s);
		if (!rc) {
			char *sql = xasprintf("PRAGMA user_version = %d", v + 1);
			rc = exec(s, sql);
			free(sql);
		}
		if (end(s, rc))
			return set_err(s, "upgrading the schema to version %d failed: %s", v + 1, s->err);
	}
	return 0;
}

struct store *store_open(const char *path, const struct store_open_opts *o, char **err)
{
	*err = NULL;
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->read_only = o->read_only;
	bool empty = false;
	int created = 0;
	if (!o->read_only && o->create && (created = create_file(path, err)) < 0)
		goto fail;
	if (access(path, F_OK) != 0) {
		*err = xasprintf("no database here (%s)", strerror(errno));
		goto fail;
	}
	if (check_header(path, &empty, err))
		goto fail;

	int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
		    (o->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	char *uri = file_uri(path, o->read_only ? "mode=ro" : "mode=rw");
	int rc = sqlite3_open_v2(uri, &s->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		*err = xstrdup(reason(rc) ? reason(rc) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, o->busy_ms > 0 ? o->busy_ms : 5000);
	if (!o->read_only && sqlite3_db_readonly(s->db, "main") == 1) {
		*err = xstrdup("the database is read-only (use --read-only to read it)");
		goto fail;
	}

	/* Read-only checks first: nothing is written to a database that fails them. */
	int64_t app = 0, version = 0, objects = 0;
	if (query_int(s, "PRAGMA application_id", &app) ||
	    query_int(s, "PRAGMA user_version", &version) ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &objects)) {
		*err = xstrdup(s->err);
		goto fail;
	}
	bool fresh = app == 0 && version == 0 && objects == 0;
	if (!fresh && app != STORE_APPLICATION_ID) {
		*err = xasprintf("not an itmaturity database (it holds %lld other tables or indexes)",
				 (long long)objects);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*err = xasprintf("made by a newer itmaturity (schema version %lld; this one knows up to %d)",
				 (long long)version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (o->read_only) {
		if (fresh) {
			*err = xstrdup("the database is empty");
			goto fail;
		}
		if (version < STORE_SCHEMA_VERSION) {
			*err = xasprintf("the database has schema version %lld and needs an upgrade to %d: "
					 "open it once without --read-only", (long long)version,
					 STORE_SCHEMA_VERSION);
			goto fail;
		}
		exec(s, "PRAGMA foreign_keys = ON");
		return s;
	}
	if (exec(s, "PRAGMA foreign_keys = ON") || exec(s, "PRAGMA synchronous = FULL")) {
		*err = xstrdup(s->err);
		goto fail;
	}
	sqlite3_stmt *st = prep(s, "PRAGMA journal_mode = WAL");
	if (!st || sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0) {
		sqlite3_finalize(st);
		*err = xasprintf("cannot switch the database to WAL mode: %s",
				 s->err ? s->err : sqlite3_errmsg(s->db));
		goto fail;
	}
	sqlite3_finalize(st);
	if (version < STORE_SCHEMA_VERSION && migrate(s, (int)version)) {
		*err = xstrdup(s->err);
		goto fail;
	}
	(void)empty;
	return s;
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

/* ---- organisations ---- */

int store_org_add(struct store *s, const char *name, int64_t *id)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "INSERT INTO org (name) VALUES (?1)");
	int rc = -1;
	if (st) {
		bind_text(st, 1, name);
		int r = sqlite3_step(st);
		if (r == SQLITE_DONE) {
			*id = sqlite3_last_insert_rowid(s->db);
			rc = 0;
		} else if ((r & 0xff) == SQLITE_CONSTRAINT) {
			rc = set_err(s, "an organisation named '%s' exists already", name);
		} else {
			rc = db_err(s, r);
		}
		sqlite3_finalize(st);
	}
	return end(s, rc);
}

static void read_org(sqlite3_stmt *st, struct store_org *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->name = col_text(st, 1);
	o->interval_months = sqlite3_column_int(st, 2);
}

int store_org_get(struct store *s, const char *name, struct store_org *out)
{
	sqlite3_stmt *st = prep(s, "SELECT id, name, interval_months FROM org WHERE name = ?1");
	if (!st)
		return -1;
	bind_text(st, 1, name);
	int r = sqlite3_step(st), rc;
	if (r == SQLITE_ROW) {
		read_org(st, out);
		rc = 0;
	} else {
		rc = r == SQLITE_DONE ? 1 : db_err(s, r);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_org_list(struct store *s, struct store_org **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(s, "SELECT id, name, interval_months FROM org ORDER BY name");
	if (!st)
		return -1;
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		grow_array((void **)v, &cap, *n + 1, sizeof(**v));
		read_org(st, &(*v)[(*n)++]);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

/* Runs one statement that must change exactly one row, in a transaction. */
static int update_one(struct store *s, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return -1;
	int r = sqlite3_step(st), rc = 0;
	if (r != SQLITE_DONE)
		rc = (r & 0xff) == SQLITE_CONSTRAINT ? set_err(s, "%s: already taken", what) : db_err(s, r);
	else if (sqlite3_changes(s->db) != 1)
		rc = set_err(s, "%s: not found", what);
	sqlite3_finalize(st);
	return rc;
}

int store_org_rename(struct store *s, int64_t id, const char *name)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "UPDATE org SET name = ?2 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, name);
	}
	return end(s, update_one(s, st, name));
}

int store_org_set_interval(struct store *s, int64_t id, int months)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "UPDATE org SET interval_months = ?2 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, months);
	}
	return end(s, update_one(s, st, "organisation"));
}

int store_target_set(struct store *s, int64_t org, const char *domain, double target)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "INSERT INTO org_target (org_id, domain, target) VALUES (?1, ?2, ?3) "
				   "ON CONFLICT (org_id, domain) DO UPDATE SET target = excluded.target");
	if (st) {
		sqlite3_bind_int64(st, 1, org);
		bind_text(st, 2, domain);
		sqlite3_bind_double(st, 3, target);
	}
	return end(s, run(s, st));
}

int store_target_clear(struct store *s, int64_t org, const char *domain)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "DELETE FROM org_target WHERE org_id = ?1 AND domain = ?2");
	if (st) {
		sqlite3_bind_int64(st, 1, org);
		bind_text(st, 2, domain);
	}
	return end(s, run(s, st));
}

/* Reads (text, real) rows into a store_target list. */
static int read_pairs(struct store *s, sqlite3_stmt *st, struct store_target **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (!st)
		return -1;
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		grow_array((void **)v, &cap, *n + 1, sizeof(**v));
		struct store_target *t = &(*v)[(*n)++];
		t->domain = col_text(st, 0);
		t->target = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

int store_targets(struct store *s, int64_t org, struct store_target **v, size_t *n)
{
	sqlite3_stmt *st = prep(s, "SELECT domain, target FROM org_target WHERE org_id = ?1 ORDER BY domain");
	if (st)
		sqlite3_bind_int64(st, 1, org);
	return read_pairs(s, st, v, n);
}

void store_targets_free(struct store_target *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].domain);
	free(v);
}

void store_org_free(struct store_org *o)
{
	free(o->name);
	o->name = NULL;
}

void store_orgs_free(struct store_org *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_org_free(&v[i]);
	free(v);
}

/* ---- assessments ---- */

static int new_uuid(struct store *s, char out[37])
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, b, sizeof(b)) != (ssize_t)sizeof(b)) {
		if (fd >= 0)
			close(fd);
		return set_err(s, "cannot read random bytes for a UUID");
	}
	close(fd);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
	return 0;
}

/* The snapshot row for IN's questionnaire text, added when new (looked
 * up first: binding a 13 MiB text to find it is already there copies it). */
static int snapshot_id(struct store *s, const struct store_new *in, int64_t *id)
{
	char hash[65];
	if (in->hash)
		snprintf(hash, sizeof(hash), "%s", in->hash);
	else
		sha256_hex(in->source, in->source_len, hash);
	sqlite3_stmt *st = prep(s, "SELECT id FROM snapshot WHERE hash = ?1");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return r == SQLITE_ROW ? 0 : db_err(s, r);
	/* The text is written into the row in place (a blob of its bytes):
	 * bound as a value, SQLite would first copy all of it into a record,
	 * 13 MiB for the largest questionnaires. */
	st = prep(s, "INSERT INTO snapshot (hash, qn_id, qn_version, source) "
		     "VALUES (?1, ?2, ?3, zeroblob(?4))");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	bind_text(st, 2, in->qn_id);
	bind_text(st, 3, in->qn_version);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)in->source_len);
	if (run(s, st))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	sqlite3_blob *b;
	if ((r = sqlite3_blob_open(s->db, "main", "snapshot", "source", *id, 1, &b)) != SQLITE_OK)
		return db_err(s, r);
	if ((r = sqlite3_blob_write(b, in->source, (int)in->source_len, 0)) != SQLITE_OK)
		db_err(s, r);  /* before closing, which resets the message */
	int c = sqlite3_blob_close(b);
	return r != SQLITE_OK ? -1 : c != SQLITE_OK ? db_err(s, c) : 0;
}

/* Inserts the assessment row; within a transaction. */
static int insert_assessment(struct store *s, const struct store_new *in, const char *status,
			     int64_t *id)
{
	char uuid[37];
	if (in->uuid)
		snprintf(uuid, sizeof(uuid), "%s", in->uuid);
	else if (new_uuid(s, uuid))
		return -1;
	int64_t snap = 0;
	if (snapshot_id(s, in, &snap))
		return -1;
	sqlite3_stmt *st = prep(s, "INSERT INTO assessment (uuid, org_id, respondent, role, snapshot_id, "
				   "taken, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return -1;
	bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, in->org_id);
	bind_text(st, 3, in->respondent);
	bind_text(st, 4, in->role);
	sqlite3_bind_int64(st, 5, snap);
	bind_text(st, 6, in->taken);
	bind_text(st, 7, status);
	if (run(s, st))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_draft_new(struct store *s, const struct store_new *in, int64_t *id)
{
	if (begin(s))
		return -1;
	return end(s, insert_assessment(s, in, "draft", id));
}

static const char *const kind_names[] = { "option", "na", "unknown" };

static int put_answer(struct store *s, int64_t assessment, const struct store_answer *a)
{
	if (!s->put_answer) {
		int rc = sqlite3_prepare_v3(s->db,
			"INSERT INTO answer (assessment_id, question, kind, option_key, note) "
			"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (assessment_id, question) DO UPDATE "
			"SET kind = excluded.kind, option_key = excluded.option_key, "
			"note = excluded.note, updated = excluded.updated",
			-1, SQLITE_PREPARE_PERSISTENT, &s->put_answer, NULL);
		if (rc != SQLITE_OK)
			return db_err(s, rc);
	}
	sqlite3_stmt *st = s->put_answer;
	sqlite3_bind_int64(st, 1, assessment);
	bind_text(st, 2, a->question);
	bind_text(st, 3, kind_names[a->kind]);
	bind_text(st, 4, a->kind == STORE_OPTION ? a->option : NULL);
	bind_text(st, 5, a->note && *a->note ? a->note : NULL);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

/* Before any change to an assessment's answers: marks it updated and
 * drops its packed answers. */
static int touch(struct store *s, int64_t assessment)
{
	sqlite3_stmt *st = prep(s, "UPDATE assessment SET updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
				   "WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	if (update_one(s, st, "assessment"))
		return -1;
	st = prep(s, "DELETE FROM answer_pack WHERE assessment_id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	return run(s, st);
}

int store_answer_put(struct store *s, int64_t assessment, const struct store_answer *a)
{
	if (begin(s))
		return -1;
	int rc = touch(s, assessment);
	if (!rc)
		rc = put_answer(s, assessment, a);
	return end(s, rc);
}

int store_answer_clear(struct store *s, int64_t assessment, const char *question)
{
	if (begin(s))
		return -1;
	int rc = touch(s, assessment);
	sqlite3_stmt *st = rc ? NULL : prep(s, "DELETE FROM answer WHERE assessment_id = ?1 AND question = ?2");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		bind_text(st, 2, question);
		rc = run(s, st);
	}
	return end(s, rc);
}

/* An assessment's answers in one value: their number (4 bytes, least
 * significant first), then a record an answer, in question order, each a
 * kind code ('o', 'n' or 'u': the first letter of the kind stored) and
 * three NUL-ended strings: question, option key and note, "" for none. Complete assessments keep theirs in answer_pack,
 * so that reading their answers back (results, compare, reports) is one
 * value instead of a row an answer: 0.5 ms instead of 2.5 ms at 10,000
 * answers. touch() drops it. */
/* The kind coded C, or -1. */
static int kind_of(char c)
{
	return c == 'o' ? STORE_OPTION : c == 'n' ? STORE_NA : c == 'u' ? STORE_UNKNOWN : -1;
}

static int pack_rows(struct store *s, int64_t assessment, char **buf, size_t *len)
{
	sqlite3_stmt *st = prep(s, "SELECT kind, question, option_key, note FROM answer "
				   "WHERE assessment_id = ?1 ORDER BY question");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, assessment);
	size_t cap = 4096, count = 0;
	*buf = xmalloc(cap);
	*len = 4;
	int r;
	/* Blobs, not texts: sqlite3_column_text copies a value to end it
	 * with a NUL, three times a row. */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = sqlite3_column_blob(st, 0);
		size_t n[4] = { 0 };  /* of columns 1 to 3 */
		for (int i = 1; i <= 3; i++)
			n[i] = (size_t)sqlite3_column_bytes(st, i);
		grow_array((void **)buf, &cap, *len + 4 + n[1] + n[2] + n[3], 1);
		(*buf)[(*len)++] = k ? *k : '?';  /* unpack refuses what is not a kind */
		for (int i = 1; i <= 3; i++) {
			if (n[i])
				memcpy(*buf + *len, sqlite3_column_blob(st, i), n[i]);
			(*buf)[*len + n[i]] = '\0';
			*len += n[i] + 1;
		}
		count++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < 4; i++)
		(*buf)[i] = (char)(count >> (8 * i) & 0xff);
	if (r == SQLITE_DONE)
		return 0;
	free(*buf);
	*buf = NULL;
	return db_err(s, r);
}

/* The answers packed in BUF, as one allocation (store_answers_free). */
static int unpack(struct store *s, int64_t assessment, const char *buf, size_t len,
		  struct store_answer **v, size_t *n)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t count = len < 4 ? 0 : (size_t)u[0] | (size_t)u[1] << 8 | (size_t)u[2] << 16 |
					     (size_t)u[3] << 24;
	size_t a = 0;
	/* A record takes at least 5 bytes: the count cannot ask for more. */
	struct store_answer *out = NULL;
	if (len < 4 || count > (len - 4) / 5)
		goto damaged;
	if (!count) {
		if (len == 4)
			return 0;
		goto damaged;
	}
	out = xmalloc(count * sizeof(*out) + len - 4);
	char *p = memcpy(out + count, buf + 4, len - 4), *end = p + (len - 4);
	for (; a < count; a++) {  /* checked as read: the file may be damaged */
		int k = p < end ? kind_of(*p++) : -1;
		char *f[3] = { 0 };
		for (int j = 0; j < 3 && k >= 0; j++) {
			char *z = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
			if (!z) {
				k = -1;
			} else {
				f[j] = p;
				p = z + 1;
			}
		}
		if (k < 0 || !*f[0] || (k == STORE_OPTION) != (*f[1] != '\0'))
			goto damaged;
		out[a] = (struct store_answer){ .question = f[0], .kind = (enum store_answer_kind)k,
						.option = *f[1] ? f[1] : NULL, .note = *f[2] ? f[2] : NULL };
	}
	if (p != end)
		goto damaged;
	*v = out;
	*n = count;
	return 0;
damaged:
	free(out);
	return set_err(s, "the saved answers of assessment %" PRId64 " are damaged (answer %zu)",
		       assessment, a + 1);
}

/* Packs ASSESSMENT's answers into answer_pack; within a transaction. */
static int pack(struct store *s, int64_t assessment)
{
	char *buf;
	size_t len;
	if (pack_rows(s, assessment, &buf, &len))
		return -1;
	sqlite3_stmt *st = prep(s, "INSERT OR REPLACE INTO answer_pack (assessment_id, packed) "
				   "VALUES (?1, ?2)");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		sqlite3_bind_blob(st, 2, buf, (int)len, SQLITE_STATIC);
	}
	int rc = run(s, st);
	free(buf);
	return rc;
}

/* Schema 3: packs the answers of every complete assessment. */
static int pack_all(struct store *s)
{
	sqlite3_stmt *st = prep(s, "SELECT id FROM assessment WHERE status = 'complete'");
	if (!st)
		return -1;
	int r, rc = 0;
	while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = pack(s, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc ? rc : r == SQLITE_DONE ? 0 : db_err(s, r);
}

static int write_scores(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	sqlite3_stmt *st = prep(s, "UPDATE assessment SET overall = ?2, status = 'complete', "
				   "updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		bind_real(st, 2, sc->overall);
	}
	if (update_one(s, st, "assessment"))
		return -1;
	st = prep(s, "DELETE FROM domain_score WHERE assessment_id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	if (run(s, st))
		return -1;
	/* Prepared once for every domain (50 prepares took 0.5 ms). */
	st = prep(s, "INSERT INTO domain_score (assessment_id, domain, percent) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	int r = SQLITE_DONE;
	for (size_t i = 0; i < sc->n && r == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, assessment);
		bind_text(st, 2, sc->domains[i]);
		bind_real(st, 3, sc->percents[i]);
		r = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

int store_complete(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	if (begin(s))
		return -1;
	return end(s, write_scores(s, assessment, sc));
}

int store_pack(struct store *s, int64_t assessment)
{
	if (begin(s))
		return -1;
	return end(s, pack(s, assessment));
}

int store_set_scores(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	if (begin(s))
		return -1;
	int rc = write_scores(s, assessment, sc);
	return end(s, rc ? rc : pack(s, assessment));
}

int store_assessment_save(struct store *s, const struct store_new *in,
			  const struct store_answer *v, size_t n, const struct store_scores *sc,
			  int64_t *id, bool *added)
{
	*added = false;
	if (begin(s))
		return -1;
	int rc = 0;
	if (in->uuid) {
		sqlite3_stmt *st = prep(s, "SELECT id FROM assessment WHERE uuid = ?1");
		if (!st)
			return end(s, -1);
		bind_text(st, 1, in->uuid);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (r == SQLITE_ROW)
			return end(s, 0);
		if (r != SQLITE_DONE)
			return end(s, db_err(s, r));
	}
	rc = insert_assessment(s, in, in->complete ? "complete" : "draft", id);
	for (size_t i = 0; !rc && i < n; i++)
		rc = put_answer(s, *id, &v[i]);
	if (!rc && sc && !(rc = write_scores(s, *id, sc)))
		rc = pack(s, *id);
	if (end(s, rc))
		return -1;
	*added = true;
	return 0;
}

#define ASSESSMENT_COLUMNS                                                                     \
	"a.id, a.uuid, a.org_id, o.name, a.respondent, a.role, n.qn_id, n.qn_version, n.hash, " \
	"a.taken, a.status, a.overall, a.updated "                                                \
	"FROM assessment a JOIN org o ON o.id = a.org_id JOIN snapshot n ON n.id = a.snapshot_id "

static void read_assessment(sqlite3_stmt *st, struct store_assessment *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, a->uuid, sizeof(a->uuid));
	a->org_id = sqlite3_column_int64(st, 2);
	a->org = col_text(st, 3);
	a->respondent = col_text(st, 4);
	a->role = col_text(st, 5);
	a->qn_id = col_text(st, 6);
	a->qn_version = col_text(st, 7);
	col_copy(st, 8, a->qn_hash, sizeof(a->qn_hash));
	col_copy(st, 9, a->taken, sizeof(a->taken));
	const unsigned char *status = sqlite3_column_text(st, 10);
	a->complete = status && strcmp((const char *)status, "complete") == 0;
	a->has_overall = sqlite3_column_type(st, 11) != SQLITE_NULL;
	a->overall = a->has_overall ? sqlite3_column_double(st, 11) : NAN;
	a->updated = col_text(st, 12);
}

int store_assessment_get(struct store *s, int64_t id, struct store_assessment *out)
{
	sqlite3_stmt *st = prep(s, "SELECT " ASSESSMENT_COLUMNS "WHERE a.id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st), rc;
	if (r == SQLITE_ROW) {
		read_assessment(st, out);
		rc = 0;
	} else {
		rc = r == SQLITE_DONE ? 1 : db_err(s, r);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_assessment_list(struct store *s, const struct store_filter *f,
			  struct store_assessment **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	static const char *const sql[2][2] = {
		{ "SELECT " ASSESSMENT_COLUMNS "WHERE (?1 = 0 OR ?2 = a.status) "
		  "ORDER BY a.taken DESC, a.id DESC LIMIT ?3",
		  "SELECT " ASSESSMENT_COLUMNS "WHERE (?1 = 0 OR ?2 = a.status) "
		  "ORDER BY a.taken, a.id LIMIT ?3" },
		{ "SELECT " ASSESSMENT_COLUMNS "WHERE a.org_id = ?4 AND (?1 = 0 OR ?2 = a.status) "
		  "ORDER BY a.taken DESC, a.id DESC LIMIT ?3",
		  "SELECT " ASSESSMENT_COLUMNS "WHERE a.org_id = ?4 AND (?1 = 0 OR ?2 = a.status) "
		  "ORDER BY a.taken, a.id LIMIT ?3" },
	};
	sqlite3_stmt *st = prep(s, sql[f->org_id != 0][f->oldest_first]);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, f->status);
	bind_text(st, 2, f->status == 1 ? "draft" : "complete");
	sqlite3_bind_int64(st, 3, f->limit ? (sqlite3_int64)f->limit : -1);
	sqlite3_bind_int64(st, 4, f->org_id);
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		grow_array((void **)v, &cap, *n + 1, sizeof(**v));
		read_assessment(st, &(*v)[(*n)++]);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

int store_answers(struct store *s, int64_t assessment, struct store_answer **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(s, "SELECT packed FROM answer_pack WHERE assessment_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, assessment);
	int r = sqlite3_step(st), rc;
	if (r == SQLITE_ROW) {
		rc = unpack(s, assessment, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			    v, n);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_err(s, r);
	char *buf;
	size_t len;
	if (pack_rows(s, assessment, &buf, &len))
		return -1;
	rc = unpack(s, assessment, buf, len, v, n);
	free(buf);
	return rc;
}

void store_answers_free(struct store_answer *v, size_t n)
{
	(void)n;  /* one allocation holds the answers and their strings */
	free(v);
}

int store_snapshot(struct store *s, const char *hash, char **source, size_t *len)
{
	sqlite3_stmt *st = prep(s, "SELECT id FROM snapshot WHERE hash = ?1");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	int r = sqlite3_step(st);
	int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (r != SQLITE_ROW)
		return r == SQLITE_DONE ? set_err(s, "questionnaire snapshot %s is missing", hash) : db_err(s, r);
	/* Read straight into the caller's buffer: sqlite3_column_text would
	 * first put together a copy of its own (13 MiB for the largest). */
	sqlite3_blob *b;
	if ((r = sqlite3_blob_open(s->db, "main", "snapshot", "source", id, 0, &b)) != SQLITE_OK)
		return db_err(s, r);
	int n = sqlite3_blob_bytes(b);
	char *buf = xmalloc((size_t)n + 1);
	if ((r = sqlite3_blob_read(b, buf, n, 0)) != SQLITE_OK)
		db_err(s, r);  /* before closing, which resets the message */
	sqlite3_blob_close(b);
	if (r != SQLITE_OK) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*source = buf;
	*len = (size_t)n;
	return 0;
}

int store_domain_scores(struct store *s, int64_t assessment, struct store_target **v, size_t *n)
{
	sqlite3_stmt *st = prep(s, "SELECT domain, percent FROM domain_score WHERE assessment_id = ?1 "
				   "ORDER BY domain");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	return read_pairs(s, st, v, n);
}

int store_unscored(struct store *s, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(s, "SELECT id FROM assessment WHERE status = 'complete' AND overall IS NULL "
				   "AND NOT EXISTS (SELECT 1 FROM domain_score d WHERE d.assessment_id = assessment.id)");
	if (!st)
		return -1;
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		grow_array((void **)ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : db_err(s, r);
}

int store_assessment_delete(struct store *s, int64_t id)
{
	if (begin(s))
		return -1;
	sqlite3_stmt *st = prep(s, "DELETE FROM assessment WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	int rc = update_one(s, st, "assessment");
	/* A snapshot no assessment uses any more goes too. */
	if (!rc)
		rc = exec(s, "DELETE FROM snapshot WHERE id NOT IN (SELECT snapshot_id FROM assessment)");
	return end(s, rc);
}

void store_assessment_free(struct store_assessment *a)
{
	free(a->org);
	free(a->respondent);
	free(a->role);
	free(a->qn_id);
	free(a->qn_version);
	free(a->updated);
	memset(a, 0, sizeof(*a));
}

void store_assessments_free(struct store_assessment *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_assessment_free(&v[i]);
	free(v);
}

int store_backup(struct store *s, const char *path)
{
	if (access(path, F_OK) == 0)
		return set_err(s, "%s exists already", path);
	/* Create it ourselves so that the copy is private too. */
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return set_err(s, "cannot create %s: %s", path, strerror(errno));
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
		return set_err(s, "backup to %s failed: %s", path, reason(rc) ? reason(rc) : sqlite3_errstr(rc));
	}
	return 0;
}
