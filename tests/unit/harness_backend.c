/*
 * harness_backend.c - unit tests for harness/backends/: the backend table and the command lines it
 * builds (refhv, qemu-kvm, qemu-tcg), and how exit statuses are read.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "run/benchmarks.h"
#include "check_main.h"

static int index_of(const struct backend_argv *args, const char *word)
{
	for (int i = 0; i < args->argc; i++)
		if (strcmp(args->argv[i], word) == 0)
			return i;
	return -1;
}

static const struct backend_launch launch = {
	.refhv = "/b/bin/refhv", .guest = "/b/guest/x86_64/guest.elf",
	.cmdline = "bench=cpuid batches=15", .vcpus = 2, .pin = "0-1", .timeout_s = 60,
};

START_TEST(refhv_argv)
{
	const struct backend *b = backend_find("refhv", NULL);
	struct backend_argv args;
	ck_assert_ptr_nonnull(b);
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	ck_assert(!args.overflow);
	ck_assert_str_eq(args.argv[0], "/b/bin/refhv");
	int i = index_of(&args, "--cmdline");
	ck_assert_int_gt(i, 0);
	ck_assert_str_eq(args.argv[i + 1], "bench=cpuid batches=15 console=report");
	ck_assert_str_eq(args.argv[index_of(&args, "--timeout") + 1], "60");
	ck_assert_str_eq(args.argv[index_of(&args, "--vcpus") + 1], "2");
	ck_assert_str_eq(args.argv[index_of(&args, "--pin") + 1], "0-1");
	ck_assert_str_eq(args.argv[args.argc - 1], "/b/guest/x86_64/guest.elf");
	ck_assert_ptr_null(args.argv[args.argc]);
	ck_assert_int_eq(b->verdict(0), BACKEND_GUEST_OK);
	ck_assert_int_eq(b->verdict(1), BACKEND_GUEST_FAILED);
	ck_assert_int_eq(b->verdict(5), BACKEND_GUEST_TIMEOUT);
	ck_assert_int_eq(b->verdict(4), BACKEND_ERROR);
}
END_TEST

START_TEST(qemu_argv_kvm_and_tcg)
{
	const struct backend *kvm = backend_find("qemu-kvm", "x86_64"), *tcg = backend_find("qemu-tcg", "x86_64");
	struct backend_argv args;
	ck_assert_ptr_nonnull(kvm);
	ck_assert_ptr_nonnull(tcg);
	backend_argv_init(&args);
	kvm->build_argv(kvm, &launch, &args);
	ck_assert_str_eq(args.argv[0], "qemu-system-x86_64");
	ck_assert_str_eq(args.argv[index_of(&args, "-accel") + 1], "kvm");
	ck_assert_ptr_nonnull(strstr(args.argv[index_of(&args, "-cpu") + 1], "host"));
	ck_assert_str_eq(args.argv[index_of(&args, "-M") + 1], "microvm");
	ck_assert_str_eq(args.argv[index_of(&args, "-smp") + 1], "2");
	ck_assert_str_eq(args.argv[index_of(&args, "-kernel") + 1], "/b/guest/x86_64/guest.elf");
	ck_assert_str_eq(args.argv[index_of(&args, "-append") + 1], "bench=cpuid batches=15 console=debugcon");
	ck_assert_str_eq(args.argv[index_of(&args, "-device") + 1], "isa-debug-exit,iobase=0xf4,iosize=4");
	ck_assert_int_lt(index_of(&args, "--pin"), 0); /* QEMU is pinned as a process */
	ck_assert(!kvm->emulated);

	backend_argv_init(&args);
	tcg->build_argv(tcg, &launch, &args);
	ck_assert_str_eq(args.argv[index_of(&args, "-accel") + 1], "tcg");
	ck_assert_str_eq(args.argv[index_of(&args, "-cpu") + 1], "max");
	ck_assert(tcg->emulated);
	ck_assert_str_eq(tcg->hypervisor, "tcg");
	ck_assert_str_eq(tcg->testbed, "host");
	ck_assert_int_eq(tcg->verdict(1), BACKEND_GUEST_OK);
	ck_assert_int_eq(tcg->verdict(3), BACKEND_GUEST_FAILED);
	ck_assert_int_eq(tcg->verdict(0), BACKEND_ERROR);
}
END_TEST

START_TEST(refhv_missing_is_not_usable)
{
	struct backend_host host = { .kvm_usable = true };
	snprintf(host.refhv, sizeof(host.refhv), "/nonexistent/refhv");
	char reason[BACKEND_REASON_MAX];
	const struct backend *b = backend_find("refhv", NULL);
	ck_assert(!b->usable(b, &host, reason, sizeof(reason)));
	ck_assert_ptr_nonnull(strstr(reason, "refhv not built"));
	ck_assert_ptr_null(backend_find("warp-drive", NULL));
}
END_TEST

