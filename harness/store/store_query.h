/*
 * store_query.h - read-only SQL over the results database for the
 * commands that slice it many ways (compare, history, export, figures,
 * report): each result row goes to a callback as named text/number cells.
 * Parameters are bound as text ("?" placeholders, in order); SQLite's
 * column affinity makes "3" match an INTEGER run_id.
 */
#ifndef HVB_STORE_QUERY_H
#define HVB_STORE_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

struct hvb_cell {
	const char *text;     /* NULL for SQL NULL */
	double number;        /* NaN for NULL or non-numeric text */
	bool is_number;       /* INTEGER or REAL column value */
};

/* Called once per row; valid only during the call.  Return 0 to go on,
 * > 0 to stop quietly, < 0 to fail (set a message with hvb_store_fail). */
typedef int (*hvb_row_fn)(void *ctx, size_t n_columns, const char *const *names,
			  const struct hvb_cell *cells);

/* Runs one statement.  Returns 0, or -1 (hvb_store_error says why). */
int hvb_store_query(struct hvb_store *st, const char *sql, const char *const *params,
		    size_t n_params, hvb_row_fn fn, void *ctx);

/* One number from a query's first row and column: 0, 1 when there is no
 * row or it is NULL, -1 on error. */
int hvb_store_query_number(struct hvb_store *st, const char *sql, const char *const *params,
			   size_t n_params, double *out);

/* Sets the store's error message (for callbacks); returns -1. */
int hvb_store_fail(struct hvb_store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
