/*
 * store_import.c - merge another database's runs, deduplicated by run_uuid,
 * in one transaction, from a private checked copy (see store_import.h).
 */
#include "store/store_import.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_internal.h"

#define IMPORTED_RUNS "(SELECT old_id FROM temp.import_runs)"

struct private_copy {
	char dir[64], path[128], wal[160];
};

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	char buf[65536];
	ssize_t got;
	int rc = 0;
	while ((got = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)got) != got) {
			rc = -1;
			break;
		}
	if (got < 0)
		rc = -1;
	close(in);
	if (close(out) != 0)
		rc = -1;
	return rc;
}

static void remove_copy(struct private_copy *copy)
{
	const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char path[200];
		snprintf(path, sizeof(path), "%s%s", copy->path, suffixes[i]);
		unlink(path);
	}
	rmdir(copy->dir);
}

static int make_copy(struct hvb_store *st, const char *other, struct private_copy *copy)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(copy->dir, sizeof(copy->dir), "%.40s/hvb-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(copy->dir))
		return store_error(st, "cannot make a temporary directory: %s", strerror(errno));
	snprintf(copy->path, sizeof(copy->path), "%s/other.db", copy->dir);
	snprintf(copy->wal, sizeof(copy->wal), "%s-wal", copy->path);
	char other_wal[4096];
	snprintf(other_wal, sizeof(other_wal), "%s-wal", other);
	if (copy_file(other, copy->path) != 0 ||
	    (access(other_wal, F_OK) == 0 && copy_file(other_wal, copy->wal) != 0)) {
		int saved = errno;
		remove_copy(copy);
		return store_error(st, "%s: cannot read it: %s", other, strerror(saved));
	}
	return 0;
}

/* Opens the copy as an hvbench store (refuses foreign, newer or broken
 * files; upgrades older ones), runs quick_check, closes it. */
static int check_copy(struct hvb_store *st, const char *other, const struct private_copy *copy)
{
	struct hvb_store *theirs;
	char err[512];
	if (hvb_store_open_existing(copy->path, &theirs, err, sizeof(err)) != 0) {
		size_t skip = strncmp(err, copy->path, strlen(copy->path)) == 0 ? strlen(copy->path) + 2 : 0;
		return store_error(st, "%s: %s", other, strlen(err) >= skip ? err + skip : err);
	}
	sqlite3_stmt *stmt = store_prepare(theirs, "PRAGMA quick_check");
	const unsigned char *verdict = NULL;
	int ok = stmt && sqlite3_step(stmt) == SQLITE_ROW &&
		 (verdict = sqlite3_column_text(stmt, 0)) && strcmp((const char *)verdict, "ok") == 0;
	sqlite3_finalize(stmt);
	if (ok && store_exec(theirs, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE"))
		ok = 0;
	hvb_store_close(theirs);
	return ok ? 0 : store_error(st, "%s: the database is damaged (quick_check failed)", other);
}

static int exec_printf(struct hvb_store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int exec_printf(struct hvb_store *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (!sql)
		return store_error(st, "out of memory");
	int rc = store_exec(st, sql);
	sqlite3_free(sql);
	return rc;
}

static int64_t max_id(struct hvb_store *st, const char *sql)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	int64_t id = -1;
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return id;
}

static size_t changes(struct hvb_store *st)
{
	return (size_t)sqlite3_changes(st->db);
}

/* The merge proper, inside the transaction. */
static int merge(struct hvb_store *st, struct hvb_import_result *out)
{
	int64_t run_off = max_id(st, "SELECT coalesce(max(run_id), 0) FROM main.runs");
	int64_t result_off = max_id(st, "SELECT coalesce(max(result_id), 0) FROM main.results");
	if (run_off < 0 || result_off < 0)
		return -1;
	if (store_exec(st, "INSERT INTO main.hosts (hostname, cpu_model, fingerprint) "
		       "SELECT hostname, cpu_model, fingerprint FROM other.hosts WHERE true "
		       "ON CONFLICT (fingerprint) DO NOTHING") ||
	    store_exec(st, "DROP TABLE IF EXISTS temp.import_runs") ||
	    store_exec(st, "CREATE TEMP TABLE import_runs AS SELECT run_id AS old_id FROM other.runs "
		       "WHERE run_uuid NOT IN (SELECT run_uuid FROM main.runs WHERE run_uuid IS NOT NULL)"))
		return -1;
	int64_t total = max_id(st, "SELECT count(*) FROM other.runs");
	if (exec_printf(st, "INSERT INTO main.runs (run_id, host_id, " COPY_RUN_COLUMNS ") "
			"SELECT o.run_id + %" PRId64 ", (SELECT h.host_id FROM main.hosts AS h "
			"JOIN other.hosts AS oh ON oh.fingerprint = h.fingerprint WHERE oh.host_id = o.host_id), "
			COPY_RUN_COLUMNS " FROM other.runs AS o WHERE o.run_id IN " IMPORTED_RUNS, run_off))
		return -1;
	out->runs_imported = changes(st);
	out->runs_skipped = (size_t)total - out->runs_imported;
	const char *per_run[] = { "run_env (run_id, key, value)", "run_tags (run_id, key, value)",
				  "run_log (run_id, seq, source, text)" };
	const char *columns[] = { "key, value", "key, value", "seq, source, text" };
	const char *tables[] = { "run_env", "run_tags", "run_log" };
	for (size_t i = 0; i < 3; i++)
		if (exec_printf(st, "INSERT INTO main.%s SELECT run_id + %" PRId64 ", %s FROM other.%s "
				"WHERE run_id IN " IMPORTED_RUNS, per_run[i], run_off, columns[i], tables[i]))
			return -1;
	if (exec_printf(st, "INSERT INTO main.results (result_id, run_id, " COPY_RESULT_COLUMNS ") "
			"SELECT result_id + %" PRId64 ", run_id + %" PRId64 ", " COPY_RESULT_COLUMNS
			" FROM other.results WHERE run_id IN " IMPORTED_RUNS, result_off, run_off))
		return -1;
	out->results_imported = changes(st);
	if (exec_printf(st, "INSERT INTO main.samples (result_id, kind, batch, iters, value) "
			"SELECT result_id + %" PRId64 ", kind, batch, iters, value FROM other.samples "
			"WHERE result_id IN (SELECT result_id FROM other.results WHERE run_id IN "
			IMPORTED_RUNS ")", result_off))
		return -1;
	out->samples_imported = changes(st);
	return store_exec(st, "DROP TABLE temp.import_runs");
}

static int attach(struct hvb_store *st, const char *path)
{
	sqlite3_stmt *stmt = store_prepare(st, "ATTACH DATABASE ?1 AS other");
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, path);
	return store_step_done(st, stmt, "attaching the other database");
}

int hvb_store_import(struct hvb_store *st, const char *other_path, struct hvb_import_result *out)
{
	memset(out, 0, sizeof(*out));
	struct private_copy copy;
	if (make_copy(st, other_path, &copy))
		return -1;
	int rc = check_copy(st, other_path, &copy);
	if (rc == 0)
		rc = attach(st, copy.path);
	if (rc == 0) {
		if (store_begin(st) || merge(st, out) || store_commit(st)) {
			char saved[STORE_ERROR_MAX];
			snprintf(saved, sizeof(saved), "%s", st->error);
			store_rollback(st);
			memset(out, 0, sizeof(*out));
			rc = store_error(st, "import from %s failed, nothing changed: %s", other_path, saved);
		}
		sqlite3_exec(st->db, "DETACH DATABASE other", NULL, NULL, NULL);
	}
	remove_copy(&copy);
	return rc;
}
