/*
 * exception.h - the EL1 exception frame and the C handlers vectors.S calls.
 *
 * Vector numbers are the slot in the VBAR_EL1 table, 0x00-0x0f:
 * 0-3 current EL with SP_EL0, 4-7 current EL with SP_ELx, 8-11 lower EL
 * AArch64, 12-15 lower EL AArch32; in each group sync, IRQ, FIQ, SError.
 */
#ifndef A64_EXCEPTION_H
#define A64_EXCEPTION_H

#include <stdint.h>

#define VECTOR_SYNC_SPX  4
#define VECTOR_IRQ_SPX   5

/* What vectors.S saves (boot-layout.h has the same offsets for assembly). */
struct exception_frame {
	uint64_t x[31];          /* x0-x30 */
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

/* A synchronous exception at EL1: may return when it was expected. */
void exception_sync(struct exception_frame *f, unsigned vector);

/* Anything unexpected: log, "HVB error", power off with failure. */
_Noreturn void exception_fatal(struct exception_frame *f, unsigned vector);

/* An IRQ (irq.c). */
void irq_entry(struct exception_frame *f);

#endif
