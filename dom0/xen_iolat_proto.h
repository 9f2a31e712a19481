/*
 * xen_iolat_proto.h - what hvb-xen-iolat does with one request in the
 * shared page (hvb-abi.h), apart from the Xen devices, so it can be tested
 * on any host (tests/unit/dom0_xen_iolat.c).
 */
#ifndef DOM0_XEN_IOLAT_PROTO_H
#define DOM0_XEN_IOLAT_PROTO_H

#include <stdbool.h>
#include <stdint.h>

#include "hvb-abi.h"

enum iolat_action {
	IOLAT_NOTHING,     /* answered; nothing more to do */
	IOLAT_NOTIFY,      /* answered; send the guest an event */
	IOLAT_CALIBRATE,   /* answered; serve SYNCs by polling until DONE */
};

/* Answer a request: its stamp, then the sequence number the guest polls. */
void iolat_answer(volatile struct hvb_xen_iolat_page *page, uint64_t seq, uint64_t stamp);

/*
 * The request an event brought: woke is the counter at wake-up,
 * counter() reads it again (IN stamps just before its notification).
 * Unknown requests are acknowledged and ignored; a request already served
 * (*served: its number; an event delivered again after the unmask) is not
 * answered twice, which would move its stamp and send a second event.
 */
enum iolat_action iolat_serve_event(volatile struct hvb_xen_iolat_page *page, uint64_t woke,
				    uint64_t (*counter)(void), uint64_t *served);

/*
 * One look at the page while calibrating: a new request (req_seq !=
 * *last) is answered with now; true when that request was DONE.
 */
bool iolat_calibrate_step(volatile struct hvb_xen_iolat_page *page, uint64_t *last, uint64_t now);

#endif
