/*
 * store_write.c - writing runs: the run row (first, as 'incomplete'), its
 * environment, tags, guest facts, results with raw samples and derived
 * summaries (each result in its own transaction), the bounded log, and the
 * final status.
 */
#include "store/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define LOG_TRUNCATED_MARK "[log truncated]"

static int upsert_host(struct hvb_store *st, const struct hvb_run_info *info, int64_t *host_id)
{
	char fallback[512];
	const char *fingerprint = info->host_fingerprint;
	if (!fingerprint || !*fingerprint) {
		snprintf(fallback, sizeof(fallback), "%s|%s", info->hostname,
			 info->cpu_model ? info->cpu_model : "");
		fingerprint = fallback;
	}
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO hosts (hostname, cpu_model, fingerprint) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (fingerprint) DO UPDATE SET hostname = excluded.hostname, "
		"cpu_model = coalesce(excluded.cpu_model, cpu_model) RETURNING host_id");
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, info->hostname);
	store_bind_text(stmt, 2, info->cpu_model);
	store_bind_text(stmt, 3, fingerprint);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_sqlite_error(st, "storing the host");
		sqlite3_finalize(stmt);
		return -1;
	}
	*host_id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return 0;
}

static int insert_run(struct hvb_store *st, const struct hvb_run_info *info, int64_t host_id)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO runs (started_at, host_id, arch, backend, hypervisor, hypervisor_version, "
		"testbed, emulated, guest_path, guest_sha256, guest_build_id, tick_hz, tick_source, "
		"vcpus, pinned, status, hvbench_version, command_line, run_uuid) VALUES (" NOW_SQL ", "
		"?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'incomplete', ?15, ?16, "
		"lower(hex(randomblob(16))))");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, host_id);
	store_bind_text(stmt, 2, info->arch);
	store_bind_text(stmt, 3, info->backend);
	store_bind_text(stmt, 4, info->hypervisor);
	store_bind_text(stmt, 5, info->hypervisor_version);
	store_bind_text(stmt, 6, info->testbed && *info->testbed ? info->testbed : "host");
	sqlite3_bind_int(stmt, 7, info->emulated);
	store_bind_text(stmt, 8, info->guest_path);
	store_bind_text(stmt, 9, info->guest_sha256);
	store_bind_text(stmt, 10, info->guest_build_id);
	if (info->tick_hz && info->tick_hz <= INT64_MAX)
		sqlite3_bind_int64(stmt, 11, (int64_t)info->tick_hz);
	store_bind_text(stmt, 12, info->tick_source);
	sqlite3_bind_int64(stmt, 13, info->vcpus);
	sqlite3_bind_int(stmt, 14, info->pinned);
	store_bind_text(stmt, 15, info->hvbench_version);
	store_bind_text(stmt, 16, info->command_line);
	return store_step_done(st, stmt, "storing the run");
}

static int begin_run_here(struct hvb_store *st, const struct hvb_run_info *info, int64_t *run_id)
{
	if (!info->hostname || !info->arch || !info->backend)
		return store_error(st, "a run needs hostname, arch and backend");
	int64_t host_id;
	if (store_begin(st))
		return -1;
	if (upsert_host(st, info, &host_id) || insert_run(st, info, host_id)) {
		store_rollback(st);
		return -1;
	}
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if (store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	*run_id = id;
	return 0;
}

int hvb_store_begin_run(struct hvb_store *st, const struct hvb_run_info *info, int64_t *run_id)
{
	return STORE_WRITE(st, 0, begin_run_here(st, info, run_id));
}

static int put_key_value(struct hvb_store *st, const char *table_sql, int64_t run_id,
			 const char *key, const char *value)
{
	if (!key || !*key || !value)
		return store_error(st, "empty key or missing value");
	sqlite3_stmt *stmt = store_prepare(st, table_sql);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, key);
	store_bind_text(stmt, 3, value);
	return store_step_done(st, stmt, key);
}

static int add_env_here(struct hvb_store *st, int64_t run_id, const char *key, const char *value)
{
	return put_key_value(st, "INSERT INTO run_env (run_id, key, value) VALUES (?1, ?2, ?3) "
			     "ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
			     run_id, key, value);
}

int hvb_store_add_env(struct hvb_store *st, int64_t run_id, const char *key, const char *value)
{
	return STORE_WRITE(st, run_id, add_env_here(st, run_id, key, value));
}

