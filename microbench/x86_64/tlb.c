/*
 * tlb.c - tlb-nested: a random pointer chase (../pointer_chase.c) over a
 * working set mapped with 4 KiB or 2 MiB guest pages.
 *
 * The variant names the guest page size and the working set ("g4k-64m");
 * the host's page size is refhv's --backing, which the harness records.
 * The working set starts at the first 2 MiB boundary after the kernel
 * image; for 4 KiB pages its page tables follow it.  A working set that
 * does not fit the RAM the boot loader reported is "unsupported".
 */
#include "bench.h"
#include "benchmarks.h"
#include "console.h"
#include "kernel.h"
#include "line.h"
#include "pointer_chase.h"
#include "tick.h"
#include "x86_64/paging.h"

struct tlb_bench {
	void *cursor;            /* where the chase stands; runs continue from it */
};

static struct tlb_bench tlb_bench;

extern uint8_t __bss_end[];

static uint64_t align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

static void log_skip(const struct bench *b, uint64_t need, uint64_t ram_end)
{
	struct line l;

	line_init(&l);
	line_put(&l, "tlb-nested ");
	line_put(&l, b->variant);
	line_put(&l, ": needs RAM up to ");
	line_put_u64(&l, need >> 20);
	line_put(&l, " MiB, have ");
	line_put_u64(&l, ram_end >> 20);
	line_put(&l, " MiB: skipped");
	console_emit(&l);
}

bool bench_tlb_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	const struct tlb_variant *v = b->arg;
	uint64_t base = align_up((uint64_t)(uintptr_t)__bss_end, PAGE_SIZE_2M);
	uint64_t span = align_up(v->bytes, PAGE_SIZE_2M);
	uint64_t tables = v->guest_page == PAGE_SIZE_4K ? span / PAGE_SIZE_2M * PAGE_SIZE_4K : 0;
	uint64_t need = base + span + tables;
	uint64_t usable = env->ram_end < PAGING_LIMIT ? env->ram_end : PAGING_LIMIT;

	*refusal = (struct bench_refusal){ "unsupported", "needs-more-ram" };
	if (env->ram_end == 0) {
		refusal->reason = "unknown-ram-size";
		return false;
	}
	if (need > usable) {
		log_skip(b, need, usable);
		return false;
	}
	/* Undo what earlier variants mapped, then map this one. */
	paging_identity_2m(base, (usable - base) & ~(PAGE_SIZE_2M - 1));
	if (tables)
		paging_identity_4k(base, span, (uint64_t *)(uintptr_t)(base + span));
	tlb_bench.cursor = chase_build((void *)(uintptr_t)base, (size_t)v->bytes, v->bytes);
	return true;
}

uint64_t bench_tlb_chase(uint64_t iters)
{
	uint64_t start = tick_begin();
	void *end = chase_run(tlb_bench.cursor, iters);
	uint64_t ticks = tick_end() - start;

	tlb_bench.cursor = end;
	return ticks;
}
