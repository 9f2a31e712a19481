/*
 * cpu.c - arm64 vCPUs: KVM_ARM_VCPU_INIT with the host's preferred CPU
 * type and PSCI 0.2 (KVM then answers the guest's PSCI calls itself:
 * CPU_ON starts a secondary vCPU, SYSTEM_OFF ends the VM with a system
 * event).  vCPU 0 boots; the others start powered off.
 *
 * Registers go through KVM_SET_ONE_REG, one 64-bit core register at a
 * time, named by its offset in struct kvm_regs.
 */
#include <errno.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../log.h"
#include "../vcpu.h"
#include "../vm.h"
#include "arm64.h"

#define CORE_REG(field) \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(field))

/* EL1 using SP_EL1, debug, SError, IRQ and FIQ masked (booting.rst). */
#define ENTRY_PSTATE (PSR_MODE_EL1h | PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

static int set_reg(struct vcpu *vcpu, uint64_t id, uint64_t value, const char *name)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&value };

	if (ioctl(vcpu->fd, KVM_SET_ONE_REG, &reg) < 0) {
		refhv_err("vcpu %u: KVM_SET_ONE_REG %s: %s", vcpu->id, name, strerror(errno));
		return -1;
	}
	return 0;
}

int arm64_vcpu_init(struct vcpu *vcpu)
{
	struct kvm_vcpu_init init;

	memset(&init, 0, sizeof(init));
	if (ioctl(vcpu->vm->vm_fd, KVM_ARM_PREFERRED_TARGET, &init) < 0) {
		refhv_err("KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
		return -1;
	}
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (vcpu->id != 0)
		init.features[0] |= 1u << KVM_ARM_VCPU_POWER_OFF;
	if (ioctl(vcpu->fd, KVM_ARM_VCPU_INIT, &init) < 0) {
		refhv_err("vcpu %u: KVM_ARM_VCPU_INIT: %s", vcpu->id, strerror(errno));
		return -1;
	}
	return 0;
}

int arm64_set_entry_state(struct vcpu *vcpu, uint64_t entry, uint64_t dtb_gpa)
{
	if (set_reg(vcpu, CORE_REG(regs.pstate), ENTRY_PSTATE, "pstate") ||
	    set_reg(vcpu, CORE_REG(regs.pc), entry, "pc") ||
	    set_reg(vcpu, CORE_REG(regs.regs[0]), dtb_gpa, "x0"))
		return -1;
	/* x1..x3 are reserved and must be 0: KVM_ARM_VCPU_INIT cleared them. */
	return 0;
}

uint64_t arm64_vcpu_pc(struct vcpu *vcpu)
{
	uint64_t pc = 0;
	struct kvm_one_reg reg = { .id = CORE_REG(regs.pc), .addr = (uintptr_t)&pc };

	if (ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg) < 0)
		return 0;
	return pc;
}
