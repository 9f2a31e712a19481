/*
 * ioport.c - the port-device table, as the exit path and --stats see it:
 * the architecture's table (arch_platform()->io_devices; x86 only, arm64
 * has no port I/O) plus one "unassigned" slot.  Decoding KVM_EXIT_IO is
 * x86's (x86/ioport.c).
 */
#include "ioport.h"

#include "arch.h"

static const struct io_device unassigned = { 0, 0, "unassigned", NULL };

const struct io_device *ioport_device(unsigned slot)
{
	const struct arch_platform *p = arch_platform();

	if (slot < p->nr_io_devices)
		return &p->io_devices[slot];
	return slot == IO_DEVICE_SLOTS - 1 ? &unassigned : NULL;
}

unsigned ioport_find(uint16_t port)
{
	const struct arch_platform *p = arch_platform();

	for (unsigned i = 0; i < p->nr_io_devices; i++)
		if (port >= p->io_devices[i].base && port - p->io_devices[i].base < p->io_devices[i].len)
			return i;
	return IO_DEVICE_SLOTS - 1;
}
