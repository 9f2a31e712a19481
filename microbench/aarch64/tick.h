/*
 * tick.h - read the arm64 virtual counter around a timed region.
 *
 * cntvct_el0 may be read early or late relative to the instructions
 * around it.  At the start, "isb; mrs; isb" lets earlier work finish and
 * keeps the timed code from starting before the read; at the end, "isb;
 * mrs" waits for the timed code first.  (cntvct rather than cntpct: a
 * cntpct read traps to the hypervisor on hosts without FEAT_ECV.)
 */
#ifndef A64_TICK_H
#define A64_TICK_H

#include <stdint.h>

static inline uint64_t tick_begin(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0\n\tisb" : "=r"(t) : : "memory");
	return t;
}

static inline uint64_t tick_end(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return t;
}

#endif
