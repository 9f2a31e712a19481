/*
 * gdt.h - the long-mode GDT and TSS.
 */
#ifndef X86_GDT_H
#define X86_GDT_H

#define GDT_KERNEL_CS  0x08
#define GDT_KERNEL_DS  0x10
#define GDT_TSS        0x18

/* The IST slot whose stack catches double faults, NMIs and machine checks. */
#define IST_EMERGENCY  1

/* Install the GDT (code, data, TSS) and load the task register. */
void gdt_init(void);

/*
 * Load the (already built) GDT on this CPU and reload CS, DS, ES and SS
 * from it: for secondary CPUs, which keep no TSS of their own.
 */
void gdt_load(void);

#endif
