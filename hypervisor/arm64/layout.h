/*
 * layout.h - where things go in an arm64 guest's physical address space
 * (kvmtool's RAM base, QEMU virt's device addresses):
 *
 *   0x0800_0000  GICv3 distributor         64 KiB
 *   0x080a_0000  GICv3 redistributors      128 KiB per vCPU
 *   0x0900_0000  PL011 UART                4 KiB
 *   0x0901_0000  report port               HVB_ARM64_REPORT (hvb-abi.h)
 *   0x0b00_0000  bench MMIO                HVB_ARM64_BENCH_* (hvb-abi.h)
 *   0x8000_0000  RAM, one region:
 *                  [base + text_offset, + image_size)   the Image
 *                  [top - 2 MiB, top)                    the DTB
 *
 * Only constants and tiny pure helpers: the unit tests include this on
 * x86 hosts too.
 */
#ifndef REFHV_ARM64_LAYOUT_H
#define REFHV_ARM64_LAYOUT_H

#include <stdint.h>

#define ARM64_RAM_BASE          0x80000000ull

#define ARM64_GIC_DIST_BASE     0x08000000ull
#define ARM64_GIC_DIST_SIZE     0x10000ull
#define ARM64_GIC_REDIST_BASE   0x080a0000ull
#define ARM64_GIC_REDIST_SIZE   0x20000ull      /* per vCPU */
#define ARM64_GIC_REDIST_END    0x09000000ull   /* room for 123 vCPUs */
#define ARM64_GIC_NR_IRQS       128u            /* SGIs + PPIs + 96 SPIs */

#define ARM64_UART_BASE         0x09000000ull
#define ARM64_UART_SIZE         0x1000ull
#define ARM64_UART_SPI          1u              /* its interrupt, unused by refhv */
#define ARM64_UART_CLOCK_HZ     24000000u

/* The DTB sits in the last 2 MiB of RAM (Linux's limit for its size). */
#define ARM64_DTB_MAX           (2ull << 20)

/* Images load at a 2 MiB-aligned base: RAM's start. */
#define ARM64_IMAGE_ALIGN       (2ull << 20)

static inline uint64_t arm64_dtb_gpa(uint64_t ram_size)
{
	return ARM64_RAM_BASE + ram_size - ARM64_DTB_MAX;
}

#endif
