/*
 * progress.h - "what hvbench is doing now" lines that never cut the result
 * tables in half.  On a terminal the current step is one status line on
 * stderr, rewritten in place and erased before anything else is printed; on
 * anything else (a pipe, a log file) each step is one whole line.  Either
 * way stdout is flushed first, so a table and a progress line never mix.
 */
#ifndef HVB_PROGRESS_H
#define HVB_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

struct progress {
	FILE *out;        /* where progress goes (stderr) */
	bool terminal;    /* out is a terminal: rewrite one status line */
	bool line_open;   /* a status line is on screen, not yet erased */
	bool quiet;       /* --json: no progress at all */
};

void progress_init(struct progress *p, FILE *out, bool quiet);

/* The current step, e.g. "hvbench run: refhv: cpuid ...". */
void progress_step(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A message that must stay (a warning, a failure), on its own line. */
void progress_message(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Erases the status line (if any): call before printing to stdout. */
void progress_clear(struct progress *p);

#endif
