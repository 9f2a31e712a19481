/*
 * smp.h - start a secondary CPU (an "AP") with INIT-SIPI-SIPI.
 *
 * The AP wakes in real mode at SMP_TRAMPOLINE (a page below 1 MiB that
 * smp_start_ap() fills from trampoline.S), switches to protected mode,
 * then long mode on the boot CPU's page tables, takes the stack it was
 * given and calls fn(arg).  fn must not return (it may loop on hlt).
 * The AP loads the shared IDT but keeps the trampoline's GDT (no TSS).
 */
#ifndef X86_SMP_H
#define X86_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include "lapic.h"

#define SMP_TRAMPOLINE  0x8000u   /* page-aligned, below 1 MiB: SIPI vector 0x08 */
#define SMP_MAX_CPUS    8         /* APIC IDs 1 .. SMP_MAX_CPUS - 1 can be started */
#define SMP_STACK_SIZE  16384

typedef void smp_ap_fn(void *arg);

/*
 * Start the CPU with APIC ID apic_id through the boot CPU's enabled APIC
 * l; wait (at most budget TSC ticks) for it to check in.  False when it
 * did not: there is no such CPU, or it does not start.  tick_hz paces the
 * INIT/SIPI delays (0: assume 3 GHz).
 */
bool smp_start_ap(const struct lapic *l, uint32_t apic_id, smp_ap_fn *fn, void *arg,
		  uint64_t tick_hz, uint64_t budget);

#endif