static int add_tag_here(struct hvb_store *st, int64_t run_id, const char *key, const char *value)
{
	return put_key_value(st, "INSERT INTO run_tags (run_id, key, value) VALUES (?1, ?2, ?3) "
			     "ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
			     run_id, key, value);
}

int hvb_store_add_tag(struct hvb_store *st, int64_t run_id, const char *key, const char *value)
{
	return STORE_WRITE(st, run_id, add_tag_here(st, run_id, key, value));
}

/* UPDATE that must touch exactly the run. */
static int update_run(struct hvb_store *st, sqlite3_stmt *stmt, int64_t run_id, const char *what)
{
	if (store_step_done(st, stmt, what))
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return store_error(st, "%s: no run %lld", what, (long long)run_id);
	return 0;
}

static int set_hello_here(struct hvb_store *st, int64_t run_id, const struct hvb_hello *hello)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"UPDATE runs SET guest_build_id = ?2, tick_source = coalesce(tick_source, ?3), "
		"tick_hz = CASE WHEN tick_hz IS NULL AND ?4 > 0 THEN ?4 ELSE tick_hz END "
		"WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, hello->build);
	store_bind_text(stmt, 3, hello->tick);
	sqlite3_bind_int64(stmt, 4, (int64_t)hello->tick_hz);
	if (update_run(st, stmt, run_id, "storing the guest's hello"))
		return -1;

	char proto[16], cpus[16];
	snprintf(proto, sizeof(proto), "%u", hello->proto);
	snprintf(cpus, sizeof(cpus), "%u", hello->cpus);
	const char *pairs[][2] = {
		{ "guest.proto", proto }, { "guest.arch", hello->arch }, { "guest.cpus", cpus },
		{ "guest.hv", hello->hv }, { "guest.vendor", hello->vendor },
		{ "guest.boot", hello->boot }, { "guest.tick", hello->tick },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (hvb_store_add_env(st, run_id, pairs[i][0], pairs[i][1]))
			return -1;
	return 0;
}

int hvb_store_run_set_hello(struct hvb_store *st, int64_t run_id, const struct hvb_hello *hello)
{
	return STORE_WRITE(st, run_id, set_hello_here(st, run_id, hello));
}

static int set_tick_here(struct hvb_store *st, int64_t run_id, uint64_t tick_hz, const char *tick_source)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"UPDATE runs SET tick_hz = ?2, tick_source = ?3 WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (tick_hz && tick_hz <= INT64_MAX)
		sqlite3_bind_int64(stmt, 2, (int64_t)tick_hz);
	store_bind_text(stmt, 3, tick_source);
	return update_run(st, stmt, run_id, "storing the tick frequency");
}

int hvb_store_run_set_tick(struct hvb_store *st, int64_t run_id, uint64_t tick_hz, const char *tick_source)
{
	return STORE_WRITE(st, run_id, set_tick_here(st, run_id, tick_hz, tick_source));
}

static int set_version_here(struct hvb_store *st, int64_t run_id, const char *version)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"UPDATE runs SET hypervisor_version = ?2 WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, version);
	return update_run(st, stmt, run_id, "storing the hypervisor version");
}

int hvb_store_run_set_hypervisor_version(struct hvb_store *st, int64_t run_id, const char *version)
{
	return STORE_WRITE(st, run_id, set_version_here(st, run_id, version));
}

/* ---- results ---------------------------------------------------------------- */

