/*
 * benchmarks.c - the harness's table of benchmarks per architecture,
 * expanded from include/hvb-benchmarks.def (the guest's registry comes from
 * the same rows): BENCH() rows become struct benchmark_info, the guest's
 * X86()/A64() variant rows a list of (arch, name, variant) whose fields
 * (function names) the harness never sees.
 */
#include "run/benchmarks.h"

#include <string.h>

#define X86(name, variant, ...)
#define A64(name, variant, ...)
#define BENCH(arch_, name_, shown_, vcpus_, mem_, flags_, timeout_, description_)             \
	{ .name = name_, .arch = #arch_, .variants = shown_, .unit = HVB_UNIT_##arch_,           \
	  .description = description_, .vcpus = vcpus_, .mem_mb = mem_,                          \
	  .host_page_sweep = ((flags_) & BENCH_HOST_PAGE_SWEEP) != 0,                            \
	  .on_host = ((flags_) & BENCH_ON_HOST) != 0,                                            \
	  .two_vms = ((flags_) & BENCH_TWO_VMS) != 0,                                            \
	  .in_testbed = ((flags_) & BENCH_IN_TESTBED) != 0, .min_timeout_s = timeout_ },
static const struct benchmark_info benchmarks[] = {
#include "hvb-benchmarks.def"
};
#undef BENCH
#undef X86
#undef A64

#define BENCH(arch, name, shown_variants, vcpus, mem_mb, flags, min_timeout_s, description)
#define X86(name_, variant_, ...) { "x86_64", name_, variant_ },
#define A64(name_, variant_, ...) { "aarch64", name_, variant_ },
static const struct benchmark_variant variants[] = {
#include "hvb-benchmarks.def"
};

size_t benchmark_count(void)
{
	return sizeof(benchmarks) / sizeof(benchmarks[0]);
}

const struct benchmark_info *benchmark_at(size_t index)
{
	return index < benchmark_count() ? &benchmarks[index] : NULL;
}

const struct benchmark_info *benchmark_find(const char *arch, const char *name)
{
	for (size_t i = 0; i < benchmark_count(); i++)
		if (strcmp(benchmarks[i].arch, arch) == 0 && strcmp(benchmarks[i].name, name) == 0)
			return &benchmarks[i];
	return NULL;
}

size_t benchmark_variant_count(void)
{
	return sizeof(variants) / sizeof(variants[0]);
}

const struct benchmark_variant *benchmark_variant_at(size_t index)
{
	return index < benchmark_variant_count() ? &variants[index] : NULL;
}
