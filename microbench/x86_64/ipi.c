/*
 * ipi.c - inter-processor interrupts between vCPU 0 and vCPU 1.
 *
 *   ipi send       the ICR write that sends a fixed IPI (x2APIC MSR 0x830,
 *                  else the xAPIC ICR registers); the wait for delivery is
 *                  outside the timed part
 *   ipi roundtrip  from just before the ICR write until vCPU 0 sees the
 *                  flag vCPU 1's handler wrote (after its EOI)
 *
 * vCPU 1 is started once, with INIT-SIPI-SIPI (APIC ID 1), or under Xen
 * with VCPUOP_up (Xen numbers its APIC 2), and then spins with interrupts
 * enabled, so the numbers are for a running receiver (not a halted one
 * being woken up); it tells vCPU 0 its APIC ID once its APIC is enabled,
 * and the IPIs go there.  How many vCPUs there are: "cpus=N" on the
 * command line when the harness passes it, else a bounded start attempt.
 */
#include "bench.h"
#include "benchmarks.h"
#include "tick.h"
#include "wait.h"
#include "x86_64/irq.h"
#include "x86_64/lapic.h"
#include "x86_64/smp.h"
#include "x86_64/xen.h"
#include "x86_64/xen-smp.h"

#define IPI_VECTOR   0x32
#define IPI_TARGET   1u      /* the receiving vCPU (INIT-SIPI: its APIC ID) */
#define AP_START_MS  500

struct ipi_bench {
	struct lapic lapic;       /* vCPU 0's */
	struct lapic ap_lapic;    /* vCPU 1's (same mode) */
	bool ap_up;
	uint32_t target;          /* vCPU 1's APIC ID, valid once receiver_ready */
	volatile uint64_t receiver_ready;
	uint64_t budget;
	volatile uint64_t handled;
	const char *failure;
};

static struct ipi_bench ipi_bench;

static void ipi_handler(void *ctx)
{
	struct ipi_bench *s = ctx;

	lapic_eoi(&s->ap_lapic);
	__atomic_store_n(&s->handled, s->handled + 1, __ATOMIC_RELEASE);
}

/* vCPU 1's life: enable its APIC like vCPU 0's, then wait for IPIs. */
static void ipi_receiver(void *arg)
{
	struct ipi_bench *s = arg;

	lapic_enable(&s->ap_lapic, s->lapic.mode);
	s->target = lapic_id(&s->ap_lapic);
	__atomic_store_n(&s->receiver_ready, 1, __ATOMIC_RELEASE);
	irq_enable();
	for (;;)
		cpu_relax();
}

static bool start_receiver(struct ipi_bench *s, const struct guest_env *env,
			   struct bench_refusal *refusal)
{
	uint64_t cpus = 0;
	enum opt_status opt = cmdline_u64(&env->cmdline, "cpus", 1, 4096, &cpus);

	*refusal = (struct bench_refusal){ "unsupported", "needs-2-vcpus" };
	if (opt == OPT_OK && cpus < 2)
		return false;
	if (!lapic_enable(&s->lapic, lapic_best_mode())) {
		refusal->reason = "no-lapic";
		return false;
	}
	irq_register(IPI_VECTOR, ipi_handler, s);
	if (s->ap_up)
		return true;
	uint64_t budget = tsc_ms(env->platform.tick_hz, AP_START_MS);
	if (xen_detect())
		s->ap_up = xen_start_vcpu(IPI_TARGET, ipi_receiver, s, budget);
	else
		s->ap_up = smp_start_ap(&s->lapic, IPI_TARGET, ipi_receiver, s,
					env->platform.tick_hz, budget);
	s->ap_up = s->ap_up && wait_change(&s->receiver_ready, 0, budget);
	if (!s->ap_up && opt == OPT_OK)   /* promised a second vCPU, it did not come */
		*refusal = (struct bench_refusal){ "failed", "second-vcpu-did-not-start" };
	return s->ap_up;
}

bool bench_ipi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	struct ipi_bench *s = &ipi_bench;

	if (!start_receiver(s, env, refusal))
		return false;
	s->budget = wait_budget(env);
	s->failure = NULL;
	bench_ipi_roundtrip(1);
	if (s->failure) {
		*refusal = (struct bench_refusal){ "failed", s->failure };
		return false;
	}
	return true;
}

/* Wait until the receiver has handled the IPI sent after it had seen `seen`. */
static void await_receiver(struct ipi_bench *s, uint64_t seen)
{
	if (!wait_change(&s->handled, seen, s->budget))
		s->failure = "ipi-not-delivered";
}

uint64_t bench_ipi_send(uint64_t iters)
{
	struct ipi_bench *s = &ipi_bench;
	uint64_t total = 0;

	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->handled;
		uint64_t start = tick_begin();
		lapic_send_ipi(&s->lapic, s->target, ICR_FIXED | IPI_VECTOR);
		total += tick_end() - start;
		await_receiver(s, seen);
	}
	return total;
}

uint64_t bench_ipi_roundtrip(uint64_t iters)
{
	struct ipi_bench *s = &ipi_bench;
	uint64_t total = 0;

	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->handled;
		uint64_t start = tick_begin();
		lapic_send_ipi(&s->lapic, s->target, ICR_FIXED | IPI_VECTOR);
		while (__atomic_load_n(&s->handled, __ATOMIC_ACQUIRE) == seen &&
		       tick_end() - start < s->budget)
			;
		total += tick_end() - start;
		if (s->handled == seen)
			s->failure = "ipi-not-delivered";
	}
	return total;
}

const char *bench_ipi_check(void)
{
	return ipi_bench.failure;
}
