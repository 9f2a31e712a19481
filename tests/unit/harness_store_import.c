/*
 * harness_store_import.c - unit tests for harness/store/store_import.c and store_migrate.c:
 * upgrading a version-1 database (tests/data/results-schema-v1.sql),
 * run_uuid, `hvbench import` (no duplicates, hosts merged, foreign and
 * damaged files refused untouched), --where filters, run specs and the
 * CSV writer.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figures/export_writers.h"
#include "store/run_filter.h"
#include "store/store.h"
#include "store/store_import.h"
#include "check_main.h"

#define V1_SCHEMA "tests/data/results-schema-v1.sql"

static char dir[64], db_path[128], other_path[128];

static void make_temp_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hvb-cmpstore-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db_path, sizeof(db_path), "%s/results.db", dir);
	snprintf(other_path, sizeof(other_path), "%s/other.db", dir);
}

static void remove_temp_dir(void)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static void sql(const char *path, const char *statements)
{
	sqlite3 *db;
	char *msg = NULL;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, statements, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
	sqlite3_close(db);
}

static double query_number(const char *path, const char *query)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, query, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	double v = sqlite3_column_double(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

static struct hvb_store *open_at(const char *path)
{
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open(path, &st, err, sizeof(err)) == 0, "%s", err);
	return st;
}

/* A complete run on `host` with a 3-sample cpuid result and a tag. */
static int64_t add_run(struct hvb_store *st, const char *host, const char *backend, const char *tag)
{
	struct hvb_run_info info = { .hostname = host, .cpu_model = "CPU", .arch = "x86_64",
				     .backend = backend, .hypervisor = "kvm" };
	int64_t run_id;
	ck_assert_int_eq(hvb_store_begin_run(st, &info, &run_id), 0);
	struct hvb_batch op[3] = { { 0, 64, 100 }, { 1, 64, 101 }, { 2, 64, 102 } };
	struct hvb_result_input in = { .benchmark = "cpuid", .variant = "-", .unit = "cycles",
				       .status = HVB_BENCH_OK, .op = op, .n_op = 3 };
	ck_assert_int_eq(hvb_store_add_result(st, run_id, &in, NULL), 0);
	if (tag)
		ck_assert_int_eq(hvb_store_add_tag(st, run_id, "kernel", tag), 0);
	ck_assert_int_eq(hvb_store_add_env(st, run_id, "governor", "performance"), 0);
	ck_assert_int_eq(hvb_store_finish_run(st, run_id, HVB_RUN_COMPLETE, NULL), 0);
	return run_id;
}

/* ---- migration ------------------------------------------------------------- */

static void make_v1_database(const char *path)
{
	size_t size;
	char *schema = slurp(V1_SCHEMA, &size);
	sql(path, schema);
	free(schema);
	sql(path, "INSERT INTO hosts (hostname, cpu_model, fingerprint) VALUES ('old', 'CPU', 'old|CPU');"
		  "INSERT INTO runs (started_at, host_id, arch, backend, status) VALUES "
		  "('2025-01-01T00:00:00.000Z', 1, 'x86_64', 'refhv', 'complete'),"
		  "('2025-01-02T00:00:00.000Z', 1, 'x86_64', 'qemu-kvm', 'complete');"
		  "INSERT INTO results (run_id, benchmark, unit, status, n, median) VALUES "
		  "(1, 'cpuid', 'cycles', 'ok', 1, 3900);"
		  "INSERT INTO samples VALUES (1, 'op', 0, 64, 3900);");
}

START_TEST(version_1_database_is_upgraded)
{
	make_temp_dir();
	make_v1_database(db_path);
	ck_assert_double_eq(query_number(db_path, "PRAGMA user_version"), 1);
	struct hvb_store *st = open_at(db_path);
	int64_t fresh = add_run(st, "old", "refhv", NULL);
	hvb_store_close(st);
	ck_assert_double_eq(query_number(db_path, "PRAGMA user_version"), HVB_SCHEMA_VERSION);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM runs WHERE run_uuid IS NULL"), 0);
	ck_assert_double_eq(query_number(db_path, "SELECT count(DISTINCT run_uuid) FROM runs"), 3);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM runs WHERE run_uuid LIKE 'v1:old|CPU|%'"), 2);
	char q[128];
	snprintf(q, sizeof(q), "SELECT length(run_uuid) FROM runs WHERE run_id = %lld", (long long)fresh);
	ck_assert_double_eq(query_number(db_path, q), 32); /* 128 random bits in hex */
	ck_assert_double_eq(query_number(db_path, "SELECT median FROM summary WHERE run_id = 1"), 3900);
	/* the upgrade is idempotent: reopening changes nothing */
	st = open_at(db_path);
	hvb_store_close(st);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM runs"), 3);
	remove_temp_dir();
}
END_TEST

