/*
 * store_read.c - reading runs back: resolve "latest"/ids, run headers, the
 * `summary` view rows of a run, environment, tags, log, and the rows the
 * figures plot.
 */
#include "store/store_internal.h"
#include "store/run_filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- run ids ------------------------------------------------------------------ */

int hvb_store_latest_run(struct hvb_store *st, int64_t *run_id)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT max(run_id) FROM runs");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		store_sqlite_error(st, "finding the latest run");
		sqlite3_finalize(stmt);
		return -1;
	}
	rc = 1;
	if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		*run_id = sqlite3_column_int64(stmt, 0);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	if (rc)
		store_error(st, "the database has no runs");
	return rc;
}

static int run_exists(struct hvb_store *st, int64_t run_id)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT 1 FROM runs WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		store_error(st, "no run %lld", (long long)run_id);
		return 1;
	}
	return store_sqlite_error(st, "looking up a run");
}

int hvb_store_resolve_run(struct hvb_store *st, const char *spec, int64_t *run_id)
{
	if (!spec || strcmp(spec, "latest") == 0)
		return hvb_store_latest_run(st, run_id);
	char *end;
	errno = 0;
	long long id = strtoll(spec, &end, 10);
	if (errno || end == spec || *end || id <= 0 || spec[0] == '+' || spec[0] == ' ') {
		store_error(st, "'%s' is not a run id (a positive number or 'latest')", spec);
		return 1;
	}
	int rc = run_exists(st, id);
	if (rc == 0)
		*run_id = id;
	return rc;
}

/* ---- run headers -------------------------------------------------------------- */

#define RUN_COLUMNS \
	"r.run_id, r.started_at, r.finished_at, r.status, r.message, h.hostname, h.cpu_model, " \
	"r.arch, r.backend, r.hypervisor, r.hypervisor_version, r.testbed, r.emulated, " \
	"r.guest_path, r.guest_sha256, r.guest_build_id, r.tick_hz, r.tick_source, r.vcpus, " \
	"r.pinned, r.hvbench_version, r.command_line " \
	"FROM runs AS r JOIN hosts AS h ON h.host_id = r.host_id "

static void read_run_header(sqlite3_stmt *stmt, struct hvb_run_header *h)
{
	memset(h, 0, sizeof(*h));
	h->run_id = sqlite3_column_int64(stmt, 0);
	h->started_at = store_column_dup(stmt, 1);
	h->finished_at = store_column_dup(stmt, 2);
	h->status = store_column_dup(stmt, 3);
	h->message = store_column_dup(stmt, 4);
	h->hostname = store_column_dup(stmt, 5);
	h->cpu_model = store_column_dup(stmt, 6);
	h->arch = store_column_dup(stmt, 7);
	h->backend = store_column_dup(stmt, 8);
	h->hypervisor = store_column_dup(stmt, 9);
	h->hypervisor_version = store_column_dup(stmt, 10);
	h->testbed = store_column_dup(stmt, 11);
	h->emulated = sqlite3_column_int(stmt, 12) != 0;
	h->guest_path = store_column_dup(stmt, 13);
	h->guest_sha256 = store_column_dup(stmt, 14);
	h->guest_build_id = store_column_dup(stmt, 15);
	sqlite3_int64 hz = sqlite3_column_int64(stmt, 16);
	h->tick_hz = hz > 0 ? (uint64_t)hz : 0;
	h->tick_source = store_column_dup(stmt, 17);
	sqlite3_int64 vcpus = sqlite3_column_int64(stmt, 18);
	h->vcpus = vcpus > 0 ? (unsigned)vcpus : 0;
	h->pinned = sqlite3_column_int(stmt, 19) != 0;
	h->hvbench_version = store_column_dup(stmt, 20);
	h->command_line = store_column_dup(stmt, 21);
}

void hvb_run_header_free(struct hvb_run_header *h)
{
	if (!h)
		return;
	char *strings[] = {
		h->started_at, h->finished_at, h->status, h->message, h->hostname, h->cpu_model,
		h->arch, h->backend, h->hypervisor, h->hypervisor_version, h->testbed, h->guest_path,
		h->guest_sha256, h->guest_build_id, h->tick_source, h->hvbench_version, h->command_line,
	};
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(strings[i]);
	memset(h, 0, sizeof(*h));
}

