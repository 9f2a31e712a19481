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

/* The shutdown reason for arch_exit(code): poweroff after a clean run,
 * crash after a failure, so the tool stack sees the difference. */
static inline uint32_t xen_shutdown_reason(int code)
{
	return code == HVB_GUEST_EXIT_OK ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH;
}

#endif