static int insert_result_row(struct hvb_store *st, int64_t run_id, const struct hvb_result_input *r,
			     const struct hvb_stats *stats, double empty_median, int64_t *result_id)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO results (run_id, benchmark, variant, unit, status, reason, n, median, p25, "
		"p75, ci_low, ci_high, ci_exact, mean, stddev, cv, outliers, empty_median) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, r->benchmark);
	store_bind_text(stmt, 3, r->variant);
	store_bind_text(stmt, 4, r->unit);
	store_bind_text(stmt, 5, hvb_bench_status_name(r->status));
	store_bind_text(stmt, 6, r->reason && *r->reason ? r->reason : NULL);
	sqlite3_bind_int64(stmt, 7, (int64_t)stats->n);
	if (stats->n) {
		store_bind_double(stmt, 8, stats->median);
		store_bind_double(stmt, 9, stats->p25);
		store_bind_double(stmt, 10, stats->p75);
		store_bind_double(stmt, 11, stats->ci_low);
		store_bind_double(stmt, 12, stats->ci_high);
		sqlite3_bind_int(stmt, 13, stats->ci_exact);
		store_bind_double(stmt, 14, stats->mean);
		store_bind_double(stmt, 15, stats->stddev);
		store_bind_double(stmt, 16, stats->cv);
		sqlite3_bind_int64(stmt, 17, (int64_t)stats->outliers);
	}
	store_bind_double(stmt, 18, empty_median);
	if (store_step_done(st, stmt, "storing the result"))
		return -1;
	*result_id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int insert_samples(struct hvb_store *st, int64_t result_id, const char *kind,
			  const struct hvb_batch *batches, size_t n)
{
	if (n == 0)
		return 0;
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO samples (result_id, kind, batch, iters, value) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!stmt)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, result_id);
		store_bind_text(stmt, 2, kind);
		sqlite3_bind_int64(stmt, 3, batches[i].batch);
		sqlite3_bind_int64(stmt, 4, (int64_t)batches[i].iters);
		store_bind_double(stmt, 5, batches[i].value);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			store_sqlite_error(st, "storing a sample");
			sqlite3_finalize(stmt);
			return -1;
		}
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* Summary of the net series; stats->n == 0 when there are no op samples. */
static int summarize(struct hvb_store *st, const struct hvb_result_input *r,
		     struct hvb_stats *stats, double *empty_median)
{
	double *op = calloc(r->n_op + 1, sizeof(double));
	double *empty = calloc(r->n_empty + 1, sizeof(double));
	int rc = -1;
	memset(stats, 0, sizeof(*stats));
	*empty_median = NAN;
	if (!op || !empty) {
		store_error(st, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < r->n_op; i++)
		op[i] = r->op[i].value;
	for (size_t i = 0; i < r->n_empty; i++)
		empty[i] = r->empty[i].value;
	if (hvb_stats_net_series(op, r->n_op, empty, r->n_empty, op, empty_median)) {
		store_error(st, "%s/%s: samples are not finite numbers", r->benchmark, r->variant);
		goto out;
	}
	if (r->n_op && hvb_stats_compute(op, r->n_op, stats)) {
		store_error(st, "%s/%s: cannot summarize the samples", r->benchmark, r->variant);
		goto out;
	}
	rc = 0;
out:
	free(op);
	free(empty);
	return rc;
}

static int add_result_here(struct hvb_store *st, int64_t run_id,
			 const struct hvb_result_input *r, int64_t *result_id)
{
	if (!r->benchmark || !*r->benchmark || !r->variant || !*r->variant || !r->unit || !*r->unit)
		return store_error(st, "a result needs benchmark, variant and unit");
	if (r->status == HVB_BENCH_INCOMPLETE || !hvb_bench_status_name(r->status))
		return store_error(st, "%s/%s: status must be ok, unsupported, timeout or failed",
				   r->benchmark, r->variant);
	if ((r->n_op && !r->op) || (r->n_empty && !r->empty))
		return store_error(st, "%s/%s: sample count without samples", r->benchmark, r->variant);

	struct hvb_stats stats;
	double empty_median;
	if (summarize(st, r, &stats, &empty_median))
		return -1;

	int64_t id;
	if (store_begin(st))
		return -1;
	if (insert_result_row(st, run_id, r, &stats, empty_median, &id) ||
	    insert_samples(st, id, "op", r->op, r->n_op) ||
	    insert_samples(st, id, "empty", r->empty, r->n_empty) ||
	    store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	if (result_id)
		*result_id = id;
	return 0;
}

int hvb_store_add_result(struct hvb_store *st, int64_t run_id,
			 const struct hvb_result_input *r, int64_t *result_id)
{
	return STORE_WRITE(st, run_id, add_result_here(st, run_id, r, result_id));
}

int hvb_store_add_session_results(struct hvb_store *st, int64_t run_id,
				  const struct hvb_session *s,
				  enum hvb_bench_status incomplete_as)
{
	if (incomplete_as != HVB_BENCH_TIMEOUT && incomplete_as != HVB_BENCH_FAILED)
		return store_error(st, "an unfinished benchmark is stored as timeout or failed");
	for (size_t i = 0; i < hvb_session_result_count(s); i++) {
		const struct hvb_bench_result *b = hvb_session_result(s, i);
		struct hvb_result_input in = {
			.benchmark = b->bench, .variant = b->variant, .unit = b->unit,
			.status = b->status, .reason = b->reason,
			.op = b->op, .n_op = b->n_op, .empty = b->empty, .n_empty = b->n_empty,
		};
		if (b->status == HVB_BENCH_INCOMPLETE) {
			in.status = incomplete_as;
			if (!b->reason[0])
				in.reason = "no end record";
		}
		if (hvb_store_add_result(st, run_id, &in, NULL))
			return -1;
	}
	return 0;
}

/* ---- log and finish ------------------------------------------------------- */

/* Bytes of log stored for the run, the next seq, and whether it was cut. */
static int log_state(struct hvb_store *st, int64_t run_id, int64_t *bytes, int64_t *next_seq,
		     bool *truncated)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT coalesce(sum(length(CAST(text AS BLOB))), 0), coalesce(max(seq), 0) + 1, "
		"coalesce(max(text = '" LOG_TRUNCATED_MARK "' AND source = 'harness'), 0) "
		"FROM run_log WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_sqlite_error(st, "reading the log size");
		sqlite3_finalize(stmt);
		return -1;
	}
	*bytes = sqlite3_column_int64(stmt, 0);
	*next_seq = sqlite3_column_int64(stmt, 1);
	*truncated = sqlite3_column_int(stmt, 2) != 0;
	sqlite3_finalize(stmt);
	return 0;
}

