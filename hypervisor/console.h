/*
 * console.h - the guest's console on stdout, one whole line per write().
 *
 * Each vCPU owns a line buffer, so no lock is needed: bytes collect until
 * a newline (or the buffer is full) and then go out with a single write.
 * Lines from different vCPUs therefore never mix within a line.
 */
#ifndef REFHV_CONSOLE_H
#define REFHV_CONSOLE_H

#include <stddef.h>

#include "hvb-abi.h"

#define CONSOLE_LINE_MAX (HVB_REPORT_MAX + 1)  /* text + '\n' */

struct console_line {
	size_t len;
	char buf[CONSOLE_LINE_MAX];
};

/* One byte from a UART or debugcon.  '\r' is dropped; '\n' ends the line. */
void console_putc(struct console_line *line, char c);

/* A whole line (no newline in text): pending bytes first, then text + '\n'. */
void console_put_line(struct console_line *line, const char *text, size_t len);

/* Write out whatever is pending (at exit). */
void console_flush(struct console_line *line);

#endif
