/*
 * tlb_map.c - tlb-nested's arm64 hooks (../tlb_arch.h): the working set
 * after the image (its .bss holds the translation tables and stacks),
 * mapped by the guest's own stage-1 tables at EL1 (mmu.h, 4 KiB granule):
 * 2 MiB level-2 block descriptors, or 4 KiB level-3 pages whose tables
 * follow the working set.  The top 2 MiB of RAM, where refhv puts the
 * device tree, is left alone.
 */
#include "machine.h"
#include "tlb_arch.h"

extern char __image_end[];

uint64_t tlb_arch_image_end(void)
{
	return (uint64_t)(uintptr_t)__image_end;
}

uint64_t tlb_arch_usable_end(uint64_t ram_end)
{
	uint64_t end = ram_end & ~(TLB_PAGE_2M - 1);

	return end > TLB_PAGE_2M ? end - TLB_PAGE_2M : 0;
}

int tlb_arch_map(uint64_t base, uint64_t span, uint64_t guest_page, uint64_t tables,
		 uint64_t usable)
{
	struct mmu *m = arm64_mmu();

	if (mmu_map_range(m, base, usable - base, MEM_NORMAL) != 0)
		return -1;
	if (guest_page == TLB_PAGE_4K)
		return mmu_map_4k_tables(m, base, span, (uint64_t *)(uintptr_t)tables, MEM_NORMAL);
	return 0;
}
