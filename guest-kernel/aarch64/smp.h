/*
 * smp.h - bring up the secondary CPUs with PSCI CPU_ON.
 *
 * Each secondary gets a struct cpu_boot: its stack and the boot CPU's MMU
 * registers.  head.S's secondary_entry reads it with the MMU off (so the
 * boot CPU cleans it to the point of coherency first), turns the MMU on
 * and calls secondary_start(), which sets up the CPU's redistributor and
 * then waits for interrupts forever.
 */
#ifndef A64_SMP_H
#define A64_SMP_H

#include <stdint.h>
#include "machine.h"

struct cpu_boot {
	uint64_t stack_top;      /* CPU_BOOT_STACK */
	uint64_t mair, tcr, ttbr0, sctlr;   /* CPU_BOOT_MAIR ... CPU_BOOT_SCTLR */
	struct machine *machine;
	unsigned index;          /* into machine->cpu[] */
};

/* Start every CPU of the device tree but the boot CPU; wait for each. */
void smp_start_secondaries(struct machine *m);

/* The calling CPU's entry in machine->cpu[] (TPIDR_EL1). */
struct machine_cpu *this_cpu(void);

/* Set this CPU's GIC up and let SGIs in; false without a usable GICv3. */
bool cpu_interrupts_init(const struct machine *m, struct machine_cpu *cpu);

#endif
