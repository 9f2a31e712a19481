/*
 * xen_iolat.h - io-latency-out/in under Xen, for both architectures: the
 * guest's half of the protocol with our dom0 program (hvb-abi.h
 * HVB_XEN_IOLAT_*, dom0/xen_iolat.c).
 *
 * Setup grants dom0 the page, offers an event channel, waits for dom0 to
 * bind it, then calibrates the clocks: dom0's counter and the guest's
 * tick at the same rate (x86 TSC without scaling, arm64 CNTFRQ) but from
 * different origins (Xen offsets each domain's), so the guest asks dom0
 * for its counter by polling the page (no event channel involved) and
 * keeps the tightest round trip: offset = the middle of that round trip -
 * dom0's stamp, error +- half of it.  Before every batch it calibrates
 * again, so a rate difference only counts for one batch.
 */
#ifndef XEN_IOLAT_H
#define XEN_IOLAT_H

#include <stdbool.h>
#include <stdint.h>
#include "bench.h"
#include "hvb-abi.h"
#include "xen-evtchn.h"

struct xen_iolat {
	struct xen_evtchn ch;
	volatile struct hvb_xen_iolat_page *page;
	uint64_t seq;                  /* the last request's number */
	int64_t offset;                /* guest counter = dom0 counter + offset */
	uint64_t error;                /* +- this many ticks */
	uint64_t budget;               /* ticks to wait for one answer */
	volatile uint64_t events;      /* upcalls for our port */
	volatile uint64_t event_ticks; /* the guest counter at the last one's handler */
	bool ready;
	const char *failure;           /* why a measurement failed */
};

/* Once per boot: grant, bind, calibrate.  hz is the counter's frequency. */
bool xen_iolat_setup(struct xen_iolat *x, uint64_t hz, struct bench_refusal *refusal);

/*
 * One batch: calibrate again (the counters' rates may differ a little, and
 * the error grows with time), then iters measurements of out (in false) or
 * in; the sum of their ticks.  Stops at the first failure, x->failure set.
 */
uint64_t xen_iolat_batch(struct xen_iolat *x, uint64_t iters, bool in);

#endif
