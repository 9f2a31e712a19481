/*
 * harness_tlb_sweep.c - unit tests for the TLB sweep's bookkeeping in
 * harness/run/: which host pages a sweep boots with on each backend
 * (run_host_pages: refhv's two backings, also inside the KVM test-beds;
 * Xen's own, "hxen"), the test-bed command line that carries them, how the
 * host half enters the stored variant names (run_store_session), and the
 * arm64 rows of tlb-nested and tlb-native in the benchmark table.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/run.h"
#include "check_main.h"

static int index_of(const struct backend_argv *args, const char *word)
{
	for (int i = 0; i < args->argc; i++)
		if (strcmp(args->argv[i], word) == 0)
			return i;
	return -1;
}

START_TEST(host_pages_per_backend)
{
	const struct host_page *pages;
	struct host_page fixed;
	const char *kvm_beds[] = { "kvm-aarch64", "kvm-aarch64-nvhe", "kvm-x86_64" };
	for (size_t i = 0; i < sizeof(kvm_beds) / sizeof(kvm_beds[0]); i++) {
		const struct backend *b = backend_find_testbed(kvm_beds[i]);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(run_host_pages(b, &pages, &fixed), 2);
		ck_assert_str_eq(pages[0].backing, "4k");
		ck_assert_str_eq(pages[0].label, "h4k");
		ck_assert_str_eq(pages[1].backing, "thp");
		ck_assert_str_eq(pages[1].label, "h2m");
	}
	/* Xen chooses its own pages: one boot, no --backing, the host half says so */
	const char *xen_beds[] = { "xen-aarch64", "xen-x86_64" };
	for (size_t i = 0; i < sizeof(xen_beds) / sizeof(xen_beds[0]); i++) {
		const struct backend *b = backend_find_testbed(xen_beds[i]);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(run_host_pages(b, &pages, &fixed), 1);
		ck_assert_ptr_null(pages[0].backing);
		ck_assert_str_eq(pages[0].label, "hxen");
	}
	ck_assert_uint_eq(run_host_pages(backend_find("refhv", NULL), &pages, &fixed), 2);
	/* QEMU has no host page choice here: no host half at all */
	ck_assert_uint_eq(run_host_pages(backend_find("qemu-tcg", "aarch64"), &pages, &fixed), 0);
}
END_TEST

START_TEST(testbed_argv_carries_backing_and_mem)
{
	const struct backend *b = backend_find_testbed("kvm-aarch64");
	const char *benches[] = { "tlb-nested" };
	struct backend_launch launch = {
		.guest = "/b/guest/aarch64/guest.img", .cmdline = "batches=3 cpus=1", .vcpus = 1,
		.mem_mb = 288, .backing = "thp", .testbeds = "/repo/testbeds", .timeout_s = 900,
		.benches = benches, .bench_count = 1,
	};
	struct backend_argv args;
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	ck_assert(!args.overflow);
	ck_assert_str_eq(args.argv[index_of(&args, "--backing") + 1], "thp");
	ck_assert_str_eq(args.argv[index_of(&args, "--mem") + 1], "288");
	ck_assert_str_eq(args.argv[index_of(&args, "--timeout") + 1], "900");
	ck_assert_str_eq(args.argv[args.argc - 1], "tlb-nested");
	launch.backing = NULL;
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	ck_assert_int_lt(index_of(&args, "--backing"), 0);
}
END_TEST

