/*
 * layout.h - where things go in an x86 guest's physical address space.
 *
 *   0x0000_6000  hvm_start_info   \
 *   0x0000_6100  E820 memory map   } refhv's boot area: no ELF segment may
 *   0x0000_7000  command line     /  overlap [0x6000, 0x8000)
 *   RAM          [0, min(mem, 3 GiB))
 *   hole         [3 GiB, 4 GiB)  MMIO (bench addresses), KVM's TSS pages
 *   RAM          [4 GiB, 4 GiB + mem - 3 GiB) when mem > 3 GiB
 */
#ifndef REFHV_X86_LAYOUT_H
#define REFHV_X86_LAYOUT_H

#include <stdint.h>

#define X86_BOOT_AREA_START   0x6000u
#define X86_START_INFO_GPA    0x6000u
#define X86_MEMMAP_GPA        0x6100u
#define X86_MEMMAP_MAX        8u
#define X86_CMDLINE_GPA       0x7000u
#define X86_CMDLINE_SIZE      0x1000u     /* including the NUL */
#define X86_BOOT_AREA_END     0x8000u

#define X86_MMIO_HOLE_START   0xc0000000ull
#define X86_HIGH_RAM_START    0x100000000ull

/* Three pages KVM needs for the real-mode TSS, and one for EPT's identity map. */
#define X86_IDENTITY_MAP_GPA  0xfffbc000ull
#define X86_TSS_GPA           0xfffbd000ull

#endif
