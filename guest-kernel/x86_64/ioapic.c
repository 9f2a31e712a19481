/*
 * ioapic.c - IOAPIC redirection entries (see ioapic.h).
 *
 * Registers are reached indirectly: write the register number to IOREGSEL
 * (offset 0x00), then read or write it through IOWIN (offset 0x10).
 * Register 1 holds the number of pins - 1 in bits 16-23; redirection entry
 * n is the register pair 0x10 + 2n (low word) and 0x11 + 2n (high word,
 * destination in bits 24-31).
 */
#include "ioapic.h"

#define IOREGSEL        0x00
#define IOWIN           0x10
#define IOAPIC_VERSION  0x01
#define IOREDTBL(pin)   (0x10 + 2 * (pin))
#define REDIR_MASKED    (1u << 16)

static volatile uint32_t *ioapic_reg(unsigned offset)
{
	return (volatile uint32_t *)(uintptr_t)(IOAPIC_BASE + offset);
}

static uint32_t ioapic_read(unsigned reg)
{
	*ioapic_reg(IOREGSEL) = reg;
	return *ioapic_reg(IOWIN);
}

static void ioapic_write(unsigned reg, uint32_t value)
{
	*ioapic_reg(IOREGSEL) = reg;
	*ioapic_reg(IOWIN) = value;
}

bool ioapic_route(unsigned pin, unsigned vector, uint32_t dest)
{
	unsigned pins = ((ioapic_read(IOAPIC_VERSION) >> 16) & 0xff) + 1;

	if (pin >= pins || vector < 16 || vector > 255)
		return false;
	ioapic_write(IOREDTBL(pin), REDIR_MASKED);
	ioapic_write(IOREDTBL(pin) + 1, dest << 24);
	ioapic_write(IOREDTBL(pin), vector);   /* fixed, physical, high, edge, unmasked */
	return true;
}

void ioapic_mask(unsigned pin)
{
	ioapic_write(IOREDTBL(pin), REDIR_MASKED);
}
