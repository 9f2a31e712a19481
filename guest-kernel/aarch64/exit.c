/*
 * exit.c - end the VM: Xen's SCHEDOP_shutdown, else PSCI SYSTEM_OFF.
 *
 * Under Xen (the DTB's /hypervisor) the guest asks for its own shutdown
 * with sched_op SCHEDOP_shutdown (hvc #0xEA1, x16 = the hypercall number,
 * xen/include/public/sched.h): reason "poweroff" after a clean run,
 * "crash" after a failure, so the tool stack sees the difference.
 * Elsewhere PSCI SYSTEM_OFF through the DTB's conduit: PSCI has no exit
 * status, so success and failure both power off, and the harness tells
 * them apart by the "HVB done" / "HVB error" records that come before.
 * If neither works, park the CPU for good.
 */
#include "arch.h"
#include "machine.h"
#include "xen.h"

static void xen_shutdown(int code)
{
	/* struct sched_shutdown { unsigned int reason; }; identity-mapped */
	uint32_t reason = xen_shutdown_reason(code);

	xen_hypercall2(XEN_HC_SCHED_OP, SCHEDOP_SHUTDOWN, (uint64_t)(uintptr_t)&reason);
}

_Noreturn void arch_exit(int code)
{
	const struct machine *m = arm64_machine();

	__asm__ volatile("msr daifset, #0xf" : : : "memory");
	if (m->is_xen)
		xen_shutdown(code);
	psci_system_off(m->psci);
	for (;;)
		__asm__ volatile("wfi");
}
