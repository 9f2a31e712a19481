/*
 * counter_offset.c - arch_host_counter() and arch_clock_offset() on arm64:
 * guest CNTVCT - host CNTVCT of a vCPU, for the io-latency helper and
 * vm-switch.
 *
 * KVM gives each VM its own virtual counter offset (CNTVOFF_EL2, chosen at
 * VM creation so a new guest's counter starts near 0); the host's own
 * cntvct_el0 has no offset (VHE: E2H/TGE ignore CNTVOFF; nVHE: KVM runs the
 * host with CNTVOFF = 0).  KVM has no call that reads the offset, so it is
 * estimated: KVM_GET_ONE_REG(KVM_REG_ARM_TIMER_CNT), the guest's counter as
 * KVM computes it now, between two host reads, keeping the tightest of a
 * few tries (the error is at most half that gap).
 */
#include <linux/kvm.h>
#include <sys/ioctl.h>

#include "../arch.h"
#include "../vcpu.h"

#define OFFSET_TRIES 16

uint64_t arch_host_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

bool arch_clock_offset(struct vcpu *vcpu, int64_t *offset, uint64_t *error)
{
	uint64_t best_gap = UINT64_MAX, guest = 0;
	struct kvm_one_reg reg = { .id = KVM_REG_ARM_TIMER_CNT, .addr = (uintptr_t)&guest };

	*offset = 0;
	for (int i = 0; i < OFFSET_TRIES; i++) {
		uint64_t before = arch_host_counter();
		if (ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg) < 0)
			break;
		uint64_t after = arch_host_counter();
		if (after - before < best_gap) {
			best_gap = after - before;
			*offset = (int64_t)(guest - (before + (after - before) / 2));
		}
	}
	if (error)
		*error = best_gap == UINT64_MAX ? 0 : best_gap / 2;
	return false;
}
