/*
 * irq-entry.S - entry stubs for the external-interrupt vectors irq.c hands
 * out (IRQ_VECTOR_FIRST ... + IRQ_VECTORS - 1).
 *
 * An interrupt can arrive anywhere, so the stub saves every register the C
 * ABI lets a function clobber, calls irq_dispatch(vector) on a 16-byte
 * aligned stack, restores them and returns with iretq.  The guest has no
 * FPU/SSE state in use (-mgeneral-regs-only), so there is nothing else to save.
 */
#include "irq.h"

.macro IRQ_STUB vector
	.balign 16
irq_stub_\vector:
	pushq $\vector
	jmp irq_common
.endm

	.text
	.irp v, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	IRQ_STUB \v
	.endr

irq_common:
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbp
	mov %rsp, %rbp
	and $-16, %rsp
	mov 80(%rbp), %rdi      /* the vector pushed by the stub */
	cld
	call irq_dispatch
	mov %rbp, %rsp
	popq %rbp
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rax
	add $8, %rsp            /* the vector */
	iretq

/* The stub addresses, in vector order, for irq.c. */
	.section .rodata
	.balign 8
	.globl irq_stubs
irq_stubs:
	.irp v, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.quad irq_stub_\v
	.endr
