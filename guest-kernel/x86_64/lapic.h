/*
 * lapic.h - the local APIC, in xAPIC (MMIO at 0xfee00000) or x2APIC (MSRs
 * 0x800 + register/16) mode.
 *
 * lapic_enable() switches this CPU's APIC into the asked mode and software-
 * enables it; the returned struct lapic says how to reach it, so the
 * accessors below (inline: several benchmarks time exactly one of them)
 * never have to ask the CPU which mode it is in.  Register numbers are the
 * xAPIC offsets (LAPIC_EOI = 0xb0, ...) in both modes.
 *
 * Caution: under some hypervisors an x2APIC MSR access while the APIC is
 * in xAPIC mode is fatal (a triple fault), so always go through a struct
 * lapic that lapic_enable() filled in.
 */
#ifndef X86_LAPIC_H
#define X86_LAPIC_H

#include <stdbool.h>
#include <stdint.h>
#include "msr.h"

#define LAPIC_ID        0x020
#define LAPIC_TPR       0x080
#define LAPIC_EOI       0x0b0
#define LAPIC_SVR       0x0f0
#define LAPIC_ICR_LOW   0x300
#define LAPIC_ICR_HIGH  0x310   /* xAPIC only */
#define LAPIC_LVT_TIMER 0x320

/* ICR bits (low word). */
#define ICR_FIXED           0x00000
#define ICR_INIT            0x00500
#define ICR_STARTUP         0x00600
#define ICR_LEVEL_ASSERT    0x04000
#define ICR_SELF            0x40000   /* destination shorthand "self" */

#define LVT_MASKED          (1u << 16)
#define LVT_TSC_DEADLINE    (2u << 17)

#define MSR_X2APIC_BASE     0x800
#define MSR_TSC_DEADLINE    0x6e0

/* The vector spurious interrupts arrive on (low nibble all ones). */
#define LAPIC_SPURIOUS_VECTOR 0x3f

enum lapic_mode {
	LAPIC_XAPIC,
	LAPIC_X2APIC,
};

struct lapic {
	enum lapic_mode mode;
	volatile uint32_t *mmio;    /* xAPIC register page; unused in x2APIC mode */
};

/* CPUID: is there a local APIC / can it do x2APIC / TSC-deadline? */
bool lapic_present(void);
bool lapic_has_x2apic(void);
bool lapic_has_tsc_deadline(void);

/* Put this CPU's APIC in mode and software-enable it; false if impossible. */
bool lapic_enable(struct lapic *l, enum lapic_mode mode);

/* The best mode this CPU offers: x2APIC when CPUID says so. */
enum lapic_mode lapic_best_mode(void);

static inline uint32_t lapic_read(const struct lapic *l, unsigned reg)
{
	if (l->mode == LAPIC_X2APIC)
		return (uint32_t)rdmsr(MSR_X2APIC_BASE + (reg >> 4));
	return l->mmio[reg / 4];
}

static inline void lapic_write(const struct lapic *l, unsigned reg, uint32_t value)
{
	if (l->mode == LAPIC_X2APIC)
		wrmsr(MSR_X2APIC_BASE + (reg >> 4), value);
	else
		l->mmio[reg / 4] = value;
}

static inline void lapic_eoi(const struct lapic *l)
{
	lapic_write(l, LAPIC_EOI, 0);
}

/* Send an IPI: icr_low holds vector, delivery mode, shorthand; dest an APIC ID. */
static inline void lapic_send_ipi(const struct lapic *l, uint32_t dest, uint32_t icr_low)
{
	if (l->mode == LAPIC_X2APIC) {
		wrmsr(MSR_X2APIC_BASE + (LAPIC_ICR_LOW >> 4), ((uint64_t)dest << 32) | icr_low);
	} else {
		l->mmio[LAPIC_ICR_HIGH / 4] = dest << 24;
		l->mmio[LAPIC_ICR_LOW / 4] = icr_low;
	}
}

/* This CPU's APIC ID. */
static inline uint32_t lapic_id(const struct lapic *l)
{
	uint32_t id = lapic_read(l, LAPIC_ID);
	return l->mode == LAPIC_X2APIC ? id : id >> 24;
}

#endif
