/*
 * ioport.c - dispatch KVM_EXIT_IO to the device that owns the port.
 *
 * Unassigned ports behave like an empty ISA bus: reads return all-ones,
 * writes vanish; both are counted for --stats.  String I/O (rep ins/outs)
 * arrives as count accesses packed in the kvm_run page; the packed data
 * must lie inside that page, whatever the exit claims.
 */
#include "ioport.h"

#include <linux/kvm.h>
#include <string.h>

#include "devices.h"
#include "hvb-abi.h"
#include "vcpu.h"
#include "vm.h"

static const struct io_device io_devices[] = {
	{ HVB_PORT_COM1, 8, "uart", uart_io },
	{ HVB_PORT_DEBUGCON, 1, "debugcon", debugcon_io },
	{ HVB_PORT_EXIT, 4, "exit", exit_port_io },
	{ HVB_PORT_REPORT, 4, "report", report_port_io },
};
#define NR_IO_DEVICES (sizeof(io_devices) / sizeof(io_devices[0]))
_Static_assert(NR_IO_DEVICES < IO_DEVICE_SLOTS, "raise IO_DEVICE_SLOTS");

static const struct io_device unassigned = { 0, 0, "unassigned", NULL };

const struct io_device *ioport_device(unsigned slot)
{
	if (slot < NR_IO_DEVICES)
		return &io_devices[slot];
	return slot == IO_DEVICE_SLOTS - 1 ? &unassigned : NULL;
}

static unsigned find_device(uint16_t port)
{
	for (unsigned i = 0; i < NR_IO_DEVICES; i++)
		if (port >= io_devices[i].base && port - io_devices[i].base < io_devices[i].len)
			return i;
	return IO_DEVICE_SLOTS - 1;
}

bool ioport_handle_exit(struct vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	uint8_t size = run->io.size;
	uint32_t count = run->io.count;
	uint64_t offset = run->io.data_offset;
	bool is_write = run->io.direction == KVM_EXIT_IO_OUT;

	if (size != 1 && size != 2 && size != 4)
		return false;
	if (offset < sizeof(*run) || offset > vcpu->vm->run_size ||
	    (uint64_t)count * size > vcpu->vm->run_size - offset)
		return false;

	unsigned slot = find_device(run->io.port);
	if (vcpu->stats)
		vcpu->stat_slot = &vcpu->stats->io[slot][is_write];

	struct io_access io = {
		.port = run->io.port,
		.size = size,
		.is_write = is_write,
		.data = (uint8_t *)run + offset,
	};
	if (slot == IO_DEVICE_SLOTS - 1) {
		if (!is_write)
			memset(io.data, 0xff, (size_t)count * size);
		if (vcpu->stats)
			vcpu->stats->ignored_accesses += count;
		return true;
	}
	io.offset = (uint16_t)(io.port - io_devices[slot].base);
	for (uint32_t i = 0; i < count; i++, io.data += size)
		io_devices[slot].handle(vcpu, &io);
	return true;
}
