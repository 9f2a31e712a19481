/*
 * interrupts.c - arm64 benchmarks around the GICv3 and the generic timer.
 *
 *   ipi send        the ICC_SGI1R_EL1 write that sends SGI 1 to the second CPU
 *                   (which takes it and acknowledges it, unseen by the sender).
 *   ipi roundtrip   the boot CPU sends SGI 1 and spins until the second CPU's
 *                   handler has written the sequence number back.
 *   eoi             the ICC_EOIR1_EL1 write alone, ending a self-sent SGI 2
 *                   that was acknowledged (ICC_IAR1_EL1) and is active.
 *   timer-latency   the virtual timer is set to fire a short delay ahead
 *                   (CNTV_CVAL_EL0); the handler measures from the deadline
 *                   to its own entry.
 * For eoi and timer-latency the run function returns the sum of the timed
 * parts, not the whole loop.  Each prepare hook checks once that its
 * interrupt arrives (else "unsupported"); every wait has a deadline, so a
 * lost interrupt cannot hang the guest, and the check hook then turns the
 * batch into "failed".  The state below belongs to the one benchmark
 * running at a time (benchmarks run one after another).
 */
#include "bench.h"
#include "benchmarks.h"
#include "irq.h"
#include "machine.h"
#include "smp.h"
#include "sysreg.h"
#include "tick.h"
#include "wait.h"

#define SGI_IPI            1
#define SGI_SELF           2
#define TIMER_DELAY_DIV    100000    /* the timer fires 10 us ahead */
#define CNTV_CTL_ENABLE    1u

struct ipi_state {
	uint64_t target_mpidr;
	volatile uint64_t sent, seen;
	bool lost;                    /* a wait timed out */
};

struct timer_state {
	volatile uint64_t ticks;      /* sum of the deadline-to-handler times */
	volatile bool fired;
	uint64_t deadline;            /* the programmed CVAL */
	bool lost;                    /* a wait timed out */
};

static struct ipi_state ipi;
static struct timer_state timer;
static bool eoi_lost;             /* an SGI never arrived */

static bool flag_set(const void *arg)
{
	return *(const volatile bool *)arg;
}

static bool wait_flag(volatile bool *flag)
{
	return wait_until(flag_set, (const void *)flag);
}

static bool refuse(struct bench_refusal *refusal, const char *status, const char *reason)
{
	refusal->status = status;
	refusal->reason = reason;
	return false;
}

/* ---- ipi ------------------------------------------------------------- */

static void ipi_handler(unsigned intid, void *arg)
{
	struct ipi_state *s = arg;

	s->seen = s->sent;
	dmb_ish();
}

static bool ipi_caught_up(const void *arg)
{
	const struct ipi_state *s = arg;

	return s->seen == s->sent;
}

/* Wait until the second CPU has seen the last SGI sent. */
static bool ipi_wait_seen(void)
{
	return wait_until(ipi_caught_up, &ipi);
}

static bool ipi_roundtrip_once(void)
{
	ipi.sent++;
	gic_send_sgi(ipi.target_mpidr, SGI_IPI);
	if (ipi_wait_seen())
		return true;
	ipi.lost = true;
	return false;
}

const char *bench_ipi_check(void)
{
	return ipi.lost ? "ipi-lost" : NULL;
}

bool bench_ipi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	const struct machine *m = arm64_machine();
	const struct machine_cpu *other = 0;

	if (m->gic.dist == 0)
		return refuse(refusal, "unsupported", "no-gicv3");
	for (unsigned i = 0; i < m->cpu_count && other == 0; i++)
		if (i != m->boot_cpu && m->cpu[i].online)
			other = &m->cpu[i];
	if (other == 0)
		return refuse(refusal, "unsupported", "no-second-vcpu");
	ipi.target_mpidr = other->mpidr;
	irq_register(SGI_IPI, ipi_handler, &ipi);
	if (!ipi_roundtrip_once()) {
		ipi.lost = false;
		return refuse(refusal, "unsupported", "ipi-not-delivered");
	}
	return true;
}

uint64_t bench_ipi_send(uint64_t iters)
{
	uint64_t value = gic_sgi1r_value(ipi.target_mpidr, SGI_IPI);
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++) {
		sysreg_write(ICC_SGI1R_EL1, value);
		isb();
	}
	uint64_t ticks = tick_end() - start;
	ipi_roundtrip_once();      /* one more: all earlier ones have landed */
	return ticks;
}

