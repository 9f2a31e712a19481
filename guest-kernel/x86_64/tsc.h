/*
 * tsc.h - the time-stamp counter, for bounded waits in the kernel.
 *
 * (The benchmarks time with microbench/x86_64/tick.h, which fences the
 * read; a wait only needs a rough clock.)
 */
#ifndef X86_TSC_H
#define X86_TSC_H

#include <stdint.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* TSC ticks in ms milliseconds at tick_hz (assume 3 GHz when unknown). */
static inline uint64_t tsc_ms(uint64_t tick_hz, uint64_t ms)
{
	return (tick_hz ? tick_hz : 3000000000ull) / 1000 * ms;
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
