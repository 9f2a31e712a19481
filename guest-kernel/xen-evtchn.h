/*
 * xen-evtchn.h - one interdomain event channel and one granted page, the
 * least a guest needs to talk to a program in dom0 (io-latency under Xen).
 *
 * xen_evtchn_init() maps shared_info and grant-table frame 0 (XENMEM
 * add_to_physmap), allocates a port that dom0 may bind (EVTCHNOP
 * alloc_unbound, remote domain 0), unmasks it and asks the architecture
 * to deliver upcalls (x86 PVH: a callback vector; arm64: the device tree's
 * event-channel PPI, see ARCH/xen-upcall.c).  The upcall clears the
 * pending bits and calls the handler when the port fired.
 */
#ifndef XEN_EVTCHN_H
#define XEN_EVTCHN_H

#include <stdbool.h>
#include <stdint.h>

typedef void xen_event_fn(void *ctx);

struct xen_evtchn {
	uint32_t port;
	xen_event_fn *fn;
	void *ctx;
	volatile uint8_t *shinfo;            /* the shared_info page */
	volatile struct grant_entry_v1 *gnttab;   /* grant-table frame 0 */
	const char *error;                   /* why init failed */
};

/* Set it all up; false with ch->error set when Xen refused a step. */
bool xen_evtchn_init(struct xen_evtchn *ch, xen_event_fn *fn, void *ctx);

/* Let dom0 map guest frame gfn read-write through grant reference ref. */
void xen_grant_to_dom0(struct xen_evtchn *ch, unsigned ref, uint64_t gfn);

/* Notify the other end (EVTCHNOP_send); Xen's return value. */
long xen_evtchn_send(const struct xen_evtchn *ch);

/* The upcall, called by the architecture's interrupt handler. */
void xen_evtchn_upcall(struct xen_evtchn *ch);

/* Per architecture (ARCH/xen-upcall.c): a 2-argument hypercall, where
 * grant-table frame 0 may go (a guest frame number), and turning on
 * upcall delivery to the boot CPU, which calls xen_evtchn_upcall(ch). */
long xen_arch_hypercall2(unsigned op, uint64_t a0, uint64_t a1);
uint64_t xen_arch_gnttab_gfn(void);
bool xen_arch_upcall_init(struct xen_evtchn *ch);

#endif
