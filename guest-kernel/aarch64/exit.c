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
#include "hvb-abi.h"
#include "machine.h"

#define XEN_HYPERCALL_TAG   0xea1
#define XEN_HC_SCHED_OP     29
#define SCHEDOP_SHUTDOWN    2
#define SHUTDOWN_POWEROFF   0
#define SHUTDOWN_CRASH      3

static void xen_shutdown(int code)
{
	/* struct sched_shutdown { unsigned int reason; }; identity-mapped */
	uint32_t reason = code == HVB_GUEST_EXIT_OK ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH;
	register uint64_t x0 __asm__("x0") = SCHEDOP_SHUTDOWN;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)&reason;
	register uint64_t x16 __asm__("x16") = XEN_HC_SCHED_OP;

	__asm__ volatile("hvc %[tag]" : "+r"(x0), "+r"(x1), "+r"(x16)
			 : [tag] "i"(XEN_HYPERCALL_TAG)
			 : "x2", "x3", "x4", "memory");
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
