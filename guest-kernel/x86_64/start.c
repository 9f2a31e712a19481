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

/* The start of struct hvm_start_info (xen/include/public/arch-x86/hvm/start_info.h). */
struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
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

static void read_boot_info(uint32_t entry, uint32_t info, uint32_t magic, struct boot_info *boot)
{
	boot->protocol = "unknown";
	boot->cmdline = NULL;

	if (entry == BOOT_ENTRY_PVH) {
		const struct pvh_start_info *si = (const void *)(uintptr_t)info;
		boot->protocol = "pvh";
		if (si != NULL && si->magic == PVH_START_MAGIC)
			boot->cmdline = phys_string(si->cmdline_paddr);
	} else if (entry == BOOT_ENTRY_MULTIBOOT && magic == MULTIBOOT_BOOT_MAGIC) {
		const struct multiboot_info *mbi = (const void *)(uintptr_t)info;
		boot->protocol = "multiboot";
		if (mbi != NULL && (mbi->flags & MULTIBOOT_INFO_CMDLINE))
			boot->cmdline = phys_string(mbi->cmdline);
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
