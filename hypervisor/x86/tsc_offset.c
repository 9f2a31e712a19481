/*
 * tsc_offset.c - arch_host_counter() and arch_clock_offset() on x86:
 * guest TSC - host TSC of a vCPU, for the io-latency helper and vm-switch.
 *
 * KVM runs a guest with guest TSC = host TSC + offset (refhv sets no TSC
 * frequency, so there is no scaling), one offset per VM, set when the
 * vCPUs are created.  KVM_VCPU_TSC_OFFSET (Linux 5.16+) reads it exactly;
 * without it, it is estimated from KVM_GET_MSRS(IA32_TSC) between two host
 * TSC reads, keeping the tightest of a few tries (error: half that gap).
 */
#include <linux/kvm.h>
#include <sys/ioctl.h>

#include "../arch.h"
#include "../vcpu.h"
#include "x86.h"

#define MSR_IA32_TSC 0x10
#define OFFSET_TRIES 16

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

uint64_t arch_host_counter(void)
{
	return x86_host_tsc();
}

bool arch_clock_offset(struct vcpu *vcpu, int64_t *offset, uint64_t *error)
{
	if (error)
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
	uint64_t best_gap = UINT64_MAX;
	*offset = 0;
	for (int i = 0; i < OFFSET_TRIES; i++) {
		uint64_t before = x86_host_tsc(), guest;
		if (guest_msr(vcpu->fd, MSR_IA32_TSC, &guest))
			break;
		uint64_t after = x86_host_tsc();
		if (after - before < best_gap) {
			best_gap = after - before;
			*offset = (int64_t)(guest - (before + (after - before) / 2));
		}
	}
	if (error)
		*error = best_gap == UINT64_MAX ? 0 : best_gap / 2;
	return false;
}
