/*
 * smp.c - bring up secondary CPUs (see smp.h).
 *
 * The INIT-SIPI-SIPI dance of the Intel SDM ("MP initialization"): INIT,
 * wait 10 ms, startup IPI, wait 200 us, a second startup IPI (ignored by a
 * CPU that already started).  Hypervisors do not need the delays, real
 * CPUs and some emulators do.  One AP starts at a time: they share the
 * mailbox smp_ap_boot, which the trampoline reads.
 */
#include "smp.h"
#include "idt.h"
#include "kstring.h"
#include "tsc.h"

/* What the starting AP reads: trampoline.S relies on stack_top coming first. */
struct smp_ap_boot {
	uint64_t stack_top;
	smp_ap_fn *fn;
	void *arg;
	volatile uint32_t checked_in;
};

struct smp_ap_boot smp_ap_boot;

extern const uint8_t ap_trampoline_start[], ap_trampoline_end[];

static __attribute__((aligned(16))) uint8_t ap_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE];

void smp_ap_main(void);

_Noreturn void smp_ap_main(void)
{
	smp_ap_fn *fn = smp_ap_boot.fn;
	void *arg = smp_ap_boot.arg;

	idt_load();
	__atomic_store_n(&smp_ap_boot.checked_in, 1, __ATOMIC_RELEASE);
	fn(arg);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void delay(uint64_t ticks)
{
	uint64_t start = rdtsc();

	while (rdtsc() - start < ticks)
		cpu_relax();
}

bool smp_start_ap(const struct lapic *l, uint32_t apic_id, smp_ap_fn *fn, void *arg,
		  uint64_t tick_hz, uint64_t budget)
{
	if (apic_id == 0 || apic_id >= SMP_MAX_CPUS)
		return false;

	memcpy((void *)(uintptr_t)SMP_TRAMPOLINE, ap_trampoline_start,
	       (size_t)(ap_trampoline_end - ap_trampoline_start));
	smp_ap_boot.stack_top = (uint64_t)(uintptr_t)(ap_stacks[apic_id] + SMP_STACK_SIZE);
	smp_ap_boot.fn = fn;
	smp_ap_boot.arg = arg;
	__atomic_store_n(&smp_ap_boot.checked_in, 0, __ATOMIC_RELEASE);

	uint32_t sipi = ICR_STARTUP | (SMP_TRAMPOLINE >> 12);
	lapic_send_ipi(l, apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
	delay(tsc_ms(tick_hz, 10));
	lapic_send_ipi(l, apic_id, sipi);
	delay(tsc_ms(tick_hz, 1) / 5);
	if (!__atomic_load_n(&smp_ap_boot.checked_in, __ATOMIC_ACQUIRE))
		lapic_send_ipi(l, apic_id, sipi);

	uint64_t start = rdtsc();
	while (!__atomic_load_n(&smp_ap_boot.checked_in, __ATOMIC_ACQUIRE)) {
		if (rdtsc() - start > budget)
			return false;
		cpu_relax();
	}
	return true;
}