static int insert_log(struct hvb_store *st, int64_t run_id, int64_t seq, const char *source,
		      const char *text, size_t len)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO run_log (run_id, seq, source, text) VALUES (?1, ?2, ?3, ?4)");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, seq);
	store_bind_text(stmt, 3, source);
	sqlite3_bind_text(stmt, 4, text, (int)len, SQLITE_TRANSIENT);
	return store_step_done(st, stmt, "storing the log");
}

static int add_log_here(struct hvb_store *st, int64_t run_id, enum hvb_log_source source,
		      const char *text, size_t len)
{
	int64_t used, seq;
	bool truncated;
	if (len == 0)
		return 0;
	if (store_begin(st))
		return -1;
	if (log_state(st, run_id, &used, &seq, &truncated))
		goto fail;
	size_t room = used < HVB_STORE_LOG_MAX ? (size_t)(HVB_STORE_LOG_MAX - used) : 0;
	size_t keep = len < room ? len : room;
	if (keep) {
		/* Console bytes are untrusted: NULs and control characters other
		 * than tab and newline become '?' so the text reads back whole. */
		char *clean = malloc(keep);
		if (!clean) {
			store_error(st, "out of memory");
			goto fail;
		}
		for (size_t i = 0; i < keep; i++) {
			unsigned char c = (unsigned char)text[i];
			clean[i] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '?' : (char)c;
		}
		int rc = insert_log(st, run_id, seq++, source == HVB_LOG_HARNESS ? "harness" : "guest",
				    clean, keep);
		free(clean);
		if (rc)
			goto fail;
	}
	if (keep < len && !truncated &&
	    insert_log(st, run_id, seq, "harness", LOG_TRUNCATED_MARK, strlen(LOG_TRUNCATED_MARK)))
		goto fail;
	if (store_commit(st))
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int hvb_store_add_log(struct hvb_store *st, int64_t run_id, enum hvb_log_source source,
		      const char *text, size_t len)
{
	return STORE_WRITE(st, run_id, add_log_here(st, run_id, source, text, len));
}

static int finish_run_here(struct hvb_store *st, int64_t run_id,
			 enum hvb_run_status status, const char *message)
{
	const char *name = hvb_run_status_name(status);
	if (!name)
		return store_error(st, "invalid run status");
	sqlite3_stmt *stmt = store_prepare(st,
		"UPDATE runs SET status = ?2, finished_at = " NOW_SQL ", message = ?3 WHERE run_id = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, name);
	store_bind_text(stmt, 3, message && *message ? message : NULL);
	return update_run(st, stmt, run_id, "finishing the run");
}

int hvb_store_finish_run(struct hvb_store *st, int64_t run_id,
			 enum hvb_run_status status, const char *message)
{
	return STORE_WRITE(st, run_id, finish_run_here(st, run_id, status, message));
}

void hvb_store_env_pair(void *ctx, const char *key, const char *value)
{
	struct hvb_env_writer *writer = ctx;
	if (hvb_store_add_env(writer->store, writer->run_id, key, value) != 0)
		writer->failures++;
}
