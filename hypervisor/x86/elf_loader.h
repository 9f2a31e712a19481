/*
 * elf_loader.h - check an x86-64 PVH ELF image and say what to load where.
 *
 * pvh_elf_parse() is a pure function over the file's bytes and the guest's
 * RAM size: it touches no guest memory, so unit tests can feed it crafted
 * images.  pvh_elf_copy() then copies the checked segments into RAM.
 */
#ifndef REFHV_X86_ELF_LOADER_H
#define REFHV_X86_ELF_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "../memory.h"

#define PVH_MAX_SEGMENTS 16

struct pvh_segment {
	uint64_t file_offset;
	uint64_t file_size;
	uint64_t gpa;
	uint64_t mem_size;
};

struct pvh_image {
	uint32_t entry;                   /* 32-bit PVH entry point (a gpa) */
	unsigned nr_segments;
	struct pvh_segment segments[PVH_MAX_SEGMENTS];
};

enum elf_error {
	ELF_OK = 0,
	ELF_TRUNCATED_HEADER,
	ELF_BAD_MAGIC,
	ELF_NOT_64BIT,
	ELF_NOT_LITTLE_ENDIAN,
	ELF_BAD_VERSION,
	ELF_NOT_X86_64,
	ELF_NOT_EXECUTABLE,
	ELF_BAD_PHENTSIZE,
	ELF_NO_PHDRS,
	ELF_PHDRS_OUTSIDE_FILE,
	ELF_TOO_MANY_SEGMENTS,
	ELF_FILESZ_OVER_MEMSZ,
	ELF_SEGMENT_OUTSIDE_FILE,
	ELF_SEGMENT_OUTSIDE_RAM,
	ELF_SEGMENT_OVERLAPS_BOOT_AREA,
	ELF_NO_LOADABLE_SEGMENT,
	ELF_NOTE_OUTSIDE_FILE,
	ELF_BAD_NOTE,
	ELF_BAD_PVH_NOTE,
	ELF_NO_PVH_NOTE,
	ELF_ENTRY_OUTSIDE_SEGMENTS,
};

/* One line, naming the problem. */
const char *elf_error_str(enum elf_error err);

enum elf_error pvh_elf_parse(const uint8_t *file, size_t file_size, uint64_t mem_size,
			     struct pvh_image *image);

/* Copy every segment (file bytes, then zeros up to mem_size). */
void pvh_elf_copy(const struct pvh_image *image, const uint8_t *file,
		  const struct guest_memory *mem);

#endif
