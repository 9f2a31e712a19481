/*
 * el2.S - leave EL2 for EL1, and the tiny EL2 stub that stays behind.
 *
 * When the loader enters the guest at EL2 (QEMU -M virt,virtualization=on,
 * or bare hardware), drop_to_el1 (el2.h) configures EL2 so that EL1 runs
 * untrapped and unvirtualized: AArch64 EL1 (HCR_EL2.RW), no stage 2, the
 * physical counter and timer open to EL1, no FP/SIMD traps, the GICv3
 * system registers usable at EL1 (ICC_SRE_EL2.Enable), MIDR/MPIDR reads
 * at EL1 showing the real values.  The guest then runs the same EL1 code
 * as under a hypervisor.
 *
 * What stays at EL2 is el2_vectors: an hvc from EL1 (the hypercall
 * benchmark, SMCCC probes) returns SMCCC NOT_SUPPORTED (-1) in x0,
 * clobbering only x9; anything else parks the CPU.  PSCI then goes to
 * EL3 firmware with smc, as the device tree says.
 */
#include "el2.h"

	.text
	.balign	2048
	.global	el2_vectors
el2_vectors:
	.rept	8               /* current EL (SP0, SPx): nothing is expected */
	.balign	0x80
	b	el2_park
	.endr
	.balign	0x80            /* lower EL, AArch64, synchronous */
	b	el2_sync_lower
	.rept	7
	.balign	0x80
	b	el2_park
	.endr

el2_sync_lower:
	mrs	x9, esr_el2
	ubfx	x9, x9, #26, #6
	cmp	x9, #ESR_EC_HVC64
	b.ne	el2_park
	mov	x0, #-1         /* SMCCC NOT_SUPPORTED */
	eret

el2_park:
	wfe
	b	el2_park
