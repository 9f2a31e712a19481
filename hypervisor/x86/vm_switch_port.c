/*
 * vm_switch_port.c - the vm-switch doorbell on x86: a write to
 * HVB_PORT_VMSWITCH gives the CPU to the partner VM (../vm_switch.c).
 * A read returns all-ones, like an unassigned port.
 */
#include <string.h>

#include "../vm_switch.h"
#include "x86.h"

void vm_switch_port_io(struct vcpu *vcpu, struct io_access *io)
{
	if (!io->is_write) {
		memset(io->data, 0xff, io->size);
		return;
	}
	vm_switch_doorbell(vcpu);
}
