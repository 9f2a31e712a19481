/*
 * io_latency.c (arm64) - the io-latency helper's counter: the virtual
 * counter cntvct_el0.
 *
 * The guest reads cntvct_el0 = physical count - CNTVOFF (KVM's per-VM
 * offset).  refhv's own cntvct_el0 read is the physical count: with VHE the
 * offset does not apply to the host (E2H and TGE set), and without VHE KVM
 * sets CNTVOFF_EL2 back to 0 whenever it puts a vCPU.  KVM does not hand
 * out CNTVOFF itself (Linux 6.4's KVM_ARM_SET_COUNTER_OFFSET only sets it),
 * so the offset is estimated: KVM_GET_ONE_REG(KVM_REG_ARM_TIMER_CNT), the
 * guest's virtual count, between two host reads, the tightest of a few
 * tries (error: half that gap).  The helper thread itself is common code
 * (../io_latency.c); its doorbells are MMIO ioeventfds, its interrupt the
 * SPI HVB_ARM64_IOLAT_SPI through the vGIC (arm64/platform.c).
 */
#include "../io_latency.h"

#include <linux/kvm.h>
#include <sys/ioctl.h>

#include "../vcpu.h"

#define OFFSET_TRIES 16

uint64_t iolat_host_counter(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return t;
}

bool iolat_counter_offset(struct vcpu *vcpu, int64_t *offset, uint64_t *error)
{
	uint64_t best_gap = UINT64_MAX, guest = 0;
	struct kvm_one_reg reg = { .id = KVM_REG_ARM_TIMER_CNT, .addr = (uintptr_t)&guest };

	*offset = 0;
	for (int i = 0; i < OFFSET_TRIES; i++) {
		uint64_t before = iolat_host_counter();
		if (ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg))
			break;
		uint64_t after = iolat_host_counter();
		if (after - before < best_gap) {
			best_gap = after - before;
			*offset = (int64_t)(guest - (before + (after - before) / 2));
		}
	}
	*error = best_gap == UINT64_MAX ? 0 : best_gap / 2;
	return false;
}
