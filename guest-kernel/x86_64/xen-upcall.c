/*
 * xen-upcall.c (x86) - xen-evtchn.h's architecture half on PVH: hypercalls
 * through the hypercall page, grant-table frame 0 over a page of our own,
 * and upcalls as a callback vector (HVM_PARAM_CALLBACK_IRQ type 2), which
 * Xen injects into vCPU 0 without the local APIC: no EOI, and it repeats
 * while vcpu_info's upcall_pending stays set (xen_evtchn_upcall clears it).
 */
#include "xen-evtchn.h"
#include "x86_64/irq.h"
#include "x86_64/xen.h"

#define XEN_UPCALL_VECTOR 0x35

static uint8_t gnttab_page[4096] __attribute__((aligned(4096)));

long xen_arch_hypercall2(unsigned op, uint64_t a0, uint64_t a1)
{
	return xen_hypercall3(op, a0, a1, 0);
}

uint64_t xen_arch_gnttab_gfn(void)
{
	return (uintptr_t)gnttab_page / 4096;
}

static void upcall(void *ctx)
{
	xen_evtchn_upcall(ctx);
}

bool xen_arch_upcall_init(struct xen_evtchn *ch)
{
	struct xen_hvm_param p = {
		.domid = XEN_DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = HVM_CALLBACK_VECTOR(XEN_UPCALL_VECTOR),
	};
	if (!irq_register(XEN_UPCALL_VECTOR, upcall, ch))
		return false;
	return xen_hypercall3(XEN_HC_HVM_OP, HVMOP_SET_PARAM, (uint64_t)(uintptr_t)&p, 0) == 0;
}
