/*
 * registry.c - the table of every benchmark the guest knows, expanded from
 * the one table the guest and the harness share (include/hvb-benchmarks.def):
 * each X86()/A64() row there becomes one struct bench here, for the
 * architecture this guest is built for.
 *
 * To add a benchmark: write its body beside the others for its
 * architecture, declare it in benchmarks.h and add its rows to
 * hvb-benchmarks.def (docs/hacking.md).
 */
#include "bench.h"
#include "benchmarks.h"
#include "hvb-abi.h"

#define GUEST_ROW(arch_, name_, variant_, ...) \
	{ .name = name_, .variant = variant_, .unit = HVB_UNIT_##arch_, .arch = #arch_, __VA_ARGS__ },
#define BENCH(arch, name, shown_variants, vcpus, mem_mb, flags, min_timeout_s, description)
#if defined(__x86_64__)
#define X86(name, variant, ...) GUEST_ROW(x86_64, name, variant, __VA_ARGS__)
#define A64(name, variant, ...)
#elif defined(__aarch64__)
#define X86(name, variant, ...)
#define A64(name, variant, ...) GUEST_ROW(aarch64, name, variant, __VA_ARGS__)
#endif

const struct bench bench_table[] = {
#include "hvb-benchmarks.def"
};

const size_t bench_count = sizeof(bench_table) / sizeof(bench_table[0]);
