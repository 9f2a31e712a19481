/*
 * harness_isca16.c - unit tests for the four-way table (harness/study/):
 * the column order and titles, loading one study's tagged runs back from a
 * store (cells, units, ns, reasons, a benchmark this build lacks), the notes
 * built from detected mechanisms (never from the test-bed's name), and the
 * text and markdown forms.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "study/isca16.h"
#include "check_main.h"

static char dir[64], db_path[128];

static void make_store(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hvb-isca16-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db_path, sizeof(db_path), "%s/results.db", dir);
}

static void remove_store(void)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int64_t add_run(struct hvb_store *st, const char *arch, const char *backend, const char *hv,
		       const char *testbed, bool emulated, uint64_t tick_hz, const char *study_id)
{
	struct hvb_run_info info = {
		.hostname = "unit", .cpu_model = "test cpu", .arch = arch, .backend = backend,
		.hypervisor = hv, .hypervisor_version = "v1", .testbed = testbed, .emulated = emulated,
		.guest_path = "guest", .guest_sha256 = strcmp(arch, "aarch64") == 0 ? "a64sha" : "x86sha",
		.tick_hz = tick_hz, .tick_source = "test", .vcpus = 2, .hvbench_version = "0.1",
		.command_line = "hvbench run --study isca16",
	};
	int64_t run_id;
	ck_assert_msg(hvb_store_begin_run(st, &info, &run_id) == 0, "%s", hvb_store_error(st));
	ck_assert_int_eq(hvb_store_add_tag(st, run_id, "study", "isca16"), 0);
	ck_assert_int_eq(hvb_store_add_tag(st, run_id, "study_id", study_id), 0);
	return run_id;
}

/* A result whose net median is value (op = value + 1, empty = 1). */
static void add_result(struct hvb_store *st, int64_t run_id, const char *bench, const char *variant,
		       const char *unit, double value)
{
	struct hvb_batch op[5], empty[3];
	for (int i = 0; i < 5; i++)
		op[i] = (struct hvb_batch){ (uint32_t)i, 1024, value + 1 };
	for (int i = 0; i < 3; i++)
		empty[i] = (struct hvb_batch){ (uint32_t)i, 1024, 1 };
	struct hvb_result_input in = { .benchmark = bench, .variant = variant, .unit = unit,
				       .status = HVB_BENCH_OK, .op = op, .n_op = 5, .empty = empty,
				       .n_empty = 3 };
	ck_assert_msg(hvb_store_add_result(st, run_id, &in, NULL) == 0, "%s", hvb_store_error(st));
}

static void add_refusal(struct hvb_store *st, int64_t run_id, const char *bench, const char *unit,
			enum hvb_bench_status status, const char *reason)
{
	struct hvb_result_input in = { .benchmark = bench, .variant = "-", .unit = unit,
				       .status = status, .reason = reason };
	ck_assert_msg(hvb_store_add_result(st, run_id, &in, NULL) == 0, "%s", hvb_store_error(st));
}

/* Two studies: the older one (one run) and "s2" with three columns. */
static void fill_store(void)
{
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open(db_path, &st, err, sizeof(err)) == 0, "%s", err);
	int64_t old = add_run(st, "x86_64", "refhv", "kvm", "kvm-x86_64", true, 1000000000, "s1");
	add_result(st, old, "hypercall", "-", "cycles", 999);
	hvb_store_finish_run(st, old, HVB_RUN_COMPLETE, NULL);

	/* run order deliberately not the column order */
	int64_t x86xen = add_run(st, "x86_64", "xen", "xen", "xen-x86_64", true, 2000000000, "s2");
	add_result(st, x86xen, "hypercall", "-", "cycles", 400);
	add_result(st, x86xen, "ic-trap", "xapic", "cycles", 600);
	add_result(st, x86xen, "ic-trap", "x2apic", "cycles", 50);   /* not the row's variant */
	add_refusal(st, x86xen, "io-latency-out", "cycles", HVB_BENCH_UNSUPPORTED,
		    "needs-refhv-io-helper");
	hvb_store_add_env(st, x86xen, "testbed.mech.xen_scheduler", "credit2");
	hvb_store_add_env(st, x86xen, "testbed.mech.xen_hap", "yes");
	hvb_store_add_env(st, x86xen, "testbed.mech.xen_assisted_apic", "no");
	hvb_store_add_env(st, x86xen, "mech.kvm_module", "kvm_pvm");   /* the host's: not this column's */
	hvb_store_finish_run(st, x86xen, HVB_RUN_COMPLETE, NULL);

	int64_t armkvm = add_run(st, "aarch64", "refhv", "kvm", "kvm-aarch64-nvhe", true, 62500000, "s2");
	add_result(st, armkvm, "hypercall", "-", "ticks", 125);
	add_refusal(st, armkvm, "eoi", "ticks", HVB_BENCH_TIMEOUT, "no end record");
	hvb_store_add_env(st, armkvm, "testbed.mech.kvm_mode", "vhe");   /* detected beats the name */
	hvb_store_add_env(st, armkvm, "testbed.mech.gic", "v3");
	hvb_store_add_env(st, armkvm, "testbed.kernel", "6.1.0-test");
	hvb_store_finish_run(st, armkvm, HVB_RUN_COMPLETE, NULL);

	int64_t x86kvm = add_run(st, "x86_64", "refhv", "kvm", "kvm-x86_64", true, 1000000000, "s2");
	add_result(st, x86kvm, "hypercall", "-", "cycles", 300);
	hvb_store_add_env(st, x86kvm, "testbed.mech.kvm_module", "kvm_amd");
	hvb_store_add_env(st, x86kvm, "testbed.mech.avic", "N");
	hvb_store_add_env(st, x86kvm, "testbed.mech.npt", "Y");
	hvb_store_add_env(st, x86kvm, "testbed.apicv_inhibits", "0x5");
	hvb_store_add_env(st, x86kvm, "testbed.apicv_inhibit_reasons", "0+2");
	hvb_store_finish_run(st, x86kvm, HVB_RUN_COMPLETE, NULL);
	hvb_store_close(st);
}

