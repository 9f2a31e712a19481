/*
 * arch_state.h (arm64) - what struct vcpu and struct vm keep that only
 * arm64 needs (vcpu->arch, vm->arch).
 */
#ifndef REFHV_ARM64_ARCH_STATE_H
#define REFHV_ARM64_ARCH_STATE_H

struct vcpu_arch {
	/* nothing: the timers and the GIC's CPU interface are KVM's */
	char unused;
};

struct vm_arch {
	int irqchip_fd;   /* the vGIC device (KVM_CREATE_DEVICE); -1 when none */
};

#endif
