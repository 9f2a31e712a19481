/*
 * arch.c - the arm64 arch hooks (see ../arch.h): a vGICv3 in KVM, an
 * Image plus a generated device tree, PSCI vCPUs, and the boot vCPU's
 * entry state (PC = the Image, x0 = the DTB).
 */
#include <unistd.h>

#include "../arch.h"
#include "../vcpu.h"
#include "../vm.h"
#include "arm64.h"
#include "layout.h"

int arch_vm_init(struct vm *vm)
{
	return arm64_gic_create(vm);
}

int arch_load_guest(struct vm *vm, const char *path, const char *cmdline)
{
	return arm64_load_guest(vm, path, cmdline);
}

int arch_vcpu_init(struct vcpu *vcpu)
{
	if (arm64_vcpu_init(vcpu))
		return -1;
	/* vCPU 0 boots; the others wait, powered off, for PSCI CPU_ON. */
	if (vcpu->id == 0)
		return arm64_set_entry_state(vcpu, vcpu->vm->boot_entry,
					     arm64_dtb_gpa(vcpu->vm->mem.size));
	return 0;
}

int arch_vm_ready(struct vm *vm)
{
	return arm64_gic_init(vm);
}

uint64_t arch_vcpu_pc(struct vcpu *vcpu)
{
	return arm64_vcpu_pc(vcpu);
}

/* arm64 has no exit of its own beyond the common table (no port I/O; PSCI
 * and the vGIC are in KVM). */
enum vcpu_action arch_handle_exit(struct vcpu *vcpu)
{
	return VCPU_UNHANDLED;
}

void arch_vm_state_init(struct vm *vm)
{
	vm->arch.irqchip_fd = -1;
}

void arch_vm_state_release(struct vm *vm)
{
	if (vm->arch.irqchip_fd >= 0)
		close(vm->arch.irqchip_fd);
	vm->arch.irqchip_fd = -1;
}
