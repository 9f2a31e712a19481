/*
 * harness_two_vms.c - unit tests for the BENCH_TWO_VMS path (vm-switch):
 * the table rows, which backends can run a partner VM, refhv's --vm-switch
 * on the command line, and the `unsupported` result stored for a backend
 * that boots one VM (harness/run/run_unsupported.c).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "run/benchmarks.h"
#include "run/run.h"
#include "store/store.h"
#include "check_main.h"

static bool has_word(const struct backend_argv *args, const char *word)
{
	for (int i = 0; i < args->argc; i++)
		if (strcmp(args->argv[i], word) == 0)
			return true;
	return false;
}

START_TEST(vm_switch_rows_need_two_vms)
{
	static const char *const arches[] = { "x86_64", "aarch64" };
	for (size_t i = 0; i < 2; i++) {
		const struct benchmark_info *b = benchmark_find(arches[i], "vm-switch");
		ck_assert_ptr_nonnull(b);
		ck_assert(b->two_vms);
		ck_assert_str_eq(b->variants, "-");
		ck_assert_uint_eq(b->vcpus, 1);
	}
	ck_assert(!benchmark_find("x86_64", "cpuid")->two_vms);
}
END_TEST

START_TEST(which_backends_run_two_vms)
{
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		bool want = b->testbed_script != NULL || strcmp(b->name, "refhv") == 0;
		ck_assert_msg(b->two_vms == want, "%s/%s/%s: two_vms %d", b->name, b->arch, b->testbed,
			      b->two_vms);
	}
}
END_TEST

START_TEST(refhv_gets_vm_switch_only_when_asked)
{
	const struct backend *b = backend_find("refhv", NULL);
	struct backend_launch launch = {
		.refhv = "/b/refhv", .guest = "/b/guest.elf", .cmdline = "bench=vm-switch",
		.vcpus = 1, .timeout_s = 60, .two_vms = true,
	};
	struct backend_argv args;
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	ck_assert(has_word(&args, "--vm-switch"));
	ck_assert_str_eq(args.argv[args.argc - 1], "/b/guest.elf");
	launch.two_vms = false;
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	ck_assert(!has_word(&args, "--vm-switch"));
}
END_TEST

static const struct hvb_run_info run_info = {
	.hostname = "h", .cpu_model = "cpu", .arch = "x86_64", .backend = "qemu-tcg",
	.hypervisor = "tcg", .hypervisor_version = "8", .testbed = "host", .emulated = true,
	.guest_path = "guest.elf", .guest_sha256 = "ab", .vcpus = 1,
	.hvbench_version = "0", .command_line = "hvbench run",
};

START_TEST(one_vm_backend_stores_unsupported)
{
	char dir[] = "/tmp/hvb-two-vms-XXXXXX", path[64], err[256];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct hvb_store *st;
	ck_assert_msg(hvb_store_open(path, &st, err, sizeof(err)) == 0, "%s", err);
	struct run_outcome run = { .backend = backend_find("qemu-tcg", "x86_64") };
	ck_assert_int_eq(hvb_store_begin_run(st, &run_info, &run.run_id), 0);

	struct bench_outcome outcome = { 0 };
	const struct benchmark_info *vm_switch = benchmark_find("x86_64", "vm-switch");
	ck_assert(!run_skip_unsupported(st, &run, benchmark_find("x86_64", "cpuid"), &outcome));
	ck_assert(run_skip_unsupported(st, &run, vm_switch, &outcome));
	ck_assert_uint_eq(outcome.stored, 1);
	ck_assert_uint_eq(outcome.stored_ok, 0);
	struct run_outcome refhv = { .backend = backend_find("refhv", NULL), .run_id = run.run_id };
	ck_assert(!run_skip_unsupported(st, &refhv, vm_switch, &outcome));
	ck_assert_uint_eq(outcome.stored, 1);

	struct hvb_summary_row *rows;
	size_t n;
	ck_assert_int_eq(hvb_store_run_summary(st, run.run_id, &rows, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].benchmark, "vm-switch");
	ck_assert_str_eq(rows[0].variant, "-");
	ck_assert_str_eq(rows[0].status, "unsupported");
	ck_assert_str_eq(rows[0].reason, "needs two VMs on one CPU; qemu-tcg boots one");
	ck_assert_int_eq(rows[0].n, 0);
	ck_assert(isnan(rows[0].median));
	hvb_summary_rows_free(rows, n);
	hvb_store_close(st);
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_two_vms");
	TCase *tc = tcase_create("two_vms");
	tcase_add_test(tc, vm_switch_rows_need_two_vms);
	tcase_add_test(tc, which_backends_run_two_vms);
	tcase_add_test(tc, refhv_gets_vm_switch_only_when_asked);
	tcase_add_test(tc, one_vm_backend_stores_unsupported);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
