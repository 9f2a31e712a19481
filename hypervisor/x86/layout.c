/*
 * layout.c - split guest RAM around the 3-4 GiB MMIO hole (see layout.h).
 */
#include "layout.h"

#include "../arch.h"

void arch_ram_layout(uint64_t size, struct guest_region regions[GUEST_MAX_REGIONS],
		     unsigned *nr_regions)
{
	uint64_t low = size < X86_MMIO_HOLE_START ? size : X86_MMIO_HOLE_START;

	regions[0] = (struct guest_region){ .gpa = 0, .size = low };
	*nr_regions = 1;
	if (size > low) {
		regions[1] = (struct guest_region){ .gpa = X86_HIGH_RAM_START, .size = size - low };
		*nr_regions = 2;
	}
}
