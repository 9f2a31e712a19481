/*
 * store_internal.h - what the store's files (store.c, store_write.c,
 * store_read.c) share: the handle and small SQLite helpers.  Not for use
 * outside the store.
 */
#ifndef HVB_STORE_INTERNAL_H
#define HVB_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_ERROR_MAX 512

struct hvb_store {
	sqlite3 *db;
	char error[STORE_ERROR_MAX];
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
int store_commit(struct hvb_store *st);
void store_rollback(struct hvb_store *st); /* best effort, keeps the error */

/* Upgrades an older schema to HVB_SCHEMA_VERSION in one transaction
 * (store_migrate.c); 0 or -1 (error set, database unchanged). */
int store_migrate(struct hvb_store *st);

/* NULL string -> SQL NULL. */
int store_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* Non-finite -> SQL NULL. */
int store_bind_double(sqlite3_stmt *stmt, int index, double value);

/* Heap copy of a text column, NULL for SQL NULL (or out of memory). */
char *store_column_dup(sqlite3_stmt *stmt, int column);
/* SQL NULL -> NaN. */
double store_column_double(sqlite3_stmt *stmt, int column);

#endif
