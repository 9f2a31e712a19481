/*
 * store_internal.h - what the store's files (store.c, store_write.c,
 * store_read.c) share: the handle and small SQLite helpers.  Not for use
 * outside the store.
 */
#ifndef HVB_STORE_INTERNAL_H
#define HVB_STORE_INTERNAL_H

#include <limits.h>
#include <sqlite3.h>

#include "store/store.h"

#define STORE_ERROR_MAX 512

/* The columns of runs and results that are copied from one database to
 * another (import, recovery file), ids and host aside. */
#define COPY_RUN_COLUMNS "started_at, finished_at, arch, backend, hypervisor, hypervisor_version, " \
	"testbed, emulated, guest_path, guest_sha256, guest_build_id, tick_hz, tick_source, vcpus, " \
	"pinned, status, message, hvbench_version, command_line, run_uuid"
#define COPY_RESULT_COLUMNS "benchmark, variant, unit, status, reason, n, median, p25, p75, ci_low, " \
	"ci_high, ci_exact, mean, stddev, cv, outliers, empty_median"

struct hvb_store {
	sqlite3 *db;                 /* the database, or the recovery file once spilled */
	char error[STORE_ERROR_MAX];
	int last_rc;                 /* SQLite's code for the last error, 0: not SQLite's */
	long busy_limit_ms;          /* how long one write waits for a busy database */
	long long busy_since_ms;     /* when the current wait began (store_busy_wait) */
	char path[PATH_MAX];         /* the database file asked for */
	bool read_only;              /* a read command on a file or folder we may not write */
	bool spilled;                /* writes go to the recovery file (store_spill.c) */
	char spill_path[PATH_MAX];
	char spill_why[STORE_ERROR_MAX]; /* what the database refused */
};

/* Sets the store's error message; returns -1. */
int store_error(struct hvb_store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "what: <sqlite message>"; returns -1. */
int store_sqlite_error(struct hvb_store *st, const char *what);

/* Prepared statement or NULL (error set). */
sqlite3_stmt *store_prepare(struct hvb_store *st, const char *sql);
/* Runs SQL without results; 0 or -1 (error set). */
int store_exec(struct hvb_store *st, const char *sql);
/* Steps a statement to SQLITE_DONE and finalizes it; 0 or -1 (error set). */
int store_step_done(struct hvb_store *st, sqlite3_stmt *stmt, const char *what);

int store_begin(struct hvb_store *st);     /* BEGIN IMMEDIATE */
/* COMMIT, retried while the database stays busy, up to st->busy_limit_ms. */
int store_commit(struct hvb_store *st);
void store_rollback(struct hvb_store *st); /* best effort, keeps the error */

/* Upgrades an older schema to HVB_SCHEMA_VERSION in one transaction
 * (store_migrate.c); 0 or -1 (error set, database unchanged). */
int store_migrate(struct hvb_store *st);

/* Waits for a busy database: sleeps, with backoff, until busy_limit_ms
 * have passed since this lock was first found busy (a sqlite3 busy handler). */
int store_busy_wait(void *store, int count);

/*
 * store_spill.c: the run goes on in a recovery file when the database
 * cannot take a write.  store_spill() is called after a write of run_id
 * failed: when the failure means "this database cannot be written now"
 * (full, read-only, busy beyond the bound, I/O error) it creates the
 * recovery database, copies into it what run_id already has in the
 * database, switches st to it and returns 0 (the caller retries the
 * write); otherwise, or when already spilled, -1 with the error kept.
 * run_id 0: no run to copy (the database could not even be opened).
 */
int store_spill(struct hvb_store *st, int64_t run_id);
/* The failure (an SQLite result code) is the database refusing writes. */
bool store_cannot_write(int sqlite_rc);

/* Runs WRITE (an expression using the store `st`) and, when it fails
 * because the database refuses writes, once more after store_spill(). */
#define STORE_WRITE(st, run_id, WRITE) \
	((WRITE) == 0 ? 0 : store_spill((st), (run_id)) != 0 ? -1 : (WRITE))

/* NULL string -> SQL NULL. */
int store_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* Non-finite -> SQL NULL. */
int store_bind_double(sqlite3_stmt *stmt, int index, double value);

/* Heap copy of a text column, NULL for SQL NULL (or out of memory). */
char *store_column_dup(sqlite3_stmt *stmt, int column);
/* SQL NULL -> NaN. */
double store_column_double(sqlite3_stmt *stmt, int column);

#endif
