/*
 * xen-console.c - write lines to Xen's PV console ring (see xen-console.h).
 *
 * HVMOP_get_param gives the ring's page frame (HVM_PARAM_CONSOLE_PFN) and
 * its event channel (HVM_PARAM_CONSOLE_EVTCHN).  The page holds struct
 * xencons_interface: the guest produces into out[], the back end consumes;
 * both indexes only grow and are reduced modulo the ring size on use.  The
 * guest writes the bytes, then (after a barrier) out_prod, then notifies
 * with EVTCHNOP_send.  When the ring is full it waits, yielding its pCPU,
 * for the back end to consume; a back end that never does costs one
 * bounded wait, after which output is dropped rather than waited for.
 *
 * Facts from xen/include/public/io/console.h, hvm/params.h, hvm/hvm_op.h,
 * event_channel.h and sched.h.
 */
#include "xen-console.h"
#include "paging.h"
#include "tsc.h"
#include "xen.h"

#define HVM_PARAM_CONSOLE_PFN     17
#define HVM_PARAM_CONSOLE_EVTCHN  18

#define RING_OUT_SIZE             2048u
#define FULL_WAIT_TICKS           (1ull << 32)   /* ~1.5 s at 3 GHz */

struct xencons_interface {
	char in[1024];
	char out[RING_OUT_SIZE];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

struct xen_console {
	volatile struct xencons_interface *ring;   /* NULL: not open */
	uint32_t port;
	bool stalled;        /* the back end once left the ring full too long */
};

static struct xen_console xen_console;

static bool hvm_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index };

	if (xen_hypercall3(XEN_HC_HVM_OP, HVMOP_GET_PARAM, (uint64_t)(uintptr_t)&p, 0) != 0)
		return false;
	*value = p.value;
	return true;
}

bool xen_console_open(void)
{
	struct xen_console *c = &xen_console;
	uint64_t pfn, port;

	if (c->ring)
		return true;
	if (!xen_detect() || !hvm_param(HVM_PARAM_CONSOLE_PFN, &pfn) ||
	    !hvm_param(HVM_PARAM_CONSOLE_EVTCHN, &port))
		return false;
	uint64_t addr = pfn << 12;
	if (pfn == 0 || addr >= PAGING_LIMIT)
		return false;
	/* libxl puts it just below 0xff000000, which boot.S maps uncached: map it cached */
	paging_map_4k(addr, addr, PTE_WRITE);
	c->port = (uint32_t)port;
	c->ring = (volatile struct xencons_interface *)(uintptr_t)addr;
	return true;
}

static void notify(const struct xen_console *c)
{
	uint32_t port = c->port;   /* struct evtchn_send */

	xen_hypercall3(XEN_HC_EVENT_CHANNEL, EVTCHNOP_SEND, (uint64_t)(uintptr_t)&port, 0);
}

/* Wait until the back end has made room after prod; false when it does not. */
static bool wait_for_room(struct xen_console *c, uint32_t prod)
{
	uint64_t start = rdtsc();

	notify(c);
	while (prod - __atomic_load_n(&c->ring->out_cons, __ATOMIC_ACQUIRE) >= RING_OUT_SIZE) {
		if (c->stalled || rdtsc() - start > FULL_WAIT_TICKS) {
			c->stalled = true;
			return false;
		}
		xen_hypercall3(XEN_HC_SCHED_OP, SCHEDOP_YIELD, 0, 0);
	}
	c->stalled = false;
	return true;
}

/* Copy bytes to the ring from prod on; returns the new prod. */
static uint32_t put(struct xen_console *c, uint32_t prod, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (prod - __atomic_load_n(&c->ring->out_cons, __ATOMIC_ACQUIRE) >= RING_OUT_SIZE) {
			/* publish what is there, then wait for the back end to take it */
			__atomic_store_n(&c->ring->out_prod, prod, __ATOMIC_RELEASE);
			if (!wait_for_room(c, prod))
				return prod;
		}
		c->ring->out[prod % RING_OUT_SIZE] = text[i];
		prod++;
	}
	return prod;
}

bool xen_console_write(const char *text, size_t len)
{
	struct xen_console *c = &xen_console;

	if (!c->ring)
		return false;
	uint32_t prod = c->ring->out_prod;
	prod = put(c, prod, text, len);
	prod = put(c, prod, "\n", 1);
	/* the bytes before the index: a release store orders them */
	__atomic_store_n(&c->ring->out_prod, prod, __ATOMIC_RELEASE);
	notify(c);
	return true;
}
