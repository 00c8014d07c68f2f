/* store_org.c - the store's queries on organisations and their domain
 * targets. */
#include <stdio.h>
#include <stdlib.h>

#include "store_impl.h"

#include "itmaturity/i18n.h"

/* Steps ST, which gives an organisation the name NAME (NAME bound as ?1,
 * ID as ?2 when not 0), in a transaction of its own: 0, STORE_TAKEN when
 * another organisation has the name, -1 on failure. */
static int name_org(struct store *s, const char *sql, const char *name, int64_t id)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, sql);
	int rc = -1;
	if (st) {
		bind_text(st, 1, name);
		if (id)
			sqlite3_bind_int64(st, 2, id);
		int r = sqlite3_step(st);
		if (r == SQLITE_DONE && sqlite3_changes(s->db) == 1) {
			rc = 0;
		} else if (r == SQLITE_DONE) {
			rc = store_set_err(s, _("organisation %lld: not found"), (long long)id);
		} else if ((r & 0xff) == SQLITE_CONSTRAINT) {
			store_set_err(s, _("an organisation named '%s' exists already"), name);
			rc = STORE_TAKEN;
		} else {
			rc = store_db_err(s, r);
		}
		sqlite3_finalize(st);
	}
	return store_end(s, rc);
}

int store_org_add(struct store *s, const char *name, int64_t *id)
{
	int rc = name_org(s, "INSERT INTO org (name) VALUES (?1)", name, 0);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define ORG_COLUMNS "SELECT id, name, interval_months, size FROM org "

static void read_org(sqlite3_stmt *st, void *p)
{
	struct store_org *o = p;
	o->id = sqlite3_column_int64(st, 0);
	o->name = col_text(st, 1);
	o->interval_months = sqlite3_column_int(st, 2);
	const unsigned char *size = sqlite3_column_text(st, 3);
	snprintf(o->size, sizeof(o->size), "%s", size ? (const char *)size : "");
}

int store_org_get(struct store *s, const char *name, struct store_org *out)
{
	sqlite3_stmt *st = store_prep(s, ORG_COLUMNS "WHERE name = ?1");
	if (st)
		bind_text(st, 1, name);
	return store_read_one(s, st, out, read_org);
}

int store_org_by_id(struct store *s, int64_t id, struct store_org *out)
{
	sqlite3_stmt *st = store_prep(s, ORG_COLUMNS "WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return store_read_one(s, st, out, read_org);
}

int store_org_list(struct store *s, struct store_org **v, size_t *n)
{
	sqlite3_stmt *st = store_prep(s, ORG_COLUMNS "ORDER BY name");
	return store_read_rows(s, st, (void **)v, n, sizeof(**v), read_org);
}

int store_org_rename(struct store *s, int64_t id, const char *name)
{
	return name_org(s, "UPDATE org SET name = ?1 WHERE id = ?2", name, id);
}

/* Runs SQL, which sets a column of organisation ID (?1) to TEXT, or to
 * NUMBER when TEXT is NULL (?2), in a transaction of its own. */
static int update_org(struct store *s, const char *sql, int64_t id, const char *text, int number)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, sql);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		if (text)
			bind_text(st, 2, text);
		else
			sqlite3_bind_int(st, 2, number);
	}
	return store_end(s, store_update_one(s, st, _("organisation")));
}

int store_org_set_interval(struct store *s, int64_t id, int months)
{
	return update_org(s, "UPDATE org SET interval_months = ?2 WHERE id = ?1", id, NULL, months);
}

int store_org_set_size(struct store *s, int64_t id, const char *size)
{
	return update_org(s, "UPDATE org SET size = ?2 WHERE id = ?1", id, size, 0);
}

int store_target_set(struct store *s, int64_t org, const char *domain, double target)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, "INSERT INTO org_target (org_id, domain, target) VALUES (?1, ?2, ?3) "
					 "ON CONFLICT (org_id, domain) DO UPDATE SET target = excluded.target");
	if (st) {
		sqlite3_bind_int64(st, 1, org);
		bind_text(st, 2, domain);
		sqlite3_bind_double(st, 3, target);
	}
	return store_end(s, store_run(s, st));
}

int store_target_clear(struct store *s, int64_t org, const char *domain)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, "DELETE FROM org_target WHERE org_id = ?1 AND domain = ?2");
	if (st) {
		sqlite3_bind_int64(st, 1, org);
		bind_text(st, 2, domain);
	}
	return store_end(s, store_run(s, st));
}

static void read_target(sqlite3_stmt *st, void *p)
{
	struct store_target *t = p;
	t->domain = col_text(st, 0);
	t->target = col_real(st, 1);
}

int store_targets(struct store *s, int64_t org, struct store_target **v, size_t *n)
{
	sqlite3_stmt *st = store_prep(s, "SELECT domain, target FROM org_target WHERE org_id = ?1 ORDER BY domain");
	if (st)
		sqlite3_bind_int64(st, 1, org);
	return store_read_rows(s, st, (void **)v, n, sizeof(**v), read_target);
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
