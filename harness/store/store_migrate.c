/*
 * store_migrate.c - upgrade an older results database to the schema this
 * hvbench knows (HVB_SCHEMA_VERSION), in one transaction.
 *
 * The migration table says how to get from each version to the next; the
 * SQL of a step never changes once released (a fresh database is created
 * from results-schema.sql directly, which must equal the old schema plus
 * every step).  Steps change tables only: the views (`summary`) are then
 * dropped and created again from results-schema.sql itself, so a view's
 * column list is written once, there.
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct migration {
	int from_version;
	const char *sql;
};

static const struct migration migrations[] = {
	/* 1 -> 2: runs.run_uuid, the identity `hvbench import` merges on.  Old
	 * runs get a key derived from what identifies them (host fingerprint,
	 * start time, arch, backend, testbed, id), so two copies of one v1
	 * database upgrade to the same keys and merge without duplicates. */
	{ 1,
	  "ALTER TABLE runs ADD COLUMN run_uuid TEXT;"
	  "UPDATE runs SET run_uuid = 'v1:' || (SELECT fingerprint FROM hosts AS h "
	  "  WHERE h.host_id = runs.host_id) || '|' || started_at || '|' || arch || '|' || "
	  "  backend || '|' || testbed || '|' || run_id;"
	  "CREATE UNIQUE INDEX runs_by_uuid ON runs(run_uuid);" },
	/* 2 -> 3: the run_versions view only (made with the other views) */
	{ 2, "" },
};

static int read_version(struct hvb_store *st, long long *version)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA user_version");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt) == SQLITE_ROW ? 0 : store_sqlite_error(st, "reading user_version");
	if (rc == 0)
		*version = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc;
}

/* Every "CREATE VIEW name AS ...;" of the compiled-in schema, dropped and
 * made again (a view holds no data).  The schema's statements end with ";"
 * at the end of a line, and its views contain no other ";". */
static int recreate_views(struct hvb_store *st)
{
	const char *p = hvb_schema_sql;
	while ((p = strstr(p, "CREATE VIEW ")) != NULL) {
		const char *end = strstr(p, ";\n");
		if (!end)
			return store_error(st, "results-schema.sql: unterminated CREATE VIEW");
		char name[64];
		if (sscanf(p, "CREATE VIEW %63s", name) != 1)
			return store_error(st, "results-schema.sql: a CREATE VIEW without a name");
		size_t len = (size_t)(end - p) + 1;
		char *sql = malloc(len + sizeof(name) + 32);
		if (!sql)
			return store_error(st, "out of memory");
		int n = snprintf(sql, len + sizeof(name) + 32, "DROP VIEW IF EXISTS %s; ", name);
		memcpy(sql + n, p, len);
		sql[n + len] = '\0';
		int rc = store_exec(st, sql);
		free(sql);
		if (rc)
			return -1;
		p = end;
	}
	return 0;
}

static int apply_steps(struct hvb_store *st, long long version)
{
	for (size_t i = 0; i < sizeof(migrations) / sizeof(migrations[0]); i++) {
		if (migrations[i].from_version != version)
			continue;
		if (store_exec(st, migrations[i].sql))
			return store_error(st, "migrating from schema version %lld: %s", version, st->error);
		version++;
	}
	if (version != HVB_SCHEMA_VERSION)
		return store_error(st, "no migration from schema version %lld", version);
	if (recreate_views(st))
		return -1;
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", HVB_SCHEMA_VERSION);
	return store_exec(st, sql);
}

int store_migrate(struct hvb_store *st)
{
	long long version;
	if (store_begin(st))
		return -1;
	/* Read again inside the write transaction: another hvbench may have
	 * upgraded the file since we looked. */
	if (read_version(st, &version) ||
	    (version < HVB_SCHEMA_VERSION && apply_steps(st, version)) ||
	    store_commit(st)) {
		char saved[STORE_ERROR_MAX];
		snprintf(saved, sizeof(saved), "%s", st->error);
		store_rollback(st);
		return store_error(st, "%s", saved);
	}
	return 0;
}
