/* store_assessment.c - the store's queries on assessments: drafts,
 * answers (and the packs of complete ones), questionnaire snapshots,
 * cached scores, lists. Each write is one transaction (or a savepoint
 * inside the caller's). */
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_pack.h"
#include "itmaturity/sha256.h"
#include "itmaturity/i18n.h"
#include "itmaturity/util.h"
#include "store_impl.h"

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static int new_uuid(struct store *s, char out[37])
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, b, sizeof(b)) != (ssize_t)sizeof(b)) {
		if (fd >= 0)
			close(fd);
		return store_set_err(s, _("cannot read random bytes for a UUID"));
	}
	close(fd);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
	return 0;
}

/* The snapshot row for IN's questionnaire text, added when new. Looked up
 * by its hash first: an insert that found it there would still have
 * copied the whole text to bind it. */
static int snapshot_id(struct store *s, const struct store_new *in, int64_t *id)
{
	char hash[65];
	if (in->hash)
		snprintf(hash, sizeof(hash), "%s", in->hash);
	else
		sha256_hex(in->source, in->source_len, hash);
	sqlite3_stmt *st = store_prep(s, "SELECT id FROM snapshot WHERE hash = ?1");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return r == SQLITE_ROW ? 0 : store_db_err(s, r);
	/* The text is written into the row in place (a blob of its bytes):
	 * bound as a value, SQLite would first copy all of it into a record. */
	st = store_prep(s, "INSERT INTO snapshot (hash, qn_id, qn_version, source) "
			   "VALUES (?1, ?2, ?3, zeroblob(?4))");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	bind_text(st, 2, in->qn_id);
	bind_text(st, 3, in->qn_version);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)in->source_len);
	if (store_run(s, st))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	sqlite3_blob *b;
	if ((r = sqlite3_blob_open(s->db, "main", "snapshot", "source", *id, 1, &b)) != SQLITE_OK)
		return store_db_err(s, r);
	if ((r = sqlite3_blob_write(b, in->source, (int)in->source_len, 0)) != SQLITE_OK)
		store_db_err(s, r);  /* before closing, which resets the message */
	int c = sqlite3_blob_close(b);
	return r != SQLITE_OK ? -1 : c != SQLITE_OK ? store_db_err(s, c) : 0;
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
	sqlite3_stmt *st = store_prep(s, "INSERT INTO assessment (uuid, org_id, respondent, role, snapshot_id, "
					 "taken, status, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return -1;
	bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, in->org_id);
	bind_text(st, 3, in->respondent);
	bind_text(st, 4, in->role);
	sqlite3_bind_int64(st, 5, snap);
	bind_text(st, 6, in->taken);
	bind_text(st, 7, status);
	bind_text(st, 8, in->language ? in->language : "en");
	if (store_run(s, st))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_draft_new(struct store *s, const struct store_new *in, int64_t *id)
{
	if (store_begin(s))
		return -1;
	return store_end(s, insert_assessment(s, in, "draft", id));
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
			return store_db_err(s, rc);
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
	return r == SQLITE_DONE ? 0 : store_db_err(s, r);
}

static void read_id(sqlite3_stmt *st, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(st, 0);
}

/* 0 when ASSESSMENT is a draft; STORE_NOT_DRAFT, with the message set,
 * when it is complete; -1 when it is missing or cannot be read. Called
 * within the write transaction that changes it: no other process can
 * complete it in between. */
