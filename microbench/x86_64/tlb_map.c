/*
 * tlb_map.c - tlb-nested's x86-64 hooks (../tlb_arch.h): the working set
 * after the image's .bss, below the 4 GiB the boot page tables cover,
 * mapped with 2 MiB pages or with 4 KiB pages (paging_identity_4k).
 */
#include "tlb_arch.h"
#include "x86_64/paging.h"

extern uint8_t __bss_end[];

uint64_t tlb_arch_image_end(void)
{
	return (uint64_t)(uintptr_t)__bss_end;
}

uint64_t tlb_arch_usable_end(uint64_t ram_end)
{
	uint64_t end = ram_end < PAGING_LIMIT ? ram_end : PAGING_LIMIT;

	return end & ~(PAGE_SIZE_2M - 1);
}

int tlb_arch_map(uint64_t base, uint64_t span, uint64_t guest_page, uint64_t tables,
		 uint64_t usable)
{
	if (paging_identity_2m(base, usable - base) != 0)
		return -1;
	if (guest_page == PAGE_SIZE_4K)
		return paging_identity_4k(base, span, (uint64_t *)(uintptr_t)tables);
	return 0;
}
