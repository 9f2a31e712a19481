/*
 * tlb_counters.h - the host's TLB-walk counter around a native pointer
 * chase, through libpfm4 and perf_event_open, where the PMU allows it.
 * On a host without a usable PMU (many VMs) it says so instead.
 */
#ifndef HVB_TLB_COUNTERS_H
#define HVB_TLB_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tlb_counter {
	int fd;                   /* -1 when unavailable */
	char event[128];          /* the event that opened */
	char why[256];            /* why it is unavailable */
};

/* Opens the first TLB-walk event the PMU knows (disabled; counts this thread). */
bool tlb_counter_open(struct tlb_counter *c);
void tlb_counter_start(struct tlb_counter *c);
/* Stops counting; returns the count since start, or UINT64_MAX on error. */
uint64_t tlb_counter_stop(struct tlb_counter *c);
void tlb_counter_close(struct tlb_counter *c);

#endif
