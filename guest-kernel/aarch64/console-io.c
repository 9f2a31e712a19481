/*
 * console-io.c - the arm64 console devices behind the common console.
 *
 *   uart      the PL011 / SBSA UART the device tree names (one exit per byte)
 *   report    refhv's report port: the line goes into a struct
 *             hvb_report_line in guest memory and one 64-bit store of its
 *             address to HVB_ARM64_REPORT hands it over (hvb-abi.h)
 *   debugcon  arm64 has none: lines go to the UART
 *   xen       the UART too: a Xen domU's console is the vpl011 (vuart="sbsa_uart")
 * Without a UART in the device tree, uart output is dropped.
 */
#include "arch.h"
#include "hvb-abi.h"
#include "kstring.h"
#include "machine.h"
#include "pl011.h"
#include "sysreg.h"

/* The line handed to refhv; the host reads it while the vCPU is stopped. */
static struct hvb_report_line report_line __attribute__((aligned(8)));

static void report_port_write(const char *text, size_t len)
{
	if (len > HVB_REPORT_MAX)
		len = HVB_REPORT_MAX;
	memcpy(report_line.text, text, len);
	report_line.len = (uint32_t)len;
	dsb_ishst();
	/* identity-mapped: the virtual address is the guest-physical one */
	__asm__ volatile("str %0, [%1]" : : "r"((uint64_t)(uintptr_t)&report_line),
			 "r"((uintptr_t)HVB_ARM64_REPORT) : "memory");
}

enum console_kind arch_console_default(void)
{
	return CONSOLE_UART;
}

void arch_console_init(enum console_kind kind)
{
	const struct machine *m = arm64_machine();

	if (m->uart_base != 0)
		pl011_init(m->uart_base, m->uart_is_pl011);
}

void arch_console_write(enum console_kind kind, const char *text, size_t len)
{
	uint64_t uart = arm64_machine()->uart_base;

	if (kind == CONSOLE_REPORT) {
		report_port_write(text, len);
		return;
	}
	if (uart == 0)
		return;
	for (size_t i = 0; i < len; i++)
		pl011_putc(uart, text[i]);
	pl011_putc(uart, '\n');
}
