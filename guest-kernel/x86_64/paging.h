/*
 * paging.h - the guest's page tables and a small API to change them.
 *
 * boot.S holds the boot map in these tables, complete in the image (no
 * code builds it): the first 4 GiB identity-mapped with 2 MiB pages,
 * writable, the top GiB (3-4 GiB: MMIO, the LAPIC at 0xfee00000)
 * cache-disabled.  Benchmarks that need
 * 4 KiB pages call paging_map_4k(), which splits the 2 MiB page around the
 * address into a page table on first use.
 */
#ifndef X86_PAGING_H
#define X86_PAGING_H

#include <stdint.h>

#define PAGE_SIZE_4K   0x1000ull
#define PAGE_SIZE_2M   0x200000ull
#define PAGING_LIMIT   (4ull << 30)      /* addresses the tables cover */

/* Page-table entry bits. */
#define PTE_PRESENT    0x001ull
#define PTE_WRITE      0x002ull
#define PTE_PWT        0x008ull
#define PTE_PCD        0x010ull
#define PTE_PS         0x080ull          /* in a directory entry: a 2 MiB page */
#define PTE_ADDR_MASK  0x000ffffffffff000ull

/* The boot tables; boot.S defines them, so their names are part of its interface. */
extern uint64_t paging_pml4[512];
extern uint64_t paging_pdpt[512];
extern uint64_t paging_pd[4][512];

/*
 * Map the 4 KiB virtual page at va (below PAGING_LIMIT) to the physical page
 * pa with the given PTE_* flags (PTE_PRESENT is added).  Returns 0, or -1
 * when va is out of range or no page table is left.
 */
int paging_map_4k(uint64_t va, uint64_t pa, uint64_t flags);

/*
 * Identity-map [va, va + size) (2 MiB-aligned, below PAGING_LIMIT) with
 * 4 KiB pages, writable and cached, using size / 2 MiB page tables the
 * caller provides at tables (4 KiB-aligned, identity-mapped memory outside
 * the range).  paging_identity_2m() maps the range back with 2 MiB pages
 * (the caller's tables are then unused).  Both return 0, or -1 on bad
 * arguments.  For large ranges, where paging_map_4k()'s pool is too small.
 */
int paging_identity_4k(uint64_t va, uint64_t size, uint64_t *tables);
int paging_identity_2m(uint64_t va, uint64_t size);

/* Drop the TLB entry of one page, or the whole TLB. */
void paging_flush_page(uint64_t va);
void paging_flush_all(void);

#endif
