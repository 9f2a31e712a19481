/*
 * lapic.c - find the local APIC, switch its mode, enable it (see lapic.h).
 *
 * IA32_APIC_BASE (MSR 0x1b): bit 11 enables the APIC, bit 10 selects
 * x2APIC mode, the high bits hold the xAPIC register page.  x2APIC cannot
 * go straight back to xAPIC: the APIC has to be disabled in between.
 */
#include "lapic.h"
#include "cpuid.h"
#include "irq.h"

#define MSR_APIC_BASE        0x1b
#define APIC_BASE_ENABLE     (1ull << 11)
#define APIC_BASE_X2APIC     (1ull << 10)
#define APIC_BASE_ADDR_MASK  0x000ffffffffff000ull
#define SVR_ENABLE           0x100

#define CPUID1_EDX_APIC          (1u << 9)
#define CPUID1_ECX_X2APIC        (1u << 21)
#define CPUID1_ECX_TSC_DEADLINE  (1u << 24)

bool lapic_present(void)
{
	return (cpuid(1, 0).edx & CPUID1_EDX_APIC) != 0;
}

bool lapic_has_x2apic(void)
{
	return (cpuid(1, 0).ecx & CPUID1_ECX_X2APIC) != 0;
}

bool lapic_has_tsc_deadline(void)
{
	return (cpuid(1, 0).ecx & CPUID1_ECX_TSC_DEADLINE) != 0;
}

enum lapic_mode lapic_best_mode(void)
{
	return lapic_has_x2apic() ? LAPIC_X2APIC : LAPIC_XAPIC;
}

/* Spurious interrupts need no EOI and no work. */
static void spurious(void *ctx)
{
	(void)ctx;
}

bool lapic_enable(struct lapic *l, enum lapic_mode mode)
{
	if (!lapic_present() || (mode == LAPIC_X2APIC && !lapic_has_x2apic()))
		return false;

	uint64_t base = rdmsr(MSR_APIC_BASE);
	bool in_x2apic = (base & APIC_BASE_ENABLE) && (base & APIC_BASE_X2APIC);

	if (mode == LAPIC_XAPIC && in_x2apic)
		wrmsr(MSR_APIC_BASE, base & ~(APIC_BASE_ENABLE | APIC_BASE_X2APIC));
	base = (base & ~APIC_BASE_X2APIC) | APIC_BASE_ENABLE;
	if (mode == LAPIC_X2APIC)
		base |= APIC_BASE_X2APIC;
	wrmsr(MSR_APIC_BASE, base);

	l->mode = mode;
	l->mmio = (volatile uint32_t *)(uintptr_t)(base & APIC_BASE_ADDR_MASK);
	irq_register(LAPIC_SPURIOUS_VECTOR, spurious, 0);
	lapic_write(l, LAPIC_SVR, SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	lapic_write(l, LAPIC_TPR, 0);
	return true;
}
