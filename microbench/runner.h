/*
 * runner.h - run one benchmark by the measurement rules and report it.
 */
#ifndef RUNNER_H
#define RUNNER_H

#include <stdint.h>
#include "bench.h"
#include "cmdline.h"

#define RUNNER_MAX_ITERS (1ull << 24)   /* the largest batch */

struct runner_config {
	uint64_t batches;       /* measured batches (cmdline batches=, 1..1000) */
	uint64_t batch_ticks;   /* a batch grows until it lasts this long (batch_ticks=) */
	uint64_t warmup;        /* batches run and thrown away (warmup=) */
	const struct guest_env *env;   /* for benchmarks' prepare(); set by the caller */
};

/* Read the runner options; returns the bad option's name, or NULL when all are fine. */
const char *runner_config_read(const struct cmdline *c, struct runner_config *cfg);

/* begin, samples, end records for one benchmark. */
void runner_run(const struct runner_config *cfg, const struct bench *b);

#endif
