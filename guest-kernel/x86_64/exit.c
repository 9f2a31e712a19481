/*
 * exit.c - end the VM through the exit port.
 *
 * QEMU's isa-debug-exit (iobase=0xf4, iosize=4) and refhv both end the VM on
 * a 32-bit write to HVB_PORT_EXIT.  If nothing is listening, halt for good.
 */
#include "arch.h"
#include "hvb-abi.h"
#include "io.h"

_Noreturn void arch_exit(int code)
{
	outl(HVB_PORT_EXIT, (uint32_t)code);
	for (;;)
		__asm__ volatile("cli; hlt");
}
