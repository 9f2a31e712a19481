/*
 * benchmarks.h - the run functions the registry points at.
 *
 * Each returns the ticks taken by `iters` operations in a timed loop.
 */
#ifndef BENCHMARKS_H
#define BENCHMARKS_H

#include <stdint.h>

#if defined(__x86_64__)
uint64_t bench_cpuid(uint64_t iters);            /* cpuid leaf 0: exit handled in the kernel */
uint64_t bench_pio_out_user(uint64_t iters);     /* outb to an unassigned port: exit to the VMM */
uint64_t bench_mmio_write_user(uint64_t iters);  /* store to unbacked memory: exit to the VMM */
#endif

#endif
