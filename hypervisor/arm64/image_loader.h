/*
 * image_loader.h - check an arm64 Linux "Image" and say where it goes.
 *
 * arm64_image_parse() is a pure function over the file's bytes and the
 * RAM layout: it touches no guest memory (and no KVM header), so the unit
 * tests run it on any host.  The header, from Linux's
 * Documentation/arch/arm64/booting.rst (all fields little-endian):
 *
 *   0  code0, code1      4 + 4 bytes of executable code
 *   8  text_offset       load offset from a 2 MiB-aligned base
 *  16  image_size        bytes the kernel uses from there, BSS included
 *  24  flags             bit 0: big-endian; bits 1-2: page size
 *  32  res2, res3, res4
 *  56  magic             0x644d5241 ("ARM\x64")
 *  60  res5
 */
#ifndef REFHV_ARM64_IMAGE_LOADER_H
#define REFHV_ARM64_IMAGE_LOADER_H

#include <stddef.h>
#include <stdint.h>

#define ARM64_IMAGE_HEADER_SIZE 64u
#define ARM64_IMAGE_MAGIC 0x644d5241u

#define ARM64_IMAGE_FLAG_BE 0x1ull
#define ARM64_IMAGE_PAGE_SIZE_SHIFT 1
#define ARM64_IMAGE_PAGE_SIZE_MASK (0x3ull << ARM64_IMAGE_PAGE_SIZE_SHIFT)
#define ARM64_IMAGE_PAGE_SIZE_ANY 0u
#define ARM64_IMAGE_PAGE_SIZE_4K 1u

/* Where the checked image goes. */
struct arm64_image {
	uint64_t load_gpa;      /* 2 MiB-aligned RAM base + text_offset: the entry point */
	uint64_t image_size;    /* bytes reserved from load_gpa (file + BSS) */
	uint64_t file_size;     /* bytes to copy from the file */
};

/* The RAM the image must fit in, and the DTB it must not overlap. */
struct arm64_ram {
	uint64_t base;          /* 2 MiB-aligned */
	uint64_t size;
	uint64_t dtb_gpa;       /* [dtb_gpa, dtb_gpa + dtb_size) is taken */
	uint64_t dtb_size;
};

enum image_error {
	IMAGE_OK = 0,
	IMAGE_TRUNCATED,
	IMAGE_BAD_MAGIC,
	IMAGE_ZERO_SIZE,
	IMAGE_SIZE_BELOW_FILE,
	IMAGE_BIG_ENDIAN,
	IMAGE_BAD_PAGE_SIZE,
	IMAGE_RESERVED_FLAGS,
	IMAGE_MISALIGNED_TEXT_OFFSET,
	IMAGE_TOO_BIG_FOR_RAM,
	IMAGE_OVERLAPS_DTB,
};

/* One line, naming the problem. */
const char *image_error_str(enum image_error err);

enum image_error arm64_image_parse(const uint8_t *file, size_t file_size,
				   const struct arm64_ram *ram, struct arm64_image *image);

#endif
