/*
 * pl011.h - the PL011 UART (and its SBSA subset), transmit side only.
 */
#ifndef A64_PL011_H
#define A64_PL011_H

#include <stdbool.h>
#include <stdint.h>

/* A full PL011 that is off gets 8-bit words, FIFOs, TX and RX on; SBSA: nothing. */
void pl011_init(uint64_t base, bool full_pl011);

/* Wait (bounded) for room in the transmit FIFO, then send c. */
void pl011_putc(uint64_t base, char c);

#endif
