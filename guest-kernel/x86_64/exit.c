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

#define SCHEDOP_SHUTDOWN   2
#define SHUTDOWN_POWEROFF  0
#define SHUTDOWN_CRASH     3

static void xen_shutdown(int code)
{
	uint32_t reason = code == HVB_GUEST_EXIT_OK ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH;

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
