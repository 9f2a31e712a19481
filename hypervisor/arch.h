/*
 * arch.h - the few hooks each architecture (x86/, arm64/) provides.
 *
 * Common code owns the VM lifecycle, the vCPU threads and the devices; an
 * architecture only says where RAM goes, how to set up the VM's interrupt
 * controller, how to load and boot a guest, and how to read a vCPU's PC.
 */
#ifndef REFHV_ARCH_H
#define REFHV_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "ioport.h"
#include "memory.h"
#include "mmio.h"

struct vm;
struct vcpu;

/*
 * Where the io-latency helper (io_latency.c) meets the guest: its shared
 * page, the two doorbells it binds to ioeventfds (out, in) and the GSI its
 * irqfd raises (x86: an IOAPIC pin; arm64: SPI INTID - 32).  page 0: none.
 */
struct arch_iolat {
	uint64_t page;
	uint64_t doorbell[2];
	bool pio;                            /* doorbells are ports, not addresses */
	unsigned gsi;
};

/*
 * What a guest sees besides RAM: the port devices (x86) and the MMIO
 * devices at fixed guest-physical addresses that refhv emulates, and the
 * benchmark targets KVM completes by itself through an ioeventfd
 * (bench_ports.c).
 */
struct arch_platform {
	const struct io_device *io_devices;  /* port devices (x86 only), dispatched by x86/ioport.c */
	unsigned nr_io_devices;              /* < IO_DEVICE_SLOTS */
	const struct mmio_device *mmio_devices;
	unsigned nr_mmio_devices;            /* < MMIO_DEVICE_SLOTS */
	uint64_t bench_kernel_mmio;          /* 0: none */
	int bench_kernel_port;               /* -1: none (no port I/O) */
	struct arch_iolat iolat;             /* the io-latency helper's wiring */
	uint64_t vmswitch_page;              /* --vm-switch's shared page (hvb-abi.h) */
};

const struct arch_platform *arch_platform(void);

/* Split size bytes of RAM into guest-physical regions (gpa and size set). */
void arch_ram_layout(uint64_t size, struct guest_region regions[GUEST_MAX_REGIONS],
		     unsigned *nr_regions);

/* struct vm_arch: its initial values (before anything can fail), and
 * what it holds released (vm_destroy). */
void arch_vm_state_init(struct vm *vm);
void arch_vm_state_release(struct vm *vm);

/* After the VM exists, before any vCPU: irqchip, timers, ... */
int arch_vm_init(struct vm *vm);

/* Load the guest image into RAM and write the boot information. */
int arch_load_guest(struct vm *vm, const char *path, const char *cmdline);

/* After the vCPU exists: CPUID, and for the boot vCPU the entry state. */
int arch_vcpu_init(struct vcpu *vcpu);

/* After every vCPU exists, before any runs (arm64: initialise the vGIC). */
int arch_vm_ready(struct vm *vm);

/*
 * The exits only this architecture has (x86: KVM_EXIT_IO), for the ones
 * the common exit table (vcpu.c) leaves to it, as kvmtool's arch
 * handle_exit: VCPU_CONTINUE, VCPU_STOP, or VCPU_UNHANDLED when the reason
 * is not the architecture's either (then refhv reports an unexpected exit).
 */
enum vcpu_action arch_handle_exit(struct vcpu *vcpu);

/* The vCPU's program counter, for crash messages (0 if unreadable). */
uint64_t arch_vcpu_pc(struct vcpu *vcpu);

/* The host's counter: x86 rdtsc, arm64 cntvct_el0 (x86/tsc_offset.c,
 * arm64/counter_offset.c). */
uint64_t arch_host_counter(void);

/* The guest's counter (x86 TSC, arm64 CNTVCT) minus the host's, for a vCPU
 * that is not running: true when KVM said so exactly, false for an
 * estimate (the guest's value read between two host reads, *error ticks
 * either way; error may be NULL). */
bool arch_clock_offset(struct vcpu *vcpu, int64_t *offset, uint64_t *error);

#endif
