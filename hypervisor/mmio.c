/*
 * mmio.c - dispatch KVM_EXIT_MMIO to the device that owns the address, in
 * the architecture's device table (arch_platform(), x86/ and arm64/).
 *
 * Unassigned addresses read as all-ones and ignore writes (counted for
 * --stats).  An access is at most 8 bytes, whatever the exit claims.
 */
#include "mmio.h"

#include <linux/kvm.h>
#include <string.h>

#include "arch.h"
#include "vcpu.h"

static const struct mmio_device unassigned = { 0, 0, "unassigned", NULL };

const struct mmio_device *mmio_device(unsigned slot)
{
	const struct arch_platform *p = arch_platform();

	if (slot < p->nr_mmio_devices)
		return &p->mmio_devices[slot];
	return slot == MMIO_DEVICE_SLOTS - 1 ? &unassigned : NULL;
}

static unsigned find_device(const struct mmio_device *devices, unsigned n, uint64_t addr)
{
	for (unsigned i = 0; i < n; i++)
		if (addr >= devices[i].base && addr - devices[i].base < devices[i].len)
			return i;
	return MMIO_DEVICE_SLOTS - 1;
}

bool mmio_handle_exit(struct vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	uint32_t len = run->mmio.len;
	bool is_write = run->mmio.is_write;

	if (len == 0 || len > sizeof(run->mmio.data))
		return false;

	const struct arch_platform *p = arch_platform();
	unsigned slot = find_device(p->mmio_devices, p->nr_mmio_devices, run->mmio.phys_addr);
	if (vcpu->stats)
		vcpu->stat_slot = &vcpu->stats->mmio[slot][is_write];

	if (slot == MMIO_DEVICE_SLOTS - 1) {
		if (!is_write)
			memset(run->mmio.data, 0xff, len);
		if (vcpu->stats)
			vcpu->stats->ignored_accesses++;
		return true;
	}
	struct mmio_access mmio = {
		.addr = run->mmio.phys_addr,
		.offset = run->mmio.phys_addr - p->mmio_devices[slot].base,
		.len = len,
		.is_write = is_write,
		.data = run->mmio.data,
	};
	p->mmio_devices[slot].handle(vcpu, &mmio);
	return true;
}
