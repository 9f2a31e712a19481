/*
 * registry.c - the table of every benchmark the guest knows.
 *
 * To add a benchmark: write its run function beside the others for its
 * architecture, declare it in benchmarks.h and add one line here.  The
 * names are a contract shared with the harness and the other architectures.
 */
#include "bench.h"
#include "benchmarks.h"

#include "hvb-abi.h"

#define KIB 1024ull
#define MIB (1024ull * 1024)

/* An x86 benchmark in cycles with set-up hooks: name, variant, run, prepare, check, arg. */
#define X86_BENCH(name_, variant_, run_, prepare_, check_, arg_)                       \
	{ .name = name_, .variant = variant_, .unit = "cycles", .arch = "x86_64", .run = run_, \
	  .prepare = prepare_, .check = check_, .arg = arg_ }
/* A tlb-nested variant: guest page size and working set in bytes. */
#define TLB(variant_, page, bytes)                                                      \
	X86_BENCH("tlb-nested", variant_, bench_tlb_chase, bench_tlb_prepare, NULL,       \
		  (&(const struct tlb_variant){ page, bytes }))

/* An arm64 benchmark in cntvct ticks: name, variant, run, supported, prepare, check. */
#define A64_BENCH(name_, variant_, run_, supported_, prepare_, check_)                  \
	{ .name = name_, .variant = variant_, .unit = "ticks", .arch = "aarch64", .run = run_, \
	  .supported = supported_, .prepare = prepare_, .check = check_ }
/* A store to an unbacked address: says so when it aborted instead of exiting. */
#define A64_MMIO(name_, run_)                                                              \
	{ .name = name_, .variant = "-", .unit = "ticks", .arch = "aarch64", .run = run_,    \
	  .prepare = bench_mmio_prepare, .note = bench_mmio_note }

const struct bench bench_table[] = {
#if defined(__x86_64__)
	{ .name = "cpuid", .variant = "-", .unit = "cycles", .arch = "x86_64",
	  .run = bench_cpuid, .empty = bench_cpuid_empty },
	X86_BENCH("pio-out-user", "-", bench_pio_out_user, bench_port_prepare, NULL,
		  &(const uint16_t){ HVB_PORT_BENCH_USER }),
	X86_BENCH("mmio-write-user", "-", bench_mmio_write_user, NULL, NULL, NULL),
	X86_BENCH("pio-out-kernel", "-", bench_pio_out_kernel, bench_port_prepare, NULL,
		  &(const uint16_t){ HVB_PORT_BENCH_KERNEL }),
	X86_BENCH("mmio-write-kernel", "-", bench_mmio_write_kernel, NULL, NULL, NULL),
	{ .name = "hypercall", .variant = "-", .unit = "cycles", .arch = "x86_64",
	  .run = bench_hypercall, .prepare = bench_hypercall_prepare, .empty = bench_hypercall_empty },
	X86_BENCH("ic-trap", "xapic", bench_ic_trap, bench_ic_trap_xapic_prepare, NULL, NULL),
	X86_BENCH("ic-trap", "x2apic", bench_ic_trap, bench_ic_trap_x2apic_prepare, NULL, NULL),
	X86_BENCH("eoi", "-", bench_eoi, bench_eoi_prepare, bench_eoi_check, NULL),
	X86_BENCH("ipi", "send", bench_ipi_send, bench_ipi_prepare, bench_ipi_check, NULL),
	X86_BENCH("ipi", "roundtrip", bench_ipi_roundtrip, bench_ipi_prepare, bench_ipi_check, NULL),
	X86_BENCH("timer-latency", "-", bench_timer_latency, bench_timer_latency_prepare,
		  bench_timer_latency_check, NULL),
	X86_BENCH("io-latency-out", "-", bench_io_latency_out, bench_io_latency_out_prepare,
		  bench_io_latency_check, NULL),
	X86_BENCH("io-latency-in", "-", bench_io_latency_in, bench_io_latency_in_prepare,
		  bench_io_latency_check, NULL),
	TLB("g4k-4k", 4 * KIB, 4 * KIB),     TLB("g2m-4k", 2 * MIB, 4 * KIB),
	TLB("g4k-64k", 4 * KIB, 64 * KIB),   TLB("g2m-64k", 2 * MIB, 64 * KIB),
	TLB("g4k-1m", 4 * KIB, 1 * MIB),     TLB("g2m-1m", 2 * MIB, 1 * MIB),
	TLB("g4k-16m", 4 * KIB, 16 * MIB),   TLB("g2m-16m", 2 * MIB, 16 * MIB),
	TLB("g4k-64m", 4 * KIB, 64 * MIB),   TLB("g2m-64m", 2 * MIB, 64 * MIB),
	TLB("g4k-256m", 4 * KIB, 256 * MIB), TLB("g2m-256m", 2 * MIB, 256 * MIB),
	TLB("g4k-1g", 4 * KIB, 1024 * MIB),  TLB("g2m-1g", 2 * MIB, 1024 * MIB),
#endif
#if defined(__aarch64__)
	{ .name = "hypercall", .variant = "-", .unit = "ticks", .arch = "aarch64",
	  .run = bench_hypercall, .supported = bench_hypercall_supported,
	  .empty = bench_hypercall_empty },
	A64_BENCH("ic-trap", "-", bench_ic_trap, bench_gic_supported, NULL, NULL),
	A64_BENCH("ipi", "send", bench_ipi_send, NULL, bench_ipi_prepare, bench_ipi_check),
	A64_BENCH("ipi", "roundtrip", bench_ipi_roundtrip, NULL, bench_ipi_prepare, bench_ipi_check),
	A64_BENCH("eoi", "-", bench_eoi, NULL, bench_eoi_prepare, bench_eoi_check),
	A64_MMIO("mmio-write-user", bench_mmio_write_user),
	A64_MMIO("mmio-write-kernel", bench_mmio_write_kernel),
	A64_BENCH("timer-latency", "-", bench_timer_latency, NULL, bench_timer_latency_prepare,
		  bench_timer_latency_check),
#endif
};

const size_t bench_count = sizeof(bench_table) / sizeof(bench_table[0]);
