/*
 * store_spill.c - when the results database cannot take a write (the disk
 * is full, the file system is read-only, another writer kept it busy
 * beyond the bound, an I/O error), the measurements are not lost: the
 * store creates a recovery database (an ordinary hvbench database, in the
 * database's directory, else $TMPDIR, else /tmp), copies into it what the
 * current run already has in the database, and every later write of this
 * store goes there.  `hvbench import RECOVERY --db DB` merges it back.
 */
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

bool store_cannot_write(int sqlite_rc)
{
	switch (sqlite_rc & 0xff) {
	case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR: case SQLITE_CANTOPEN:
	case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_PERM:
		return true;
	default:
		return false;
	}
}

/* What the database's own directory says, for the error message. */
static const char *dir_state(const char *db_path, char *out, size_t size)
{
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", db_path);
	const char *dir = dirname(copy);
	struct statvfs vfs;
	if (statvfs(dir, &vfs) != 0)
		return "";
	if (vfs.f_flag & ST_RDONLY)
		snprintf(out, size, "; %s is on a read-only file system", dir);
	else
		snprintf(out, size, "; %llu bytes free in %s",
			 (unsigned long long)vfs.f_bavail * vfs.f_frsize, dir);
	return out;
}

/* Copies run_id (host, run, env, tags, log, results, samples) from the
 * database at from_path into the fresh recovery store, with a new run_uuid:
 * the run's stub in the database and its copy stay two runs. */
static int copy_run(struct hvb_store *to, const char *from_path, int64_t run_id)
{
	static const char *const steps[] = {
		"INSERT INTO hosts (host_id, hostname, cpu_model, fingerprint) "
		"SELECT h.host_id, h.hostname, h.cpu_model, h.fingerprint FROM src.hosts AS h "
		"JOIN src.runs AS r USING (host_id) WHERE r.run_id = ?1",
		"INSERT INTO runs (run_id, host_id, " COPY_RUN_COLUMNS ") SELECT run_id, host_id, "
		COPY_RUN_COLUMNS " FROM src.runs WHERE run_id = ?1",
		"UPDATE runs SET run_uuid = lower(hex(randomblob(16))) WHERE run_id = ?1",
		"INSERT INTO run_env (run_id, key, value) SELECT run_id, key, value FROM src.run_env "
		"WHERE run_id = ?1",
		"INSERT INTO run_tags (run_id, key, value) SELECT run_id, key, value FROM src.run_tags "
		"WHERE run_id = ?1",
		"INSERT INTO run_log (run_id, seq, source, text) SELECT run_id, seq, source, text "
		"FROM src.run_log WHERE run_id = ?1",
		"INSERT INTO results (result_id, run_id, " COPY_RESULT_COLUMNS ") SELECT result_id, run_id, "
		COPY_RESULT_COLUMNS " FROM src.results WHERE run_id = ?1",
		"INSERT INTO samples (result_id, kind, batch, iters, value) SELECT s.result_id, s.kind, "
		"s.batch, s.iters, s.value FROM src.samples AS s JOIN src.results AS r USING (result_id) "
		"WHERE r.run_id = ?1",
	};
	sqlite3_stmt *attach = store_prepare(to, "ATTACH DATABASE ?1 AS src");
	if (!attach)
		return -1;
	store_bind_text(attach, 1, from_path);
	if (store_step_done(to, attach, "reading the database"))
		return -1;
	/* A deferred BEGIN: BEGIN IMMEDIATE would take a write lock on every
	 * attached database, src included, which is exactly what the writer
	 * keeping the database busy holds; the copy only reads src. */
	int rc = store_exec(to, "BEGIN");
	for (size_t i = 0; rc == 0 && i < sizeof(steps) / sizeof(steps[0]); i++) {
		sqlite3_stmt *stmt = store_prepare(to, steps[i]);
		if (!stmt) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(stmt, 1, run_id);
		rc = store_step_done(to, stmt, "copying the run");
	}
	if (rc == 0)
		rc = store_commit(to);
	else
		store_rollback(to);
	sqlite3_exec(to->db, "DETACH DATABASE src", NULL, NULL, NULL);
	return rc;
}

/* One recovery database in dir: 0 and *out, or -1 (nothing left behind). */
static int create_in(const char *dir, const struct hvb_store *st, int64_t run_id,
		     struct hvb_store **out, char *path, size_t size)
{
	char base_copy[PATH_MAX];
	snprintf(base_copy, sizeof(base_copy), "%s", st->path);
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", gmtime_r(&now, &tm));
	if (snprintf(path, size, "%s/%s.unsaved-%s-%ld.db", dir, basename(base_copy), stamp,
		     (long)getpid()) >= (int)size)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	char err[STORE_ERROR_MAX];
	if (hvb_store_open(path, out, err, sizeof(err)) != 0) {
		unlink(path);
		return -1;
	}
	if (run_id > 0 && st->db && copy_run(*out, st->path, run_id) != 0) {
		hvb_store_close(*out);
		*out = NULL;
		unlink(path);
		return -1;
	}
	return 0;
}

int store_spill(struct hvb_store *st, int64_t run_id)
{
	if (st->spilled || !store_cannot_write(st->last_rc))
		return -1;
	char state[PATH_MAX + 64] = "";
	snprintf(st->spill_why, sizeof(st->spill_why), "%s%s", st->error,
		 dir_state(st->path, state, sizeof(state)));
	if (st->db)
		store_rollback(st);

	char db_dir[PATH_MAX];
	snprintf(db_dir, sizeof(db_dir), "%s", st->path);
	const char *tmp = getenv("TMPDIR");
	const char *dirs[] = { dirname(db_dir), tmp && *tmp ? tmp : "/tmp", "/tmp" };
	struct hvb_store *spill = NULL;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && !spill; i++)
		if (create_in(dirs[i], st, run_id, &spill, st->spill_path, sizeof(st->spill_path)) != 0)
			spill = NULL;
	if (!spill) {
		char why[STORE_ERROR_MAX];
		snprintf(why, sizeof(why), "%s", st->spill_why);
		st->spill_path[0] = '\0';
		return store_error(st, "%s; no recovery file could be written either (tried %s, %s)",
				   why, dirs[0], dirs[1]);
	}
	/* The recovery file takes the database's place in this store. */
	sqlite3_close(st->db);
	st->db = spill->db;
	sqlite3_busy_handler(st->db, store_busy_wait, st);
	spill->db = NULL;
	hvb_store_close(spill);
	st->spilled = true;
	st->error[0] = '\0';
	st->last_rc = 0;
	if (run_id > 0)
		hvb_store_add_env(st, run_id, "store.recovered_from", st->path);
	return 0;
}

const char *hvb_store_recovery_path(const struct hvb_store *st)
{
	return st && st->spilled ? st->spill_path : NULL;
}

void hvb_store_recovery_notice(const struct hvb_store *st, char *out, size_t size)
{
	if (!st || !st->spilled) {
		if (size)
			out[0] = '\0';
		return;
	}
	snprintf(out, size, "cannot write to %s (%s); the measurements are kept in %s: "
		 "recover them with 'hvbench import %s --db %s'", st->path, st->spill_why,
		 st->spill_path, st->spill_path, st->path);
}
