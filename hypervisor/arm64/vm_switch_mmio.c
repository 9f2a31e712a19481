/*
 * vm_switch_mmio.c - the vm-switch doorbell on arm64: a store to
 * HVB_ARM64_VMSWITCH gives the CPU to the partner VM (../vm_switch.c).
 * A load returns all-ones, like an unbacked address.
 */
#include <string.h>

#include "../vm_switch.h"
#include "arm64.h"

void vm_switch_mmio(struct vcpu *vcpu, struct mmio_access *mmio)
{
	if (!mmio->is_write) {
		memset(mmio->data, 0xff, mmio->len);
		return;
	}
	vm_switch_doorbell(vcpu);
}
