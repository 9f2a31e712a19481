/*
 * wait.h - bounded waits for the interrupt-driven benchmarks.
 *
 * Under some hypervisors an interrupt is late or never comes, so no
 * benchmark ever waits without a limit: it spins with a budget of TSC ticks
 * and, when the budget runs out, notes a failure reason that its check()
 * hook hands to the runner (the benchmark then ends "failed").
 */
#ifndef X86_WAIT_H
#define X86_WAIT_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel.h"
#include "x86_64/tsc.h"

/* The default budget for one event: 100 ms. */
static inline uint64_t wait_budget(const struct guest_env *env)
{
	return tsc_ms(env->platform.tick_hz, 100);
}

/* Spin until *counter differs from seen; false after budget ticks. */
static inline bool wait_change(const volatile uint64_t *counter, uint64_t seen, uint64_t budget)
{
	uint64_t start = rdtsc();

	while (*counter == seen) {
		if (rdtsc() - start > budget)
			return false;
		cpu_relax();
	}
	return true;
}

#endif
