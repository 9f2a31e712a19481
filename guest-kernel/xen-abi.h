/*
 * xen-abi.h - the numbers of Xen's public interface that the guest uses on
 * both architectures: hypercalls, their sub-operations, and the shutdown
 * reason for a guest exit code.  How a hypercall is made is per
 * architecture (x86_64/xen.h: the hypercall page; aarch64/xen.h: hvc).
 *
 * Facts from xen/include/public/xen.h, version.h and sched.h.
 */
#ifndef XEN_ABI_H
#define XEN_ABI_H

#include <stdint.h>
#include "hvb-abi.h"

/* Hypercall numbers (xen/include/public/xen.h). */
#define XEN_HC_MEMORY_OP       12
#define XEN_HC_XEN_VERSION     17
#define XEN_HC_VCPU_OP         24
#define XEN_HC_SCHED_OP        29
#define XEN_HC_EVENT_CHANNEL   32
#define XEN_HC_HVM_OP          34

#define XEN_DOMID_SELF         0x7ff0u

/* xen_version sub-operation (version.h). */
#define XENVER_VERSION         0

/* vcpu_op: the runstate area (vcpu.h), Xen's record of when this vCPU
 * ran, waited runnable or blocked, written by Xen when it switches the
 * vCPU out; vm-switch reads it to know that another vCPU ran. */
#define VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA 5
#define XEN_RUNSTATE_UPDATE    (1ull << 63)   /* in state_entry_time while Xen writes */

struct xen_runstate_info {
	int32_t state;                /* RUNSTATE_running 0, runnable 1, blocked 2, offline 3 */
	uint32_t pad;
	uint64_t state_entry_time;    /* Xen system time (ns) of the last change */
	uint64_t time[4];             /* ns spent in each state */
};

/* sched_op sub-operations and shutdown reasons (sched.h). */
#define SCHEDOP_YIELD          0
#define SCHEDOP_SHUTDOWN       2
#define SHUTDOWN_POWEROFF      0
#define SHUTDOWN_CRASH         3

/* memory_op XENMEM_add_to_physmap (memory.h): put a Xen page at gpfn. */
#define XENMEM_ADD_TO_PHYSMAP  7
#define XENMAPSPACE_SHARED_INFO 0
#define XENMAPSPACE_GRANT_TABLE 1
struct xen_add_to_physmap {
	uint16_t domid;
	uint16_t size;
	uint32_t space;
	uint64_t idx;
	uint64_t gpfn;
};

/* event_channel_op (event_channel.h). */
#define EVTCHNOP_SEND          4
#define EVTCHNOP_ALLOC_UNBOUND 6
struct evtchn_alloc_unbound {
	uint16_t dom, remote_dom;
	uint32_t port;            /* out */
};
struct evtchn_send {
	uint32_t port;
};

/* hvm_op HVMOP_set/get_param (hvm/hvm_op.h, params.h), x86: the upcall
 * vector, the console ring. */
#define HVMOP_SET_PARAM        0
#define HVMOP_GET_PARAM        1
#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_CALLBACK_VECTOR(v) ((2ull << 56) | (v))
struct xen_hvm_param {
	uint16_t domid;
	uint16_t pad;
	uint32_t index;
	uint64_t value;
};

/* Grant table v1 (grant_table.h): entries 0-7 are the tool stack's. */
#define GTF_PERMIT_ACCESS      1u
struct grant_entry_v1 {
	uint16_t flags;
	uint16_t domid;
	uint32_t frame;
};

/*
 * shared_info (xen.h): vcpu_info[XEN_LEGACY_MAX_VCPUS], then the 2-level
 * event channel bitmaps.  x86: 32 vcpu_infos of 64 bytes (arch part: cr2
 * + pad); arm64 (arch-arm.h): one of 48 (no arch part).  In both, byte 0
 * is evtchn_upcall_pending, byte 1 evtchn_upcall_mask and bytes 8-15
 * evtchn_pending_sel.
 */
#if defined(__x86_64__)
#define XEN_LEGACY_MAX_VCPUS   32
#define XEN_VCPU_INFO_SIZE     64
#else
#define XEN_LEGACY_MAX_VCPUS   1
#define XEN_VCPU_INFO_SIZE     48
#endif
#define XEN_SHINFO_PENDING     (XEN_LEGACY_MAX_VCPUS * XEN_VCPU_INFO_SIZE)
#define XEN_SHINFO_MASK        (XEN_SHINFO_PENDING + 64 * 8)
#define XEN_VCPU_PENDING_SEL   8

/* The shutdown reason for arch_exit(code): poweroff after a clean run,
 * crash after a failure, so the tool stack sees the difference. */
static inline uint32_t xen_shutdown_reason(int code)
{
	return code == HVB_GUEST_EXIT_OK ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH;
}

#endif
