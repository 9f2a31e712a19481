/*
 * fdt_build.h - the device tree refhv hands an arm64 guest in x0.
 *
 * A pure function over a buffer (libfdt's sequential writer), so the unit
 * tests build one on any host and read it back with libfdt.
 */
#ifndef REFHV_ARM64_FDT_BUILD_H
#define REFHV_ARM64_FDT_BUILD_H

#include <stddef.h>
#include <stdint.h>

/* What the tree describes; addresses are guest-physical. */
struct arm64_machine {
	uint64_t ram_base, ram_size;
	unsigned nr_cpus;
	uint64_t gic_dist_base, gic_dist_size;
	uint64_t gic_redist_base, gic_redist_size;   /* all vCPUs' together */
	uint64_t uart_base, uart_size;
	unsigned uart_spi;                           /* SPI number (INTID - 32) */
	uint32_t uart_clock_hz;
	const char *bootargs;
};

/*
 * Write the tree into buf (at most size bytes).  Returns 0, or a negative
 * libfdt error (fdt_strerror() names it; -FDT_ERR_NOSPACE: too big).
 */
int arm64_fdt_build(const struct arm64_machine *m, void *buf, size_t size);

#endif
