/*
 * xen_iolat_proto.c - hvb-xen-iolat's request handling (xen_iolat_proto.h).
 */
#include "xen_iolat_proto.h"

void iolat_answer(volatile struct hvb_xen_iolat_page *page, uint64_t seq, uint64_t stamp)
{
	page->stamp = stamp;
	__atomic_store_n(&page->ack_seq, seq, __ATOMIC_RELEASE);
}

enum iolat_action iolat_serve_event(volatile struct hvb_xen_iolat_page *page, uint64_t woke,
				    uint64_t (*counter)(void), uint64_t *served)
{
	uint64_t seq = __atomic_load_n(&page->req_seq, __ATOMIC_ACQUIRE);
	uint32_t req = page->req;

	if (seq == *served)
		return IOLAT_NOTHING;
	*served = seq;

	switch (req) {
	case HVB_XEN_IOLAT_IN:
		iolat_answer(page, seq, counter());
		return IOLAT_NOTIFY;
	case HVB_XEN_IOLAT_RESYNC:
		iolat_answer(page, seq, woke);
		return IOLAT_CALIBRATE;
	default:   /* OUT, and anything else acknowledged and ignored */
		iolat_answer(page, seq, woke);
		return IOLAT_NOTHING;
	}
}

bool iolat_calibrate_step(volatile struct hvb_xen_iolat_page *page, uint64_t *last, uint64_t now)
{
	uint64_t seq = __atomic_load_n(&page->req_seq, __ATOMIC_ACQUIRE);

	if (seq == *last)
		return false;
	uint32_t req = page->req;
	iolat_answer(page, seq, now);
	*last = seq;   /* the event loop's "served" too: no event repeats it */
	return req == HVB_XEN_IOLAT_DONE;
}
