/*
 * io_latency.c - io-latency-out and io-latency-in, with refhv's helper
 * thread (see hvb-abi.h, hypervisor/io_latency.c).
 *
 *   out  guest TSC before an outb to HVB_PORT_IOLAT_OUT (an ioeventfd)
 *        -> the TSC at which the helper thread woke up (out_tsc)
 *   in   the TSC just before the helper raised its irqfd (in_tsc)
 *        -> the TSC at entry to the guest's handler for that IOAPIC pin
 * The helper's stamps are already in the guest's TSC domain, so one
 * subtraction gives the one-way latency; a stamp that is not later than
 * the event it answers means the two clocks disagree by more than the
 * latency, and the batch fails (stamp-before-doorbell) instead of lying.
 * The guest spins (interrupts on) while it waits, so "in" is delivery to a
 * running vCPU.  Under Xen the same two numbers come from an event channel
 * to our dom0 program (../xen_iolat.c); without either (QEMU) both are
 * unsupported.
 */
#include "bench.h"
#include "benchmarks.h"
#include "hvb-abi.h"
#include "iolat_log.h"
#include "tick.h"
#include "wait.h"
#include "x86_64/io.h"
#include "x86_64/ioapic.h"
#include "x86_64/irq.h"
#include "x86_64/lapic.h"
#include "x86_64/paging.h"
#include "x86_64/xen.h"
#include "xen_iolat.h"

#define IOLAT_VECTOR 0x34

struct io_latency_bench {
	volatile struct hvb_iolat_page *page;
	struct lapic lapic;
	uint64_t budget;
	volatile uint64_t handled;
	uint64_t handler_tsc;
	const char *failure;
	bool xen;                      /* under Xen: xen_iolat.c with our dom0 program */
	struct xen_iolat xen_iolat;
};

static struct io_latency_bench io_latency_bench;

/* Map the helper's page (cached) and look for its signature. */
static bool find_helper(struct io_latency_bench *s, const struct guest_env *env,
			struct bench_refusal *refusal)
{
	*refusal = (struct bench_refusal){ "unsupported", "needs-refhv-io-helper" };
	s->failure = NULL;
	s->xen = xen_cpuid_base() != 0;
	if (s->xen)
		return xen_iolat_setup(&s->xen_iolat, env->platform.tick_hz, refusal);
	if (paging_map_4k(HVB_IOLAT_PAGE, HVB_IOLAT_PAGE, PTE_WRITE) != 0) {
		refusal->reason = "no-page-table";
		return false;
	}
	s->page = (volatile struct hvb_iolat_page *)(uintptr_t)HVB_IOLAT_PAGE;
	s->budget = wait_budget(env);
	if (s->page->magic != HVB_IOLAT_MAGIC)
		return false;
	iolat_log_offset("refhv-iolat", "host", s->page->offset, s->page->offset_error,
			 s->page->tsc_exact ? "from KVM" : "estimated by refhv");
	return true;
}

bool bench_io_latency_out_prepare(const struct bench *b, const struct guest_env *env,
				  struct bench_refusal *refusal)
{
	return find_helper(&io_latency_bench, env, refusal);
}

uint64_t bench_io_latency_out(uint64_t iters)
{
	struct io_latency_bench *s = &io_latency_bench;
	uint64_t total = 0;

	if (s->xen) {
		total = xen_iolat_batch(&s->xen_iolat, iters, false);
		s->failure = s->xen_iolat.failure;
		return total;
	}
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->page->out_seq;
		uint64_t start = tick_begin();
		outb(HVB_PORT_IOLAT_OUT, 0);
		if (!wait_change(&s->page->out_seq, seen, s->budget)) {
			s->failure = "io-helper-did-not-answer";
			break;
		}
		uint64_t woke = s->page->out_tsc;
		if (woke <= start) {
			s->failure = "stamp-before-doorbell";   /* the clocks disagree */
			break;
		}
		total += woke - start;
	}
	return total;
}

static void io_latency_handler(void *ctx)
{
	struct io_latency_bench *s = ctx;

	s->handler_tsc = tick_begin();
	lapic_eoi(&s->lapic);
	s->handled++;
}

/* One event end to end before the batches: a failure refuses the benchmark. */
static bool check_once(struct io_latency_bench *s, struct bench_refusal *refusal)
{
	bench_io_latency_in(1);
	if (s->failure) {
		*refusal = (struct bench_refusal){ "failed", s->failure };
		return false;
	}
	return true;
}

bool bench_io_latency_in_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal)
{
	struct io_latency_bench *s = &io_latency_bench;

	if (!find_helper(s, env, refusal))
		return false;
	if (s->xen)
		return check_once(s, refusal);
	if (!lapic_enable(&s->lapic, lapic_best_mode())) {
		refusal->reason = "no-lapic";
		return false;
	}
	irq_register(IOLAT_VECTOR, io_latency_handler, s);
	if (!ioapic_route(HVB_IOLAT_GSI, IOLAT_VECTOR, lapic_id(&s->lapic))) {
		refusal->reason = "no-ioapic-pin";
		return false;
	}
	return check_once(s, refusal);
}

uint64_t bench_io_latency_in(uint64_t iters)
{
	struct io_latency_bench *s = &io_latency_bench;
	uint64_t total = 0;

	irq_enable();
	if (s->xen) {
		total = xen_iolat_batch(&s->xen_iolat, iters, true);
		s->failure = s->xen_iolat.failure;
		return total;
	}
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->handled;
		outb(HVB_PORT_IOLAT_IN, 0);
		if (!wait_change(&s->handled, seen, s->budget)) {
			s->failure = "io-interrupt-not-delivered";
			break;
		}
		uint64_t raised = s->page->in_tsc;
		if (s->handler_tsc <= raised) {
			s->failure = "stamp-before-doorbell";
			break;
		}
		total += s->handler_tsc - raised;
	}
	irq_disable();
	return total;
}

const char *bench_io_latency_check(void)
{
	return io_latency_bench.failure;
}
