/*
 * store.h - the SQLite results store (results-schema.sql): open/create and
 * check a database, write runs with their environment, tags, per-benchmark
 * results and raw samples, and read them back for show/list/plot.
 *
 * Conventions:
 *  - Every function returns 0 on success and -1 on error; the error text is
 *    then available from hvb_store_error() (hvb_store_open writes to err).
 *  - Functions that look something up return 1 for "not found".
 *  - Strings in read results are heap copies owned by the result; free them
 *    with the matching *_free function.  A NULL database value reads as NULL
 *    (strings) or NaN (doubles).
 *  - Write order of a run (crash-safe: the run row exists, as 'incomplete',
 *    before the guest starts):
 *      hvb_store_begin_run -> hvb_store_add_env / add_tag / run_set_hello /
 *      add_result (each committed on its own) / add_log -> hvb_store_finish_run.
 */
#ifndef HVB_STORE_H
#define HVB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/record.h"

#define HVB_SCHEMA_VERSION 3            /* PRAGMA user_version of results-schema.sql */
#define HVB_APPLICATION_ID 0x48564231   /* "HVB1": PRAGMA application_id */
#define HVB_STORE_LOG_MAX (1024 * 1024) /* bytes of log kept per run */

/* Schema text, generated from results-schema.sql by the Makefile. */
extern const char hvb_schema_sql[];

/* $HVBENCH_DB when set and non-empty, else "hvbench.db". */
const char *hvb_default_db_path(void);

struct hvb_store;

/*
 * Open `path`, creating it (with the schema, in one transaction) when it
 * does not exist or is an empty file.  Refuses, without modifying the file:
 * a file that is not SQLite, a SQLite database with another application_id
 * (or one that is non-empty and not ours), a user_version newer than
 * HVB_SCHEMA_VERSION.  Sets journal_mode=WAL, foreign_keys=ON and a busy
 * timeout.  Returns 0 and *out, or -1 with a message in err.
 */
int hvb_store_open(const char *path, struct hvb_store **out, char *err, size_t errlen);
/* Like hvb_store_open, but a missing (or empty) file is an error instead of
 * being created: for commands that only read (show, list, plot, export). */
int hvb_store_open_existing(const char *path, struct hvb_store **out, char *err, size_t errlen);
/*
 * For commands that store measurements (run, overhead): like
 * hvb_store_open, and when the database cannot be written at all
 * (read-only file system, no permission, no space to create it) the store
 * writes into a recovery file from the start instead of failing.
 */
int hvb_store_open_writer(const char *path, struct hvb_store **out, char *err, size_t errlen);
void hvb_store_close(struct hvb_store *st);
/* The last error of this store ("" if none). */
const char *hvb_store_error(const struct hvb_store *st);

/*
 * Full disk, read-only file system, a database kept busy by another writer
 * beyond the bound ($HVBENCH_BUSY_TIMEOUT seconds, default 300), an I/O
 * error: a write that fails so does not lose the run.  The store moves to a
 * recovery database (DB.unsaved-TIME-PID.db next to DB, else in $TMPDIR or
 * /tmp) holding a copy of the current run and every later write, and the
 * write succeeds there.  The run's stub in DB stays 'incomplete'.
 * hvb_store_recovery_path() is then the file (NULL while all is well), and
 * hvb_store_recovery_notice() the message for the user: what failed, where
 * the measurements are, the `hvbench import` that merges them back.
 */
const char *hvb_store_recovery_path(const struct hvb_store *st);
void hvb_store_recovery_notice(const struct hvb_store *st, char *out, size_t size);

/* ---- writing ------------------------------------------------------------ */

enum hvb_run_status { HVB_RUN_INCOMPLETE, HVB_RUN_COMPLETE, HVB_RUN_FAILED };
/* "incomplete", "complete", "failed". */
const char *hvb_run_status_name(enum hvb_run_status status);

/* What is known about a run before the guest starts.  NULL strings are
 * stored as NULL, except where noted. */
