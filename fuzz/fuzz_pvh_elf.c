/*
 * fuzz_pvh_elf.c - libFuzzer target: the x86-64 PVH ELF loader
 * (hypervisor/x86/elf_loader.c) on arbitrary files.
 *
 * A guest image is untrusted input.  The parser must refuse bad files
 * without reading outside them, and every image it accepts must copy into
 * guest RAM without writing outside it: the copy runs into real (mmap'd)
 * guest memory, so ASan sees any stray access.
 */
#include <stdint.h>
#include <stdlib.h>

#include "memory.h"
#include "x86/elf_loader.h"
#include "x86/layout.h"

#define FUZZ_RAM_SIZE (16ull << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct guest_memory *guest_ram(void)
{
	static struct guest_memory mem;
	static int ready;

	if (!ready) {
		if (guest_memory_create(&mem, FUZZ_RAM_SIZE, BACKING_4K))
			abort();
		ready = 1;
	}
	return &mem;
}

static void check_accepted(const struct pvh_image *image, size_t file_size)
{
	int entry_loaded = 0;

	if (image->nr_segments == 0 || image->nr_segments > PVH_MAX_SEGMENTS)
		abort();
	for (unsigned i = 0; i < image->nr_segments; i++) {
		const struct pvh_segment *s = &image->segments[i];
		if (s->file_size > s->mem_size || s->file_offset > file_size ||
		    s->file_size > file_size - s->file_offset)
			abort();
		if (!gpa_to_host(guest_ram(), s->gpa, s->mem_size))
			abort();   /* accepted, but not inside RAM */
		if (s->gpa < X86_BOOT_AREA_END && s->gpa + s->mem_size > X86_BOOT_AREA_START)
			abort();   /* would overwrite hvm_start_info */
		if (image->entry >= s->gpa && image->entry - s->gpa < s->file_size)
			entry_loaded = 1;
	}
	if (!entry_loaded)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pvh_image image;

	if (pvh_elf_parse(data, size, FUZZ_RAM_SIZE, &image) != ELF_OK)
		return 0;
	check_accepted(&image, size);
	pvh_elf_copy(&image, data, guest_ram());
	return 0;
}
