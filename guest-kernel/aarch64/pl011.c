/*
 * pl011.c - PL011 / SBSA UART output (see pl011.h).
 *
 * Each byte is one 32-bit store to UARTDR once UARTFR says the transmit
 * FIFO has room, so one MMIO exit per byte under a hypervisor.  An SBSA
 * UART (Xen's vpl011) has no line or control registers: it is used as is.
 */
#include "pl011.h"
#include "sysreg.h"

#define UARTDR        0x000
#define UARTFR        0x018
#define UARTLCR_H     0x02c
#define UARTCR        0x030
#define UARTFR_TXFF   (1u << 5)     /* transmit FIFO full */
#define UARTLCR_8BIT_FIFO 0x70      /* WLEN = 8 bits, FEN */
#define UARTCR_ENABLE 0x301         /* UARTEN | TXE | RXE */

#define UART_POLL_LIMIT 100000

void pl011_init(uint64_t base, bool full_pl011)
{
	if (!full_pl011 || (mmio_read32(base + UARTCR) & UARTCR_ENABLE) == UARTCR_ENABLE)
		return;
	mmio_write32(base + UARTCR, 0);
	mmio_write32(base + UARTLCR_H, UARTLCR_8BIT_FIFO);
	mmio_write32(base + UARTCR, UARTCR_ENABLE);
}

void pl011_putc(uint64_t base, char c)
{
	for (unsigned i = 0; i < UART_POLL_LIMIT; i++)
		if (!(mmio_read32(base + UARTFR) & UARTFR_TXFF))
			break;
	mmio_write32(base + UARTDR, (uint8_t)c);
}