START_TEST(fresh_schema_equals_upgraded_schema)
{
	make_temp_dir();
	make_v1_database(other_path);
	hvb_store_close(open_at(other_path));
	hvb_store_close(open_at(db_path));
	const char *shape = "SELECT group_concat(name || ':' || type || ':' || \"notnull\", ',') "
			    "FROM pragma_table_info('runs')";
	sqlite3 *a, *b;
	sqlite3_stmt *sa, *sb;
	ck_assert_int_eq(sqlite3_open(db_path, &a), SQLITE_OK);
	ck_assert_int_eq(sqlite3_open(other_path, &b), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(a, shape, -1, &sa, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(b, shape, -1, &sb, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(sa), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_step(sb), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(sa, 0), (const char *)sqlite3_column_text(sb, 0));
	sqlite3_finalize(sa);
	sqlite3_finalize(sb);
	sqlite3_close(a);
	sqlite3_close(b);
	remove_temp_dir();
}
END_TEST

/* ---- import ------------------------------------------------------------------ */

START_TEST(import_twice_adds_no_duplicates)
{
	make_temp_dir();
	struct hvb_store *theirs = open_at(other_path);
	add_run(theirs, "lab", "refhv", "6.1");
	add_run(theirs, "lab", "qemu-kvm", "6.1");
	add_run(theirs, "far", "refhv", NULL);
	hvb_store_close(theirs);
	struct hvb_store *st = open_at(db_path);
	add_run(st, "lab", "refhv", NULL);
	struct hvb_import_result r;
	ck_assert_msg(hvb_store_import(st, other_path, &r) == 0, "%s", hvb_store_error(st));
	ck_assert_uint_eq(r.runs_imported, 3);
	ck_assert_uint_eq(r.results_imported, 3);
	ck_assert_uint_eq(r.samples_imported, 9);
	ck_assert_int_eq(hvb_store_import(st, other_path, &r), 0);
	ck_assert_uint_eq(r.runs_imported, 0);
	ck_assert_uint_eq(r.runs_skipped, 3);
	hvb_store_close(st);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM runs"), 4);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM hosts"), 2); /* lab merged */
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM samples"), 12);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM run_tags WHERE value = '6.1'"), 2);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM summary WHERE median = 101"), 4);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	remove_temp_dir();
}
END_TEST

START_TEST(import_of_version_1_file_leaves_it_alone)
{
	make_temp_dir();
	make_v1_database(other_path);
	size_t before_size, after_size;
	char *before = slurp(other_path, &before_size);
	struct hvb_store *st = open_at(db_path);
	struct hvb_import_result r;
	ck_assert_msg(hvb_store_import(st, other_path, &r) == 0, "%s", hvb_store_error(st));
	ck_assert_uint_eq(r.runs_imported, 2);
	ck_assert_int_eq(hvb_store_import(st, other_path, &r), 0);
	ck_assert_uint_eq(r.runs_imported, 0);
	hvb_store_close(st);
	char *after = slurp(other_path, &after_size);
	ck_assert_uint_eq(before_size, after_size);
	ck_assert(memcmp(before, after, before_size) == 0);
	ck_assert_double_eq(query_number(other_path, "PRAGMA user_version"), 1);
	free(before);
	free(after);
	remove_temp_dir();
}
END_TEST

static void expect_import_refused(const char *why)
{
	size_t before_size, after_size;
	char *before = slurp(other_path, &before_size);
	struct hvb_store *st = open_at(db_path);
	struct hvb_import_result r;
	ck_assert_int_eq(hvb_store_import(st, other_path, &r), -1);
	ck_assert_msg(strstr(hvb_store_error(st), why) != NULL, "'%s' lacks '%s'", hvb_store_error(st), why);
	hvb_store_close(st);
	char *after = slurp(other_path, &after_size);
	ck_assert_uint_eq(before_size, after_size);
	ck_assert(memcmp(before, after, before_size) == 0);
	ck_assert_double_eq(query_number(db_path, "SELECT count(*) FROM runs"), 0);
	free(before);
	free(after);
}

