/*
 * xen_iolat.c - the guest's half of io-latency under Xen (xen_iolat.h).
 *
 *   out  the guest counter before EVTCHNOP_send -> dom0's counter when its
 *        read() on /dev/xen/evtchn returned, + the calibrated offset
 *   in   dom0's counter just before IOCTL_EVTCHN_NOTIFY, + the offset ->
 *        the guest counter at entry to the event-channel upcall's handler
 * The page is written by the guest only in req/req_seq (and once in
 * magic/port), by dom0 only in bound/ack_seq/stamp.
 */
#include "xen_iolat.h"
#include "iolat_log.h"

#if defined(__x86_64__)
#include "x86_64/tick.h"
#else
#include "aarch64/tick.h"
#endif

#define SYNC_ROUNDS 64
#define ATTACH_SECONDS 10      /* dom0's program starts after the domain */

static uint8_t iolat_page[4096] __attribute__((aligned(4096)));

static void on_event(void *ctx)
{
	struct xen_iolat *x = ctx;

	x->event_ticks = tick_begin();
	x->events++;
}

/* Spin until *v == value (equal) or != value (!equal); false after ticks. */
static bool wait_for(const volatile uint64_t *v, uint64_t value, bool equal, uint64_t ticks)
{
	uint64_t start = tick_begin();

	while ((__atomic_load_n(v, __ATOMIC_ACQUIRE) == value) != equal)
		if (tick_begin() - start > ticks)
			return false;
	return true;
}

/* Post request req; returns its sequence number. */
static uint64_t post(struct xen_iolat *x, uint32_t req)
{
	x->page->req = req;
	__atomic_store_n(&x->page->req_seq, ++x->seq, __ATOMIC_RELEASE);
	return x->seq;
}

static bool calibrate(struct xen_iolat *x)
{
	uint64_t best = UINT64_MAX;

	for (unsigned i = 0; i < SYNC_ROUNDS; i++) {
		uint64_t t0 = tick_begin();
		uint64_t seq = post(x, HVB_XEN_IOLAT_SYNC);
		if (!wait_for(&x->page->ack_seq, seq, true, x->budget))
			return false;
		uint64_t t1 = tick_end();
		if (t1 - t0 < best) {
			best = t1 - t0;
			x->offset = (int64_t)(t0 + best / 2 - x->page->stamp);
		}
	}
	x->error = best / 2;
	iolat_log_offset("xen-iolat", "dom0", x->offset, x->error, "polled round trips");
	return wait_for(&x->page->ack_seq, post(x, HVB_XEN_IOLAT_DONE), true, x->budget);
}

static bool refuse(struct bench_refusal *r, const char *status, const char *reason)
{
	*r = (struct bench_refusal){ status, reason };
	return false;
}

bool xen_iolat_setup(struct xen_iolat *x, uint64_t hz, struct bench_refusal *refusal)
{
	x->failure = NULL;
	if (x->ready)
		return true;
	x->budget = hz;   /* 1 s for one answer: dom0 may be busy */
	if (!xen_evtchn_init(&x->ch, on_event, x))
		return refuse(refusal, "unsupported", x->ch.error);
	x->page = (volatile struct hvb_xen_iolat_page *)(uintptr_t)iolat_page;
	x->page->port = x->ch.port;
	xen_grant_to_dom0(&x->ch, HVB_XEN_IOLAT_GREF, (uintptr_t)iolat_page / sizeof(iolat_page));
	__atomic_store_n(&x->page->magic, HVB_XEN_IOLAT_MAGIC, __ATOMIC_RELEASE);
	if (!wait_for(&x->page->bound, 1, true, hz * ATTACH_SECONDS))
		return refuse(refusal, "unsupported", "needs-hvb-xen-iolat-in-dom0");
	if (!calibrate(x))
		return refuse(refusal, "failed", "dom0-clock-sync-lost");
	x->ready = true;
	return true;
}

static bool resync(struct xen_iolat *x)
{
	uint64_t seq = post(x, HVB_XEN_IOLAT_RESYNC);

	xen_evtchn_send(&x->ch);
	if (!wait_for(&x->page->ack_seq, seq, true, x->budget) || !calibrate(x)) {
		x->failure = "dom0-clock-sync-lost";
		return false;
	}
	return true;
}

/* dom0's stamp for request seq, in guest ticks; false unless it is later than after. */
static bool stamp_after(struct xen_iolat *x, uint64_t seq, uint64_t after, uint64_t *guest)
{
	if (__atomic_load_n(&x->page->ack_seq, __ATOMIC_ACQUIRE) != seq) {
		x->failure = "dom0-answered-out-of-order";
		return false;
	}
	*guest = x->page->stamp + (uint64_t)x->offset;
	if (*guest <= after) {
		x->failure = "stamp-before-doorbell";   /* the clocks disagree */
		return false;
	}
	return true;
}

static bool measure_out(struct xen_iolat *x, uint64_t *ticks)
{
	uint64_t seq = post(x, HVB_XEN_IOLAT_OUT), woke;
	uint64_t start = tick_begin();

	xen_evtchn_send(&x->ch);
	if (!wait_for(&x->page->ack_seq, seq, true, x->budget)) {
		x->failure = "dom0-did-not-answer";
		return false;
	}
	if (!stamp_after(x, seq, start, &woke))
		return false;
	*ticks = woke - start;
	return true;
}

static bool measure_in(struct xen_iolat *x, uint64_t *ticks)
{
	uint64_t seen = x->events, seq = post(x, HVB_XEN_IOLAT_IN), raised;

	xen_evtchn_send(&x->ch);
	if (!wait_for(&x->events, seen, false, x->budget)) {
		x->failure = "xen-event-not-delivered";
		return false;
	}
	uint64_t handler = x->event_ticks;
	if (!stamp_after(x, seq, 0, &raised))
		return false;
	if (handler <= raised) {
		x->failure = "stamp-before-doorbell";
		return false;
	}
	*ticks = handler - raised;
	return true;
}

uint64_t xen_iolat_batch(struct xen_iolat *x, uint64_t iters, bool in)
{
	uint64_t total = 0, ticks;

	if (!resync(x))
		return 0;
	for (uint64_t i = 0; i < iters; i++) {
		if (!(in ? measure_in(x, &ticks) : measure_out(x, &ticks)))
			break;
		total += ticks;
	}
	return total;
}
