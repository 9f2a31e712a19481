/*
 * exit.c - end the VM: Xen's SCHEDOP_shutdown, else the exit port.
 *
 * Under Xen the guest asks for its own shutdown (sched_op SCHEDOP_shutdown,
 * xen/include/public/sched.h): reason "poweroff" after a clean run,
 * "crash" after a failure, so the tool stack sees the difference.
 * QEMU's isa-debug-exit (iobase=0xf4, iosize=4) and refhv both end the VM on
 * a 32-bit write to HVB_PORT_EXIT.  If nothing is listening, halt for good.
 */
#include "arch.h"
#include "hvb-abi.h"
#include "io.h"
#include "xen.h"

static void xen_shutdown(int code)
{
	uint32_t reason = xen_shutdown_reason(code);

	/* struct sched_shutdown { unsigned int reason; } */
	xen_hypercall3(XEN_HC_SCHED_OP, SCHEDOP_SHUTDOWN, (uint64_t)(uintptr_t)&reason, 0);
}

_Noreturn void arch_exit(int code)
{
	if (xen_detect())
		xen_shutdown(code);
	outl(HVB_PORT_EXIT, (uint32_t)code);
	for (;;)
		__asm__ volatile("cli; hlt");
}
