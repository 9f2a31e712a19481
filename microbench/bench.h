/*
 * bench.h - a benchmark as the registry and the runner see it.
 *
 * A benchmark is a function that runs its operation `iters` times in a
 * timed loop and returns the elapsed ticks.  bench_empty_loop() is the same
 * loop with an empty body; the runner measures both with the same
 * iteration count, so the harness can subtract the loop's own cost.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bench {
	const char *name;       /* the contract name, e.g. "pio-out-user" */
	const char *variant;    /* "-" when there is none */
	const char *unit;       /* "cycles" (x86 TSC) or "ticks" */
	const char *arch;       /* "x86_64", "aarch64" or "any" */
	uint64_t (*run)(uint64_t iters);
	/* Optional: false (with a reason token) when it cannot run here. */
	bool (*supported)(const char **reason);
};

/* The registry (registry.c). */
extern const struct bench bench_table[];
extern const size_t bench_count;

/* The empty timed loop (per architecture, beside the benchmarks). */
uint64_t bench_empty_loop(uint64_t iters);

#endif
