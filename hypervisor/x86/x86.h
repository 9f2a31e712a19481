/*
 * x86.h - x86 pieces that arch.c puts together.
 */
#ifndef REFHV_X86_X86_H
#define REFHV_X86_X86_H

#include <stdbool.h>

#include "../ioport.h"

struct vm;
struct vcpu;

/* ioport.c: decode KVM_EXIT_IO and call the port's device; false when malformed. */
bool x86_ioport_handle_exit(struct vcpu *vcpu);

/* The port devices (x86_io_devices in arch.c), each in its own file. */
io_handler_fn uart_io;          /* uart.c: 16550 at HVB_PORT_COM1 */
io_handler_fn debugcon_io;      /* debugcon.c: HVB_PORT_DEBUGCON */
io_handler_fn exit_port_io;     /* exit_port.c: HVB_PORT_EXIT */
io_handler_fn report_port_io;   /* report_port.c: HVB_PORT_REPORT */
io_handler_fn vm_switch_port_io; /* vm_switch_port.c: HVB_PORT_VMSWITCH */

/* The host's TSC (refhv never scales the guest's: guest = host + offset). */
static inline uint64_t x86_host_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* irqchip.c: in-kernel LAPIC/IOAPIC/PIC, TSS and identity map. */
int x86_create_irqchip(struct vm *vm);

/* cpuid.c: KVM's supported CPUID, this vCPU's APIC ID, the TSC leaf. */
int x86_setup_cpuid(struct vcpu *vcpu);

#endif
