/*
 * runner.c - the measurement rules.
 *
 * For each benchmark:
 *   1. size the batch: start at 1 iteration and double until one batch of
 *      the operation lasts cfg->batch_ticks, or RUNNER_MAX_ITERS is reached;
 *   2. warm up: cfg->warmup batches of that size, not reported;
 *   0. (optional) b->prepare() sets the benchmark up, or refuses with a
 *      status and reason; b->check() after the runs turns a run that went
 *      wrong (an interrupt that never came) into "failed";
 *   3. measure cfg->batches batches; each runs the empty loop (b->empty, or
 *      bench_empty_loop: the operation's loop minus the operation) and then the
 *      operation with the same iteration count and reports both as
 *      "sample kind=empty" and "sample kind=op" (mean per iteration, in
 *      thousandths printed as a decimal with 3 fraction digits).
 */
#include "runner.h"
#include "report.h"

#define DEFAULT_BATCHES      15
#define BATCH_SECONDS_DIV    500       /* default batch: 2 ms of the counter */
#define FALLBACK_BATCH_TICKS 4194304   /* when the counter's frequency is unknown */
#define DEFAULT_WARMUP       2

const char *runner_config_read(const struct cmdline *c, struct runner_config *cfg)
{
	cfg->batches = DEFAULT_BATCHES;
	cfg->batch_ticks = 0;   /* 0: 2 ms at the counter's frequency, see batch_target() */
	cfg->warmup = DEFAULT_WARMUP;

	if (cmdline_u64(c, "batches", 1, 1000, &cfg->batches) == OPT_BAD)
		return "batches";
	if (cmdline_u64(c, "batch_ticks", 1, 1ull << 40, &cfg->batch_ticks) == OPT_BAD)
		return "batch_ticks";
	if (cmdline_u64(c, "warmup", 0, 1000, &cfg->warmup) == OPT_BAD)
		return "warmup";
	return NULL;
}

/* Mean ticks per iteration in thousandths, rounded to nearest. */
static uint64_t mean_milli(uint64_t ticks, uint64_t iters)
{
	if (ticks > UINT64_MAX / 1000)   /* absurd, but never wrap around */
		return ticks / iters * 1000;
	return (ticks * 1000 + iters / 2) / iters;
}

/* How long a batch must last: batch_ticks= when given, else 2 ms of the
 * counter (the TSC ticks ~40x faster than arm64's cntvct, so a fixed tick
 * count would make arm64 batches 40x longer). */
static uint64_t batch_target(const struct runner_config *cfg)
{
	if (cfg->batch_ticks)
		return cfg->batch_ticks;
	if (cfg->env && cfg->env->platform.tick_hz >= BATCH_SECONDS_DIV)
		return cfg->env->platform.tick_hz / BATCH_SECONDS_DIV;
	return FALLBACK_BATCH_TICKS;
}

static uint64_t batch_size(const struct runner_config *cfg, const struct bench *b)
{
	uint64_t iters = 1;
	uint64_t target = batch_target(cfg);

	while (iters < RUNNER_MAX_ITERS && b->run(iters) < target)
		iters *= 2;
	return iters;
}

void runner_run(const struct runner_config *cfg, const struct bench *b)
{
	const struct report_bench id = { b->name, b->variant, b->unit };
	const char *reason = NULL;

	report_begin(&id);
	if (b->supported != NULL && !b->supported(&reason)) {
		report_end(&id, "unsupported", reason);
		return;
	}
	struct bench_refusal refusal = { "failed", "prepare" };
	if (b->prepare != NULL && !b->prepare(b, cfg->env, &refusal)) {
		report_end(&id, refusal.status, refusal.reason);
		return;
	}

	uint64_t (*empty_loop)(uint64_t) = b->empty != NULL ? b->empty : bench_empty_loop;
	uint64_t iters = batch_size(cfg, b);
	for (uint64_t i = 0; i < cfg->warmup; i++) {
		empty_loop(iters);
		b->run(iters);
	}
	if (b->check != NULL && (reason = b->check()) != NULL) {
		report_end(&id, "failed", reason);
		return;
	}
	for (unsigned batch = 0; batch < cfg->batches; batch++) {
		uint64_t empty = empty_loop(iters);
		uint64_t op = b->run(iters);
		/* a batch that went wrong is not a sample */
		if (b->check != NULL && (reason = b->check()) != NULL) {
			report_end(&id, "failed", reason);
			return;
		}
		report_sample(&id, "empty", batch, iters, mean_milli(empty, iters));
		report_sample(&id, "op", batch, iters, mean_milli(op, iters));
	}
	report_end(&id, "ok", b->note != NULL ? b->note() : NULL);
}
