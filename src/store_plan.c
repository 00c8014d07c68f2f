/* store_plan.c - the queries of the action plan: adding, reading and
 * updating actions (store.h, struct store_action). The rules are in
 * plan.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "store_impl.h"

/* A random version-4 UUID, made by SQLite. */
#define NEW_UUID                                                                                   \
	"lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)), hex(randomblob(2)), "              \
	"substr(hex(randomblob(2)), 2), substr('89ab', 1 + abs(random() % 4), 1), "               \
	"substr(hex(randomblob(2)), 2), hex(randomblob(6))))"

#define ACTION_COLUMNS                                                                             \
	"SELECT x.id, x.uuid, x.org_id, x.question, ifnull(x.from_id, 0), ifnull(a.uuid, ''), "    \
	"ifnull(a.taken, ''), x.from_option, x.to_option, x.step, x.owner, x.due, x.status, "     \
	"ifnull(x.done_on, ''), x.reason, x.note, x.created, x.updated "                           \
	"FROM action x LEFT JOIN assessment a ON a.id = x.from_id "

static void read_action(sqlite3_stmt *st, void *p)
{
	struct store_action *a = p;
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, a->uuid, sizeof(a->uuid));
	a->org_id = sqlite3_column_int64(st, 2);
	a->question = col_text(st, 3);
	a->from_id = sqlite3_column_int64(st, 4);
	col_copy(st, 5, a->from_uuid, sizeof(a->from_uuid));
	col_copy(st, 6, a->from_taken, sizeof(a->from_taken));
	a->from_option = col_text(st, 7);
	a->to_option = col_text(st, 8);
	a->step = col_text(st, 9);
	a->owner = col_text(st, 10);
	col_copy(st, 11, a->due, sizeof(a->due));
	col_copy(st, 12, a->status, sizeof(a->status));
	col_copy(st, 13, a->done_on, sizeof(a->done_on));
	a->reason = col_text(st, 14);
	a->note = col_text(st, 15);
	col_copy(st, 16, a->created, sizeof(a->created));
	col_copy(st, 17, a->updated, sizeof(a->updated));
}

static void bind_empty(sqlite3_stmt *st, int i, const char *v)
{
	bind_text(st, i, v && *v ? v : NULL);
}

/* Binds what may change of A, from the option to reach to the note, as
 * parameters FIRST to FIRST + 7. */
static void bind_changes(sqlite3_stmt *st, int first, const struct store_action *a)
{
	bind_text(st, first, a->to_option);
	bind_text(st, first + 1, a->step ? a->step : "");
	bind_text(st, first + 2, a->owner ? a->owner : "");
	bind_text(st, first + 3, a->due);
	bind_text(st, first + 4, a->status);
	bind_empty(st, first + 5, a->done_on);
	bind_text(st, first + 6, a->reason);
	bind_text(st, first + 7, a->note ? a->note : "");
}

int store_action_add(struct store *s, const struct store_action *a, int64_t *id, bool *added)
{
	if (store_begin(s))
		return -1;
	*added = false;
	int rc = 1;
	if (a->uuid[0]) {
		sqlite3_stmt *st = store_prep(s, "SELECT id FROM action WHERE uuid = ?1");
		if (st) {
			bind_text(st, 1, a->uuid);
			int r = sqlite3_step(st);
			rc = r == SQLITE_ROW ? 0 : r == SQLITE_DONE ? 1 : store_db_err(s, r);
			if (r == SQLITE_ROW)
				*id = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		} else {
			rc = -1;
		}
	}
	if (rc == 1) {
		sqlite3_stmt *st = store_prep(s, "INSERT INTO action (uuid, org_id, question, from_id, from_option, "
					      "to_option, step, owner, due, status, done_on, reason, note) VALUES "
					      "(coalesce(?1, " NEW_UUID "), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
		if (st) {
			bind_empty(st, 1, a->uuid);
			sqlite3_bind_int64(st, 2, a->org_id);
			bind_text(st, 3, a->question);
			if (a->from_id > 0)
				sqlite3_bind_int64(st, 4, a->from_id);
			bind_text(st, 5, a->from_option);
			bind_changes(st, 6, a);
		}
		rc = store_run(s, st);
		if (!rc) {
			*id = sqlite3_last_insert_rowid(s->db);
			*added = true;
		}
	}
	return store_end(s, rc);
}

int store_action_get(struct store *s, int64_t id, struct store_action *out)
{
	sqlite3_stmt *st = store_prep(s, ACTION_COLUMNS "WHERE x.id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return store_read_one(s, st, out, read_action);
}

int store_actions(struct store *s, int64_t org, struct store_action **v, size_t *n)
{
	sqlite3_stmt *st = store_prep(s, ACTION_COLUMNS "WHERE x.org_id = ?1 ORDER BY x.id");
	if (st)
		sqlite3_bind_int64(st, 1, org);
	return store_read_rows(s, st, (void **)v, n, sizeof(**v), read_action);
}

int store_action_update(struct store *s, const struct store_action *a)
{
	if (store_begin(s))
		return -1;
	sqlite3_stmt *st = store_prep(s, "UPDATE action SET to_option = ?2, step = ?3, owner = ?4, due = ?5, "
				      "status = ?6, done_on = ?7, reason = ?8, note = ?9, "
				      "updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, a->id);
		bind_changes(st, 2, a);
	}
	return store_end(s, store_update_one(s, st, _("action")));
}

void store_action_free(struct store_action *a)
{
	free(a->question);
	free(a->from_option);
	free(a->to_option);
	free(a->step);
	free(a->owner);
	free(a->reason);
	free(a->note);
	memset(a, 0, sizeof(*a));
}

void store_actions_free(struct store_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_action_free(&v[i]);
	free(v);
}
