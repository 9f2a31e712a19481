/*
 * cpuid.c - what CPUID tells the guest: everything KVM supports, plus
 *
 *   leaf 0x1 / 0xb / 0x1f   this vCPU's APIC ID, and the "hypervisor" bit
 *   leaf 0x40000000          KVM's "KVMKVMKVM" signature, its max leaf
 *                            raised to 0x40000010
 *   leaf 0x40000010          EAX = TSC frequency in kHz, EBX = LAPIC timer
 *                            (bus) frequency in kHz (VMware's convention,
 *                            also read by Linux)
 */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../log.h"
#include "../vcpu.h"
#include "../vm.h"
#include "x86.h"

#define MAX_CPUID_ENTRIES 512
#define LEAF_HV_BASE 0x40000000u
#define LEAF_HV_TIMING 0x40000010u
#define KVM_LAPIC_BUS_KHZ 1000000u   /* KVM's APIC timer ticks once per ns */
#define CPUID_1_ECX_HYPERVISOR (1u << 31)

/* KVM_GET_SUPPORTED_CPUID, with room for one more entry. */
static struct kvm_cpuid2 *supported_cpuid(int kvm_fd)
{
	for (unsigned n = 64; n <= MAX_CPUID_ENTRIES; n *= 2) {
		struct kvm_cpuid2 *cpuid =
			calloc(1, sizeof(*cpuid) + (n + 1) * sizeof(cpuid->entries[0]));
		if (!cpuid)
			break;
		cpuid->nent = n;
		if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) == 0)
			return cpuid;
		free(cpuid);
		if (errno != E2BIG) {
			refhv_err("KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
			return NULL;
		}
	}
	refhv_err("KVM_GET_SUPPORTED_CPUID: too many entries");
	return NULL;
}

static struct kvm_cpuid_entry2 *find_leaf(struct kvm_cpuid2 *cpuid, uint32_t function)
{
	for (uint32_t i = 0; i < cpuid->nent; i++)
		if (cpuid->entries[i].function == function)
			return &cpuid->entries[i];
	return NULL;
}

static void set_apic_id(struct kvm_cpuid2 *cpuid, unsigned id)
{
	for (uint32_t i = 0; i < cpuid->nent; i++) {
		struct kvm_cpuid_entry2 *e = &cpuid->entries[i];
		if (e->function == 1) {
			e->ebx = (e->ebx & 0x00ffffffu) | (id << 24);
			e->ecx |= CPUID_1_ECX_HYPERVISOR;
		} else if (e->function == 0xb || e->function == 0x1f) {
			e->edx = id;   /* x2APIC ID */
		}
	}
}

static void add_timing_leaf(struct kvm_cpuid2 *cpuid, uint32_t tsc_khz)
{
	struct kvm_cpuid_entry2 *base = find_leaf(cpuid, LEAF_HV_BASE);
	if (base && base->eax < LEAF_HV_TIMING)
		base->eax = LEAF_HV_TIMING;

	struct kvm_cpuid_entry2 *timing = find_leaf(cpuid, LEAF_HV_TIMING);
	if (!timing)
		timing = &cpuid->entries[cpuid->nent++];   /* room reserved above */
	*timing = (struct kvm_cpuid_entry2){
		.function = LEAF_HV_TIMING,
		.eax = tsc_khz,
		.ebx = KVM_LAPIC_BUS_KHZ,
	};
}

int x86_setup_cpuid(struct vcpu *vcpu)
{
	struct kvm_cpuid2 *cpuid = supported_cpuid(vcpu->vm->kvm_fd);
	if (!cpuid)
		return -1;

	int tsc_khz = ioctl(vcpu->fd, KVM_GET_TSC_KHZ, 0);
	if (tsc_khz < 0) {
		refhv_err("warning: KVM_GET_TSC_KHZ: %s; CPUID 0x40000010 says 0", strerror(errno));
		tsc_khz = 0;
	}
	set_apic_id(cpuid, vcpu->id);
	add_timing_leaf(cpuid, (uint32_t)tsc_khz);

	int ret = ioctl(vcpu->fd, KVM_SET_CPUID2, cpuid);
	if (ret < 0)
		refhv_err("KVM_SET_CPUID2: %s", strerror(errno));
	free(cpuid);
	return ret < 0 ? -1 : 0;
}
