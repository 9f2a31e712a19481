/*
 * export_writers.h - query rows as CSV (RFC 4180 quoting) or as JSON
 * object members, for `hvbench export` and the report.
 */
#ifndef HVB_EXPORT_WRITERS_H
#define HVB_EXPORT_WRITERS_H

#include <stdbool.h>
#include <stdio.h>

#include "store/store_query.h"

/* One CSV field: quoted (with "" for ") when it holds , " CR LF or
 * leading/trailing blanks; NULL is an empty field. */
void csv_field(FILE *out, const char *text);

/* Row callbacks for hvb_store_query.  ctx is a struct csv_writer /
 * struct json_rows_writer. */
struct csv_writer {
	FILE *out;
	bool header_done;
};
int csv_write_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells);

/* Writes `"name":value` pairs (numbers stay numbers, NULL is null) of a
 * row, comma separated, without braces. */
void json_members(FILE *out, size_t n, const char *const *names, const struct hvb_cell *cells);

#endif
