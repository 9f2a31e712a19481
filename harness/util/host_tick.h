/*
 * host_tick.h - the host's counter read the way the guest reads its own
 * (x86: rdtsc fenced by lfence; arm64: cntvct_el0 behind isb), so a
 * benchmark run on the host (tlb-native) is timed like its guest twin.
 */
#ifndef HVB_HOST_TICK_H
#define HVB_HOST_TICK_H

#include <stdint.h>

static inline uint64_t host_tick(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
#elif defined(__aarch64__)
	uint64_t value;
	__asm__ volatile("isb; mrs %0, cntvct_el0; isb" : "=r"(value) : : "memory");
	return value;
#else
#error "host_tick: unsupported architecture"
#endif
}

#endif