/* Stores one tlb-nested boot's records under host_page; returns the stored variants. */
static void stored_variants(const struct host_page *host_page, char *out, size_t size)
{
	char dir[] = "/tmp/hvb-tlb-sweep-XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/r.db", dir);
	struct hvb_store *store;
	char err[256];
	ck_assert_msg(hvb_store_open(path, &store, err, sizeof(err)) == 0, "%s", err);
	struct hvb_run_info info = { .hostname = "h", .arch = "aarch64", .backend = "refhv",
				     .testbed = "kvm-aarch64", .emulated = true };
	struct run_outcome run = { .backend = backend_find_testbed("kvm-aarch64") };
	ck_assert_int_eq(hvb_store_begin_run(store, &info, &run.run_id), 0);

	static const char *lines[] = {
		"HVB hello proto=1 arch=aarch64 build=ab tick=cntvct tick_hz=62500000 cpus=1 hv=kvm vendor=arm boot=image",
		"HVB begin bench=tlb-nested variant=g4k-64m unit=ticks",
		"HVB sample bench=tlb-nested variant=g4k-64m unit=ticks kind=empty batch=0 iters=1024 value=1.000",
		"HVB sample bench=tlb-nested variant=g4k-64m unit=ticks kind=op batch=0 iters=1024 value=9.500",
		"HVB end bench=tlb-nested variant=g4k-64m status=ok",
		"HVB begin bench=tlb-nested variant=g2m-256m unit=ticks",
		"HVB end bench=tlb-nested variant=g2m-256m status=unsupported reason=needs-more-ram",
		"HVB done benches=2",
	};
	struct hvb_session *session = hvb_session_new();
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_int_eq(hvb_session_feed_line(session, lines[i], strlen(lines[i])), 0);
	hvb_session_finish(session);
	struct boot_end end = { .proc = { .outcome = PROC_EXITED, .status = 0 },
				.verdict = BACKEND_GUEST_OK };
	struct bench_outcome outcome = { 0 };
	run_store_session(store, &run, benchmark_find("aarch64", "tlb-nested"), host_page, session,
			  &end, &outcome);
	hvb_session_free(session);
	ck_assert_uint_eq(outcome.stored, 2);
	ck_assert_uint_eq(outcome.stored_ok, 1);
	hvb_store_close(store);

	sqlite3 *db;
	sqlite3_stmt *q;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "select group_concat(variant || ':' || status, ' ') from "
					    "(select variant, status from results order by variant)",
					    -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	sqlite3_close(db);
	unlink(path);
	rmdir(dir);
}

START_TEST(host_half_in_variant_names)
{
	char got[256];
	struct host_page thp = { "thp", "h2m" }, xen = { NULL, "hxen" };
	stored_variants(&thp, got, sizeof(got));
	ck_assert_str_eq(got, "g2m-h2m-256m:unsupported g4k-h2m-64m:ok");
	stored_variants(&xen, got, sizeof(got));
	ck_assert_str_eq(got, "g2m-hxen-256m:unsupported g4k-hxen-64m:ok");
	stored_variants(NULL, got, sizeof(got));
	ck_assert_str_eq(got, "g2m-256m:unsupported g4k-64m:ok");
}
END_TEST

START_TEST(arm64_tlb_rows)
{
	const struct benchmark_info *nested = benchmark_find("aarch64", "tlb-nested");
	const struct benchmark_info *native = benchmark_find("aarch64", "tlb-native");
	ck_assert_ptr_nonnull(nested);
	ck_assert_ptr_nonnull(native);
	ck_assert(nested->host_page_sweep && !nested->on_host && !nested->in_testbed);
	ck_assert_str_eq(nested->unit, "ticks");
	/* the same sweep as x86: guest page x working set, the same names */
	size_t n = 0;
	bool top = false;
	for (size_t i = 0; i < benchmark_variant_count(); i++) {
		const struct benchmark_variant *v = benchmark_variant_at(i);
		if (strcmp(v->arch, "aarch64") || strcmp(v->name, "tlb-nested"))
			continue;
		n++;
		ck_assert(strncmp(v->variant, "g4k-", 4) == 0 || strncmp(v->variant, "g2m-", 4) == 0);
		top |= strcmp(v->variant, "g2m-1g") == 0;
		bool on_x86 = false;
		for (size_t j = 0; j < benchmark_variant_count(); j++) {
			const struct benchmark_variant *x = benchmark_variant_at(j);
			on_x86 |= !strcmp(x->arch, "x86_64") && !strcmp(x->name, v->name) &&
				  !strcmp(x->variant, v->variant);
		}
		ck_assert_msg(on_x86, "arm64 tlb-nested/%s has no x86 twin", v->variant);
	}
	ck_assert_uint_eq(n, 14);
	ck_assert(top);
	/* no guest: natively on an arm64 host, or in a KVM test-bed's Linux */
	ck_assert(native->on_host && native->in_testbed && !native->host_page_sweep);
	ck_assert(!benchmark_find("x86_64", "tlb-native")->in_testbed);
	/* both want more than the default RAM, so a plain test-bed run leaves them out */
	ck_assert_uint_gt(nested->mem_mb, BACKEND_DEFAULT_MEM_MB);
	ck_assert_uint_gt(native->mem_mb, BACKEND_DEFAULT_MEM_MB);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tlb_sweep");
	TCase *t = tcase_create("tlb_sweep");
	tcase_add_test(t, host_pages_per_backend);
	tcase_add_test(t, testbed_argv_carries_backing_and_mem);
	tcase_add_test(t, host_half_in_variant_names);
	tcase_add_test(t, arm64_tlb_rows);
	suite_add_tcase(s, t);
	return check_run(s);
}
