/*
 * console-io.c - the x86 console devices: 16550 UART, debugcon, report port,
 * Xen's PV console.
 *
 * UART and debugcon take one byte per port write (one VM exit per byte on
 * most hypervisors).  The report port takes a whole line: the text goes into
 * a struct hvb_report_line in guest memory and one 32-bit write of its
 * physical address hands it to refhv (see hvb-abi.h).  The Xen PV console
 * (xen-console.c) takes a line per event-channel notification; it is the
 * default under Xen, and where it cannot be found lines go to the UART.
 */
#include "arch.h"
#include "hvb-abi.h"
#include "io.h"
#include "kstring.h"
#include "xen-console.h"

/* 16550 registers, as offsets from HVB_PORT_COM1. */
#define UART_THR   0   /* transmit holding (DLAB=0) */
#define UART_DLL   0   /* divisor low (DLAB=1) */
#define UART_IER   1   /* interrupt enable (DLAB=0) */
#define UART_DLM   1   /* divisor high (DLAB=1) */
#define UART_FCR   2   /* FIFO control */
#define UART_LCR   3   /* line control */
#define UART_MCR   4   /* modem control */
#define UART_LSR   5   /* line status */

#define LCR_8N1    0x03
#define LCR_DLAB   0x80
#define LSR_THRE   0x20   /* transmit holding register empty */

/* Give up waiting for a UART that never becomes ready (or is absent). */
#define UART_POLL_LIMIT 100000

/* The line handed to refhv; the host reads it while the guest is stopped. */
static struct hvb_report_line report_line __attribute__((aligned(8)));

static void uart_init(void)
{
	outb(HVB_PORT_COM1 + UART_IER, 0x00);       /* no interrupts */
	outb(HVB_PORT_COM1 + UART_LCR, LCR_DLAB);
	outb(HVB_PORT_COM1 + UART_DLL, 0x01);       /* 115200 baud */
	outb(HVB_PORT_COM1 + UART_DLM, 0x00);
	outb(HVB_PORT_COM1 + UART_LCR, LCR_8N1);
	outb(HVB_PORT_COM1 + UART_FCR, 0x07);       /* enable and clear FIFOs */
	outb(HVB_PORT_COM1 + UART_MCR, 0x03);       /* DTR, RTS */
}

static void uart_putc(char c)
{
	for (unsigned i = 0; i < UART_POLL_LIMIT; i++)
		if (inb(HVB_PORT_COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(HVB_PORT_COM1 + UART_THR, (uint8_t)c);
}

static void report_port_write(const char *text, size_t len)
{
	if (len > HVB_REPORT_MAX)
		len = HVB_REPORT_MAX;
	memcpy(report_line.text, text, len);
	report_line.len = (uint32_t)len;
	/* identity-mapped below 4 GiB: the virtual address is the physical one */
	outl(HVB_PORT_REPORT, (uint32_t)(uintptr_t)&report_line);
}

enum console_kind arch_console_default(void)
{
	return xen_console_open() ? CONSOLE_XEN : CONSOLE_UART;
}

void arch_console_init(enum console_kind kind)
{
	if (kind == CONSOLE_XEN && xen_console_open())
		return;
	if (kind == CONSOLE_UART || kind == CONSOLE_XEN)
		uart_init();
}

static void uart_write(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		uart_putc(text[i]);
	uart_putc('\n');
}

void arch_console_write(enum console_kind kind, const char *text, size_t len)
{
	switch (kind) {
	case CONSOLE_UART:
		uart_write(text, len);
		break;
	case CONSOLE_XEN:
		if (!xen_console_write(text, len))
			uart_write(text, len);
		break;
	case CONSOLE_DEBUGCON:
		for (size_t i = 0; i < len; i++)
			outb(HVB_PORT_DEBUGCON, (uint8_t)text[i]);
		outb(HVB_PORT_DEBUGCON, '\n');
		break;
	case CONSOLE_REPORT:
		report_port_write(text, len);
		break;
	}
}
