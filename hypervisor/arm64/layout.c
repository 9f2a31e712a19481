/*
 * layout.c - arm64 RAM is one region at ARM64_RAM_BASE (see layout.h).
 */
#include "layout.h"

#include "../arch.h"

void arch_ram_layout(uint64_t size, struct guest_region regions[GUEST_MAX_REGIONS],
		     unsigned *nr_regions)
{
	regions[0] = (struct guest_region){ .gpa = ARM64_RAM_BASE, .size = size };
	*nr_regions = 1;
}
