/*
 * arch.h - the hooks each architecture provides to the common kernel code.
 *
 * The common code (command line, console lines, report records) calls only
 * these; guest-kernel/<arch>/ implements them.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stddef.h>
#include "console.h"
#include "kernel.h"

/* Fill in what the guest can find out about its machine (see struct platform). */
void arch_probe(struct platform *p);

/* The console to use when the command line names none. */
enum console_kind arch_console_default(void);

/* Prepare a console device (e.g. program the UART). */
void arch_console_init(enum console_kind kind);

/* Write one line of text (no newline in text) to a console device. */
void arch_console_write(enum console_kind kind, const char *text, size_t len);

/* End the VM with an HVB_GUEST_EXIT_* code; halts forever if that fails. */
_Noreturn void arch_exit(int code);

#endif
