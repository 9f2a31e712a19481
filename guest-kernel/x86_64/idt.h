/*
 * idt.h - the interrupt descriptor table and the exception frame.
 */
#ifndef X86_IDT_H
#define X86_IDT_H

#include <stdint.h>

#define IDT_EXCEPTIONS 32   /* vectors 0-31 are the CPU's exceptions */

/* What vectors.S leaves on the stack for exception_handler(). */
struct exception_frame {
	/* pushed by vectors.S, last pushed first */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t vector;
	uint64_t error_code;    /* 0 for vectors without one */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Point vectors 0-31 at the stubs in vectors.S and load the IDT. */
void idt_init(void);

/* Load the (already built) IDT on this CPU: for secondary CPUs. */
void idt_load(void);

/* Point vector (32-255) at an entry stub: an interrupt gate, ring 0. */
void idt_set_handler(unsigned vector, uint64_t stub);

/* Called by vectors.S; never returns. */
_Noreturn void exception_handler(struct exception_frame *frame);

#endif
