/*
 * ioport.c (x86) - dispatch KVM_EXIT_IO to the device that owns the port,
 * in x86's port table (x86_io_devices in arch.c, beside the MMIO table).
 *
 * Unassigned ports behave like an empty ISA bus: reads return all-ones,
 * writes vanish; both are counted for --stats.  String I/O (rep ins/outs)
 * arrives as count accesses packed in the kvm_run page; the packed data
 * must lie inside that page, whatever the exit claims.
 */
#include <linux/kvm.h>
#include <string.h>

#include "hvb-abi.h"

#include "../arch.h"
#include "../ioport.h"
#include "../vcpu.h"
#include "../vm.h"
#include "x86.h"


bool x86_ioport_handle_exit(struct vcpu *vcpu)
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

	unsigned slot = ioport_find(run->io.port);
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
	const struct io_device *dev = ioport_device(slot);
	io.offset = (uint16_t)(io.port - dev->base);
	for (uint32_t i = 0; i < count; i++, io.data += size)
		dev->handle(vcpu, &io);
	return true;
}
