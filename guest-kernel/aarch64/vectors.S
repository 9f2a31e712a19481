/*
 * vectors.S - the EL1 exception vector table.
 *
 * Every slot saves x0-x30, ELR_EL1 and SPSR_EL1 on the current stack as a
 * struct exception_frame and calls C: an IRQ from EL1 goes to irq_entry(),
 * a synchronous exception from EL1 to exception_sync() (which returns only
 * when the exception was expected), anything else to exception_fatal().
 */
#include "boot-layout.h"

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #240]
	str	x1, [sp, #FRAME_SPSR]
.endm

.macro restore_frame_and_return
	ldr	x1, [sp, #FRAME_SPSR]
	ldp	x30, x0, [sp, #240]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x28, x29, [sp, #224]
	ldp	x26, x27, [sp, #208]
	ldp	x24, x25, [sp, #192]
	ldp	x22, x23, [sp, #176]
	ldp	x20, x21, [sp, #160]
	ldp	x18, x19, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
.endm

/* One 128-byte slot: save, call handler(frame, vector), return if it does. */
.macro vector_slot handler, vector
	.balign	0x80
	save_frame
	mov	x0, sp
	mov	x1, #\vector
	bl	\handler
	b	vector_return
.endm

	.text
	.balign	2048
	.global	el1_vectors
el1_vectors:
	vector_slot exception_fatal, 0
	vector_slot exception_fatal, 1
	vector_slot exception_fatal, 2
	vector_slot exception_fatal, 3
	vector_slot exception_sync, 4
	vector_slot irq_entry, 5
	vector_slot exception_fatal, 6
	vector_slot exception_fatal, 7
	vector_slot exception_fatal, 8
	vector_slot exception_fatal, 9
	vector_slot exception_fatal, 10
	vector_slot exception_fatal, 11
	vector_slot exception_fatal, 12
	vector_slot exception_fatal, 13
	vector_slot exception_fatal, 14
	vector_slot exception_fatal, 15

vector_return:
	restore_frame_and_return
