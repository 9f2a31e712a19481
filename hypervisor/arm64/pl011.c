/*
 * pl011.c - just enough of an Arm PL011 UART for a guest to print.
 *
 * A write to DR (offset 0) goes to the console.  FR says "transmit FIFO
 * empty, receive FIFO empty", so polling guests never wait.  The PrimeCell
 * identification registers read as a PL011's, so a Linux guest's AMBA bus
 * finds its driver.  Every other register reads 0 and ignores writes.
 */
#include <string.h>

#include "../vcpu.h"
#include "arm64.h"

#define PL011_DR 0x000
#define PL011_FR 0x018
#define PL011_ID_FIRST 0xfe0    /* PeriphID0..3, then PCellID0..3, one byte per word */

#define PL011_FR_RXFE 0x10      /* receive FIFO empty */
#define PL011_FR_TXFE 0x80      /* transmit FIFO empty (so TXFF, "full", is clear) */

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t pl011_read(uint64_t offset)
{
	if (offset == PL011_FR)
		return PL011_FR_RXFE | PL011_FR_TXFE;
	if (offset >= PL011_ID_FIRST && offset < PL011_ID_FIRST + 4 * sizeof(pl011_id) &&
	    offset % 4 == 0)
		return pl011_id[(offset - PL011_ID_FIRST) / 4];
	return 0;
}

void pl011_mmio(struct vcpu *vcpu, struct mmio_access *mmio)
{
	if (mmio->is_write) {
		if (mmio->offset == PL011_DR)
			console_putc(&vcpu->console, (char)mmio->data[0]);   /* little-endian */
		return;
	}
	uint32_t value = pl011_read(mmio->offset);
	memset(mmio->data, 0, mmio->len);
	memcpy(mmio->data, &value, mmio->len < sizeof(value) ? mmio->len : sizeof(value));
}