struct hvb_run_info {
	const char *hostname;           /* required */
	const char *cpu_model;
	const char *host_fingerprint;   /* identifies the host; NULL: hostname + cpu_model */
	const char *arch;               /* required: "x86_64", "aarch64" */
	const char *backend;            /* required: "refhv", "qemu-kvm", "qemu-tcg", ... */
	const char *hypervisor;         /* "kvm", "xen", "tcg", ... */
	const char *hypervisor_version;
	const char *testbed;            /* NULL: "host" */
	bool emulated;                  /* the numbers come from an emulator (TCG) */
	const char *guest_path;
	const char *guest_sha256;
	const char *guest_build_id;     /* may be set later by hvb_store_run_set_hello */
	uint64_t tick_hz;               /* 0: unknown (stored as NULL) */
	const char *tick_source;
	unsigned vcpus;
	bool pinned;
	const char *hvbench_version;
	const char *command_line;
};

/* Insert the host (if new) and the run with status 'incomplete' and
 * started_at = now (UTC, ISO 8601), committed.  *run_id gets its id. */
int hvb_store_begin_run(struct hvb_store *st, const struct hvb_run_info *info, int64_t *run_id);

/* One environment key/value (e.g. "cpu.model", "kernel", "governor",
 * "hwloc.xml"); a repeated key replaces the earlier value. */
int hvb_store_add_env(struct hvb_store *st, int64_t run_id, const char *key, const char *value);
/* One user tag (--tag KEY=VALUE); a repeated key replaces the earlier value. */
int hvb_store_add_tag(struct hvb_store *st, int64_t run_id, const char *key, const char *value);

/* Record what the guest said in `hello`: guest_build_id, tick_source and
 * (when hello->tick_hz != 0 and the run has none yet) tick_hz; also env
 * keys guest.proto, guest.arch, guest.cpus, guest.hv, guest.vendor, guest.boot. */
int hvb_store_run_set_hello(struct hvb_store *st, int64_t run_id, const struct hvb_hello *hello);
/* Overwrite the run's tick frequency (e.g. the host knows it better). */
int hvb_store_run_set_tick(struct hvb_store *st, int64_t run_id, uint64_t tick_hz, const char *tick_source);
/* The hypervisor's version, when it is only known after the boot (test-beds). */
int hvb_store_run_set_hypervisor_version(struct hvb_store *st, int64_t run_id, const char *version);

/* One benchmark+variant result with its raw samples. */
struct hvb_result_input {
	const char *benchmark;          /* required */
	const char *variant;            /* required; "-" when none */
	const char *unit;               /* required */
	enum hvb_bench_status status;   /* OK, UNSUPPORTED, TIMEOUT or FAILED */
	const char *reason;             /* NULL or "" when none */
	const struct hvb_batch *op;     /* n_op samples of the operation */
	size_t n_op;
	const struct hvb_batch *empty;  /* n_empty samples of the empty loop */
	size_t n_empty;
};

/* Insert a result and its samples in one transaction, with the summary
 * (n, median, p25, p75, CI, mean, stddev, cv, outliers) computed by stats.c
 * over the net series op - median(empty), and empty_median.  With no op
 * samples the summary columns are NULL and n is 0.  *result_id may be NULL. */
int hvb_store_add_result(struct hvb_store *st, int64_t run_id,
			 const struct hvb_result_input *r, int64_t *result_id);

/* Store every benchmark the session collected, each in its own transaction;
 * a benchmark left INCOMPLETE is stored as `incomplete_as` (TIMEOUT or
 * FAILED) with reason "no end record" unless it has one. */
int hvb_store_add_session_results(struct hvb_store *st, int64_t run_id,
				  const struct hvb_session *s,
				  enum hvb_bench_status incomplete_as);

enum hvb_log_source { HVB_LOG_GUEST, HVB_LOG_HARNESS };
/* Append text to the run's log ("guest": console, "harness": messages such
 * as a rejection).  The run's total log is capped at HVB_STORE_LOG_MAX bytes;
 * text beyond it is dropped and one "[log truncated]" entry is written. */
/* Many env pairs from one walk (host_env_each and the like): ctx is a
 * struct hvb_env_writer; failures counts the pairs that could not be stored. */