static struct isca16_table *load(const char *study_id, int want)
{
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open_existing(db_path, &st, err, sizeof(err)) == 0, "%s", err);
	struct isca16_table *table = malloc(sizeof(*table));
	ck_assert_ptr_nonnull(table);
	int status = isca16_load(st, study_id, table, err, sizeof(err));
	ck_assert_msg(status == want, "load %s: %d (%s)", study_id, status, err);
	hvb_store_close(st);
	return table;
}

START_TEST(columns_in_paper_order)
{
	/* ARM KVM, ARM KVM nVHE, ARM Xen, x86 KVM, x86 Xen, then real hosts */
	ck_assert_int_lt(isca16_column_rank("aarch64", "kvm", "kvm-aarch64", true),
			 isca16_column_rank("aarch64", "kvm", "kvm-aarch64-nvhe", true));
	ck_assert_int_lt(isca16_column_rank("aarch64", "kvm", "kvm-aarch64-nvhe", true),
			 isca16_column_rank("aarch64", "xen", "xen-aarch64", true));
	ck_assert_int_lt(isca16_column_rank("aarch64", "xen", "xen-aarch64", true),
			 isca16_column_rank("x86_64", "kvm", "kvm-x86_64", true));
	ck_assert_int_lt(isca16_column_rank("x86_64", "xen", "xen-x86_64", true),
			 isca16_column_rank("x86_64", "kvm", "host", false));
	ck_assert_int_eq(isca16_column_rank("x86_64", "tcg", "host", true), -1);
	char title[96];
	isca16_column_title(title, sizeof(title), "aarch64", "kvm", "kvm-aarch64-nvhe", "nvhe", true);
	ck_assert_str_eq(title, "ARM KVM (nVHE) [emulated]");
	isca16_column_title(title, sizeof(title), "x86_64", "kvm", "host", NULL, false);
	ck_assert_str_eq(title, "x86 KVM [this host]");
	ck_assert_str_eq(isca16_op(4)->bench, "vm-switch");
	ck_assert_ptr_null(isca16_op(ISCA16_ROWS));
}
END_TEST

START_TEST(loads_one_study)
{
	make_store();
	fill_store();
	struct isca16_table *t = load("latest", 0);
	ck_assert_str_eq(t->study_id, "s2");
	ck_assert_uint_eq(t->column_count, 3);
	ck_assert_str_eq(t->columns[0].testbed, "kvm-aarch64-nvhe");
	ck_assert_str_eq(t->columns[1].testbed, "kvm-x86_64");
	ck_assert_str_eq(t->columns[2].testbed, "xen-x86_64");
	/* the detected mode names the column, not the test-bed's name */
	ck_assert_str_eq(t->columns[0].title, "ARM KVM (VHE) [emulated]");
	ck_assert_str_eq(t->columns[0].kernel, "6.1.0-test");

	const struct isca16_column *arm = &t->columns[0], *xen = &t->columns[2];
	ck_assert_str_eq(arm->unit, "ticks");
	ck_assert_str_eq(arm->cells[0].status, "ok");
	ck_assert_double_eq_tol(arm->cells[0].median, 125, 1e-9);
	ck_assert_double_eq_tol(arm->cells[0].median_ns, 2000, 1e-6);   /* 125 ticks at 62.5 MHz */
	ck_assert_str_eq(arm->cells[3].status, "timeout");
	ck_assert_str_eq(arm->cells[3].reason, "no end record");
	ck_assert_str_eq(arm->cells[1].status, "missing");

	/* ic-trap's row reads the xapic variant, not x2apic */
	ck_assert_double_eq_tol(xen->cells[1].median, 600, 1e-9);
	ck_assert_double_eq_tol(xen->cells[1].median_ns, 300, 1e-9);
	ck_assert_str_eq(xen->cells[5].status, "unsupported");
	ck_assert_str_eq(xen->cells[5].reason, "needs-refhv-io-helper");

	size_t total, ok = isca16_ok_cells(t, &total);
	ck_assert_uint_eq(total, 21);
	ck_assert_uint_eq(ok, 4);

	free(t);
	t = load("s1", 0);
	ck_assert_uint_eq(t->column_count, 1);
	free(t);
	free(load("no-such-study", 1));
	remove_store();
}
END_TEST

