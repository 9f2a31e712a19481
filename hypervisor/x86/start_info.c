/*
 * start_info.c - write the PVH hvm_start_info block, an E820-style memory
 * map (one RAM entry per RAM region) and the command line into refhv's
 * boot area below 1 MiB.  The boot vCPU finds the block through %ebx.
 */
#include <string.h>

#include "../log.h"
#include "boot.h"
#include "layout.h"

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info layout");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap entry layout");
_Static_assert(X86_MEMMAP_GPA + X86_MEMMAP_MAX * sizeof(struct hvm_memmap_table_entry) <=
	       X86_CMDLINE_GPA, "memory map overlaps the command line");

int pvh_write_start_info(const struct guest_memory *mem, const char *cmdline)
{
	size_t cmdline_len = strlen(cmdline);
	struct hvm_start_info *info = gpa_to_host(mem, X86_START_INFO_GPA, sizeof(*info));
	struct hvm_memmap_table_entry *map = gpa_to_host(
		mem, X86_MEMMAP_GPA, mem->nr_regions * sizeof(*map));
	char *cmdline_dst = gpa_to_host(mem, X86_CMDLINE_GPA, X86_CMDLINE_SIZE);

	if (!info || !map || !cmdline_dst) {
		refhv_err("guest RAM too small for the boot area");
		return -1;
	}
	if (cmdline_len >= X86_CMDLINE_SIZE) {
		refhv_err("command line longer than %u bytes", X86_CMDLINE_SIZE - 1);
		return -1;
	}
	memcpy(cmdline_dst, cmdline, cmdline_len + 1);
	for (unsigned i = 0; i < mem->nr_regions; i++)
		map[i] = (struct hvm_memmap_table_entry){
			.addr = mem->regions[i].gpa,
			.size = mem->regions[i].size,
			.type = HVM_MEMMAP_TYPE_RAM,
		};
	*info = (struct hvm_start_info){
		.magic = HVM_START_MAGIC,
		.version = 1,
		.nr_modules = 0,
		.cmdline_paddr = X86_CMDLINE_GPA,
		.memmap_paddr = X86_MEMMAP_GPA,
		.memmap_entries = mem->nr_regions,
	};
	return 0;
}
