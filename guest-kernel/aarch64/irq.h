/*
 * irq.h - per-interrupt handlers for SGIs and PPIs.
 *
 * irq_entry() (called from the IRQ vector on any CPU) acknowledges the
 * interrupt, calls the handler registered for its INTID and then writes
 * the EOI.  Unregistered interrupts are counted and ended.
 */
#ifndef A64_IRQ_H
#define A64_IRQ_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*irq_handler_fn)(unsigned intid, void *arg);

/* Install handler for an interrupt (INTID < GIC_HANDLED_IRQS) on all CPUs. */
void irq_register(unsigned intid, irq_handler_fn fn, void *arg);

/* Interrupts that arrived with no handler. */
uint64_t irq_unexpected_count(void);

static inline void irq_enable_local(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable_local(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

#endif
