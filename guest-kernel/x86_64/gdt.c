/*
 * gdt.c - replace the boot GDT by one with a TSS.
 *
 * Long mode ignores segment bases and limits; the GDT is still needed for
 * the code segment's "long" bit and for the TSS, whose interrupt stack
 * table (IST) gives the double-fault handler a known-good stack, so even a
 * stack overflow ends in an error record rather than a triple fault.
 */
#include <stdint.h>
#include "gdt.h"

#define EMERGENCY_STACK_SIZE 8192

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

static struct tss tss;
static __attribute__((aligned(16))) uint8_t emergency_stack[EMERGENCY_STACK_SIZE];

static uint64_t gdt[5] = {
	0,                       /* null */
	0x00af9a000000ffffull,   /* 0x08: 64-bit code, ring 0 */
	0x00cf92000000ffffull,   /* 0x10: data, ring 0 */
	0, 0,                    /* 0x18: TSS (16 bytes), filled in below */
};

/* A 64-bit available-TSS descriptor: two GDT slots. */
static void set_tss_descriptor(uint64_t *slot, uint64_t base, uint32_t limit)
{
	slot[0] = (limit & 0xffffull) |
		  ((base & 0xffffffull) << 16) |
		  (0x89ull << 40) |                    /* present, type 9 */
		  ((uint64_t)((limit >> 16) & 0xf) << 48) |
		  (((base >> 24) & 0xffull) << 56);
	slot[1] = base >> 32;
}

void gdt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) desc = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };

	/* load the GDT, reload CS with a far return, then the data segments */
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"mov %2, %%ds\n\t"
		"mov %2, %%es\n\t"
		"mov %2, %%ss"
		: : "m"(desc), "i"(GDT_KERNEL_CS), "r"((uint32_t)GDT_KERNEL_DS)
		: "rax", "memory");
}

void gdt_init(void)
{
	tss.ist[IST_EMERGENCY - 1] = (uint64_t)(uintptr_t)(emergency_stack + EMERGENCY_STACK_SIZE);
	tss.iomap_base = sizeof(tss);   /* no I/O permission bitmap */
	set_tss_descriptor(&gdt[GDT_TSS / 8], (uint64_t)(uintptr_t)&tss, sizeof(tss) - 1);
	gdt_load();
	__asm__ volatile("ltr %w0" : : "r"((uint32_t)GDT_TSS) : "memory");
}
