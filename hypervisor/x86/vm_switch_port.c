/*
 * vm_switch_port.c - the vm-switch doorbell on x86: a write to
 * HVB_PORT_VMSWITCH gives the CPU to the partner VM (../vm_switch.c).
 * A read returns all-ones, like an unassigned port.  A rep outs to it is
 * one exit carrying many writes: it rings once (for the first), so one
 * exit never yields more than once.
 */
#include <linux/kvm.h>
#include <string.h>

#include "../vcpu.h"
#include "../vm_switch.h"
#include "x86.h"

void vm_switch_port_io(struct vcpu *vcpu, struct io_access *io)
{
	if (!io->is_write) {
		memset(io->data, 0xff, io->size);
		return;
	}
	if (io->data != (uint8_t *)vcpu->run + vcpu->run->io.data_offset)
		return;   /* the second and later writes of a rep outs */
	vm_switch_doorbell(vcpu);
}
