/*
 * tlb_native.c - tlb-native: the guest's tlb-nested pointer chase
 * (microbench/pointer_chase.c, the very same code) run on the host, as the
 * baseline that nested paging is compared against.
 *
 * For host page sizes 4 KiB (MADV_NOHUGEPAGE) and 2 MiB (MADV_HUGEPAGE on
 * whole 2 MiB blocks: microbench/native/chase_map.c) and working sets
 * 4 KiB .. 1 GiB, it follows the measurement rules of the guest runner: batch sized by doubling until it
 * lasts 2 ms, warm-up, then the empty loop and the chase per batch.
 * Variants are "4k-64m", "2m-1g", ...  Where the PMU allows, the TLB-walk
 * counter per access is stored in the run's environment.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/host_tick.h"
#include "../../microbench/native/chase_map.h"
#include "../../microbench/pointer_chase.h"
#include "run/run.h"
#include "host/tlb_counters.h"

#define KIB (1024ull)
#define MIB (1024ull * KIB)
#define MAX_STEPS (1ull << 24)
#define WARMUP_BATCHES 2
#define FALLBACK_BATCH_TICKS 4194304ull

struct working_set { const char *name; uint64_t bytes; };
static const struct working_set working_sets[] = {
	{ "4k", 4 * KIB }, { "64k", 64 * KIB }, { "1m", 1 * MIB }, { "16m", 16 * MIB },
	{ "64m", 64 * MIB }, { "256m", 256 * MIB }, { "1g", 1024 * MIB },
};

struct host_page_size { const char *name; bool huge; };
static const struct host_page_size page_sizes[] = { { "4k", false }, { "2m", true } };

/* The same loop shape as the chase, with no memory access. */
static uint64_t empty_loop(uint64_t steps)
{
	uint64_t start = host_tick();
	for (uint64_t i = 0; i < steps; i++)
		__asm__ volatile("" : : : "memory");
	return host_tick() - start;
}

static uint64_t timed_chase(void **cursor, uint64_t steps)
{
	uint64_t start = host_tick();
	*cursor = chase_run(*cursor, steps);
	return host_tick() - start;
}

struct native_point {
	struct hvb_batch op[HVB_MAX_BATCH], empty[HVB_MAX_BATCH];
	size_t n;
	double walks_per_access;   /* NaN: no counter */
};

static void measure_point(const struct run_plan *plan, void *base, uint64_t bytes,
			  struct tlb_counter *counter, struct native_point *point)
{
	uint64_t target = plan->env.tsc.hz ? plan->env.tsc.hz / 500 : FALLBACK_BATCH_TICKS;
	void *cursor = chase_build(base, (size_t)bytes, bytes);
	uint64_t steps = 1;
	while (steps < MAX_STEPS && timed_chase(&cursor, steps) < target)
		steps *= 2;
	for (int i = 0; i < WARMUP_BATCHES; i++)
		timed_chase(&cursor, steps);
	point->n = plan->batches < HVB_MAX_BATCH ? plan->batches : HVB_MAX_BATCH;
	uint64_t walks = 0, accesses = 0;
	for (size_t b = 0; b < point->n; b++) {
		uint64_t empty = empty_loop(steps);
		tlb_counter_start(counter);
		uint64_t op = timed_chase(&cursor, steps);
		uint64_t count = tlb_counter_stop(counter);
		if (count != UINT64_MAX) {
			walks += count;
			accesses += steps;
		}
		point->empty[b] = (struct hvb_batch){ (uint32_t)b, steps, (double)empty / (double)steps };
		point->op[b] = (struct hvb_batch){ (uint32_t)b, steps, (double)op / (double)steps };
	}
	point->walks_per_access = accesses ? (double)walks / (double)accesses : NAN;
}

/* The chase measures the machine hvbench runs on: an aarch64 baseline
 * cannot come from an x86 host (the KVM test-beds run it inside instead). */
static int refuse_other_arch(struct hvb_store *store, const struct run_outcome *run,
			     const struct benchmark_info *bench, struct bench_outcome *outcome)
{
	char reason[160];
	snprintf(reason, sizeof(reason), "native on %s needs an %s host%s", bench->arch, bench->arch,
		 bench->in_testbed ? " or a KVM test-bed (--testbed)" : "");
	run_store_unsupported(store, run, bench, reason, outcome);
	return 0;
}

int run_on_host(struct hvb_store *store, const struct run_plan *plan,
		const struct run_outcome *run, const struct benchmark_info *bench,
		struct bench_outcome *outcome)
{
	if (strcmp(bench->arch, backend_host_arch()) != 0)
		return refuse_other_arch(store, run, bench, outcome);
	struct tlb_counter counter;
	bool counting = tlb_counter_open(&counter);
	hvb_store_add_env(store, run->run_id, "tlb-native.counter",
			  counting ? counter.event : counter.why);
	struct native_point *point = malloc(sizeof(*point));
	if (!point) {
		tlb_counter_close(&counter);
		return -1;
	}
	for (size_t p = 0; p < sizeof(page_sizes) / sizeof(page_sizes[0]); p++) {
		for (size_t w = 0; w < sizeof(working_sets) / sizeof(working_sets[0]); w++) {
			char variant[32], reason[160] = "";
			snprintf(variant, sizeof(variant), "%s-%s", page_sizes[p].name,
				 working_sets[w].name);
			struct hvb_result_input input = {
				.benchmark = bench->name, .variant = variant, .unit = bench->unit,
				.status = HVB_BENCH_OK, .reason = reason,
			};
			struct chase_map map;
			if (!chase_map(&map, working_sets[w].bytes, page_sizes[p].huge)) {
				input.status = HVB_BENCH_FAILED;
				snprintf(reason, sizeof(reason), "cannot map %s: %m", working_sets[w].name);
			} else {
				measure_point(plan, map.base, working_sets[w].bytes, &counter, point);
				chase_unmap(&map);
				input.op = point->op;
				input.empty = point->empty;
				input.n_op = input.n_empty = point->n;
				snprintf(reason, sizeof(reason), "measured on the host, not in a guest");
				if (!isnan(point->walks_per_access)) {
					char key[96], value[32];
					snprintf(key, sizeof(key), "tlb-native.%s.walks_per_access", variant);
					snprintf(value, sizeof(value), "%.4f", point->walks_per_access);
					hvb_store_add_env(store, run->run_id, key, value);
				}
			}
			if (hvb_store_add_result(store, run->run_id, &input, NULL) == 0) {
				outcome->stored++;
				outcome->stored_ok += input.status == HVB_BENCH_OK;
			}
		}
	}
	free(point);
	tlb_counter_close(&counter);
	return 0;
}
