/*
 * xen-upcall.c (arm64) - xen-evtchn.h's architecture half: hvc #0xEA1,
 * grant-table frame 0 at the start of the region the device tree's
 * /hypervisor "reg" sets aside for it (mapped Normal here), and upcalls as
 * the event-channel PPI of /hypervisor "interrupts", enabled in the boot
 * CPU's redistributor.
 */
#include "xen-evtchn.h"
#include "irq.h"
#include "machine.h"
#include "mmu.h"
#include "smp.h"
#include "xen.h"

long xen_arch_hypercall2(unsigned op, uint64_t a0, uint64_t a1)
{
	return xen_hypercall2(op, a0, a1);
}

uint64_t xen_arch_gnttab_gfn(void)
{
	uint64_t base = arm64_machine()->xen_gnttab_base;

	if (base == 0 || mmu_map_4k(arm64_mmu(), base, base, MEM_NORMAL))
		return 0;
	return base / 4096;
}

static void upcall(unsigned intid, void *ctx)
{
	xen_evtchn_upcall(ctx);
}

bool xen_arch_upcall_init(struct xen_evtchn *ch)
{
	unsigned intid = arm64_machine()->xen_evtchn_intid;

	if (intid == 0 || intid >= GIC_LOCAL_IRQS || this_cpu()->gic.rd_base == 0)
		return false;
	irq_register(intid, upcall, ch);
	gic_enable_local(&this_cpu()->gic, intid);
	return true;
}
