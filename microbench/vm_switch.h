/*
 * vm_switch.h - the vm-switch benchmark's common part (vm_switch.c) and
 * the per-architecture hooks it calls (ARCH/vm_switch.c).
 *
 * Two hand-offs, chosen by the hypervisor the guest finds:
 *   refhv  `refhv --vm-switch` maps a page into both VMs (hvb-abi.h); the
 *          guests take turns through it and its doorbell;
 *   Xen    two domUs pinned to one pCPU, each calling SCHEDOP_yield; the
 *          vCPU's runstate area says whether Xen switched it out.
 * docs/vm-switch.md says what is timed and how the clocks are handled.
 */
#ifndef VM_SWITCH_H
#define VM_SWITCH_H

#include <stdbool.h>
#include <stdint.h>
#include "bench.h"
#include "hvb-abi.h"
#include "kernel.h"
#include "kstring.h"
#include "xen-abi.h"

/* The partner's side: serve turns until told to stop (refhv) or for
 * vmswitch_secs seconds (Xen, default VMSWITCH_PARTNER_SECS); an exit code. */
#define VMSWITCH_PARTNER_SECS 120
int vm_switch_partner(const struct guest_env *env);

/* ---- shared by the benchmark (vm_switch.c) and the partner --------------- */
static inline uint64_t vm_switch_ms_ticks(uint64_t hz, uint64_t ms)
{
	return (hz ? hz : 1000000000ull) / 1000 * ms;
}

static inline bool vm_switch_is_xen(const struct guest_env *env)
{
	const char *hv = env->platform.hv;
	return str_eq((struct str){ hv, strlen(hv) }, "xen");
}

/* The page's words are written by the other VM: atomics, acquire/release. */
static inline uint64_t vm_switch_load(volatile uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void vm_switch_store(volatile uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* ---- per architecture --------------------------------------------------- */
/* The counter, fenced as tick_begin() (ARCH/tick.h). */
uint64_t vm_switch_arch_tick(void);
/* Map refhv's shared page (cached, writable); NULL when it cannot be. */
volatile struct hvb_vmswitch_page *vm_switch_arch_page(void);
/* Ring refhv's doorbell: give the CPU away until the page's turn moves. */
void vm_switch_arch_doorbell(void);
/* Under Xen: SCHEDOP_yield, and VCPUOP_register_runstate_memory_area for
 * vCPU 0 (0 or a negative errno). */
void vm_switch_arch_xen_yield(void);
long vm_switch_arch_xen_runstate(struct xen_runstate_info *area);

#endif
