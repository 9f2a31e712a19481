/*
 * smp.c - secondary CPU bring-up (see smp.h).
 */
#include <stddef.h>
#include "smp.h"
#include "boot-layout.h"
#include "irq.h"
#include "sysreg.h"

#define CPU_ON_WAIT_DIVISOR 2   /* wait up to half a second for each CPU ... */
#define CPU_ON_WAIT_UNKNOWN_HZ (1ull << 25)   /* ... or this many ticks without CNTFRQ */

_Static_assert(offsetof(struct cpu_boot, stack_top) == CPU_BOOT_STACK, "layout");
_Static_assert(offsetof(struct cpu_boot, mair) == CPU_BOOT_MAIR, "layout");
_Static_assert(offsetof(struct cpu_boot, tcr) == CPU_BOOT_TCR, "layout");
_Static_assert(offsetof(struct cpu_boot, ttbr0) == CPU_BOOT_TTBR0, "layout");
_Static_assert(offsetof(struct cpu_boot, sctlr) == CPU_BOOT_SCTLR, "layout");

extern char secondary_entry[];
_Noreturn void secondary_start(struct cpu_boot *b);

static uint8_t cpu_stacks[MACHINE_MAX_CPUS][BOOT_STACK_SIZE] __attribute__((aligned(16)));
static struct cpu_boot cpu_boots[MACHINE_MAX_CPUS] __attribute__((aligned(64)));

struct machine_cpu *this_cpu(void)
{
	return (struct machine_cpu *)(uintptr_t)sysreg_read(tpidr_el1);
}

bool cpu_interrupts_init(const struct machine *m, struct machine_cpu *cpu)
{
	if (m->gic.dist == 0 || !gic_cpu_init(&m->gic, cpu->mpidr, &cpu->gic))
		return false;
	for (unsigned sgi = 0; sgi < 16; sgi++)
		gic_enable_local(&cpu->gic, sgi);
	irq_enable_local();
	return true;
}

_Noreturn void secondary_start(struct cpu_boot *b)
{
	struct machine_cpu *cpu = &b->machine->cpu[b->index];

	sysreg_write(tpidr_el1, cpu);
	cpu_interrupts_init(b->machine, cpu);
	dmb_ish();
	cpu->online = true;
	for (;;)
		__asm__ volatile("wfi");
}

static void wait_online(const struct machine *m, const struct machine_cpu *cpu)
{
	uint64_t wait = m->tick_hz ? m->tick_hz / CPU_ON_WAIT_DIVISOR : CPU_ON_WAIT_UNKNOWN_HZ;
	uint64_t deadline = counter_now() + wait;

	while (!cpu->online && counter_now() < deadline)
		;
}

void smp_start_secondaries(struct machine *m)
{
	for (unsigned i = 0; i < m->cpu_count; i++) {
		if (i == m->boot_cpu)
			continue;
		struct cpu_boot *b = &cpu_boots[i];
		b->stack_top = (uint64_t)(uintptr_t)(cpu_stacks[i] + BOOT_STACK_SIZE);
		b->mair = m->mmu.regs.mair;
		b->tcr = m->mmu.regs.tcr;
		b->ttbr0 = m->mmu.regs.ttbr0;
		b->sctlr = m->mmu.regs.sctlr;
		b->machine = m;
		b->index = i;
		dcache_clean_range((uint64_t)(uintptr_t)b, (uint64_t)(uintptr_t)(b + 1));
		if (psci_cpu_on(m->psci, m->cpu[i].mpidr, (uint64_t)(uintptr_t)secondary_entry,
				(uint64_t)(uintptr_t)b) == 0)
			wait_online(m, &m->cpu[i]);
	}
}
