/*
 * empty_loop.c - bench_empty_loop() (bench.h): the timed loop with an
 * empty body, the same on every architecture and in the native runner
 * (native/), so each subtracts the same loop.
 */
#include "arch_tick.h"
#include "bench.h"

uint64_t bench_empty_loop(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("" : : : "memory");
	return tick_end() - start;
}
