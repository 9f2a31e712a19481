/*
 * idt.c - build and load the IDT for the 32 exception vectors.
 *
 * Vectors 32-255 stay not-present until a driver installs a handler with
 * idt_set_handler() (irq.c); a stray interrupt would raise #GP, which is
 * handled.  Secondary CPUs share the table and just load it (idt_load).
 */
#include "idt.h"
#include "gdt.h"

#define GATE_INTERRUPT 0x8e   /* present, ring 0, 64-bit interrupt gate */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

/* Entry stubs, one per vector, in vectors.S. */
extern const uint64_t exception_stubs[IDT_EXCEPTIONS];

static struct idt_gate idt[256];

/* Exceptions that may arrive with a broken stack get the emergency one. */
static unsigned gate_ist(unsigned vector)
{
	return (vector == 2 || vector == 8 || vector == 18) ? IST_EMERGENCY : 0;
}

static void set_gate(unsigned vector, uint64_t addr, unsigned ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = (uint16_t)addr,
		.selector = GDT_KERNEL_CS,
		.ist = (uint8_t)ist,
		.type = GATE_INTERRUPT,
		.offset_mid = (uint16_t)(addr >> 16),
		.offset_high = (uint32_t)(addr >> 32),
	};
}

void idt_set_handler(unsigned vector, uint64_t stub)
{
	if (vector >= IDT_EXCEPTIONS && vector < 256)
		set_gate(vector, stub, 0);
}

void idt_init(void)
{
	for (unsigned v = 0; v < IDT_EXCEPTIONS; v++)
		set_gate(v, exception_stubs[v], gate_ist(v));
	idt_load();
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) desc = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(desc) : "memory");
}
