/*
 * x86.h - x86 pieces that arch.c puts together.
 */
#ifndef REFHV_X86_X86_H
#define REFHV_X86_X86_H

struct vm;
struct vcpu;

/* irqchip.c: in-kernel LAPIC/IOAPIC/PIC, TSS and identity map. */
int x86_create_irqchip(struct vm *vm);

/* cpuid.c: KVM's supported CPUID, this vCPU's APIC ID, the TSC leaf. */
int x86_setup_cpuid(struct vcpu *vcpu);

/*
 * io_latency.c: the io-latency helper's state and its shared page's memslot,
 * before the irqchip exists: a memslot added after KVM_CREATE_IRQCHIP took a
 * median 4 ms here (before it, 30 us).  A failure is only a warning (the
 * helper is then absent); always returns 0.  io_latency_start() does the rest.
 */
int x86_io_latency_map(struct vm *vm);

#endif
