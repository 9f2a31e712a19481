/*
 * boot.h - the PVH boot protocol, x86 side: the start-of-day information
 * block in guest memory, and the vCPU state at the entry point.
 */
#ifndef REFHV_X86_BOOT_H
#define REFHV_X86_BOOT_H

#include <stdint.h>

#include "../memory.h"

#define HVM_START_MAGIC 0x336ec578u
#define HVM_MEMMAP_TYPE_RAM 1u

/* Xen's public arch-x86/hvm/start_info.h, version 1. */
struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;      /* version 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_memmap_table_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* Write hvm_start_info, the memory map and the command line (see layout.h). */
int pvh_write_start_info(const struct guest_memory *mem, const char *cmdline);

struct vcpu;

/* Put the boot vCPU at entry in 32-bit protected mode, paging off. */
int pvh_set_entry_state(struct vcpu *vcpu, uint32_t entry);

#endif
