/*
 * bench.h - a benchmark as the registry and the runner see it.
 *
 * A benchmark is a function that runs its operation `iters` times in a
 * timed loop and returns the elapsed ticks.  Its empty loop is the same
 * loop minus the operation alone: bench_empty_loop() (an empty body) for
 * operations that need no per-iteration set-up, else the benchmark's own
 * `empty` twin, which keeps the set-up (cpuid's eax/ecx, a hypercall's
 * argument registers) and drops only the instruction.  The runner measures
 * both with the same iteration count, so the harness subtracts exactly the
 * loop's own cost.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_env;

/* Why a benchmark does not run: status "unsupported" or "failed", and a reason token. */
struct bench_refusal {
	const char *status;
	const char *reason;
};

struct bench {
	const char *name;       /* the contract name, e.g. "pio-out-user" */
	const char *variant;    /* "-" when there is none */
	const char *unit;       /* "cycles" (x86 TSC) or "ticks" */
	const char *arch;       /* "x86_64", "aarch64" or "any" */
	uint64_t (*run)(uint64_t iters);
	/* Optional: false (with a reason token) when it cannot run here. */
	bool (*supported)(const char **reason);
	/*
	 * Optional, for benchmarks that need set-up (a second CPU, an interrupt
	 * handler, memory mapped a certain way): called once before the first
	 * run with the guest's environment.  Returns true when ready; else it
	 * fills *refusal and the benchmark ends with that status and reason.
	 */
	bool (*prepare)(const struct bench *b, const struct guest_env *env,
			struct bench_refusal *refusal);
	/*
	 * Optional: after runs, NULL when they went well, else a reason token
	 * (an interrupt never came, ...): the benchmark then ends "failed".
	 */
	const char *(*check)(void);
	const void *arg;        /* per-variant parameters, for prepare() */
	/*
	 * Optional: after a successful benchmark, a reason token that qualifies
	 * its numbers (sent as the end record's reason beside status ok), or
	 * NULL when there is nothing to say.
	 */
	const char *(*note)(void);
	/* Optional: the loop minus the operation (NULL: bench_empty_loop). */
	uint64_t (*empty)(uint64_t iters);
};

/* The registry (registry.c). */
extern const struct bench bench_table[];
extern const size_t bench_count;

/* The empty timed loop (per architecture, beside the benchmarks). */
uint64_t bench_empty_loop(uint64_t iters);

#endif
