/*
 * store_query.c - one SQL statement, its rows handed to a callback as
 * cells (see store_query.h).
 */
#include "store/store_query.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store_internal.h"

#define QUERY_MAX_COLUMNS 64

int hvb_store_fail(struct hvb_store *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->error, sizeof(st->error), fmt, ap);
	va_end(ap);
	return -1;
}

static void read_cells(sqlite3_stmt *stmt, size_t n, struct hvb_cell *cells)
{
	for (size_t i = 0; i < n; i++) {
		int type = sqlite3_column_type(stmt, (int)i);
		cells[i].is_number = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
		cells[i].number = cells[i].is_number ? sqlite3_column_double(stmt, (int)i) : NAN;
		cells[i].text = type == SQLITE_NULL ? NULL
			      : (const char *)sqlite3_column_text(stmt, (int)i);
	}
}

int hvb_store_query(struct hvb_store *st, const char *sql, const char *const *params,
		    size_t n_params, hvb_row_fn fn, void *ctx)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	if (!stmt)
		return -1;
	for (size_t i = 0; i < n_params; i++)
		store_bind_text(stmt, (int)i + 1, params[i]);
	size_t n = (size_t)sqlite3_column_count(stmt);
	if (n > QUERY_MAX_COLUMNS) {
		sqlite3_finalize(stmt);
		return store_error(st, "query has more than %d columns", QUERY_MAX_COLUMNS);
	}
	const char *names[QUERY_MAX_COLUMNS];
	struct hvb_cell cells[QUERY_MAX_COLUMNS];
	for (size_t i = 0; i < n; i++)
		names[i] = sqlite3_column_name(stmt, (int)i);
	int rc, result = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_cells(stmt, n, cells);
		int verdict = fn(ctx, n, names, cells);
		if (verdict < 0)
			result = -1;
		if (verdict != 0)
			break;
	}
	if (result == 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
		result = store_sqlite_error(st, "query");
	sqlite3_finalize(stmt);
	return result;
}

struct first_number {
	double value;
	bool found;
};

static int take_first(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct first_number *first = ctx;
	if (n > 0 && cells[0].is_number) {
		first->value = cells[0].number;
		first->found = true;
	}
	return 1;
}

int hvb_store_query_number(struct hvb_store *st, const char *sql, const char *const *params,
			   size_t n_params, double *out)
{
	struct first_number first = { NAN, false };
	if (hvb_store_query(st, sql, params, n_params, take_first, &first))
		return -1;
	*out = first.value;
	return first.found ? 0 : 1;
}
