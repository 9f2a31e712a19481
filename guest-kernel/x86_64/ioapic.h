/*
 * ioapic.h - route an IOAPIC input pin to a vector on one CPU.
 *
 * The IOAPIC sits at its default address 0xfec00000 (KVM's in-kernel one,
 * QEMU's).  Pins are routed edge-triggered, active high, fixed delivery,
 * physical destination.
 */
#ifndef X86_IOAPIC_H
#define X86_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#define IOAPIC_BASE 0xfec00000u

/* Route pin to vector on the CPU with APIC ID dest; false if the pin does not exist. */
bool ioapic_route(unsigned pin, unsigned vector, uint32_t dest);

/* Mask the pin again. */
void ioapic_mask(unsigned pin);

#endif
