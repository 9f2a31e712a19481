/*
 * timer.c - timer-latency: how late a TSC-deadline timer interrupt arrives.
 *
 * The LAPIC timer in TSC-deadline mode (CPUID.1:ECX bit 24) fires when the
 * TSC reaches the value written to IA32_TSC_DEADLINE (MSR 0x6e0).  Each
 * iteration arms a deadline ARM_AHEAD_US ahead, spins with interrupts on,
 * and the handler takes the TSC first thing: one sample is
 * handler TSC - deadline, the time from the deadline to the handler.
 */
#include "bench.h"
#include "benchmarks.h"
#include "tick.h"
#include "wait.h"
#include "x86_64/irq.h"
#include "x86_64/lapic.h"

#define TIMER_VECTOR  0x33
#define ARM_AHEAD_US  100

struct timer_bench {
	struct lapic lapic;
	uint64_t ahead;           /* ticks between arming and the deadline */
	uint64_t budget;
	volatile uint64_t deadline;
	volatile uint64_t fired;
	uint64_t late_ticks;      /* summed by the handler */
	const char *failure;
};

static struct timer_bench timer_bench;

static void timer_handler(void *ctx)
{
	struct timer_bench *s = ctx;
	uint64_t now = tick_begin();

	if (now > s->deadline)    /* never early, but never wrap either */
		s->late_ticks += now - s->deadline;
	lapic_eoi(&s->lapic);
	s->fired++;
}

bool bench_timer_latency_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal)
{
	struct timer_bench *s = &timer_bench;

	*refusal = (struct bench_refusal){ "unsupported", "no-tsc-deadline" };
	if (!lapic_has_tsc_deadline())
		return false;
	if (!lapic_enable(&s->lapic, lapic_best_mode())) {
		refusal->reason = "no-lapic";
		return false;
	}
	s->ahead = tsc_ms(env->platform.tick_hz, 1) / 1000 * ARM_AHEAD_US;
	s->budget = s->ahead + wait_budget(env);
	s->failure = NULL;
	irq_register(TIMER_VECTOR, timer_handler, s);
	lapic_write(&s->lapic, LAPIC_LVT_TIMER, LVT_TSC_DEADLINE | TIMER_VECTOR);
	bench_timer_latency(1);
	if (s->failure) {
		*refusal = (struct bench_refusal){ "failed", s->failure };
		return false;
	}
	return true;
}

uint64_t bench_timer_latency(uint64_t iters)
{
	struct timer_bench *s = &timer_bench;

	s->late_ticks = 0;
	irq_enable();
	for (uint64_t i = 0; i < iters && !s->failure; i++) {
		uint64_t seen = s->fired;
		s->deadline = rdtsc() + s->ahead;
		wrmsr(MSR_TSC_DEADLINE, s->deadline);
		if (!wait_change(&s->fired, seen, s->budget)) {
			wrmsr(MSR_TSC_DEADLINE, 0);   /* disarm */
			s->failure = "timer-not-delivered";
		}
	}
	irq_disable();
	return s->late_ticks;
}

const char *bench_timer_latency_check(void)
{
	return timer_bench.failure;
}
