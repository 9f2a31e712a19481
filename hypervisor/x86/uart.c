/*
 * uart.c - just enough of a 16550 UART at COM1 for a guest to print.
 *
 * Writes to THR (offset 0) go to the console.  LSR (offset 5) always says
 * "transmitter empty" so polling guests never wait; IIR says "no interrupt
 * pending".  Every other register reads 0 and ignores writes.  The divisor
 * latch (LCR.DLAB) is not tracked: a guest programming the baud rate with
 * DLAB set writes the divisor's low byte to offset 0, which would print it,
 * so offset-0 writes are dropped while DLAB is set.
 */
#include <string.h>

#include "x86.h"
#include "../vcpu.h"

#define UART_THR 0   /* transmit holding register (write) */
#define UART_IIR 2   /* interrupt identification (read) */
#define UART_LCR 3   /* line control */
#define UART_LSR 5   /* line status */

#define UART_LCR_DLAB 0x80
#define UART_IIR_NO_INT 0x01
#define UART_LSR_THRE 0x20   /* transmit holding register empty */
#define UART_LSR_TEMT 0x40   /* transmitter empty */

void uart_io(struct vcpu *vcpu, struct io_access *io)
{
	if (io->is_write) {
		/* The DLAB bit is the only state kept; it lives in the data byte. */
		if (io->offset == UART_LCR)
			vcpu->arch.uart_dlab = (io->data[0] & UART_LCR_DLAB) != 0;
		else if (io->offset == UART_THR && !vcpu->arch.uart_dlab)
			console_putc(&vcpu->console, (char)io->data[0]);
		return;
	}
	memset(io->data, 0, io->size);
	if (io->offset == UART_LSR)
		io->data[0] = UART_LSR_THRE | UART_LSR_TEMT;
	else if (io->offset == UART_IIR)
		io->data[0] = UART_IIR_NO_INT;
}
