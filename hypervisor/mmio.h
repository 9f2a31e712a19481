/*
 * mmio.h - MMIO devices (accesses to unbacked guest-physical addresses),
 * found by address range in a small table.
 */
#ifndef REFHV_MMIO_H
#define REFHV_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* One access of 1..8 bytes; data is in the vCPU's kvm_run page. */
struct mmio_access {
	uint64_t addr;
	uint64_t offset;     /* addr - device base */
	uint32_t len;
	bool is_write;
	uint8_t *data;
};

typedef void mmio_handler_fn(struct vcpu *vcpu, struct mmio_access *mmio);

struct mmio_device {
	uint64_t base;
	uint64_t len;
	const char *name;
	mmio_handler_fn *handle;
};

/* Devices in the table, plus one slot for "unassigned" (the last index). */
#define MMIO_DEVICE_SLOTS 4

/* Handle a KVM_EXIT_MMIO; returns false if the exit was malformed. */
bool mmio_handle_exit(struct vcpu *vcpu);

/* Name and base of stats slot i (for the --stats table). */
const struct mmio_device *mmio_device(unsigned slot);

#endif
