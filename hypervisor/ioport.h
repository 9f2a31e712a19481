/*
 * ioport.h - port I/O devices, found by port range in a small table.
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

/* Handle a KVM_EXIT_IO; returns false if the exit was malformed. */
bool ioport_handle_exit(struct vcpu *vcpu);

/* Name and base port of stats slot i (for the --stats table). */
const struct io_device *ioport_device(unsigned slot);

#endif
