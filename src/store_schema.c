/* store_schema.c - the schema and its upgrades: the migrations, the
 * checks a database passes before anything is written to it, and the
 * backup taken before an upgrade (PATH.schemaN.bak). store.c opens the
 * file and calls store_check_schema, then store_migrate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itmaturity/util.h"
#include "store_impl.h"

#include "itmaturity/i18n.h"

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
	/* 5: the action plan (plan.h): an action belongs to an organisation
	 * and is tied to one question ref and the option key to reach. Its
	 * verification is derived from the answers, not stored. */
	"CREATE TABLE action ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  from_id INTEGER REFERENCES assessment(id) ON DELETE SET NULL,"
	"  from_option TEXT,"
	"  to_option TEXT NOT NULL,"
	"  step TEXT NOT NULL DEFAULT '',"
	"  owner TEXT NOT NULL DEFAULT '',"
	"  due TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),"
	"  done_on TEXT,"
	"  reason TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	");"
	"CREATE INDEX action_by_org ON action(org_id, id);",
	/* 6: the language an assessment's questions were read in (issue 17);
	 * the assessments before it were all in English. */
	"ALTER TABLE assessment ADD COLUMN language TEXT NOT NULL DEFAULT 'en';",
};

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
	return ok ? 0 : store_set_err(s, _("the database is corrupt (quick_check failed); not upgraded"));
}

/* Reads the database's schema version into *VERSION (0 for a new, empty
 * one), and refuses a database that is not itmaturity's, has a schema
 * this code does not know, cannot be used as asked (READ_ONLY), or needs
 * an upgrade and is damaged. Reads only. */
int store_check_schema(struct store *s, bool read_only, int *version)
{
	int64_t app = 0, v = 0, objects = 0;
	if (query_int(s, "PRAGMA application_id", &app) || query_int(s, "PRAGMA user_version", &v) ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &objects))
		return -1;
	bool fresh = app == 0 && v == 0 && objects == 0;
	*version = (int)v;  /* PRAGMA user_version is 32 bits */
	if (!fresh && app != STORE_APPLICATION_ID)
		return store_set_err(s, _("not an itmaturity database (it holds %lld other tables or indexes)"),
				     (long long)objects);
	if (v > STORE_SCHEMA_VERSION)
		return store_set_err(s, _("made by a newer itmaturity (schema version %lld; this one knows up to %d)"),
				     (long long)v, STORE_SCHEMA_VERSION);
	/* Ours, but below the first schema: nothing of ours writes that. */
	if (v < 1 && !fresh)
		return store_set_err(s, _("not a schema this version knows (schema version %lld; it knows 1 to %d)"),
				     (long long)v, STORE_SCHEMA_VERSION);
	if (read_only && fresh)
		return store_set_err(s, _("the database is empty"));
	if (read_only && v < STORE_SCHEMA_VERSION)
		return store_set_err(s, _("the database has schema version %lld and needs an upgrade to %d: "
				     "open it once for writing, where it can be written"), (long long)v, STORE_SCHEMA_VERSION);
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
		rc = store_set_err(s, _("cannot create %s: %s"), tmp, strerror(errno));
	} else if (vacuum_into(s, tmp)) {
		rc = -1;
	} else if ((copied = copy_version(fd)) < 0) {
		rc = store_set_err(s, _("cannot read %s back"), tmp);
	} else if (copied == from) {
		if (fsync(fd) != 0 || rename(tmp, bak) != 0)
			rc = store_set_err(s, _("cannot write %s: %s"), bak, strerror(errno));
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
int store_migrate(struct store *s, int from)
{
	if (from > 0 && back_up(s, from))
		return store_set_err(s, _("cannot back up before upgrading: %s"), s->err);
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		if (store_begin(s))
			return -1;
		int64_t now = 0;
		int rc = query_int(s, "PRAGMA user_version", &now);
		if (!rc && now <= v)
			rc = step(s, v);
		if (store_end(s, rc))
			return store_set_err(s, _("upgrading the schema to version %d failed: %s"), v + 1, s->err);
	}
	return 0;
}