START_TEST(aarch64_qemu_and_testbeds)
{
	const struct backend *tcg = backend_find("qemu-tcg", "aarch64");
	struct backend_argv args;
	ck_assert_ptr_nonnull(tcg);
	backend_argv_init(&args);
	tcg->build_argv(tcg, &launch, &args);
	ck_assert_str_eq(args.argv[0], "qemu-system-aarch64");
	ck_assert_str_eq(args.argv[index_of(&args, "-M") + 1], "virt,gic-version=3");
	ck_assert_str_eq(args.argv[index_of(&args, "-serial") + 1], "stdio");
	ck_assert_int_lt(index_of(&args, "-debugcon"), 0);
	ck_assert(tcg->emulated);
	ck_assert_int_eq(tcg->verdict(0), BACKEND_GUEST_OK); /* PSCI SYSTEM_OFF: QEMU exits 0 */

	/* Test-beds: every row emulated, found by name, never the default. */
	const struct backend *xen = backend_find_testbed("xen-x86_64");
	ck_assert_ptr_nonnull(xen);
	ck_assert_str_eq(xen->name, "xen");
	ck_assert(xen->emulated);
	const struct backend *nvhe = backend_find_testbed("kvm-aarch64-nvhe");
	ck_assert_ptr_nonnull(nvhe);
	ck_assert_str_eq(nvhe->testbed_script, "kvm-aarch64");
	ck_assert_str_eq(nvhe->kvm_mode, "nvhe");
	ck_assert_ptr_null(backend_find_testbed("host"));
	struct backend_host host = { .kvm_usable = false };
	snprintf(host.refhv, sizeof(host.refhv), "/nonexistent/refhv");
	snprintf(host.testbeds, sizeof(host.testbeds), "/nonexistent");
	const struct backend *best = backend_best(&host, "aarch64");
	ck_assert_ptr_nonnull(best);
	ck_assert_ptr_null(best->testbed_script);

	const char *benches[] = { "hypercall", "eoi" };
	struct backend_launch tb_launch = launch;
	tb_launch.testbeds = "/repo/testbeds";
	tb_launch.benches = benches;
	tb_launch.bench_count = 2;
	backend_argv_init(&args);
	nvhe->build_argv(nvhe, &tb_launch, &args);
	ck_assert_str_eq(args.argv[0], "/repo/testbeds/run.sh");
	ck_assert_str_eq(args.argv[1], "kvm-aarch64");
	ck_assert_str_eq(args.argv[index_of(&args, "--kvm-mode") + 1], "nvhe");
	ck_assert_str_eq(args.argv[args.argc - 2], "hypercall");
	ck_assert_str_eq(args.argv[args.argc - 1], "eoi");
}
END_TEST

/* Each test-bed from both Debian releases; "all" stays the default release's. */
START_TEST(testbeds_of_two_releases)
{
	const struct backend *trixie = backend_find_testbed("kvm-aarch64-nvhe@trixie");
	ck_assert_ptr_nonnull(trixie);
	ck_assert_str_eq(trixie->testbed_script, "kvm-aarch64@trixie");
	ck_assert_str_eq(trixie->release, "trixie");
	ck_assert_str_eq(backend_find_testbed("xen-x86_64")->release, BACKEND_DEFAULT_RELEASE);
	size_t all = 0, all_trixie = 0;
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		bool in_all = backend_testbed_matches(b, "all");
		bool in_trixie = backend_testbed_matches(b, "all@trixie");
		ck_assert(!(in_all && in_trixie));
		ck_assert(!in_all || strchr(b->testbed, '@') == NULL);
		ck_assert(!in_trixie || strstr(b->testbed, "@trixie") != NULL);
		all += in_all;
		all_trixie += in_trixie;
	}
	ck_assert_uint_eq(all, 5);
	ck_assert_uint_eq(all_trixie, 5);
	ck_assert(backend_testbed_known("all@trixie"));
	ck_assert(!backend_testbed_known("all@sid"));
	ck_assert(!backend_testbed_known("kvm-x86_64@sid"));
	ck_assert(!backend_testbed_matches(backend_find("refhv", NULL), "all"));

	struct backend_argv args;
	struct backend_launch tb_launch = launch;
	const char *benches[] = { "hypercall" };
	tb_launch.testbeds = "/repo/testbeds";
	tb_launch.benches = benches;
	tb_launch.bench_count = 1;
	backend_argv_init(&args);
	trixie->build_argv(trixie, &tb_launch, &args);
	ck_assert_str_eq(args.argv[1], "kvm-aarch64@trixie");
	ck_assert_str_eq(args.argv[index_of(&args, "--kvm-mode") + 1], "nvhe");
}
END_TEST

START_TEST(argv_overflow_is_reported)
{
	struct backend_argv args;
	char big[BACKEND_ARGV_TEXT + 2];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	backend_argv_init(&args);
	backend_argv_add(&args, big);
	ck_assert(args.overflow);
}
END_TEST

START_TEST(benchmark_names_are_the_contract)
{
	ck_assert_ptr_nonnull(benchmark_find("x86_64", "cpuid"));
	ck_assert_ptr_nonnull(benchmark_find("x86_64", "pio-out-user"));
	ck_assert_ptr_nonnull(benchmark_find("x86_64", "mmio-write-user"));
	ck_assert_ptr_null(benchmark_find("aarch64", "cpuid"));
	ck_assert_ptr_null(benchmark_find("x86_64", "nope"));
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_pipeline_backend");
	TCase *tc = tcase_create("backend");
	tcase_add_test(tc, refhv_argv);
	tcase_add_test(tc, qemu_argv_kvm_and_tcg);
	tcase_add_test(tc, refhv_missing_is_not_usable);
	tcase_add_test(tc, aarch64_qemu_and_testbeds);
	tcase_add_test(tc, testbeds_of_two_releases);
	tcase_add_test(tc, argv_overflow_is_reported);
	tcase_add_test(tc, benchmark_names_are_the_contract);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
