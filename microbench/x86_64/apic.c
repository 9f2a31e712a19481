/*
 * apic.c - interrupt-controller benchmarks on the boot CPU's local APIC.
 *
 *   ic-trap xapic   read the TPR through the xAPIC MMIO page (0xfee00080)
 *   ic-trap x2apic  rdmsr 0x808 (the TPR) in x2APIC mode
 *   eoi             the EOI write inside an interrupt handler: a self-IPI
 *                   (ICR, "self" shorthand) per iteration; the handler
 *                   times only its EOI write (x2APIC MSR 0x80b, else MMIO)
 *
 * Without an APIC virtualization feature each access traps to the
 * hypervisor's APIC emulation; with one (APICv, AVIC) it may not, and the
 * numbers show it.
 */
#include "bench.h"
#include "benchmarks.h"
#include "tick.h"
#include "wait.h"
#include "x86_64/irq.h"
#include "x86_64/lapic.h"

#define EOI_VECTOR 0x31

struct apic_bench {
	struct lapic lapic;
	uint64_t budget;
	volatile uint64_t handled;
	uint64_t eoi_ticks;       /* summed by the handler */
	const char *failure;
};

static struct apic_bench apic_bench;

static bool ic_trap_prepare(enum lapic_mode mode, struct bench_refusal *refusal)
{
	*refusal = (struct bench_refusal){ "unsupported", "no-lapic" };
	if (mode == LAPIC_X2APIC && !lapic_has_x2apic())
		refusal->reason = "no-x2apic";
	return lapic_enable(&apic_bench.lapic, mode);
}

bool bench_ic_trap_xapic_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal)
{
	return ic_trap_prepare(LAPIC_XAPIC, refusal);
}

bool bench_ic_trap_x2apic_prepare(const struct bench *b, const struct guest_env *env,
				  struct bench_refusal *refusal)
{
	return ic_trap_prepare(LAPIC_X2APIC, refusal);
}

uint64_t bench_ic_trap(uint64_t iters)
{
	const struct lapic *l = &apic_bench.lapic;
	uint64_t start = tick_begin();

	for (uint64_t i = 0; i < iters; i++)
		(void)lapic_read(l, LAPIC_TPR);
	return tick_end() - start;
}

static void eoi_handler(void *ctx)
{
	struct apic_bench *s = ctx;
	uint64_t start = tick_begin();

	lapic_eoi(&s->lapic);
	s->eoi_ticks += tick_end() - start;
	s->handled++;
}

bool bench_eoi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	struct apic_bench *s = &apic_bench;

	if (!lapic_enable(&s->lapic, lapic_best_mode())) {
		*refusal = (struct bench_refusal){ "unsupported", "no-lapic" };
		return false;
	}
	s->budget = wait_budget(env);
	s->failure = NULL;
	irq_register(EOI_VECTOR, eoi_handler, s);
	bench_eoi(1);
	if (s->failure) {
		*refusal = (struct bench_refusal){ "failed", s->failure };
		return false;
	}
	return true;
}

uint64_t bench_eoi(uint64_t iters)
{
	struct apic_bench *s = &apic_bench;

	s->eoi_ticks = 0;
	irq_enable();
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->handled;
		lapic_send_ipi(&s->lapic, 0, ICR_SELF | ICR_FIXED | EOI_VECTOR);
		if (!wait_change(&s->handled, seen, s->budget))
			s->failure = "self-ipi-not-delivered";
	}
	irq_disable();
	return s->eoi_ticks;
}

const char *bench_eoi_check(void)
{
	return apic_bench.failure;
}
