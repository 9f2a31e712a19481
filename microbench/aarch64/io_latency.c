/*
 * io_latency.c (arm64) - io-latency-out and io-latency-in with refhv's
 * helper thread (hvb-abi.h HVB_ARM64_IOLAT_*, hypervisor/io_latency.c).
 *
 *   out  cntvct_el0 before a 32-bit store to HVB_ARM64_IOLAT_OUT (an MMIO
 *        ioeventfd) -> the count at which the helper thread woke (out_tsc)
 *   in   the count just before the helper raised its irqfd (in_tsc) -> the
 *        count at entry to the guest's handler for SPI HVB_ARM64_IOLAT_SPI
 * The helper's stamps are already in the guest's counter domain (refhv
 * estimated KVM's CNTVOFF, see hypervisor/arm64/io_latency.c), so one
 * subtraction gives the one-way latency; a stamp that is not later than
 * the event it answers means the two clocks disagree by more than the
 * latency, and the batch fails (stamp-before-doorbell) instead of lying.
 * The guest spins with IRQs unmasked (as they always are outside eoi)
 * while it waits, so "in" is delivery to a running vCPU.  Every wait is
 * bounded (wait.h, 1 s); a lost answer ends the batch "failed".
 * Under Xen the same two numbers come from an event channel to our dom0
 * program (../xen_iolat.c); without either (QEMU) both are unsupported.
 */
#include "bench.h"
#include "benchmarks.h"
#include "fault-fixup.h"
#include "hvb-abi.h"
#include "iolat_log.h"
#include "irq.h"
#include "machine.h"
#include "mmu.h"
#include "smp.h"
#include "sysreg.h"
#include "tick.h"
#include "wait.h"
#include "xen_iolat.h"

#define IOLAT_WAIT_MS 1000   /* the answer comes from a host thread: allow a busy host */

struct io_latency_bench {
	volatile struct hvb_iolat_page *page;
	volatile uint64_t handled;
	uint64_t handler_ticks;
	bool irq_ready;
	const char *failure;
	struct xen_iolat xen_iolat;    /* under Xen: ../xen_iolat.c with our dom0 program */
};

static struct io_latency_bench io_latency_bench;

/* A 64-bit load that survives a data abort (QEMU, Xen): 0 then. */
static uint64_t probe64(uint64_t addr)
{
	uint64_t v = 0;

	fault_fixup_arm(addr, addr + sizeof(v));
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	fault_fixup_disarm();
	return v;
}

/*
 * Look for the helper's signature through the boot map (Device memory,
 * where an absent page costs at most a fixed-up abort), then map the page
 * Normal write-back, as refhv's side of it is.
 */
static bool find_helper(struct io_latency_bench *s, struct bench_refusal *refusal)
{
	*refusal = (struct bench_refusal){ "unsupported", "needs-refhv-io-helper" };
	s->failure = NULL;
	if (arm64_machine()->is_xen)
		return xen_iolat_setup(&s->xen_iolat, arm64_machine()->tick_hz, refusal);
	if (s->page)
		return true;
	if (probe64(HVB_ARM64_IOLAT_PAGE) != HVB_IOLAT_MAGIC)
		return false;
	if (mmu_map_4k(arm64_mmu(), HVB_ARM64_IOLAT_PAGE, HVB_ARM64_IOLAT_PAGE, MEM_NORMAL)) {
		refusal->reason = "cannot-map-io-page";
		return false;
	}
	s->page = (volatile struct hvb_iolat_page *)(uintptr_t)HVB_ARM64_IOLAT_PAGE;
	iolat_log_offset("refhv-iolat", "host", s->page->offset, s->page->offset_error,
			 s->page->tsc_exact ? "from KVM" : "estimated by refhv");
	return true;
}

bool bench_io_latency_out_prepare(const struct bench *b, const struct guest_env *env,
				  struct bench_refusal *refusal)
{
	return find_helper(&io_latency_bench, refusal);
}

struct seq_wait {
	const volatile uint64_t *seq;
	uint64_t seen;
};

static bool seq_moved(const void *arg)
{
	const struct seq_wait *w = arg;

	return *w->seq != w->seen;
}

uint64_t bench_io_latency_out(uint64_t iters)
{
	struct io_latency_bench *s = &io_latency_bench;
	uint64_t total = 0;

	if (arm64_machine()->is_xen) {
		total = xen_iolat_batch(&s->xen_iolat, iters, false);
		s->failure = s->xen_iolat.failure;
		return total;
	}
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		struct seq_wait w = { &s->page->out_seq, s->page->out_seq };
		uint64_t start = tick_begin();
		mmio_write32(HVB_ARM64_IOLAT_OUT, 0);
		if (!wait_until_ms(seq_moved, &w, IOLAT_WAIT_MS)) {
			s->failure = "io-helper-did-not-answer";
			break;
		}
		dmb_ish();   /* out_tsc was written before out_seq */
		uint64_t woke = s->page->out_tsc;
		if (woke <= start) {
			s->failure = "stamp-before-doorbell";   /* the clocks disagree */
			break;
		}
		total += woke - start;
	}
	return total;
}

static void io_latency_handler(unsigned intid, void *arg)
{
	struct io_latency_bench *s = arg;

	s->handler_ticks = tick_begin();
	s->handled++;
}

bool bench_io_latency_in_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal)
{
	struct io_latency_bench *s = &io_latency_bench;
	const struct machine *m = arm64_machine();

	if (!find_helper(s, refusal))
		return false;
	if (!s->irq_ready && !m->is_xen) {
		irq_register(HVB_ARM64_IOLAT_SPI, io_latency_handler, s);
		if (!gic_enable_spi(&m->gic, HVB_ARM64_IOLAT_SPI, this_cpu()->mpidr, true)) {
			refusal->reason = "no-gicv3";
			return false;
		}
		s->irq_ready = true;
	}
	bench_io_latency_in(1);
	if (s->failure) {
		*refusal = (struct bench_refusal){ "failed", s->failure };
		return false;
	}
	return true;
}

uint64_t bench_io_latency_in(uint64_t iters)
{
	struct io_latency_bench *s = &io_latency_bench;
	uint64_t total = 0;

	if (arm64_machine()->is_xen) {
		total = xen_iolat_batch(&s->xen_iolat, iters, true);
		s->failure = s->xen_iolat.failure;
		return total;
	}
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		struct seq_wait w = { &s->handled, s->handled };
		mmio_write32(HVB_ARM64_IOLAT_IN, 0);
		if (!wait_until_ms(seq_moved, &w, IOLAT_WAIT_MS)) {
			s->failure = "io-interrupt-not-delivered";
			break;
		}
		uint64_t raised = s->page->in_tsc;
		if (s->handler_ticks <= raised) {
			s->failure = "stamp-before-doorbell";
			break;
		}
		total += s->handler_ticks - raised;
	}
	return total;
}

const char *bench_io_latency_check(void)
{
	return io_latency_bench.failure;
}
