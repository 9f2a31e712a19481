/*
 * harness_benchmarks.c - unit tests for harness/run/benchmarks.c: the table
 * both the guest and the harness are built from (include/hvb-benchmarks.def)
 * is consistent: every guest variant belongs to a benchmark of its arch,
 * every benchmark the guest runs has variants, the shown variants match the
 * guest's, names are unique per arch, and units follow the arch's counter.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "run/benchmarks.h"
#include "check_main.h"

START_TEST(every_variant_has_a_benchmark)
{
	for (size_t i = 0; i < benchmark_variant_count(); i++) {
		const struct benchmark_variant *v = benchmark_variant_at(i);
		const struct benchmark_info *b = benchmark_find(v->arch, v->name);
		ck_assert_msg(b != NULL, "%s %s/%s has no BENCH row", v->arch, v->name, v->variant);
		ck_assert_msg(!b->on_host, "%s %s runs on the host but has guest variants", v->arch, v->name);
	}
}
END_TEST

START_TEST(every_guest_benchmark_has_variants)
{
	for (size_t i = 0; i < benchmark_count(); i++) {
		const struct benchmark_info *b = benchmark_at(i);
		size_t n = 0;
		char joined[512] = "";
		for (size_t j = 0; j < benchmark_variant_count(); j++) {
			const struct benchmark_variant *v = benchmark_variant_at(j);
			if (strcmp(v->arch, b->arch) || strcmp(v->name, b->name))
				continue;
			if (n++)
				strcat(joined, ",");
			strncat(joined, v->variant, sizeof(joined) - strlen(joined) - 1);
		}
		if (b->on_host) {
			ck_assert_uint_eq(n, 0);
			continue;
		}
		ck_assert_msg(n > 0, "%s %s: no X86()/A64() row", b->arch, b->name);
		/* shown variants are the guest's, unless they are a pattern (tlb-nested) */
		if (!strchr(b->variants, '|'))
			ck_assert_str_eq(b->variants, joined);
	}
}
END_TEST

START_TEST(names_unique_units_by_arch)
{
	for (size_t i = 0; i < benchmark_count(); i++) {
		const struct benchmark_info *b = benchmark_at(i);
		ck_assert_ptr_eq(benchmark_find(b->arch, b->name), b);
		ck_assert_str_eq(b->unit, strcmp(b->arch, "x86_64") == 0 ? "cycles" : "ticks");
		ck_assert(b->vcpus >= 1);
		/* only the TLB sweep boots once per host page size; only tlb-native runs on the host */
		ck_assert_int_eq(b->host_page_sweep, strcmp(b->name, "tlb-nested") == 0);
		ck_assert_int_eq(b->on_host, strcmp(b->name, "tlb-native") == 0);
		/* only arm64's tlb-native also runs natively inside a (KVM) test-bed */
		ck_assert_int_eq(b->in_testbed, b->on_host && strcmp(b->arch, "aarch64") == 0);
		ck_assert(strlen(b->description) > 10);
	}
	ck_assert_ptr_null(benchmark_find("x86_64", "no-such"));
	ck_assert_ptr_null(benchmark_at(benchmark_count()));
	ck_assert_ptr_null(benchmark_variant_at(benchmark_variant_count()));
	/* the contract's shared names exist on both arches */
	const char *both[] = { "hypercall", "ic-trap", "ipi", "eoi", "mmio-write-user", "timer-latency" };
	for (size_t i = 0; i < sizeof(both) / sizeof(both[0]); i++) {
		ck_assert(benchmark_find("x86_64", both[i]) != NULL);
		ck_assert(benchmark_find("aarch64", both[i]) != NULL);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("benchmarks");
	TCase *t = tcase_create("benchmarks");
	tcase_add_test(t, every_variant_has_a_benchmark);
	tcase_add_test(t, every_guest_benchmark_has_variants);
	tcase_add_test(t, names_unique_units_by_arch);
	suite_add_tcase(s, t);
	return check_run(s);
}