static int draft_only(struct store *s, int64_t assessment)
{
	sqlite3_stmt *st = store_prep(s, "SELECT status = 'draft' FROM assessment WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	int64_t draft = 0;
	int r = store_read_one(s, st, &draft, read_id);
	if (r == 1)
		return store_set_err(s, _("assessment %lld: not found"), (long long)assessment);
	if (r == 0 && !draft) {
		store_set_err(s, _("assessment %lld is complete: its answers can no longer change"),
			      (long long)assessment);
		return STORE_NOT_DRAFT;
	}
	return r;
}

/* Before any change to a draft's answers: checks that it is still one,
 * marks it updated and drops its packed answers. */
static int touch(struct store *s, int64_t assessment)
{
	int rc = draft_only(s, assessment);
	if (rc)
		return rc;
	sqlite3_stmt *st = store_prep(s, "UPDATE assessment SET updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
					 "WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	if (store_update_one(s, st, _("assessment")))
		return -1;
	st = store_prep(s, "DELETE FROM answer_pack WHERE assessment_id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	return store_run(s, st);
}

int store_answer_put(struct store *s, int64_t assessment, const struct store_answer *a)
{
	if (store_begin(s))
		return -1;
	int rc = touch(s, assessment);
	if (!rc)
		rc = put_answer(s, assessment, a);
	return store_end(s, rc);
}

int store_answer_clear(struct store *s, int64_t assessment, const char *question)
{
	if (store_begin(s))
		return -1;
	int rc = touch(s, assessment);
	sqlite3_stmt *st = rc ? NULL
			      : store_prep(s, "DELETE FROM answer WHERE assessment_id = ?1 AND question = ?2");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		bind_text(st, 2, question);
		rc = store_run(s, st);
	}
	return store_end(s, rc);
}

/* ---- answer packs (the format: store_pack.h) ----
 * Complete assessments keep their answers packed in answer_pack too, so
 * that reading them back (results, compare, reports) is one value instead
 * of a row an answer. touch() drops the pack. */

/* Column I of ST as bytes: blobs, not texts, for sqlite3_column_text
 * copies a value to end it with a NUL. */
static struct store_pack_text col_bytes(sqlite3_stmt *st, int i)
{
	struct store_pack_text t;
	t.s = sqlite3_column_blob(st, i);  /* before its length, as SQLite asks */
	t.n = (size_t)sqlite3_column_bytes(st, i);
	return t;
}

/* ASSESSMENT's answer rows, packed into *BUF (caller frees). */
static int pack_rows(struct store *s, int64_t assessment, char **buf, size_t *len)
{
	sqlite3_stmt *st = store_prep(s, "SELECT kind, question, option_key, note FROM answer "
					 "WHERE assessment_id = ?1 ORDER BY question");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, assessment);
	struct store_pack_writer w = { 0 };
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = sqlite3_column_blob(st, 0);
		struct store_pack_text q = col_bytes(st, 1), o = col_bytes(st, 2), n = col_bytes(st, 3);
		store_pack_add(&w, k ? *k : '?', q, o, n);  /* reading refuses what is not a kind */
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		store_pack_discard(&w);
		return store_db_err(s, r);
	}
	*buf = store_pack_finish(&w, len);
	return 0;
}

/* The answers packed in BUF (store_answers_free frees them). */
static int unpack(struct store *s, int64_t assessment, const char *buf, size_t len,
		  struct store_answer **v, size_t *n)
{
	size_t bad;
	if (store_pack_read(buf, len, v, n, &bad) == 0)
		return 0;
	return store_set_err(s, _("the saved answers of assessment %lld are damaged (answer %zu)"),
			     (long long)assessment, bad);
}

/* Packs ASSESSMENT's answers into answer_pack; within a transaction. */
static int pack(struct store *s, int64_t assessment)
{
	char *buf;
	size_t len;
	if (pack_rows(s, assessment, &buf, &len))
		return -1;
	sqlite3_stmt *st = store_prep(s, "INSERT OR REPLACE INTO answer_pack (assessment_id, packed) "
					 "VALUES (?1, ?2)");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		sqlite3_bind_blob64(st, 2, buf, (sqlite3_uint64)len, SQLITE_STATIC);
	}
	int rc = store_run(s, st);
	free(buf);
	return rc;
}

