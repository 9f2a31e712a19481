/*
 * harness_store.c - unit tests for the SQLite store (harness/store/store*.c) and
 * `hvbench show` (harness/cmd_show.c): create, write, read back through the
 * summary view, reopen, refuse foreign/garbage/newer files untouched.
 */
#include <check.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_show.h"
#include "stats/stats.h"
#include "store/store.h"
#include "check_main.h"

#define TOL 1e-9

static char dir[64];
static char db_path[128];

static void make_temp_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hvb-store-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db_path, sizeof(db_path), "%s/results.db", dir);
}

static void remove_temp_dir(void)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* Whole file contents (heap) and size. */
static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static void sql(const char *path, const char *statements)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, statements, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static struct hvb_store *open_store(void)
{
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open(db_path, &st, err, sizeof(err)) == 0, "%s", err);
	return st;
}

static const struct hvb_run_info sample_info = {
	.hostname = "bench1", .cpu_model = "AMD EPYC 7B13", .arch = "x86_64",
	.backend = "refhv", .hypervisor = "kvm", .hypervisor_version = "6.1.0",
	.guest_path = "build/guest/x86_64/guest.elf", .guest_sha256 = "ab12",
	.tick_hz = 2600000000ull, .tick_source = "tsc", .vcpus = 1, .pinned = true,
	.hvbench_version = "0.1", .command_line = "hvbench run",
};

static int64_t begin_run(struct hvb_store *st, const struct hvb_run_info *info)
{
	int64_t run_id;
	ck_assert_msg(hvb_store_begin_run(st, info, &run_id) == 0, "%s", hvb_store_error(st));
	return run_id;
}

/* op 10 + i (i = 0..9), empty {1, 2, 3}: net 8..17. */
static int64_t add_cpuid(struct hvb_store *st, int64_t run_id)
{
	struct hvb_batch op[10], empty[3];
	for (int i = 0; i < 10; i++)
		op[i] = (struct hvb_batch){ (uint32_t)i, 1024, 10.0 + i };
	for (int i = 0; i < 3; i++)
		empty[i] = (struct hvb_batch){ (uint32_t)i, 1024, 1.0 + i };
	struct hvb_result_input in = {
		.benchmark = "cpuid", .variant = "-", .unit = "cycles", .status = HVB_BENCH_OK,
		.op = op, .n_op = 10, .empty = empty, .n_empty = 3,
	};
	int64_t result_id;
	ck_assert_msg(hvb_store_add_result(st, run_id, &in, &result_id) == 0, "%s", hvb_store_error(st));
	return result_id;
}

static double query_double(const char *path, const char *query)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, query, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	double v = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? NAN : sqlite3_column_double(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* ---- tests ------------------------------------------------------------------ */

START_TEST(create_sets_identity_and_pragmas)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	hvb_store_close(st);
	ck_assert_double_eq(query_double(db_path, "PRAGMA application_id"), HVB_APPLICATION_ID);
	ck_assert_double_eq(query_double(db_path, "PRAGMA user_version"), HVB_SCHEMA_VERSION);
	sqlite3 *db;
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	/* the contract columns of the summary view exist */
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"SELECT run_id, started_at, host, arch, backend, hypervisor, testbed, guest_sha256, "
		"benchmark, variant, unit, n, median, p25, p75, ci_low, ci_high, cv, status, "
		"emulated, reason, outliers, empty_median, tick_hz FROM summary", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_finalize(stmt);
	/* STRICT tables refuse a wrongly typed value */
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO hosts (hostname, fingerprint) VALUES (1, x'00')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	remove_temp_dir();
}
END_TEST

