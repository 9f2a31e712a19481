/*
 * console.h - where the guest's lines go.
 *
 * One console is chosen at boot (command line "console=uart|debugcon|report|xen",
 * default: arch_console_default())
 * and every line, record or log, is emitted whole through it.  The devices
 * themselves are driven by the architecture code (arch.h).
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdbool.h>
#include "kstring.h"
#include "line.h"

enum console_kind {
	CONSOLE_UART,      /* the platform's serial port (16550 COM1 on x86) */
	CONSOLE_DEBUGCON,  /* QEMU/Bochs debug console (port 0xe9 on x86) */
	CONSOLE_REPORT,    /* refhv's report port: one exit per line */
	CONSOLE_XEN,       /* Xen's PV console ring (x86); the UART elsewhere */
};

/* Map a console= value to a kind; false for an unknown name. */
bool console_kind_from_name(struct str name, enum console_kind *kind);

/* Select and initialise the console; lines before this go to the UART. */
void console_init(enum console_kind kind);

/* Emit one whole line (a newline is added by the device code). */
void console_emit(const struct line *l);

/* Emit a log line (anything not starting with "HVB " is log). */
void console_log(const char *text);

#endif