uint64_t bench_ipi_roundtrip(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		if (!ipi_roundtrip_once())
			break;
	return tick_end() - start;
}

/* ---- eoi ------------------------------------------------------------- */

/*
 * With IRQs masked at the CPU, a self-sent SGI is acknowledged by polling
 * ICC_IAR1_EL1 instead of through an exception, so an iteration costs the
 * SGI, the acknowledge and the timed EOI: a batch does not spend most of
 * its time in exception entry and exit.
 */
static bool ack_arrived(const void *arg)
{
	unsigned *intid = (unsigned *)(uintptr_t)arg;

	*intid = gic_ack();
	return *intid < GIC_FIRST_SPECIAL;
}

/* Acknowledge the next interrupt by polling; GIC_FIRST_SPECIAL when none comes. */
static unsigned poll_ack(void)
{
	unsigned intid = GIC_FIRST_SPECIAL;

	return wait_until(ack_arrived, &intid) ? intid : GIC_FIRST_SPECIAL;
}

/* One self-SGI, acknowledged and ended; the EOI write's ticks, or false if lost. */
static bool eoi_once(uint64_t self_mpidr, uint64_t *ticks)
{
	gic_send_sgi(self_mpidr, SGI_SELF);
	unsigned intid = poll_ack();
	if (intid >= GIC_FIRST_SPECIAL) {
		eoi_lost = true;
		return false;
	}
	uint64_t start = tick_begin();
	sysreg_write(ICC_EOIR1_EL1, intid);
	*ticks += tick_end() - start;
	return true;
}

const char *bench_eoi_check(void)
{
	return eoi_lost ? "sgi-lost" : NULL;
}

bool bench_eoi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal)
{
	uint64_t ticks = 0;

	if (arm64_machine()->gic.dist == 0 || this_cpu()->gic.rd_base == 0)
		return refuse(refusal, "unsupported", "no-gicv3");
	irq_disable_local();
	bool ok = eoi_once(this_cpu()->mpidr, &ticks);
	irq_enable_local();
	if (!ok) {
		eoi_lost = false;
		return refuse(refusal, "unsupported", "sgi-not-delivered");
	}
	return true;
}

uint64_t bench_eoi(uint64_t iters)
{
	uint64_t self = this_cpu()->mpidr, ticks = 0;

	irq_disable_local();
	for (uint64_t i = 0; i < iters; i++)
		if (!eoi_once(self, &ticks))
			break;
	irq_enable_local();
	return ticks;
}

/* ---- timer-latency --------------------------------------------------- */

static void timer_handler(unsigned intid, void *arg)
{
	struct timer_state *s = arg;
	uint64_t now = tick_end();

	sysreg_write(cntv_ctl_el0, 0);   /* off: the level interrupt goes away */
	isb();
	s->ticks += now - s->deadline;
	s->fired = true;
}

static bool timer_once(uint64_t delay)
{
	timer.fired = false;
	timer.deadline = counter_now() + delay;
	sysreg_write(cntv_cval_el0, timer.deadline);
	sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	if (wait_flag(&timer.fired))
		return true;
	sysreg_write(cntv_ctl_el0, 0);
	timer.lost = true;
	return false;
}

const char *bench_timer_latency_check(void)
{
	return timer.lost ? "timer-irq-lost" : NULL;
}

static uint64_t timer_delay(void)
{
	uint64_t d = arm64_machine()->tick_hz / TIMER_DELAY_DIV;   /* 0 without CNTFRQ */

	return d ? d : 1;
}

bool bench_timer_latency_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal)
{
	const struct machine *m = arm64_machine();

	if (m->gic.dist == 0 || this_cpu()->gic.rd_base == 0)
		return refuse(refusal, "unsupported", "no-gicv3");
	irq_register(m->vtimer_intid, timer_handler, &timer);
	gic_enable_local(&this_cpu()->gic, m->vtimer_intid);
	if (!timer_once(timer_delay())) {
		timer.lost = false;
		return refuse(refusal, "unsupported", "timer-irq-not-delivered");
	}
	return true;
}

uint64_t bench_timer_latency(uint64_t iters)
{
	uint64_t delay = timer_delay();

	timer.ticks = 0;
	for (uint64_t i = 0; i < iters; i++)
		if (!timer_once(delay))
			break;
	return timer.ticks;
}
