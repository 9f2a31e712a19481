/*
 * boot-layout.h - constants shared by the assembly entry code and C.
 *
 * struct cpu_boot (smp.h) is read by secondary_entry in head.S with the
 * MMU off, so its field offsets are fixed here and checked in smp.c.
 */
#ifndef A64_BOOT_LAYOUT_H
#define A64_BOOT_LAYOUT_H

#define BOOT_STACK_SIZE   16384   /* the boot CPU's stack; secondaries use the same size */

/* Image header flags: little-endian, 4 KiB pages, may be placed anywhere in RAM. */
#define IMAGE_FLAGS       0xa

/* Offsets into struct cpu_boot. */
#define CPU_BOOT_STACK    0
#define CPU_BOOT_MAIR     8
#define CPU_BOOT_TCR      16
#define CPU_BOOT_TTBR0    24
#define CPU_BOOT_SCTLR    32

/* Exception-frame layout (struct exception_frame, exception.h). */
#define FRAME_ELR         248
#define FRAME_SPSR        256
#define FRAME_SIZE        272

#endif