START_TEST(write_and_read_back)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t run_id = begin_run(st, &sample_info);
	ck_assert_int_eq(hvb_store_add_env(st, run_id, "kernel", "6.1.0-18-amd64"), 0);
	ck_assert_int_eq(hvb_store_add_env(st, run_id, "governor", "powersave"), 0);
	ck_assert_int_eq(hvb_store_add_env(st, run_id, "governor", "performance"), 0); /* replaces */
	ck_assert_int_eq(hvb_store_add_tag(st, run_id, "purpose", "unit-test"), 0);
	struct hvb_hello hello = { .proto = 1, .arch = "x86_64", .build = "6c1e", .tick = "tsc",
				   .tick_hz = 1000, .cpus = 1, .hv = "kvm", .vendor = "amd", .boot = "pvh" };
	ck_assert_int_eq(hvb_store_run_set_hello(st, run_id, &hello), 0);
	int64_t result_id = add_cpuid(st, run_id);
	ck_assert_int_gt(result_id, 0);
	struct hvb_result_input unsupported = { .benchmark = "ipi", .variant = "send", .unit = "cycles",
						.status = HVB_BENCH_UNSUPPORTED, .reason = "no-second-vcpu" };
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &unsupported, NULL), 0);
	ck_assert_int_eq(hvb_store_finish_run(st, run_id, HVB_RUN_COMPLETE, NULL), 0);

	/* summary view, read with plain SQL */
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM summary"), 2);
	ck_assert_double_eq(query_double(db_path, "SELECT n FROM summary WHERE benchmark = 'cpuid'"), 10);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT median FROM summary WHERE benchmark = 'cpuid'"), 12.5, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT p25 FROM summary WHERE benchmark = 'cpuid'"), 10.25, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT p75 FROM summary WHERE benchmark = 'cpuid'"), 14.75, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT ci_low FROM summary WHERE benchmark = 'cpuid'"), 9, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT ci_high FROM summary WHERE benchmark = 'cpuid'"), 16, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT cv FROM summary WHERE benchmark = 'cpuid'"),
				sqrt(82.5 / 9.0) / 12.5, TOL);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT empty_median FROM summary WHERE benchmark = 'cpuid'"), 2, TOL);
	ck_assert_double_eq(query_double(db_path, "SELECT outliers FROM summary WHERE benchmark = 'cpuid'"), 0);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM samples WHERE kind = 'op'"), 10);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM samples WHERE kind = 'empty'"), 3);
	ck_assert_double_eq_tol(query_double(db_path, "SELECT value FROM samples WHERE kind = 'op' AND batch = 9"), 19, TOL);
	ck_assert(isnan(query_double(db_path, "SELECT median FROM summary WHERE benchmark = 'ipi'")));
	ck_assert_double_eq(query_double(db_path, "SELECT n FROM summary WHERE benchmark = 'ipi'"), 0);
	ck_assert_double_eq(query_double(db_path, "SELECT tick_hz FROM summary LIMIT 1"), 2600000000.0);

	/* the same through the API */
	struct hvb_summary_row *rows;
	size_t n;
	ck_assert_int_eq(hvb_store_run_summary(st, run_id, &rows, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].benchmark, "cpuid");
	ck_assert_str_eq(rows[0].status, "ok");
	ck_assert_ptr_null(rows[0].reason);
	ck_assert_double_eq_tol(rows[0].median, 12.5, TOL);
	ck_assert_double_eq_tol(rows[0].mean, 12.5, TOL);
	ck_assert_str_eq(rows[1].variant, "send");
	ck_assert_str_eq(rows[1].status, "unsupported");
	ck_assert_str_eq(rows[1].reason, "no-second-vcpu");
	ck_assert(isnan(rows[1].median));
	ck_assert(isnan(rows[1].empty_median));
	hvb_summary_rows_free(rows, n);

	struct hvb_run_header h;
	ck_assert_int_eq(hvb_store_get_run(st, run_id, &h), 0);
	ck_assert_str_eq(h.status, "complete");
	ck_assert_ptr_nonnull(h.finished_at);
	ck_assert_str_eq(h.hostname, "bench1");
	ck_assert_str_eq(h.testbed, "host");
	ck_assert_str_eq(h.guest_build_id, "6c1e");
	ck_assert_uint_eq(h.tick_hz, 2600000000ull); /* the host's value wins over hello's */
	ck_assert(h.pinned);
	ck_assert(!h.emulated);
	ck_assert_uint_eq(h.vcpus, 1);
	hvb_run_header_free(&h);

	struct hvb_kv *kv;
	ck_assert_int_eq(hvb_store_run_env(st, run_id, &kv, &n), 0);
	bool found_governor = false, found_guest_hv = false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(kv[i].key, "governor") == 0) {
			ck_assert_str_eq(kv[i].value, "performance");
			found_governor = true;
		}
		if (strcmp(kv[i].key, "guest.hv") == 0)
			found_guest_hv = strcmp(kv[i].value, "kvm") == 0;
	}
	ck_assert(found_governor && found_guest_hv);
	hvb_kv_free(kv, n);
	ck_assert_int_eq(hvb_store_run_tags(st, run_id, &kv, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(kv[0].value, "unit-test");
	hvb_kv_free(kv, n);

	int64_t latest;
	ck_assert_int_eq(hvb_store_latest_run(st, &latest), 0);
	ck_assert_int_eq(latest, run_id);
	ck_assert_int_eq(hvb_store_resolve_run(st, "latest", &latest), 0);
	ck_assert_int_eq(hvb_store_resolve_run(st, "1", &latest), 0);
	ck_assert_int_eq(hvb_store_resolve_run(st, "99", &latest), 1);
	ck_assert_int_eq(hvb_store_resolve_run(st, "1x", &latest), 1);
	ck_assert_int_eq(hvb_store_resolve_run(st, "-1", &latest), 1);
	hvb_store_close(st);

	/* reopen: the data is there, the schema is not applied again */
	st = open_store();
	ck_assert_int_eq(hvb_store_run_summary(st, run_id, &rows, &n), 0);
	ck_assert_uint_eq(n, 2);
	hvb_summary_rows_free(rows, n);
	struct hvb_run_header *runs;
	ck_assert_int_eq(hvb_store_list_runs(st, 0, &runs, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(runs[0].backend, "refhv");
	hvb_run_headers_free(runs, n);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(incomplete_run_stays_incomplete)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t run_id = begin_run(st, &sample_info);
	add_cpuid(st, run_id);
	hvb_store_close(st); /* "crash": never finished */

	st = open_store();
	struct hvb_run_header h;
	ck_assert_int_eq(hvb_store_get_run(st, run_id, &h), 0);
	ck_assert_str_eq(h.status, "incomplete");
	ck_assert_ptr_null(h.finished_at);
	hvb_run_header_free(&h);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM results"), 1);

	int64_t failed = begin_run(st, &sample_info);
	ck_assert_int_eq(hvb_store_finish_run(st, failed, HVB_RUN_FAILED, "line 3: second hello"), 0);
	ck_assert_int_eq(hvb_store_get_run(st, failed, &h), 0);
	ck_assert_str_eq(h.status, "failed");
	ck_assert_str_eq(h.message, "line 3: second hello");
	hvb_run_header_free(&h);
	ck_assert_int_eq(hvb_store_finish_run(st, 12345, HVB_RUN_COMPLETE, NULL), -1);
	ck_assert_ptr_nonnull(strstr(hvb_store_error(st), "no run 12345"));
	ck_assert_int_eq(hvb_store_get_run(st, 12345, &h), 1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(result_validation_and_atomicity)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t run_id = begin_run(st, &sample_info);
	struct hvb_batch op[2] = { { 0, 1, 5 }, { 0, 1, 6 } }; /* duplicate batch 0 */
	struct hvb_result_input in = { .benchmark = "eoi", .variant = "-", .unit = "cycles",
				       .status = HVB_BENCH_OK, .op = op, .n_op = 2 };
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), -1);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM results"), 0);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM samples"), 0);

	in.status = HVB_BENCH_INCOMPLETE;
	op[1].batch = 1;
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), -1);
	ck_assert_ptr_nonnull(strstr(hvb_store_error(st), "status must be"));
	in.status = HVB_BENCH_OK;
	ck_assert_int_eq(hvb_store_add_result(st, 999, &in, NULL), -1); /* foreign key */
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), 0);
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), -1); /* same bench twice */
	op[0].value = NAN;
	in.benchmark = "nan";
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), -1);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM samples"), 2);

	struct hvb_run_info bad = sample_info;
	bad.arch = NULL;
	int64_t ignored;
	ck_assert_int_eq(hvb_store_begin_run(st, &bad, &ignored), -1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(session_results_stored)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t run_id = begin_run(st, &sample_info);
	struct hvb_session *s = hvb_session_new();
	const char *lines[] = {
		"HVB hello proto=1 arch=x86_64 build=ab tick=tsc tick_hz=0 cpus=1 hv=kvm vendor=amd boot=pvh",
		"HVB begin bench=cpuid variant=- unit=cycles",
		"HVB sample bench=cpuid variant=- unit=cycles kind=op batch=0 iters=8 value=100",
		"HVB end bench=cpuid variant=- status=ok",
		"HVB begin bench=hypercall variant=- unit=cycles",
		"HVB sample bench=hypercall variant=- unit=cycles kind=empty batch=0 iters=8 value=2",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		hvb_session_feed_line(s, lines[i], strlen(lines[i]));
	hvb_session_finish(s);
	ck_assert_int_eq(hvb_store_add_session_results(st, run_id, s, HVB_BENCH_INCOMPLETE), -1);
	ck_assert_int_eq(hvb_store_add_session_results(st, run_id, s, HVB_BENCH_TIMEOUT), 0);
	hvb_session_free(s);

	struct hvb_summary_row *rows;
	size_t n;
	ck_assert_int_eq(hvb_store_run_summary(st, run_id, &rows, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].status, "ok");
	ck_assert_double_eq(rows[0].median, 100);
	ck_assert_str_eq(rows[1].benchmark, "hypercall");
	ck_assert_str_eq(rows[1].status, "timeout");
	ck_assert_str_eq(rows[1].reason, "no end record");
	ck_assert_int_eq(rows[1].n, 0);
	ck_assert_double_eq(rows[1].empty_median, 2);
	hvb_summary_rows_free(rows, n);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(log_is_bounded_and_clean)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t run_id = begin_run(st, &sample_info);
	ck_assert_int_eq(hvb_store_add_log(st, run_id, HVB_LOG_GUEST, "boot\x01\0ok\n", 9), 0);
	char *text;
	ck_assert_int_eq(hvb_store_run_log(st, run_id, &text), 0);
	ck_assert_str_eq(text, "boot??ok\n");
	free(text);

	size_t big = HVB_STORE_LOG_MAX / 2 + 100;
	char *chunk = malloc(big);
	memset(chunk, 'x', big);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(hvb_store_add_log(st, run_id, HVB_LOG_GUEST, chunk, big), 0);
	ck_assert_int_eq(hvb_store_add_log(st, run_id, HVB_LOG_HARNESS, "late", 4), 0);
	free(chunk);
	ck_assert_int_eq(hvb_store_run_log(st, run_id, &text), 0);
	size_t len = strlen(text);
	ck_assert_uint_le(len, HVB_STORE_LOG_MAX + strlen("[log truncated]"));
	ck_assert_uint_ge(len, HVB_STORE_LOG_MAX);
	ck_assert_str_eq(text + len - strlen("[log truncated]"), "[log truncated]");
	free(text);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM run_log WHERE text = '[log truncated]'"), 1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

static void expect_refused_untouched(const char *needle)
{
	size_t before_size, after_size;
	char *before = slurp(db_path, &before_size);
	struct hvb_store *st = NULL;
	char err[512];
	ck_assert_int_eq(hvb_store_open(db_path, &st, err, sizeof(err)), -1);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(err, needle) != NULL, "got '%s', wanted '%s'", err, needle);
	char *after = slurp(db_path, &after_size);
	ck_assert_uint_eq(before_size, after_size);
	ck_assert_mem_eq(before, after, before_size);
	char side[160];
	snprintf(side, sizeof(side), "%s-wal", db_path);
	ck_assert(!exists(side));
	snprintf(side, sizeof(side), "%s-journal", db_path);
	ck_assert(!exists(side));
	free(before);
	free(after);
}

START_TEST(garbage_file_refused)
{
	make_temp_dir();
	FILE *f = fopen(db_path, "wb");
	for (int i = 0; i < 5000; i++)
		fputc((i * 7919) & 0xff, f);
	fclose(f);
	expect_refused_untouched("not a SQLite database");
	f = fopen(db_path, "wb");
	fputs("SQLite", f); /* shorter than a header */
	fclose(f);
	expect_refused_untouched("not a SQLite database");
	remove_temp_dir();
}
END_TEST

START_TEST(foreign_sqlite_refused)
{
	make_temp_dir();
	sql(db_path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');");
	expect_refused_untouched("not an hvbench store");
	unlink(db_path);
	sql(db_path, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
	expect_refused_untouched("another program");
	remove_temp_dir();
}
END_TEST

START_TEST(newer_schema_refused)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	hvb_store_close(st);
	sql(db_path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
	expect_refused_untouched("newer");
	remove_temp_dir();
}
END_TEST

START_TEST(empty_sqlite_and_empty_file_adopted)
{
	make_temp_dir();
	FILE *f = fopen(db_path, "wb");
	fclose(f);
	struct hvb_store *st = open_store();
	hvb_store_close(st);
	ck_assert_double_eq(query_double(db_path, "PRAGMA application_id"), HVB_APPLICATION_ID);
	unlink(db_path);
	/* a SQLite file with no application id and no schema objects is adopted */
	sql(db_path, "CREATE TABLE t (x); DROP TABLE t;");
	st = open_store();
	hvb_store_close(st);
	ck_assert_double_eq(query_double(db_path, "PRAGMA application_id"), HVB_APPLICATION_ID);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM runs"), 0);
	remove_temp_dir();
}
END_TEST

START_TEST(open_existing_does_not_create)
{
	make_temp_dir();
	struct hvb_store *st = NULL;
	char err[512];
	ck_assert_int_eq(hvb_store_open_existing(db_path, &st, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no results database"));
	ck_assert(!exists(db_path));
	st = open_store();
	hvb_store_close(st);
	ck_assert_int_eq(hvb_store_open_existing(db_path, &st, err, sizeof(err)), 0);
	int64_t id;
	ck_assert_int_eq(hvb_store_latest_run(st, &id), 1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(plot_rows_pick_latest_complete)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t old_refhv = begin_run(st, &sample_info);
	add_cpuid(st, old_refhv);
	hvb_store_finish_run(st, old_refhv, HVB_RUN_COMPLETE, NULL);
	int64_t new_refhv = begin_run(st, &sample_info);
	add_cpuid(st, new_refhv);
	hvb_store_finish_run(st, new_refhv, HVB_RUN_COMPLETE, NULL);
	int64_t broken = begin_run(st, &sample_info); /* newest, but incomplete */
	add_cpuid(st, broken);
	struct hvb_run_info tcg = sample_info;
	tcg.backend = "qemu-tcg";
	tcg.emulated = true;
	tcg.tick_hz = 0;
	int64_t tcg_run = begin_run(st, &tcg);
	add_cpuid(st, tcg_run);
	hvb_store_finish_run(st, tcg_run, HVB_RUN_COMPLETE, NULL);
	struct hvb_run_info arm = sample_info;
	arm.arch = "aarch64";
	int64_t arm_run = begin_run(st, &arm);
	add_cpuid(st, arm_run);
	hvb_store_finish_run(st, arm_run, HVB_RUN_COMPLETE, NULL);

	struct hvb_plot_row *rows;
	size_t n;
	ck_assert_int_eq(hvb_store_plot_rows(st, "x86_64", NULL, &rows, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].backend, "qemu-tcg");
	ck_assert(rows[0].emulated);
	ck_assert_uint_eq(rows[0].tick_hz, 0);
	ck_assert_str_eq(rows[1].backend, "refhv");
	ck_assert_int_eq(rows[1].run_id, new_refhv);
	ck_assert(!rows[1].emulated);
	ck_assert_str_eq(rows[1].benchmark, "cpuid");
	ck_assert_str_eq(rows[1].unit, "cycles");
	ck_assert_str_eq(rows[1].testbed, "host");
	ck_assert_double_eq_tol(rows[1].median, 12.5, TOL);
	ck_assert_double_eq_tol(rows[1].p25, 10.25, TOL);
	hvb_plot_rows_free(rows, n);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

/* A later app-suite run of the same backend (app-* rows only) neither
 * shows in the bar chart nor hides that backend's microbenchmarks. */
START_TEST(plot_rows_skip_app_runs)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	int64_t micro = begin_run(st, &sample_info);
	add_cpuid(st, micro);
	hvb_store_finish_run(st, micro, HVB_RUN_COMPLETE, NULL);
	int64_t app = begin_run(st, &sample_info);
	struct hvb_batch reps[2] = { { 0, 1, 0.5 }, { 1, 1, 0.6 } };
	struct hvb_result_input in = {
		.benchmark = "app-hackbench", .variant = "-", .unit = "s", .status = HVB_BENCH_OK,
		.op = reps, .n_op = 2,
	};
	int64_t result_id;
	ck_assert_msg(hvb_store_add_result(st, app, &in, &result_id) == 0, "%s", hvb_store_error(st));
	hvb_store_finish_run(st, app, HVB_RUN_COMPLETE, NULL);

	struct hvb_plot_row *rows;
	size_t n;
	ck_assert_int_eq(hvb_store_plot_rows(st, "x86_64", NULL, &rows, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].benchmark, "cpuid");
	ck_assert_int_eq(rows[0].run_id, micro);
	hvb_plot_rows_free(rows, n);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

/* A writer holding the database beyond the bounded wait ($HVBENCH_BUSY_TIMEOUT):
 * the run is not lost but moves, whole, to a recovery database the store names,
 * and the original keeps its earlier rows intact. */
START_TEST(busy_database_goes_to_recovery)
{
	make_temp_dir();
	setenv("HVBENCH_BUSY_TIMEOUT", "1", 1);
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open_writer(db_path, &st, err, sizeof(err)) == 0, "%s", err);
	int64_t run_id = begin_run(st, &sample_info);
	add_cpuid(st, run_id);
	ck_assert_ptr_null(hvb_store_recovery_path(st));

	/* another process's long write transaction (SQLite's locks are per
	 * process: a second connection of ours would not be "another writer") */
	int ready[2], release[2];
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(release), 0);
	pid_t holder = fork();
	ck_assert_int_ge(holder, 0);
	if (holder == 0) {
		sqlite3 *db;
		char c = sqlite3_open(db_path, &db) == SQLITE_OK &&
			 sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK ? 'y' : 'n';
		(void)!write(ready[1], &c, 1);
		(void)!read(release[0], &c, 1);
		_exit(0);
	}
	char locked = 0;
	ck_assert_int_eq(read(ready[0], &locked, 1), 1);
	ck_assert_int_eq(locked, 'y');
	struct hvb_result_input ipi = { .benchmark = "ipi", .variant = "send", .unit = "cycles",
					.status = HVB_BENCH_UNSUPPORTED, .reason = "no-second-vcpu" };
	ck_assert_msg(hvb_store_add_result(st, run_id, &ipi, NULL) == 0, "%s", hvb_store_error(st));
	ck_assert_int_eq(hvb_store_finish_run(st, run_id, HVB_RUN_COMPLETE, NULL), 0);
	const char *recovery = hvb_store_recovery_path(st);
	ck_assert_ptr_nonnull(recovery);
	char recovery_copy[512], notice[1024];
	snprintf(recovery_copy, sizeof(recovery_copy), "%s", recovery);
	hvb_store_recovery_notice(st, notice, sizeof(notice));
	ck_assert_msg(strstr(notice, recovery_copy) && strstr(notice, "hvbench import"), "%s", notice);
	ck_assert_int_eq(write(release[1], "x", 1), 1);
	waitpid(holder, NULL, 0);
	hvb_store_close(st);
	unsetenv("HVBENCH_BUSY_TIMEOUT");

	/* the recovery file holds the whole run: both results, finished */
	ck_assert_double_eq(query_double(recovery_copy, "SELECT count(*) FROM results"), 2);
	ck_assert_double_eq(query_double(recovery_copy,
					 "SELECT count(*) FROM runs WHERE status = 'complete'"), 1);
	/* the original: the stub of the run with what was written before, intact */
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM results"), 1);
	ck_assert_double_eq(query_double(db_path,
					 "SELECT count(*) FROM runs WHERE status = 'incomplete'"), 1);
	ck_assert_double_eq(query_double(db_path, "SELECT count(*) FROM pragma_integrity_check "
					 "WHERE integrity_check = 'ok'"), 1);
}
END_TEST

START_TEST(default_db_path)
{
	unsetenv("HVBENCH_DB");
	ck_assert_str_eq(hvb_default_db_path(), "hvbench.db");
	setenv("HVBENCH_DB", "", 1);
	ck_assert_str_eq(hvb_default_db_path(), "hvbench.db");
	setenv("HVBENCH_DB", "/x/y.db", 1);
	ck_assert_str_eq(hvb_default_db_path(), "/x/y.db");
	unsetenv("HVBENCH_DB");
}
END_TEST

/* Runs hvb_cmd_show with stdout redirected; returns the exit status and
 * the output (heap). */
static int run_show(char **argv, int argc, char **output)
{
	char out_path[160];
	snprintf(out_path, sizeof(out_path), "%s/show.out", dir);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	int rc = hvb_cmd_show(argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	size_t size;
	*output = slurp(out_path, &size);
	(*output)[size] = '\0';
	return rc;
}

START_TEST(show_command)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	struct hvb_run_info tcg = sample_info;
	tcg.backend = "qemu-tcg";
	tcg.emulated = true;
	int64_t run_id = begin_run(st, &tcg);
	add_cpuid(st, run_id);
	hvb_store_add_env(st, run_id, "kernel", "6.1.0-test");
	hvb_store_finish_run(st, run_id, HVB_RUN_COMPLETE, NULL);
	hvb_store_close(st);

	char *out;
	char *argv[] = { "show", "--db", db_path, "latest", NULL };
	ck_assert_int_eq(run_show(argv, 4, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "run 1 "));
	ck_assert_ptr_nonnull(strstr(out, "EMULATED"));
	ck_assert_ptr_nonnull(strstr(out, "6.1.0-test"));
	ck_assert_ptr_nonnull(strstr(out, "cpuid"));
	ck_assert_ptr_nonnull(strstr(out, "12.5"));        /* median */
	ck_assert_ptr_nonnull(strstr(out, "[9.0, 16.0]")); /* CI */
	ck_assert_ptr_nonnull(strstr(out, "4.8"));         /* 12.5 cycles at 2.6 GHz in ns */
	free(out);

	char *argv2[] = { "show", "--db", db_path, "7", NULL };
	ck_assert_int_eq(run_show(argv2, 4, &out), 1);
	free(out);
	char *argv3[] = { "show", "--bogus", NULL };
	ck_assert_int_eq(run_show(argv3, 2, &out), 2);
	free(out);
	char missing[160];
	snprintf(missing, sizeof(missing), "%s/none.db", dir);
	char *argv4[] = { "show", "--db", missing, NULL };
	ck_assert_int_eq(run_show(argv4, 3, &out), 1);
	free(out);
	ck_assert(!exists(missing));
	remove_temp_dir();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *t = tcase_create("store");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, create_sets_identity_and_pragmas);
	tcase_add_test(t, write_and_read_back);
	tcase_add_test(t, incomplete_run_stays_incomplete);
	tcase_add_test(t, result_validation_and_atomicity);
	tcase_add_test(t, session_results_stored);
	tcase_add_test(t, log_is_bounded_and_clean);
	tcase_add_test(t, plot_rows_skip_app_runs);
	tcase_add_test(t, garbage_file_refused);
	tcase_add_test(t, foreign_sqlite_refused);
	tcase_add_test(t, newer_schema_refused);
	tcase_add_test(t, empty_sqlite_and_empty_file_adopted);
	tcase_add_test(t, open_existing_does_not_create);
	tcase_add_test(t, plot_rows_pick_latest_complete);
	tcase_add_test(t, default_db_path);
	tcase_add_test(t, show_command);
	tcase_add_test(t, busy_database_goes_to_recovery);
	suite_add_tcase(s, t);
	return check_run(s);
}
