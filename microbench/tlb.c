/*
 * tlb.c - tlb-nested: a random pointer chase (pointer_chase.c) over a
 * working set mapped with 4 KiB or 2 MiB guest pages, on both
 * architectures; what differs (where the working set may go, how it is
 * mapped) is in the hooks of tlb_arch.h.
 *
 * The variant names the guest page size and the working set ("g4k-64m");
 * the host's page size is refhv's --backing, which the harness records.
 * The working set starts at the first 2 MiB boundary after the guest
 * image; for 4 KiB pages its page tables follow it.  A working set that
 * does not fit the RAM the boot loader reported is "unsupported".
 */
#include "bench.h"
#include "arch_tick.h"
#include "benchmarks.h"
#include "console.h"
#include "kernel.h"
#include "line.h"
#include "pointer_chase.h"
#include "tlb_arch.h"

struct tlb_bench {
	void *cursor;            /* where the chase stands; runs continue from it */
};

static struct tlb_bench tlb_bench;

static uint64_t align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/* What the working set and its tables need above base, and what there is. */
static void log_skip(const struct bench *b, uint64_t base, uint64_t need, uint64_t usable)
{
	struct line l;

	line_init(&l);
	line_put(&l, "tlb-nested ");
	line_put(&l, b->variant);
	line_put(&l, ": needs ");
	line_put_u64(&l, (need - base) >> 20);
	line_put(&l, " MiB of RAM after the image at ");
	line_put_hex(&l, base, 8);
	line_put(&l, ", has ");
	line_put_u64(&l, usable > base ? (usable - base) >> 20 : 0);
	line_put(&l, " MiB: skipped");
	console_emit(&l);
}

bool bench_tlb_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	const struct tlb_variant *v = b->arg;
	uint64_t base = align_up(tlb_arch_image_end(), TLB_PAGE_2M);
	uint64_t span = align_up(v->bytes, TLB_PAGE_2M);
	uint64_t tables = v->guest_page == TLB_PAGE_4K ? span / TLB_PAGE_2M * TLB_PAGE_4K : 0;
	uint64_t need = base + span + tables;

	*refusal = (struct bench_refusal){ "unsupported", "needs-more-ram" };
	if (env->ram_end == 0) {
		refusal->reason = "unknown-ram-size";
		return false;
	}
	uint64_t usable = tlb_arch_usable_end(env->ram_end);
	if (usable <= base || need > usable) {
		log_skip(b, base, need, usable);
		return false;
	}
	if (tlb_arch_map(base, span, v->guest_page, base + span, usable) != 0) {
		*refusal = (struct bench_refusal){ "failed", "cannot-map-working-set" };
		return false;
	}
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
