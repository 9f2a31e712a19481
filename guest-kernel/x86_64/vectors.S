/*
 * vectors.S - entry stubs for exception vectors 0-31.
 *
 * Each stub makes the stack look the same (an error code, real or 0, and
 * the vector number), then the common part saves the general registers and
 * calls exception_handler(struct exception_frame *) in exception.c.
 */

/* A stub for a vector where the CPU pushes no error code. */
.macro STUB vector
	.balign 16
stub_\vector:
	pushq $0
	pushq $\vector
	jmp exception_common
.endm

/* A stub for a vector where the CPU pushes an error code. */
.macro STUB_ERR vector
	.balign 16
stub_\vector:
	pushq $\vector
	jmp exception_common
.endm

	.text
	STUB 0          /* #DE divide error */
	STUB 1          /* #DB debug */
	STUB 2          /* NMI */
	STUB 3          /* #BP breakpoint */
	STUB 4          /* #OF overflow */
	STUB 5          /* #BR bound range */
	STUB 6          /* #UD invalid opcode */
	STUB 7          /* #NM device not available */
	STUB_ERR 8      /* #DF double fault */
	STUB 9          /* coprocessor segment overrun */
	STUB_ERR 10     /* #TS invalid TSS */
	STUB_ERR 11     /* #NP segment not present */
	STUB_ERR 12     /* #SS stack fault */
	STUB_ERR 13     /* #GP general protection */
	STUB_ERR 14     /* #PF page fault */
	STUB 15         /* reserved */
	STUB 16         /* #MF x87 error */
	STUB_ERR 17     /* #AC alignment check */
	STUB 18         /* #MC machine check */
	STUB 19         /* #XM SIMD error */
	STUB 20         /* #VE virtualization exception */
	STUB_ERR 21     /* #CP control protection */
	STUB 22
	STUB 23
	STUB 24
	STUB 25
	STUB 26
	STUB 27
	STUB 28         /* #HV hypervisor injection */
	STUB_ERR 29     /* #VC VMM communication */
	STUB_ERR 30     /* #SX security */
	STUB 31

exception_common:
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rbx
	pushq %rbp
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	mov %rsp, %rdi          /* struct exception_frame * */
	and $-16, %rsp          /* the C ABI wants a 16-byte aligned stack */
	call exception_handler
1:	cli
	hlt
	jmp 1b

/* The stub addresses, in vector order, for idt.c. */
	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad stub_\v
	.endr
