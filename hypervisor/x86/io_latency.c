/*
 * io_latency.c (x86) - the io-latency helper's counter: the TSC.
 *
 * KVM runs the guest with guest TSC = host TSC + offset (no scaling, refhv
 * does not set a TSC frequency).  The offset comes from
 * KVM_VCPU_TSC_OFFSET (Linux 5.16+) and is exact; without it, it is
 * estimated from KVM_GET_MSRS(IA32_TSC) between two host TSC reads, the
 * tightest of a few tries (error: half that gap).  The helper thread itself
 * is common code (../io_latency.c); its doorbells are ports, its interrupt
 * an IOAPIC pin (x86/arch.c's platform).
 */
#include "../io_latency.h"

#include <linux/kvm.h>
#include <sys/ioctl.h>

#include "../vcpu.h"

#define MSR_IA32_TSC 0x10
#define OFFSET_TRIES 16

uint64_t iolat_host_counter(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Read a guest MSR of a vCPU that is not running. */
static int guest_msr(int vcpu_fd, uint32_t index, uint64_t *value)
{
	struct {
		struct kvm_msrs head;
		struct kvm_msr_entry entry;
	} msrs = { .head.nmsrs = 1, .entry.index = index };

	if (ioctl(vcpu_fd, KVM_GET_MSRS, &msrs) != 1)
		return -1;
	*value = msrs.entry.data;
	return 0;
}

bool iolat_counter_offset(struct vcpu *vcpu, int64_t *offset, uint64_t *error)
{
	*error = 0;
#ifdef KVM_VCPU_TSC_OFFSET
	struct kvm_device_attr attr = {
		.group = KVM_VCPU_TSC_CTRL,
		.attr = KVM_VCPU_TSC_OFFSET,
		.addr = (uint64_t)(uintptr_t)offset,
	};
	if (ioctl(vcpu->fd, KVM_GET_DEVICE_ATTR, &attr) == 0)
		return true;
#endif
	/* Estimate: the guest TSC read sits between two host reads; keep the tightest. */
	uint64_t best_gap = UINT64_MAX;
	*offset = 0;
	for (int i = 0; i < OFFSET_TRIES; i++) {
		uint64_t before = iolat_host_counter(), guest;
		if (guest_msr(vcpu->fd, MSR_IA32_TSC, &guest))
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
