/*
 * el2.h - the drop_to_el1 assembler macro (see el2.S for what it sets up).
 *
 * Use it at the top of every CPU's entry code: at EL1 it does nothing; at
 * EL2 it configures EL2 and erets to the instruction after the macro, at
 * EL1 with all interrupts masked.  It clobbers x9.
 */
#ifndef A64_EL2_H
#define A64_EL2_H

#define CURRENT_EL2        (2 << 2)
#define HCR_EL2_RW         (1 << 31)
#define CNTHCTL_EL1_ACCESS 3          /* EL1PCTEN | EL1PCEN */
#define CPTR_EL2_NO_TRAPS  0x33ff     /* RES1 bits only: FP/SIMD/SVE untrapped */
#define ICC_SRE_EL2        s3_4_c12_c9_5
#define ICC_SRE_EL2_SRE    1          /* system-register interface at EL2 */
#define ICC_SRE_EL2_ENABLE 8          /* EL1 may use ICC_SRE_EL1 */
#define SPSR_EL1H_MASKED   0x3c5      /* EL1h, D, A, I, F masked */
#define ESR_EC_HVC64       0x16

#ifdef __ASSEMBLER__
.macro drop_to_el1
	mrs	x9, CurrentEL
	cmp	x9, #CURRENT_EL2
	b.ne	8f
	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	mrs	x9, cnthctl_el2
	orr	x9, x9, #CNTHCTL_EL1_ACCESS
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	mov	x9, #CPTR_EL2_NO_TRAPS
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #24, #4          /* GIC system registers implemented? */
	cbz	x9, 7f
	mrs	x9, ICC_SRE_EL2
	orr	x9, x9, #ICC_SRE_EL2_SRE
	orr	x9, x9, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x9
	isb
7:	adrp	x9, el2_vectors
	add	x9, x9, :lo12:el2_vectors
	msr	vbar_el2, x9
	mov	x9, #0x0800              /* SCTLR_EL1: RES1 bits, MMU and caches off */
	movk	x9, #0x30d0, lsl #16
	msr	sctlr_el1, x9
	adr	x9, 8f
	msr	elr_el2, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	isb
	eret
8:
.endm
#endif

#endif
