/*
 * platform.c - the arm64 devices refhv emulates, by guest-physical
 * address: mmio.c dispatches on this table.  The GIC is in KVM and never
 * exits here; the addresses the guest must agree on are in hvb-abi.h,
 * the rest in layout.h (and in the DTB).
 */
#include "hvb-abi.h"

#include "../arch.h"
#include "../devices.h"
#include "arm64.h"
#include "layout.h"

static const struct mmio_device arm64_mmio_devices[] = {
	{ ARM64_UART_BASE, ARM64_UART_SIZE, "pl011", pl011_mmio },
	{ HVB_ARM64_REPORT, 8, "report", report_mmio },
	{ HVB_ARM64_VMSWITCH, 8, "vm-switch", vm_switch_mmio },
};
#define NR_ARM64_MMIO_DEVICES (sizeof(arm64_mmio_devices) / sizeof(arm64_mmio_devices[0]))
_Static_assert(NR_ARM64_MMIO_DEVICES < MMIO_DEVICE_SLOTS, "raise MMIO_DEVICE_SLOTS");

static const struct arch_platform arm64_platform = {
	.io_devices = NULL,   /* arm64 has no port I/O */
	.nr_io_devices = 0,
	.mmio_devices = arm64_mmio_devices,
	.nr_mmio_devices = NR_ARM64_MMIO_DEVICES,
	.bench_kernel_mmio = HVB_ARM64_BENCH_KERNEL,
	.bench_kernel_port = -1,   /* arm64 has no port I/O */
	.iolat = { HVB_ARM64_IOLAT_PAGE, { HVB_ARM64_IOLAT_OUT, HVB_ARM64_IOLAT_IN }, false,
		   HVB_ARM64_IOLAT_SPI - 32 },
	.vmswitch_page = HVB_ARM64_VMSWITCH_PAGE,
};

const struct arch_platform *arch_platform(void)
{
	return &arm64_platform;
}
