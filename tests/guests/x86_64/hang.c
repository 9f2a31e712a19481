/*
 * hang.c - a test guest that never finishes: it says hello (the kernel does
 * that before guest_main), then spins forever with interrupts off.  Used to
 * check that refhv's and the harness's watchdogs end a stuck guest.
 */
#include "console.h"
#include "kernel.h"

int guest_main(const struct guest_env *env)
{
	console_log("hang: spinning forever with interrupts off");
	__asm__ volatile("cli");
	for (;;)
		__asm__ volatile("pause");
}
