/*
 * vm_switch.c (aarch64) - vm-switch's hooks (../vm_switch.h): refhv's page
 * (mapped Normal, as the host maps it, so both see one coherent copy) and
 * its MMIO doorbell; Xen's yield and runstate area through hvc #0xEA1.
 */
#include "vm_switch.h"

#include "fault-fixup.h"
#include "machine.h"
#include "mmu.h"
#include "sysreg.h"
#include "tick.h"
#include "xen.h"

#define VCPU_BOOT 0

uint64_t vm_switch_arch_tick(void)
{
	return tick_begin();
}

volatile struct hvb_vmswitch_page *vm_switch_arch_page(void)
{
	/* Look through the default Device mapping first: without refhv's page
	 * the address is unbacked (an MMIO read: all-ones under refhv; QEMU
	 * and Xen answer with a data abort, skipped here). */
	fault_fixup_arm(HVB_ARM64_VMSWITCH_PAGE, HVB_ARM64_VMSWITCH_PAGE + 8);
	uint64_t magic = mmio_read64(HVB_ARM64_VMSWITCH_PAGE);
	bool aborted = fault_fixup_count() != 0;
	fault_fixup_disarm();
	if (aborted || magic != HVB_VMSWITCH_MAGIC)
		return NULL;
	if (mmu_map_4k(arm64_mmu(), HVB_ARM64_VMSWITCH_PAGE, HVB_ARM64_VMSWITCH_PAGE, MEM_NORMAL) != 0)
		return NULL;
	return (volatile struct hvb_vmswitch_page *)(uintptr_t)HVB_ARM64_VMSWITCH_PAGE;
}

void vm_switch_arch_doorbell(void)
{
	mmio_write32(HVB_ARM64_VMSWITCH, 0);
}

void vm_switch_arch_xen_yield(void)
{
	xen_hypercall2(XEN_HC_SCHED_OP, SCHEDOP_YIELD, 0);
}

long vm_switch_arch_xen_runstate(struct xen_runstate_info *area)
{
	/* struct vcpu_register_runstate_memory_area: the area's virtual
	 * (= physical, identity-mapped) address */
	static uint64_t arg;

	arg = (uint64_t)(uintptr_t)area;
	return xen_hypercall3(XEN_HC_VCPU_OP, VCPUOP_REGISTER_RUNSTATE_MEMORY_AREA, VCPU_BOOT,
			      (uint64_t)(uintptr_t)&arg);
}
