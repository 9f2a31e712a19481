/*
 * irq.h - external interrupts: a C handler per vector.
 *
 * A small block of vectors is reserved for the drivers and benchmarks that
 * take interrupts (IPIs, the LAPIC timer, IOAPIC pins).  A handler gets the
 * context pointer it was registered with; it must acknowledge the interrupt
 * itself (lapic_eoi()), since some benchmarks time exactly that.
 */
#ifndef X86_IRQ_H
#define X86_IRQ_H

#define IRQ_VECTOR_FIRST 48      /* 0x30; irq-entry.S has one stub per vector */
#define IRQ_VECTORS      16

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

typedef void irq_handler_fn(void *ctx);

/* Install fn for vector (in the reserved block); false when out of range. */
bool irq_register(unsigned vector, irq_handler_fn *fn, void *ctx);

/* Called by irq-entry.S. */
void irq_dispatch(uint64_t vector);

static inline void irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* Enable, let pending interrupts in for one instruction, disable again. */
static inline void irq_window(void)
{
	__asm__ volatile("sti; nop; cli" : : : "memory");
}
#endif

#endif
