/*
 * debugcon.c - the Bochs/QEMU debug console: each byte written to
 * HVB_PORT_DEBUGCON is console output.  Reads return 0xe9, which is how
 * guests detect it.
 */
#include <string.h>

#include "x86.h"
#include "hvb-abi.h"
#include "../vcpu.h"

void debugcon_io(struct vcpu *vcpu, struct io_access *io)
{
	if (io->is_write) {
		console_putc(&vcpu->console, (char)io->data[0]);
		return;
	}
	memset(io->data, 0, io->size);
	io->data[0] = HVB_PORT_DEBUGCON;
}