struct hvb_env_writer {
	struct hvb_store *store;
	int64_t run_id;
	int failures;
};
void hvb_store_env_pair(void *ctx, const char *key, const char *value);

int hvb_store_add_log(struct hvb_store *st, int64_t run_id, enum hvb_log_source source,
		      const char *text, size_t len);

/* Set the run's final status and finished_at = now; message (may be NULL)
 * says why a run failed. */
int hvb_store_finish_run(struct hvb_store *st, int64_t run_id,
			 enum hvb_run_status status, const char *message);

/* ---- reading ------------------------------------------------------------ */

/* The id of the newest run (any status): 0, 1 when there is none, -1 error. */
int hvb_store_latest_run(struct hvb_store *st, int64_t *run_id);
/* "latest" or a decimal run id that exists -> *run_id; 1 when not found. */
int hvb_store_resolve_run(struct hvb_store *st, const char *spec, int64_t *run_id);

struct hvb_run_header {
	int64_t run_id;
	char *started_at, *finished_at;
	char *status;                   /* "incomplete", "complete", "failed" */
	char *message;                  /* why it failed, or NULL */
	char *hostname, *cpu_model;
	char *arch, *backend, *hypervisor, *hypervisor_version, *testbed;
	bool emulated;
	char *guest_path, *guest_sha256, *guest_build_id;
	uint64_t tick_hz;               /* 0 when unknown */
	char *tick_source;
	unsigned vcpus;
	bool pinned;
	char *hvbench_version, *command_line;
};
/* The run's header: 0, 1 when there is no such run, -1 error. */
int hvb_store_get_run(struct hvb_store *st, int64_t run_id, struct hvb_run_header *out);
void hvb_run_header_free(struct hvb_run_header *h);

/* Runs, newest first, at most `limit` (0: all). */
int hvb_store_list_runs(struct hvb_store *st, size_t limit,
			struct hvb_run_header **runs, size_t *n);
void hvb_run_headers_free(struct hvb_run_header *runs, size_t n);

/* One row of the `summary` view. */
struct hvb_summary_row {
	int64_t run_id;
	char *benchmark, *variant, *unit, *status, *reason;
	long n;
	double median, p25, p75, ci_low, ci_high, mean, stddev, cv; /* NaN if NULL */
	double empty_median;            /* NaN if no empty samples */
	long outliers;
};
/* The summary rows of a run, ordered by result id (the guest's order). */
int hvb_store_run_summary(struct hvb_store *st, int64_t run_id,
			  struct hvb_summary_row **rows, size_t *n);
void hvb_summary_rows_free(struct hvb_summary_row *rows, size_t n);

struct hvb_kv {
	char *key, *value;
};
/* The run's environment / tags, ordered by key. */
int hvb_store_run_env(struct hvb_store *st, int64_t run_id, struct hvb_kv **kv, size_t *n);
int hvb_store_run_tags(struct hvb_store *st, int64_t run_id, struct hvb_kv **kv, size_t *n);
void hvb_kv_free(struct hvb_kv *kv, size_t n);

/* The run's log, concatenated in order (a heap string, caller frees). */
int hvb_store_run_log(struct hvb_store *st, int64_t run_id, char **text);

/* One bar of the figures: the `ok` microbenchmark results of the latest
 * complete run of each (backend, testbed) for one arch that has any (the
 * app suite's `app-*`, the TLB sweep's `tlb-*` and the overhead study's
 * `startup` have their own figure and table, and never hide a backend's
 * microbenchmarks). */
struct hvb_plot_row {
	char *benchmark, *variant, *backend, *testbed, *unit;
	bool emulated;
	int64_t run_id;
	double median, p25, p75;
	uint64_t tick_hz;               /* 0 when unknown */
};
/* Ordered by benchmark, variant, backend, testbed. */
struct hvb_run_filter;
/* filter: --where conditions on the runs (NULL: every run). */
int hvb_store_plot_rows(struct hvb_store *st, const char *arch, const struct hvb_run_filter *filter,
			struct hvb_plot_row **rows, size_t *n);
void hvb_plot_rows_free(struct hvb_plot_row *rows, size_t n);

#endif
