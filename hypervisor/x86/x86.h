/*
 * x86.h - x86 pieces that arch.c puts together.
 */
#ifndef REFHV_X86_X86_H
#define REFHV_X86_X86_H

struct vm;
struct vcpu;

/* irqchip.c: in-kernel LAPIC/IOAPIC/PIC and PIT, TSS and identity map. */
int x86_create_irqchip(struct vm *vm);

/* cpuid.c: KVM's supported CPUID, this vCPU's APIC ID, the TSC leaf. */
int x86_setup_cpuid(struct vcpu *vcpu);

#endif
