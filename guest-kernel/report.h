/*
 * report.h - the HVB report records (docs/report-protocol.md).
 *
 * Each function builds one "HVB ..." line with its keys in the order the
 * protocol fixes and emits it on the console.  Callers pass values that
 * already fit the protocol's value syntax ([A-Za-z0-9._:,+/-]+).
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdint.h>
#include "kernel.h"

/* A benchmark as it appears in records. */
struct report_bench {
	const char *name;
	const char *variant;    /* "-" when there is none */
	const char *unit;       /* "cycles" or "ticks" */
};

void report_hello(const struct platform *p, const char *boot);
void report_begin(const struct report_bench *b);
/* value_milli is the per-operation mean in thousandths of a unit. */
void report_sample(const struct report_bench *b, const char *kind, unsigned batch,
		   uint64_t iters, uint64_t value_milli);
/* reason may be NULL. */
void report_end(const struct report_bench *b, const char *status, const char *reason);
void report_done(unsigned benches);
void report_error(const char *msg);
void report_exception(unsigned vector, uint64_t rip);

#endif