int hvb_store_get_run(struct hvb_store *st, int64_t run_id, struct hvb_run_header *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " RUN_COLUMNS "WHERE r.run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		read_run_header(stmt, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		store_error(st, "no run %lld", (long long)run_id);
		rc = 1;
	} else {
		rc = store_sqlite_error(st, "reading a run");
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Steps stmt, calling read_row for each row into a growing array of
 * elem_size elements.  Returns 0 with *items and *n set, or -1. */
static int collect_rows(struct hvb_store *st, sqlite3_stmt *stmt, size_t elem_size,
			void (*read_row)(sqlite3_stmt *, void *), void **items, size_t *n)
{
	char *array = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == cap) {
			size_t grown_cap = cap ? cap * 2 : 16;
			char *grown = realloc(array, grown_cap * elem_size);
			if (!grown) {
				rc = SQLITE_NOMEM;
				break;
			}
			array = grown;
			cap = grown_cap;
		}
		read_row(stmt, array + count * elem_size);
		count++;
	}
	*items = array;
	*n = count;
	if (rc != SQLITE_DONE) {
		store_sqlite_error(st, "reading rows");
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

static void read_run_header_row(sqlite3_stmt *stmt, void *item)
{
	read_run_header(stmt, item);
}

void hvb_run_headers_free(struct hvb_run_header *runs, size_t n)
{
	for (size_t i = 0; runs && i < n; i++)
		hvb_run_header_free(&runs[i]);
	free(runs);
}

int hvb_store_list_runs(struct hvb_store *st, size_t limit, struct hvb_run_header **runs, size_t *n)
{
	void *items = NULL;
	*runs = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_prepare(st, "SELECT " RUN_COLUMNS "ORDER BY r.run_id DESC LIMIT ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, limit ? (sqlite3_int64)limit : -1);
	if (collect_rows(st, stmt, sizeof(struct hvb_run_header), read_run_header_row, &items, n)) {
		hvb_run_headers_free(items, *n);
		*n = 0;
		return -1;
	}
	*runs = items;
	return 0;
}

/* ---- summary ---------------------------------------------------------------- */

static void read_summary_row(sqlite3_stmt *stmt, void *item)
{
	struct hvb_summary_row *row = item;
	memset(row, 0, sizeof(*row));
	row->run_id = sqlite3_column_int64(stmt, 0);
	row->benchmark = store_column_dup(stmt, 1);
	row->variant = store_column_dup(stmt, 2);
	row->unit = store_column_dup(stmt, 3);
	row->status = store_column_dup(stmt, 4);
	row->reason = store_column_dup(stmt, 5);
	row->n = (long)sqlite3_column_int64(stmt, 6);
	row->median = store_column_double(stmt, 7);
	row->p25 = store_column_double(stmt, 8);
	row->p75 = store_column_double(stmt, 9);
	row->ci_low = store_column_double(stmt, 10);
	row->ci_high = store_column_double(stmt, 11);
	row->mean = store_column_double(stmt, 12);
	row->stddev = store_column_double(stmt, 13);
	row->cv = store_column_double(stmt, 14);
	row->empty_median = store_column_double(stmt, 15);
	row->outliers = (long)sqlite3_column_int64(stmt, 16);
}

void hvb_summary_rows_free(struct hvb_summary_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].benchmark);
		free(rows[i].variant);
		free(rows[i].unit);
		free(rows[i].status);
		free(rows[i].reason);
	}
	free(rows);
}

int hvb_store_run_summary(struct hvb_store *st, int64_t run_id,
			  struct hvb_summary_row **rows, size_t *n)
{
	void *items = NULL;
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT run_id, benchmark, variant, unit, status, reason, n, median, p25, p75, "
		"ci_low, ci_high, mean, stddev, cv, empty_median, outliers "
		"FROM summary WHERE run_id = ?1 ORDER BY result_id");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (collect_rows(st, stmt, sizeof(struct hvb_summary_row), read_summary_row, &items, n)) {
		hvb_summary_rows_free(items, *n);
		*n = 0;
		return -1;
	}
	*rows = items;
	return 0;
}

/* ---- env, tags, log ----------------------------------------------------------- */

static void read_kv_row(sqlite3_stmt *stmt, void *item)
{
	struct hvb_kv *kv = item;
	kv->key = store_column_dup(stmt, 0);
	kv->value = store_column_dup(stmt, 1);
}

