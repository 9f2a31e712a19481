/*
 * tick.h - read the x86 time-stamp counter around a timed region.
 *
 * rdtsc is not ordered with the instructions around it.  At the start,
 * "lfence; rdtsc; lfence" waits for earlier work to finish and keeps the
 * timed code from starting before the read.  At the end, "lfence; rdtsc"
 * waits for the timed code to finish first.  (rdtscp would do for the end,
 * but not every CPU model QEMU offers has it; lfence works everywhere with
 * SSE2, which long mode guarantees.)
 */
#ifndef X86_TICK_H
#define X86_TICK_H

#include <stdint.h>

static inline uint64_t tick_begin(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t tick_end(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

#endif
