/*
 * tlb_arch.h - the per-architecture hooks of tlb-nested (../tlb.c): where
 * the working set may live and how it is mapped with 4 KiB or 2 MiB guest
 * pages (x86_64/tlb_map.c: page tables; aarch64/tlb_map.c: stage-1
 * translation tables, 2 MiB level-2 blocks or 4 KiB level-3 pages).
 */
#ifndef TLB_ARCH_H
#define TLB_ARCH_H

#include <stdint.h>

#define TLB_PAGE_4K 0x1000ull
#define TLB_PAGE_2M 0x200000ull

/* The first byte after the guest image (its .bss, tables and stacks included). */
uint64_t tlb_arch_image_end(void);

/* The end of the memory a working set may use, given the end of the RAM
 * block holding the image (never 0 here: the caller checks). */
uint64_t tlb_arch_usable_end(uint64_t ram_end);

/*
 * Identity-map [base, usable) with 2 MiB pages (undoing what an earlier
 * variant mapped), then, for guest_page 4 KiB, [base, base + span) with
 * 4 KiB pages whose tables (span / 2 MiB of them, 4 KiB each) go at
 * tables.  base, span and usable are 2 MiB-aligned; tables lies inside
 * [base + span, usable).  Returns 0, or -1 when the tables refuse.
 */
int tlb_arch_map(uint64_t base, uint64_t span, uint64_t guest_page, uint64_t tables,
		 uint64_t usable);

#endif
