/*
 * arch.c - the x86 arch hooks (see ../arch.h): the platform's port devices
 * (and no MMIO ones), the exits only x86 has (port I/O),
 * in-kernel irqchip, PVH ELF loading with its start-of-day block, CPUID,
 * and the boot vCPU's entry state.
 */
#include <errno.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "hvb-abi.h"

#include "../arch.h"
#include "../devices.h"
#include "../file.h"
#include "../io_latency.h"
#include "../log.h"
#include "../vcpu.h"
#include "../vm.h"
#include "boot.h"
#include "elf_loader.h"
#include "x86.h"

/* refhv's x86 devices are on ports (x86/ioport.c dispatches on this table);
 * the benchmark ports are deliberately absent (bench_ports.c). */
static const struct io_device x86_io_devices[] = {
	{ HVB_PORT_COM1, 8, "uart", uart_io },
	{ HVB_PORT_DEBUGCON, 1, "debugcon", debugcon_io },
	{ HVB_PORT_EXIT, 4, "exit", exit_port_io },
	{ HVB_PORT_REPORT, 4, "report", report_port_io },
	{ HVB_PORT_VMSWITCH, 1, "vm-switch", vm_switch_port_io },
};
#define NR_X86_IO_DEVICES (sizeof(x86_io_devices) / sizeof(x86_io_devices[0]))
_Static_assert(NR_X86_IO_DEVICES < IO_DEVICE_SLOTS, "raise IO_DEVICE_SLOTS");

/* No MMIO device of refhv's on x86: the LAPIC and IOAPIC are in KVM, and
 * HVB_MMIO_BENCH_USER stays unassigned. */
static const struct arch_platform x86_platform = {
	.io_devices = x86_io_devices,
	.nr_io_devices = NR_X86_IO_DEVICES,
	.mmio_devices = NULL,
	.nr_mmio_devices = 0,
	.bench_kernel_mmio = HVB_MMIO_BENCH_KERNEL,
	.bench_kernel_port = HVB_PORT_BENCH_KERNEL,
	.iolat = { HVB_IOLAT_PAGE, { HVB_PORT_IOLAT_OUT, HVB_PORT_IOLAT_IN }, true, HVB_IOLAT_GSI },
	.vmswitch_page = HVB_VMSWITCH_PAGE,
};

const struct arch_platform *arch_platform(void)
{
	return &x86_platform;
}

int arch_vm_init(struct vm *vm)
{
	return io_latency_map(vm) || x86_create_irqchip(vm);
}

int arch_load_guest(struct vm *vm, const char *path, const char *cmdline)
{
	struct pvh_image image;
	size_t size;
	uint8_t *file = read_whole_file(path, vm->mem.size, &size);

	if (!file)
		return -1;
	enum elf_error err = pvh_elf_parse(file, size, vm->mem.size, &image);
	if (err) {
		refhv_err("%s: %s", path, elf_error_str(err));
		free(file);
		return -1;
	}
	pvh_elf_copy(&image, file, &vm->mem);
	free(file);
	vm->boot_entry = image.entry;
	return pvh_write_start_info(&vm->mem, cmdline);
}

int arch_vcpu_init(struct vcpu *vcpu)
{
	if (x86_setup_cpuid(vcpu))
		return -1;
	/* vCPU 0 boots; the others wait in the in-kernel LAPIC for a SIPI. */
	if (vcpu->id == 0)
		return pvh_set_entry_state(vcpu, (uint32_t)vcpu->vm->boot_entry);
	return 0;
}

int arch_vm_ready(struct vm *vm)
{
	return 0;
}

uint64_t arch_vcpu_pc(struct vcpu *vcpu)
{
	struct kvm_regs regs;

	if (ioctl(vcpu->fd, KVM_GET_REGS, &regs) < 0)
		return 0;
	return regs.rip;
}

/* Port I/O is x86's own exit (x86/ioport.c). */
enum vcpu_action arch_handle_exit(struct vcpu *vcpu)
{
	if (vcpu->run->exit_reason != KVM_EXIT_IO)
		return VCPU_UNHANDLED;
	if (!x86_ioport_handle_exit(vcpu))
		return vcpu_malformed_exit(vcpu, "port I/O");
	return vm_is_stopping(vcpu->vm) ? VCPU_STOP : VCPU_CONTINUE;
}

void arch_vm_state_init(struct vm *vm)
{
	(void)vm;
}

void arch_vm_state_release(struct vm *vm)
{
	(void)vm;
}
