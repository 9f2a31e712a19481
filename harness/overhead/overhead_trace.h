/*
 * overhead_trace.h - a tracefs instance of our own that records, for this
 * process and everything it starts afterwards (event-fork), the events
 * overhead_gaps.c reads: ioctl entry and return (raw_syscalls, filtered
 * to ioctl), kvm_pio on the pio-out-user port and kvm_mmio.  Clock x86-tsc,
 * so timestamps are TSC ticks (the text trace prints nanosecond clocks
 * only to the microsecond).  Needs root; mounts tracefs if it is not.
 * The VMMs are traced as they are: nothing in them changes.
 */
#ifndef HVB_OVERHEAD_TRACE_H
#define HVB_OVERHEAD_TRACE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "overhead/overhead_gaps.h"

struct ovh_tracer {
	char dir[PATH_MAX];      /* the instance, /sys/kernel/tracing/instances/hvbench-PID */
	bool open;
};

/* Creates and arms the instance (tracing off).  Returns 0, or -1 with why. */
int ovh_tracer_open(struct ovh_tracer *tr, char *reason, size_t reason_len);

/* Empties the buffer and turns tracing on / off.  Return 0 or -1. */
int ovh_tracer_start(struct ovh_tracer *tr);
int ovh_tracer_stop(struct ovh_tracer *tr);

/* Reads the buffer into g (reset first).  Returns 0 or -1. */
int ovh_tracer_collect(struct ovh_tracer *tr, struct ovh_gaps *g);

/* Turns everything off and removes the instance. */
void ovh_tracer_close(struct ovh_tracer *tr);

#endif