START_TEST(import_refuses_foreign_and_damaged_files)
{
	make_temp_dir();
	sql(other_path, "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	expect_import_refused("another program");
	unlink(other_path);
	FILE *f = fopen(other_path, "wb");
	fputs("this is not a database at all, just some text that is long enough to have a header", f);
	fclose(f);
	expect_import_refused("not a SQLite database");
	unlink(other_path);
	/* a real hvbench file with a damaged page */
	struct hvb_store *theirs = open_at(other_path);
	for (int i = 0; i < 40; i++)
		add_run(theirs, "lab", "refhv", NULL);
	hvb_store_close(theirs);
	sql(other_path, "PRAGMA journal_mode = DELETE");
	f = fopen(other_path, "r+b");
	fseek(f, 4096 * 2, SEEK_SET); /* page 3's b-tree header */
	for (int i = 0; i < 64; i++)
		fputc(0xA5, f);
	fclose(f);
	expect_import_refused("");
	struct hvb_store *st = open_at(db_path);
	struct hvb_import_result r;
	ck_assert_int_eq(hvb_store_import(st, "/nonexistent/x.db", &r), -1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

/* ---- filters, run specs, CSV ------------------------------------------------ */

START_TEST(where_filters_and_run_specs)
{
	make_temp_dir();
	struct hvb_store *st = open_at(db_path);
	int64_t a = add_run(st, "lab", "refhv", "6.1");
	int64_t b = add_run(st, "lab", "qemu-kvm", "6.1");
	int64_t c = add_run(st, "lab", "refhv", "6.5");
	struct hvb_run_filter f = { .count = 0 };
	int64_t id;
	ck_assert_int_eq(hvb_resolve_run_spec(st, "latest", &f, &id), 0);
	ck_assert_int_eq(id, c);
	ck_assert_int_eq(hvb_resolve_run_spec(st, "kernel=6.1", &f, &id), 0);
	ck_assert_int_eq(id, b);
	ck_assert_int_eq(hvb_filter_add(&f, "backend=refhv"), 0);
	ck_assert_int_eq(hvb_resolve_run_spec(st, "kernel=6.1", &f, &id), 0);
	ck_assert_int_eq(id, a);
	ck_assert_int_eq(hvb_filter_add(&f, "governor=performance"), 0); /* an env key */
	ck_assert_int_eq(hvb_resolve_run_spec(st, "latest", &f, &id), 0);
	ck_assert_int_eq(id, c);
	ck_assert_int_eq(hvb_resolve_run_spec(st, "kernel=4.0", &f, &id), 1);
	char spec[16];
	snprintf(spec, sizeof(spec), "%lld", (long long)b);
	ck_assert_int_eq(hvb_resolve_run_spec(st, spec, &f, &id), 1); /* b is not refhv */
	ck_assert_int_eq(hvb_filter_add(&f, "novalue"), -1);
	ck_assert_int_eq(hvb_filter_add(&f, "=x"), -1);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(csv_fields_are_quoted)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	csv_field(out, "plain");
	fputc('|', out);
	csv_field(out, "a,b");
	fputc('|', out);
	csv_field(out, "say \"hi\"");
	fputc('|', out);
	csv_field(out, "two\nlines");
	fputc('|', out);
	csv_field(out, " padded");
	fputc('|', out);
	csv_field(out, NULL);
	fclose(out);
	ck_assert_str_eq(text, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"|");
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("compare-store");
	TCase *t = tcase_create("compare-store");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, version_1_database_is_upgraded);
	tcase_add_test(t, fresh_schema_equals_upgraded_schema);
	tcase_add_test(t, import_twice_adds_no_duplicates);
	tcase_add_test(t, import_of_version_1_file_leaves_it_alone);
	tcase_add_test(t, import_refuses_foreign_and_damaged_files);
	tcase_add_test(t, where_filters_and_run_specs);
	tcase_add_test(t, csv_fields_are_quoted);
	suite_add_tcase(s, t);
	return check_run(s);
}
