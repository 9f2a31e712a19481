/*
 * fault.c - a test guest that takes an exception: it says hello (the kernel
 * does that before guest_main), then executes ud2.  Expected output: an
 * "HVB error msg=exception vector=0x06 rip=..." record and a failed exit.
 */
#include "console.h"
#include "kernel.h"

int guest_main(const struct guest_env *env)
{
	console_log("fault: executing ud2");
	__asm__ volatile("ud2");
	return 0;   /* not reached */
}
