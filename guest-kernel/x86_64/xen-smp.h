/*
 * xen-smp.h - start a secondary vCPU under Xen (HVM/PVH), without INIT-SIPI.
 *
 * A PVH domain's other vCPUs do not answer INIT-SIPI-SIPI; Xen starts them
 * itself: VCPUOP_initialise with a struct vcpu_hvm_context (here: 64-bit
 * mode on the boot CPU's CR0/CR3/CR4/EFER, so directly on the kernel's
 * page tables), then VCPUOP_up.  The new vCPU loads a GDT and the shared
 * IDT and calls fn(arg) on its own stack, like smp_start_ap()'s APs.
 */
#ifndef X86_XEN_SMP_H
#define X86_XEN_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include "smp.h"

/*
 * Start Xen vCPU vcpu_id (1 .. SMP_MAX_CPUS - 1) running fn(arg), which
 * must not return; wait at most budget TSC ticks for it to check in.
 * False when there is no such vCPU or it did not start.  Its APIC ID is
 * Xen's choice (2 * vcpu_id): ask it, not the caller.
 */
bool xen_start_vcpu(unsigned vcpu_id, smp_ap_fn *fn, void *arg, uint64_t budget);

#endif
