/*
 * image_loader.c - validate an arm64 Image header (see image_loader.h) and
 * place the image at RAM base + text_offset, clear of the DTB.
 *
 * Every field is read byte by byte as little-endian, so the checks mean
 * the same on any host; every sum is checked against overflow first.
 */
#include "image_loader.h"

#define OFF_TEXT_OFFSET 8
#define OFF_IMAGE_SIZE 16
#define OFF_FLAGS 24
#define OFF_MAGIC 56

/* text_offset must keep the image page-aligned. */
#define TEXT_OFFSET_ALIGN 0x1000ull
/* Flag bits defined today: endianness, page size, physical placement. */
#define KNOWN_FLAGS 0xfull

const char *image_error_str(enum image_error err)
{
	switch (err) {
	case IMAGE_OK: return "ok";
	case IMAGE_TRUNCATED: return "shorter than the 64-byte arm64 Image header";
	case IMAGE_BAD_MAGIC: return "not an arm64 Image (no magic 0x644d5241 at offset 56)";
	case IMAGE_ZERO_SIZE: return "Image header has image_size 0 (pre-3.17 kernel?)";
	case IMAGE_SIZE_BELOW_FILE: return "Image header's image_size is smaller than the file";
	case IMAGE_BIG_ENDIAN: return "big-endian Image (refhv runs little-endian guests)";
	case IMAGE_BAD_PAGE_SIZE: return "Image needs 16K or 64K pages (refhv offers 4K)";
	case IMAGE_RESERVED_FLAGS: return "Image header sets reserved flag bits";
	case IMAGE_MISALIGNED_TEXT_OFFSET: return "Image text_offset is not 4 KiB-aligned";
	case IMAGE_TOO_BIG_FOR_RAM: return "Image does not fit in guest RAM";
	case IMAGE_OVERLAPS_DTB: return "Image would overlap the device tree at the top of RAM";
	}
	return "unknown Image error";
}

static uint64_t le(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = bytes; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static enum image_error check_header(const uint8_t *file, size_t file_size)
{
	if (file_size < ARM64_IMAGE_HEADER_SIZE)
		return IMAGE_TRUNCATED;
	if (le(file + OFF_MAGIC, 4) != ARM64_IMAGE_MAGIC)
		return IMAGE_BAD_MAGIC;

	uint64_t image_size = le(file + OFF_IMAGE_SIZE, 8);
	uint64_t flags = le(file + OFF_FLAGS, 8);
	if (image_size == 0)
		return IMAGE_ZERO_SIZE;
	if (image_size < file_size)
		return IMAGE_SIZE_BELOW_FILE;
	if (flags & ARM64_IMAGE_FLAG_BE)
		return IMAGE_BIG_ENDIAN;
	unsigned page_size = (unsigned)((flags & ARM64_IMAGE_PAGE_SIZE_MASK) >>
					ARM64_IMAGE_PAGE_SIZE_SHIFT);
	if (page_size != ARM64_IMAGE_PAGE_SIZE_ANY && page_size != ARM64_IMAGE_PAGE_SIZE_4K)
		return IMAGE_BAD_PAGE_SIZE;
	if (flags & ~KNOWN_FLAGS)
		return IMAGE_RESERVED_FLAGS;
	if (le(file + OFF_TEXT_OFFSET, 8) % TEXT_OFFSET_ALIGN)
		return IMAGE_MISALIGNED_TEXT_OFFSET;
	return IMAGE_OK;
}

/* Do [a, a + a_len) and [b, b + b_len) share a byte?  (No sum can wrap.) */
static int overlaps(uint64_t a, uint64_t a_len, uint64_t b, uint64_t b_len)
{
	return a < b + b_len && b < a + a_len;
}

enum image_error arm64_image_parse(const uint8_t *file, size_t file_size,
				   const struct arm64_ram *ram, struct arm64_image *image)
{
	enum image_error err = check_header(file, file_size);
	if (err)
		return err;

	uint64_t text_offset = le(file + OFF_TEXT_OFFSET, 8);
	uint64_t image_size = le(file + OFF_IMAGE_SIZE, 8);
	/* In RAM means: offset + size <= ram->size, written without overflow. */
	if (text_offset > ram->size || image_size > ram->size - text_offset)
		return IMAGE_TOO_BIG_FOR_RAM;
	uint64_t load = ram->base + text_offset;
	if (overlaps(load, image_size, ram->dtb_gpa, ram->dtb_size))
		return IMAGE_OVERLAPS_DTB;

	image->load_gpa = load;
	image->image_size = image_size;
	image->file_size = file_size;
	return IMAGE_OK;
}
