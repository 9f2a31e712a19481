/*
 * progress.c - progress lines that do not interleave with the result
 * tables (see progress.h).
 */
#include "run/progress.h"

#include <stdarg.h>
#include <unistd.h>

#define ERASE_LINE "\r\033[K"

void progress_init(struct progress *p, FILE *out, bool quiet)
{
	p->out = out;
	p->terminal = isatty(fileno(out)) == 1;
	p->line_open = false;
	p->quiet = quiet;
}

void progress_clear(struct progress *p)
{
	if (p->line_open) {
		fputs(ERASE_LINE, p->out);
		fflush(p->out);
		p->line_open = false;
	}
}

static void write_line(struct progress *p, bool stays, const char *fmt, va_list args)
{
	fflush(stdout);   /* whatever a table printed goes first, whole */
	progress_clear(p);
	vfprintf(p->out, fmt, args);
	if (p->terminal && !stays) {
		p->line_open = true;   /* erased by the next step or output */
	} else {
		fputc('\n', p->out);
	}
	fflush(p->out);
}

void progress_step(struct progress *p, const char *fmt, ...)
{
	if (p->quiet)
		return;
	va_list args;
	va_start(args, fmt);
	write_line(p, false, fmt, args);
	va_end(args);
}

void progress_message(struct progress *p, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	write_line(p, true, fmt, args);
	va_end(args);
}