START_TEST(notes_come_from_detected_keys)
{
	make_store();
	fill_store();
	struct isca16_table *t = load("s2", 0);
	const char *x86kvm = t->columns[1].notes, *xen = t->columns[2].notes, *arm = t->columns[0].notes;
	ck_assert_ptr_nonnull(strstr(x86kvm, "AVIC off (module parameter avic=N"));
	ck_assert_ptr_nonnull(strstr(x86kvm, "NPT on"));
	ck_assert_ptr_nonnull(strstr(x86kvm, "APICv inhibit mask 0x5, reasons set 0+2"));
	ck_assert_ptr_null(strstr(xen, "inhibit mask"));
	ck_assert_ptr_nonnull(strstr(x86kvm, "x2APIC unknown"));   /* not stored: not guessed */
	ck_assert_ptr_nonnull(strstr(xen, "credit2 scheduler"));
	ck_assert_ptr_nonnull(strstr(xen, "hardware assist (APICv/AVIC) off"));
	ck_assert_ptr_null(strstr(xen, "kvm_pvm"));                  /* the host's key stays out */
	ck_assert_ptr_nonnull(strstr(xen, "event channel"));
	ck_assert_ptr_nonnull(strstr(arm, "VHE mode"));
	ck_assert_ptr_nonnull(strstr(arm, "GIC v3"));
	ck_assert_ptr_nonnull(strstr(arm, "ioeventfd + irqfd"));
	free(t);
	remove_store();
}
END_TEST

static char *print_to_string(void (*print)(FILE *, const struct isca16_table *),
			     const struct isca16_table *t)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(out);
	print(out, t);
	fclose(out);
	return text;
}

START_TEST(text_and_markdown_forms)
{
	make_store();
	fill_store();
	struct isca16_table *t = load("s2", 0);
	char *text = print_to_string(isca16_print_text, t);
	ck_assert_ptr_nonnull(strstr(text, "4 of 21 cells ok"));
	ck_assert_ptr_nonnull(strstr(text, "ARM KVM (VHE) [emulated]"));
	ck_assert_ptr_nonnull(strstr(text, "125 ticks"));
	ck_assert_ptr_nonnull(strstr(text, "2000 ns"));
	ck_assert_ptr_nonnull(strstr(text, "needs-refhv-io-helper"));
	ck_assert_ptr_nonnull(strstr(text, "x86_64 guest: sha256 x86sha, the same in all 2 columns"));
	ck_assert_ptr_nonnull(strstr(text, "emulation costs"));
	for (size_t row = 0; row < ISCA16_ROWS; row++)
		ck_assert_ptr_nonnull(strstr(text, isca16_op(row)->label));
	free(text);

	char *md = print_to_string(isca16_print_markdown, t);
	ck_assert_ptr_nonnull(strstr(md, "| operation | ARM KVM (VHE) [emulated] | x86 KVM [emulated] | x86 Xen [emulated] |"));
	ck_assert_ptr_nonnull(strstr(md, "| Hypercall | 125 ticks<br>2000 ns | 300 cycles<br>300 ns | 400 cycles<br>200 ns |"));
	ck_assert_ptr_nonnull(strstr(md, "**unsupported**: needs-refhv-io-helper"));
	ck_assert_ptr_nonnull(strstr(md, "**timeout**: no end record"));
	free(md);
	free(t);
	remove_store();
}
END_TEST

static Suite *isca16_suite(void)
{
	Suite *s = suite_create("isca16");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, columns_in_paper_order);
	tcase_add_test(tc, loads_one_study);
	tcase_add_test(tc, notes_come_from_detected_keys);
	tcase_add_test(tc, text_and_markdown_forms);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(isca16_suite());
}
