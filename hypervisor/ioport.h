/*
 * ioport.h - port I/O devices, found by port range in the architecture's
 * table (arch_platform()->io_devices, beside its MMIO table).  Only x86 has
 * port I/O: x86/ioport.c decodes KVM_EXIT_IO, x86/ holds the devices.
 */
#ifndef REFHV_IOPORT_H
#define REFHV_IOPORT_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* One access of 1, 2 or 4 bytes; data is in the vCPU's kvm_run page. */
struct io_access {
	uint16_t port;
	uint16_t offset;     /* port - device base */
	uint8_t size;
	bool is_write;
	uint8_t *data;       /* size bytes: the value written, or to fill on read */
};

typedef void io_handler_fn(struct vcpu *vcpu, struct io_access *io);

struct io_device {
	uint16_t base;
	uint16_t len;
	const char *name;
	io_handler_fn *handle;
};

/* Devices in the table, plus one slot for "unassigned" (the last index). */
#define IO_DEVICE_SLOTS 8

/* Name and base port of stats slot i (for the --stats table); NULL past the table. */
const struct io_device *ioport_device(unsigned slot);

/* The slot of the device that owns port, or IO_DEVICE_SLOTS - 1 (unassigned). */
unsigned ioport_find(uint16_t port);

#endif
