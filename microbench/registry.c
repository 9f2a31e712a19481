/*
 * registry.c - the table of every benchmark the guest knows.
 *
 * To add a benchmark: write its run function beside the others for its
 * architecture, declare it in benchmarks.h and add one line here.  The
 * names are a contract shared with the harness and the other architectures.
 */
#include "bench.h"
#include "benchmarks.h"

const struct bench bench_table[] = {
#if defined(__x86_64__)
	{ "cpuid",           "-", "cycles", "x86_64", bench_cpuid,           NULL },
	{ "pio-out-user",    "-", "cycles", "x86_64", bench_pio_out_user,    NULL },
	{ "mmio-write-user", "-", "cycles", "x86_64", bench_mmio_write_user, NULL },
#endif
};

const size_t bench_count = sizeof(bench_table) / sizeof(bench_table[0]);
