/*
 * arch_state.h (x86) - what struct vcpu and struct vm keep that only x86
 * needs (vcpu->arch, vm->arch).
 */
#ifndef REFHV_X86_ARCH_STATE_H
#define REFHV_X86_ARCH_STATE_H

#include <stdbool.h>

struct vcpu_arch {
	/* the UART's LCR.DLAB as this vCPU last wrote it (per vCPU, so the
	 * exit path needs no lock) */
	bool uart_dlab;
};

struct vm_arch {
	/* nothing: the LAPIC, IOAPIC and PIC are KVM's (KVM_CREATE_IRQCHIP) */
	char unused;
};

#endif
