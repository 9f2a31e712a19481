/*
 * start.c - first C code on x86-64: find out how we booted, set up the CPU.
 *
 * boot.S calls x86_start() in long mode on the boot stack.  This decodes the
 * boot information (PVH hvm_start_info or multiboot info), installs the GDT
 * and the exception handlers, turns caching on, and hands over to the
 * common kernel_main().
 */
#include <stdint.h>
#include "boot.h"
#include "caches.h"
#include "gdt.h"
#include "idt.h"
#include "kernel.h"

#define PVH_START_MAGIC       0x336ec578u
#define MULTIBOOT_BOOT_MAGIC  0x2BADB002u
#define MULTIBOOT_INFO_CMDLINE (1u << 2)
#define MULTIBOOT_INFO_MEMORY  (1u << 0)
#define PVH_MEMMAP_RAM         1u
#define KERNEL_BASE            0x100000ull   /* guest.ld: the image starts at 1 MiB */

/* The start of struct hvm_start_info (xen/include/public/arch-x86/hvm/start_info.h). */
struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;      /* version 1 and later */
	uint32_t memmap_entries;
	uint32_t reserved;
};

/* One entry of the PVH memory map (E820-like). */
struct pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* The start of the multiboot1 information structure. */
struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;
	uint32_t mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
};

void x86_start(uint32_t entry, uint32_t info, uint32_t magic);

/* Only the first 4 GiB are mapped; anything above is treated as absent. */
static const char *phys_string(uint64_t paddr)
{
	if (paddr == 0 || paddr >= (1ull << 32))
		return NULL;
	return (const char *)(uintptr_t)paddr;
}

/* The end of the PVH RAM entry that holds the kernel, 0 if there is none. */
static uint64_t pvh_ram_end(const struct pvh_start_info *si)
{
	if (si->version < 1 || si->memmap_paddr == 0 || si->memmap_paddr >= (1ull << 32))
		return 0;
	const struct pvh_memmap_entry *map = (const void *)(uintptr_t)si->memmap_paddr;
	for (uint32_t i = 0; i < si->memmap_entries && i < 128; i++)
		if (map[i].type == PVH_MEMMAP_RAM && map[i].addr <= KERNEL_BASE &&
		    map[i].addr + map[i].size > KERNEL_BASE)
			return map[i].addr + map[i].size;
	return 0;
}

static void read_boot_info(uint32_t entry, uint32_t info, uint32_t magic, struct boot_info *boot)
{
	boot->protocol = "unknown";
	boot->cmdline = NULL;
	boot->ram_end = 0;

	if (entry == BOOT_ENTRY_PVH) {
		const struct pvh_start_info *si = (const void *)(uintptr_t)info;
		boot->protocol = "pvh";
		if (si != NULL && si->magic == PVH_START_MAGIC) {
			boot->cmdline = phys_string(si->cmdline_paddr);
			boot->ram_end = pvh_ram_end(si);
		}
	} else if (entry == BOOT_ENTRY_MULTIBOOT && magic == MULTIBOOT_BOOT_MAGIC) {
		const struct multiboot_info *mbi = (const void *)(uintptr_t)info;
		boot->protocol = "multiboot";
		if (mbi != NULL && (mbi->flags & MULTIBOOT_INFO_CMDLINE))
			boot->cmdline = phys_string(mbi->cmdline);
		/* mem_upper: KiB of RAM from 1 MiB on */
		if (mbi != NULL && (mbi->flags & MULTIBOOT_INFO_MEMORY))
			boot->ram_end = KERNEL_BASE + (uint64_t)mbi->mem_upper * 1024;
	}
}

void x86_start(uint32_t entry, uint32_t info, uint32_t magic)
{
	struct boot_info boot;

	gdt_init();
	idt_init();
	caches_enable();
	read_boot_info(entry, info, magic, &boot);
	kernel_main(&boot);
}
