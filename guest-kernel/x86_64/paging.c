/*
 * paging.c - page-table storage and 4 KiB mappings (see paging.h).
 *
 * The boot tables are in boot.S's .data, complete in the image; the pool
 * below is in .bss (zeroed by the loader).  All are identity-mapped, so a
 * table's address is also its physical address.
 */
#include "paging.h"

#include <stdbool.h>

#define PAGE_TABLE_POOL 16   /* 2 MiB regions that can be split into 4 KiB pages */

/* Page tables handed out by split_2m(); never freed. */
static __attribute__((aligned(4096))) uint64_t page_table_pool[PAGE_TABLE_POOL][512];
static unsigned page_tables_used;

void paging_flush_page(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void paging_flush_all(void)
{
	uint64_t cr3;

	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	__asm__ volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
}

/* Replace the 2 MiB page in *pde by a page table with the same mappings. */
static uint64_t *split_2m(uint64_t *pde)
{
	if (page_tables_used == PAGE_TABLE_POOL)
		return 0;

	uint64_t *pt = page_table_pool[page_tables_used++];
	uint64_t base = *pde & PTE_ADDR_MASK & ~(PAGE_SIZE_2M - 1);
	uint64_t flags = *pde & ~PTE_ADDR_MASK & ~PTE_PS;

	for (unsigned i = 0; i < 512; i++)
		pt[i] = (base + i * PAGE_SIZE_4K) | flags;
	*pde = (uint64_t)(uintptr_t)pt | PTE_PRESENT | PTE_WRITE;
	paging_flush_all();
	return pt;
}

int paging_map_4k(uint64_t va, uint64_t pa, uint64_t flags)
{
	if (va >= PAGING_LIMIT)
		return -1;

	uint64_t *pde = &paging_pd[va >> 30][(va >> 21) & 511];
	uint64_t *pt;

	if (*pde & PTE_PS) {
		pt = split_2m(pde);
		if (pt == 0)
			return -1;
	} else {
		pt = (uint64_t *)(uintptr_t)(*pde & PTE_ADDR_MASK);
	}
	pt[(va >> 12) & 511] = (pa & PTE_ADDR_MASK) | flags | PTE_PRESENT;
	paging_flush_page(va);
	return 0;
}

static bool identity_range_ok(uint64_t va, uint64_t size)
{
	return (va % PAGE_SIZE_2M) == 0 && (size % PAGE_SIZE_2M) == 0 &&
	       va < PAGING_LIMIT && size <= PAGING_LIMIT - va;
}

int paging_identity_4k(uint64_t va, uint64_t size, uint64_t *tables)
{
	if (!identity_range_ok(va, size) || ((uintptr_t)tables % PAGE_SIZE_4K) != 0)
		return -1;
	for (uint64_t off = 0; off < size; off += PAGE_SIZE_2M) {
		uint64_t *pt = tables + (off / PAGE_SIZE_2M) * 512;
		for (unsigned i = 0; i < 512; i++)
			pt[i] = (va + off + i * PAGE_SIZE_4K) | PTE_PRESENT | PTE_WRITE;
		paging_pd[(va + off) >> 30][((va + off) >> 21) & 511] =
			(uint64_t)(uintptr_t)pt | PTE_PRESENT | PTE_WRITE;
	}
	paging_flush_all();
	return 0;
}

int paging_identity_2m(uint64_t va, uint64_t size)
{
	if (!identity_range_ok(va, size))
		return -1;
	for (uint64_t off = 0; off < size; off += PAGE_SIZE_2M)
		paging_pd[(va + off) >> 30][((va + off) >> 21) & 511] =
			(va + off) | PTE_PRESENT | PTE_WRITE | PTE_PS;
	paging_flush_all();
	return 0;
}
