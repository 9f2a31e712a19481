/*
 * fault.c - an arm64 test guest that takes an exception: it says hello
 * (the kernel does that before guest_main), then executes an undefined
 * instruction.  Expected output: a log line with ESR/FAR, an
 * "HVB error msg=exception vector=0x04 rip=..." record, then power-off.
 */
#include "console.h"
#include "kernel.h"

int guest_main(const struct guest_env *env)
{
	console_log("fault: executing udf");
	__asm__ volatile("udf #0");
	return 0;   /* not reached */
}
