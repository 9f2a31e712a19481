/*
 * vm_switch.c (x86_64) - vm-switch's hooks (../vm_switch.h): refhv's page
 * and its port doorbell, Xen's yield and runstate area through the
 * hypercall page.
 */
#include "vm_switch.h"

#include "tick.h"
#include "x86_64/io.h"
#include "x86_64/paging.h"
#include "x86_64/xen.h"

#define VCPU_BOOT 0

uint64_t vm_switch_arch_tick(void)
{
	return tick_begin();
}

volatile struct hvb_vmswitch_page *vm_switch_arch_page(void)
{
	if (paging_map_4k(HVB_VMSWITCH_PAGE, HVB_VMSWITCH_PAGE, PTE_WRITE) != 0)
		return NULL;
	return (volatile struct hvb_vmswitch_page *)(uintptr_t)HVB_VMSWITCH_PAGE;
}

void vm_switch_arch_doorbell(void)
{
	outb(HVB_PORT_VMSWITCH, 0);
}

void vm_switch_arch_xen_yield(void)
{
	xen_hypercall3(XEN_HC_SCHED_OP, SCHEDOP_YIELD, 0, 0);
}

long vm_switch_arch_xen_runstate(struct xen_runstate_info *area)
{
	/* struct vcpu_register_runstate_memory_area: the area's (virtual =
	 * physical, identity-mapped) address */
	static uint64_t arg;

	if (!xen_detect())
		return -1;
	arg = (uint64_t)(uintptr_t)area;
	return xen_hypercall3(XEN_HC_VCPU_OP, VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, VCPU_BOOT,
			      (uint64_t)(uintptr_t)&arg);
}
