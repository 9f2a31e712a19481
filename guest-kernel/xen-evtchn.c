/*
 * xen-evtchn.c - the common half of xen-evtchn.h: the pages, the port and
 * the 2-level event-channel bookkeeping of the upcall.
 */
#include "xen-evtchn.h"
#include "xen-abi.h"

#define XEN_PAGE 4096

/* shared_info's home: a page of our own, which Xen's replaces. */
static uint8_t shinfo_page[XEN_PAGE] __attribute__((aligned(XEN_PAGE)));

static bool map_xen_page(unsigned space, uint64_t gpfn)
{
	struct xen_add_to_physmap xatp = {
		.domid = XEN_DOMID_SELF, .space = space, .idx = 0, .gpfn = gpfn,
	};
	return xen_arch_hypercall2(XEN_HC_MEMORY_OP, XENMEM_ADD_TO_PHYSMAP,
				   (uint64_t)(uintptr_t)&xatp) == 0;
}

static volatile uint64_t *shinfo_word(const struct xen_evtchn *ch, unsigned offset, unsigned port)
{
	return (volatile uint64_t *)(uintptr_t)(ch->shinfo + offset + 8 * (port / 64));
}

bool xen_evtchn_init(struct xen_evtchn *ch, xen_event_fn *fn, void *ctx)
{
	*ch = (struct xen_evtchn){ .fn = fn, .ctx = ctx };
	if (!map_xen_page(XENMAPSPACE_SHARED_INFO, (uintptr_t)shinfo_page / XEN_PAGE)) {
		ch->error = "xen-shared-info-refused";
		return false;
	}
	ch->shinfo = shinfo_page;
	uint64_t gfn = xen_arch_gnttab_gfn();
	if (gfn == 0 || !map_xen_page(XENMAPSPACE_GRANT_TABLE, gfn)) {
		ch->error = "xen-grant-table-refused";
		return false;
	}
	ch->gnttab = (volatile struct grant_entry_v1 *)(uintptr_t)(gfn * XEN_PAGE);
	struct evtchn_alloc_unbound a = { .dom = XEN_DOMID_SELF, .remote_dom = 0 };
	if (xen_arch_hypercall2(XEN_HC_EVENT_CHANNEL, EVTCHNOP_ALLOC_UNBOUND,
				(uint64_t)(uintptr_t)&a) != 0 || a.port >= 64 * 64) {
		ch->error = "xen-evtchn-alloc-refused";
		return false;
	}
	ch->port = a.port;
	__atomic_and_fetch(shinfo_word(ch, XEN_SHINFO_MASK, ch->port), ~(1ull << (ch->port % 64)),
			   __ATOMIC_SEQ_CST);
	ch->shinfo[1] = 0;   /* vcpu_info[0].evtchn_upcall_mask */
	if (!xen_arch_upcall_init(ch)) {
		ch->error = "xen-upcall-refused";
		return false;
	}
	return true;
}

void xen_grant_to_dom0(struct xen_evtchn *ch, unsigned ref, uint64_t gfn)
{
	volatile struct grant_entry_v1 *e = &ch->gnttab[ref];

	e->domid = 0;
	e->frame = (uint32_t)gfn;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the entry before its flags */
	e->flags = GTF_PERMIT_ACCESS;
}

long xen_evtchn_send(const struct xen_evtchn *ch)
{
	struct evtchn_send s = { .port = ch->port };

	return xen_arch_hypercall2(XEN_HC_EVENT_CHANNEL, EVTCHNOP_SEND, (uint64_t)(uintptr_t)&s);
}

void xen_evtchn_upcall(struct xen_evtchn *ch)
{
	ch->shinfo[0] = 0;   /* vcpu_info[0].evtchn_upcall_pending, before the bitmaps */
	__atomic_exchange_n((volatile uint64_t *)(uintptr_t)(ch->shinfo + XEN_VCPU_PENDING_SEL), 0,
			    __ATOMIC_SEQ_CST);
	uint64_t bit = 1ull << (ch->port % 64);
	uint64_t was = __atomic_fetch_and(shinfo_word(ch, XEN_SHINFO_PENDING, ch->port), ~bit,
					  __ATOMIC_SEQ_CST);
	if ((was & bit) && ch->fn)
		ch->fn(ch->ctx);
}
