/*
 * io_latency.c (arm64) - no io-latency helper on arm64 yet.
 *
 * The x86 helper (x86/io_latency.c) is woken by port-I/O doorbells and
 * interrupts the guest through an IOAPIC pin, with stamps in TSC time.  An
 * arm64 one would use MMIO ioeventfds, an SPI through the vGIC and
 * cntvct_el0; until it exists the guest finds no helper page and reports
 * io-latency-out/in as unsupported, which is the truth.
 */
#include "../io_latency.h"

int io_latency_start(struct vm *vm)
{
	(void)vm;
	return 0;
}

void io_latency_stop(struct vm *vm)
{
	(void)vm;
}
