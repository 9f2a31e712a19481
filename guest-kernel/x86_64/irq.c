/*
 * irq.c - the handler table behind the interrupt vectors (see irq.h).
 *
 * The table is shared by every CPU, like the IDT it mirrors; it is written
 * with interrupts of that vector not yet enabled, so no lock is needed.
 */
#include "irq.h"
#include "idt.h"

struct irq_slot {
	irq_handler_fn *fn;
	void *ctx;
};

extern const uint64_t irq_stubs[IRQ_VECTORS];

static struct irq_slot irq_table[IRQ_VECTORS];

bool irq_register(unsigned vector, irq_handler_fn *fn, void *ctx)
{
	if (vector < IRQ_VECTOR_FIRST || vector >= IRQ_VECTOR_FIRST + IRQ_VECTORS)
		return false;
	irq_table[vector - IRQ_VECTOR_FIRST] = (struct irq_slot){ fn, ctx };
	idt_set_handler(vector, irq_stubs[vector - IRQ_VECTOR_FIRST]);
	return true;
}

void irq_dispatch(uint64_t vector)
{
	if (vector < IRQ_VECTOR_FIRST || vector >= IRQ_VECTOR_FIRST + IRQ_VECTORS)
		return;
	const struct irq_slot *slot = &irq_table[vector - IRQ_VECTOR_FIRST];
	if (slot->fn != 0)
		slot->fn(slot->ctx);
}
