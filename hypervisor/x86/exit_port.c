/*
 * exit_port.c - the guest ends the VM by writing a value v to HVB_PORT_EXIT
 * (QEMU isa-debug-exit style): v == HVB_GUEST_EXIT_OK gives refhv status
 * REFHV_EXIT_GUEST_OK, anything else REFHV_EXIT_GUEST_FAIL.  A write of
 * any size counts (the value is zero-extended); reads return all-ones.
 */
#include <string.h>

#include "x86.h"
#include "hvb-abi.h"
#include "../log.h"
#include "../vcpu.h"
#include "../vm.h"

void exit_port_io(struct vcpu *vcpu, struct io_access *io)
{
	uint32_t value = 0;

	if (!io->is_write) {
		memset(io->data, 0xff, io->size);
		return;
	}
	memcpy(&value, io->data, io->size);   /* x86 is little-endian */
	console_flush(&vcpu->console);
	if (value == HVB_GUEST_EXIT_OK) {
		vm_stop(vcpu->vm, REFHV_EXIT_GUEST_OK);
	} else {
		refhv_err("guest exit with value %u (failure)", value);
		vm_stop(vcpu->vm, REFHV_EXIT_GUEST_FAIL);
	}
}
