/*
 * irq.c - IRQ dispatch through a table indexed by INTID (see irq.h).
 */
#include "irq.h"
#include "exception.h"
#include "gic.h"

struct irq_action {
	irq_handler_fn fn;
	void *arg;
};

/* The handler table, shared by all CPUs; filled before interrupts are sent. */
static struct irq_action irq_table[GIC_HANDLED_IRQS];
static volatile uint64_t unexpected;

void irq_register(unsigned intid, irq_handler_fn fn, void *arg)
{
	if (intid < GIC_HANDLED_IRQS)
		irq_table[intid] = (struct irq_action){ fn, arg };
	__asm__ volatile("dmb ish" : : : "memory");
}

uint64_t irq_unexpected_count(void)
{
	return unexpected;
}

void irq_entry(struct exception_frame *f)
{
	unsigned intid = gic_ack();

	if (intid >= GIC_FIRST_SPECIAL)
		return;
	if (intid >= GIC_HANDLED_IRQS || irq_table[intid].fn == 0) {
		unexpected++;
		gic_eoi(intid);
		return;
	}
	const struct irq_action *a = &irq_table[intid];
	a->fn(intid, a->arg);
	gic_eoi(intid);
}
