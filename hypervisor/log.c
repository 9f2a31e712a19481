/*
 * log.c - print one "refhv: ..." line on stderr.
 *
 * The line is formatted into a buffer first and written with one write(),
 * so messages from different vCPU threads never interleave mid-line.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

void refhv_err(const char *fmt, ...)
{
	char line[512];
	int prefix = snprintf(line, sizeof(line), "refhv: ");
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line + prefix, sizeof(line) - (size_t)prefix - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t len = (size_t)prefix + (size_t)n;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	ssize_t ignored = write(STDERR_FILENO, line, len);
	(void)ignored;
}