int store_pack_all(struct store *s)
{
	sqlite3_stmt *st = store_prep(s, "SELECT id FROM assessment WHERE status = 'complete'");
	if (!st)
		return -1;
	int r, rc = 0;
	while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = pack(s, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc ? rc : r == SQLITE_DONE ? 0 : store_db_err(s, r);
}

static int write_scores(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	sqlite3_stmt *st = store_prep(s, "UPDATE assessment SET overall = ?2, status = 'complete', "
					 "updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, assessment);
		bind_real(st, 2, sc->overall);
	}
	if (store_update_one(s, st, _("assessment")))
		return -1;
	st = store_prep(s, "DELETE FROM domain_score WHERE assessment_id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	if (store_run(s, st))
		return -1;
	/* Prepared once for all the domains: a prepare costs more than the insert. */
	st = store_prep(s, "INSERT INTO domain_score (assessment_id, domain, percent) VALUES (?1, ?2, ?3)");
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
	return r == SQLITE_DONE ? 0 : store_db_err(s, r);
}

int store_complete(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	if (store_begin(s))
		return -1;
	int rc = draft_only(s, assessment);
	return store_end(s, rc ? rc : write_scores(s, assessment, sc));
}

int store_pack(struct store *s, int64_t assessment)
{
	if (store_begin(s))
		return -1;
	return store_end(s, pack(s, assessment));
}

int store_set_scores(struct store *s, int64_t assessment, const struct store_scores *sc)
{
	if (store_begin(s))
		return -1;
	int rc = write_scores(s, assessment, sc);
	return store_end(s, rc ? rc : pack(s, assessment));
}

int store_assessment_save(struct store *s, const struct store_new *in,
			  const struct store_answer *v, size_t n, const struct store_scores *sc,
			  int64_t *id, bool *added)
{
	*added = false;
	if (store_begin(s))
		return -1;
	int rc = 0;
	if (in->uuid) {
		sqlite3_stmt *st = store_prep(s, "SELECT id FROM assessment WHERE uuid = ?1");
		if (!st)
			return store_end(s, -1);
		bind_text(st, 1, in->uuid);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (r == SQLITE_ROW)
			return store_end(s, 0);
		if (r != SQLITE_DONE)
			return store_end(s, store_db_err(s, r));
	}
	rc = insert_assessment(s, in, in->complete ? "complete" : "draft", id);
	for (size_t i = 0; !rc && i < n; i++)
		rc = put_answer(s, *id, &v[i]);
	if (!rc && sc && !(rc = write_scores(s, *id, sc)))
		rc = pack(s, *id);
	if (store_end(s, rc))
		return -1;
	*added = true;
	return 0;
}

#define ASSESSMENT_COLUMNS                                                                     \
	"a.id, a.uuid, a.org_id, o.name, a.respondent, a.role, n.qn_id, n.qn_version, n.hash, " \
	"a.taken, a.status, a.overall, a.updated, a.language "                                 \
	"FROM assessment a JOIN org o ON o.id = a.org_id JOIN snapshot n ON n.id = a.snapshot_id "

static void read_assessment(sqlite3_stmt *st, void *p)
{
	struct store_assessment *a = p;
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
	a->overall = col_real(st, 11);
	a->has_overall = !isnan(a->overall);
	a->updated = col_text(st, 12);
	col_copy(st, 13, a->language, sizeof(a->language));
}

int store_assessment_get(struct store *s, int64_t id, struct store_assessment *out)
{
	sqlite3_stmt *st = store_prep(s, "SELECT " ASSESSMENT_COLUMNS "WHERE a.id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return store_read_one(s, st, out, read_assessment);
}

int store_assessment_list(struct store *s, const struct store_filter *f,
			  struct store_assessment **v, size_t *n)
{
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
	sqlite3_stmt *st = store_prep(s, sql[f->org_id != 0][f->oldest_first]);
	if (st) {
		sqlite3_bind_int(st, 1, f->status != STORE_ANY);
		bind_text(st, 2, f->status == STORE_DRAFT ? "draft" : "complete");
		sqlite3_bind_int64(st, 3, f->limit ? (sqlite3_int64)f->limit : -1);
		sqlite3_bind_int64(st, 4, f->org_id);
	}
	return store_read_rows(s, st, (void **)v, n, sizeof(**v), read_assessment);
}

int store_answers(struct store *s, int64_t assessment, struct store_answer **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *st = store_prep(s, "SELECT packed FROM answer_pack WHERE assessment_id = ?1");
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
		return store_db_err(s, r);
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
	sqlite3_stmt *st = store_prep(s, "SELECT id FROM snapshot WHERE hash = ?1");
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	int r = sqlite3_step(st);
	int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (r != SQLITE_ROW)
		return r == SQLITE_DONE ? store_set_err(s, _("questionnaire snapshot %s is missing"), hash)
					: store_db_err(s, r);
	/* Read straight into the caller's buffer: sqlite3_column_text would
	 * first put together a copy of its own. */
	sqlite3_blob *b;
	if ((r = sqlite3_blob_open(s->db, "main", "snapshot", "source", id, 0, &b)) != SQLITE_OK)
		return store_db_err(s, r);
	int n = sqlite3_blob_bytes(b);
	char *buf = xmalloc((size_t)n + 1);
	if ((r = sqlite3_blob_read(b, buf, n, 0)) != SQLITE_OK)
		store_db_err(s, r);  /* before closing, which resets the message */
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

static void read_domain_score(sqlite3_stmt *st, void *p)
{
	struct store_domain_score *d = p;
	d->domain = col_text(st, 0);
	d->percent = col_real(st, 1);
}

int store_domain_scores(struct store *s, int64_t assessment, struct store_domain_score **v, size_t *n)
{
	sqlite3_stmt *st = store_prep(s, "SELECT domain, percent FROM domain_score WHERE assessment_id = ?1 "
					 "ORDER BY domain");
	if (st)
		sqlite3_bind_int64(st, 1, assessment);
	return store_read_rows(s, st, (void **)v, n, sizeof(**v), read_domain_score);
}

void store_domain_scores_free(struct store_domain_score *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].domain);
	free(v);
}

int store_unscored(struct store *s, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = store_prep(s, "SELECT id FROM assessment WHERE status = 'complete' AND overall IS NULL "
					 "AND NOT EXISTS (SELECT 1 FROM domain_score d WHERE d.assessment_id = assessment.id)");
	return store_read_rows(s, st, (void **)ids, n, sizeof(**ids), read_id);
}

int store_assessment_delete(struct store *s, int64_t id)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, "DELETE FROM assessment WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	int rc = store_update_one(s, st, _("assessment"));
	/* A snapshot no assessment uses any more goes too. */
	if (!rc)
		rc = store_exec(s, "DELETE FROM snapshot WHERE id NOT IN (SELECT snapshot_id FROM assessment)");
	return store_end(s, rc);
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