void hvb_kv_free(struct hvb_kv *kv, size_t n)
{
	for (size_t i = 0; kv && i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

static int read_kv(struct hvb_store *st, const char *sql, int64_t run_id, struct hvb_kv **kv, size_t *n)
{
	void *items = NULL;
	*kv = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_prepare(st, sql);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (collect_rows(st, stmt, sizeof(struct hvb_kv), read_kv_row, &items, n)) {
		hvb_kv_free(items, *n);
		*n = 0;
		return -1;
	}
	*kv = items;
	return 0;
}

int hvb_store_run_env(struct hvb_store *st, int64_t run_id, struct hvb_kv **kv, size_t *n)
{
	return read_kv(st, "SELECT key, value FROM run_env WHERE run_id = ?1 ORDER BY key", run_id, kv, n);
}

int hvb_store_run_tags(struct hvb_store *st, int64_t run_id, struct hvb_kv **kv, size_t *n)
{
	return read_kv(st, "SELECT key, value FROM run_tags WHERE run_id = ?1 ORDER BY key", run_id, kv, n);
}

int hvb_store_run_log(struct hvb_store *st, int64_t run_id, char **text)
{
	*text = NULL;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT coalesce(group_concat(text, ''), '') FROM "
		"(SELECT text FROM run_log WHERE run_id = ?1 ORDER BY seq)");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_sqlite_error(st, "reading the log");
		sqlite3_finalize(stmt);
		return -1;
	}
	*text = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	if (!*text)
		return store_error(st, "out of memory");
	return 0;
}

/* ---- plot --------------------------------------------------------------------- */

static void read_plot_row(sqlite3_stmt *stmt, void *item)
{
	struct hvb_plot_row *row = item;
	memset(row, 0, sizeof(*row));
	row->benchmark = store_column_dup(stmt, 0);
	row->variant = store_column_dup(stmt, 1);
	row->backend = store_column_dup(stmt, 2);
	row->testbed = store_column_dup(stmt, 3);
	row->unit = store_column_dup(stmt, 4);
	row->emulated = sqlite3_column_int(stmt, 5) != 0;
	row->run_id = sqlite3_column_int64(stmt, 6);
	row->median = store_column_double(stmt, 7);
	row->p25 = store_column_double(stmt, 8);
	row->p75 = store_column_double(stmt, 9);
	sqlite3_int64 hz = sqlite3_column_int64(stmt, 10);
	row->tick_hz = hz > 0 ? (uint64_t)hz : 0;
}

void hvb_plot_rows_free(struct hvb_plot_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].benchmark);
		free(rows[i].variant);
		free(rows[i].backend);
		free(rows[i].testbed);
		free(rows[i].unit);
	}
	free(rows);
}

int hvb_store_plot_rows(struct hvb_store *st, const char *arch, const struct hvb_run_filter *filter,
			struct hvb_plot_row **rows, size_t *n)
{
	void *items = NULL;
	*rows = NULL;
	*n = 0;
	char sql[8192] =
		"WITH op AS (SELECT result_id, run_id FROM results "
		"  WHERE benchmark NOT LIKE 'app-%' AND benchmark NOT LIKE 'tlb-%' "
		"  AND benchmark <> 'startup'), "
		"latest AS (SELECT max(run_id) AS run_id FROM runs "
		"  WHERE arch = ? AND status = 'complete' "
		"  AND run_id IN (SELECT run_id FROM op)";
	const char *params[HVB_FILTER_PARAMS + 1] = { arch };
	size_t n_params = 1;
	/* --where chooses among the runs before "the latest of each backend" */
	if (hvb_filter_sql(filter, "run_id", sql, sizeof(sql), params, &n_params, HVB_FILTER_PARAMS + 1))
		return store_error(st, "too many conditions");
	strncat(sql, " GROUP BY backend, testbed) "
		"SELECT s.benchmark, s.variant, s.backend, s.testbed, s.unit, s.emulated, s.run_id, "
		"s.median, s.p25, s.p75, s.tick_hz FROM summary AS s "
		"JOIN latest AS l ON l.run_id = s.run_id "
		"WHERE s.status = 'ok' AND s.n > 0 AND s.result_id IN (SELECT result_id FROM op) "
		"ORDER BY s.benchmark, s.variant, s.backend, s.testbed", sizeof(sql) - strlen(sql) - 1);
	sqlite3_stmt *stmt = store_prepare(st, sql);
	if (!stmt)
		return -1;
	for (size_t i = 0; i < n_params; i++)
		store_bind_text(stmt, (int)i + 1, params[i]);
	if (collect_rows(st, stmt, sizeof(struct hvb_plot_row), read_plot_row, &items, n)) {
		hvb_plot_rows_free(items, *n);
		*n = 0;
		return -1;
	}
	*rows = items;
	return 0;
}
