/*
 * mmio.c - dispatch KVM_EXIT_MMIO to the device that owns the address.
 *
 * Unassigned addresses read as all-ones and ignore writes (counted for
 * --stats).  An access is at most 8 bytes, whatever the exit claims.
 */
#include "mmio.h"

#include <linux/kvm.h>
#include <string.h>

#include "devices.h"
#include "hvb-abi.h"
#include "vcpu.h"

static const struct mmio_device mmio_devices[] = {
	{ HVB_MMIO_BENCH_USER, 0x1000, "bench-user", bench_user_mmio },
};
#define NR_MMIO_DEVICES (sizeof(mmio_devices) / sizeof(mmio_devices[0]))
_Static_assert(NR_MMIO_DEVICES < MMIO_DEVICE_SLOTS, "raise MMIO_DEVICE_SLOTS");

static const struct mmio_device unassigned = { 0, 0, "unassigned", NULL };

const struct mmio_device *mmio_device(unsigned slot)
{
	if (slot < NR_MMIO_DEVICES)
		return &mmio_devices[slot];
	return slot == MMIO_DEVICE_SLOTS - 1 ? &unassigned : NULL;
}

static unsigned find_device(uint64_t addr)
{
	for (unsigned i = 0; i < NR_MMIO_DEVICES; i++)
		if (addr >= mmio_devices[i].base && addr - mmio_devices[i].base < mmio_devices[i].len)
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

	unsigned slot = find_device(run->mmio.phys_addr);
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
		.offset = run->mmio.phys_addr - mmio_devices[slot].base,
		.len = len,
		.is_write = is_write,
		.data = run->mmio.data,
	};
	mmio_devices[slot].handle(vcpu, &mmio);
	return true;
}
