/*
 * head.S - the arm64 Image header and the first instructions of each CPU.
 *
 * The file starts with the 64-byte header of a Linux arm64 Image
 * (Documentation/arch/arm64/booting.rst): a branch to primary_entry,
 * text_offset 0, the image size including .bss, flags, the magic "ARM\x64".
 * Loaders put the image at a 2 MiB-aligned address in RAM and enter it
 * with the MMU off, x0 = the device tree, at EL1 or EL2.
 *
 * The image is linked at address 0 as a position-independent executable:
 * code reaches everything PC-relatively, and the absolute addresses stored
 * in data (pointer tables, strings) are patched here, before any C code
 * runs, from the R_AARCH64_RELATIVE entries the linker leaves in .rela.dyn.
 */
#include "boot-layout.h"
#include "el2.h"

#define R_AARCH64_RELATIVE 1027

	.section .text.head, "ax"
image_header:
	b	primary_entry           /* code0 */
	.long	0                       /* code1 */
	.quad	0                       /* text_offset */
	.long	__image_size_lo         /* image_size, .bss included (guest.ld) */
	.long	__image_size_hi
	.quad	IMAGE_FLAGS             /* flags */
	.quad	0, 0, 0                 /* res2-res4 */
	.ascii	"ARM\x64"               /* magic 0x644d5241 */
	.long	0                       /* res5 (no PE/COFF header) */

	.text
/* The boot CPU: x0 = device tree. */
primary_entry:
	mov	x19, x0
	mrs	x20, CurrentEL
	lsr	x20, x20, #2            /* the EL the loader chose, for the record */
	drop_to_el1

	adrp	x0, __image_start       /* where we run = the link address 0 + x0 */
	add	x0, x0, :lo12:__image_start
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16       /* r_offset, r_info */
	ldr	x5, [x1], #8            /* r_addend */
	cmp	w4, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x5, x5, x0
	str	x5, [x0, x3]
	b	1b

2:	adrp	x1, __bss_start         /* 16-byte aligned by the linker script */
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
3:	cmp	x1, x2
	b.hs	4f
	stp	xzr, xzr, [x1], #16
	b	3b

4:	adrp	x9, boot_stack_end
	add	x9, x9, :lo12:boot_stack_end
	mov	sp, x9
	bl	cpu_common_setup
	mov	x0, x19
	mov	x1, x20
	bl	arm64_start
	b	park

/* Secondary CPUs, started by PSCI CPU_ON: x0 = struct cpu_boot (smp.h). */
	.global	secondary_entry
secondary_entry:
	mov	x19, x0
	drop_to_el1
	bl	cpu_common_setup
	ldr	x9, [x19, #CPU_BOOT_MAIR]
	msr	mair_el1, x9
	ldr	x9, [x19, #CPU_BOOT_TCR]
	msr	tcr_el1, x9
	ldr	x9, [x19, #CPU_BOOT_TTBR0]
	msr	ttbr0_el1, x9
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x9, [x19, #CPU_BOOT_SCTLR]
	msr	sctlr_el1, x9
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x9, [x19, #CPU_BOOT_STACK]
	mov	sp, x9
	mov	x0, x19
	bl	secondary_start
	b	park

/* Per-CPU EL1 state that needs no memory: vectors, FP/SIMD access. */
cpu_common_setup:
	adrp	x9, el1_vectors
	add	x9, x9, :lo12:el1_vectors
	msr	vbar_el1, x9
	mov	x9, #(3 << 20)          /* CPACR_EL1.FPEN: no FP/SIMD traps */
	msr	cpacr_el1, x9
	isb
	ret

park:
	msr	daifset, #0xf
	wfi
	b	park

	.bss
	.balign	16
boot_stack:
	.space	BOOT_STACK_SIZE
boot_stack_end:
