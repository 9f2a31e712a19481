/*
 * fuzz_arm64_image.c - libFuzzer target: the arm64 Image loader
 * (hypervisor/arm64/image_loader.c) on arbitrary files and RAM layouts.
 *
 * The first 16 bytes choose the RAM size and the DTB's place; the rest is
 * the file.  Every accepted image must lie inside RAM, hold the whole file
 * and stay clear of the DTB.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arm64/image_loader.h"
#include "arm64/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t take_u64(const uint8_t **data, size_t *size)
{
	uint64_t v = 0;
	size_t n = *size < sizeof(v) ? *size : sizeof(v);

	memcpy(&v, *data, n);
	*data += n;
	*size -= n;
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* RAM 4 MiB .. 64 GiB in 2 MiB steps, as refhv's --mem allows. */
	uint64_t ram_size = ((take_u64(&data, &size) % 32768) + 2) << 21;
	uint64_t dtb_choice = take_u64(&data, &size);
	struct arm64_ram ram = {
		.base = ARM64_RAM_BASE,
		.size = ram_size,
		.dtb_gpa = (dtb_choice & 1) ? arm64_dtb_gpa(ram_size)
					    : ARM64_RAM_BASE + (dtb_choice % ram_size),
		.dtb_size = ARM64_DTB_MAX,
	};
	struct arm64_image image;

	if (arm64_image_parse(data, size, &ram, &image) != IMAGE_OK)
		return 0;
	if (image.load_gpa < ram.base || image.image_size > ram.size ||
	    image.load_gpa - ram.base > ram.size - image.image_size)
		abort();   /* accepted, but not inside RAM */
	if (image.file_size != size || image.file_size > image.image_size)
		abort();   /* the file would not fit where it goes */
	if (image.load_gpa < ram.dtb_gpa + ram.dtb_size &&
	    ram.dtb_gpa < image.load_gpa + image.image_size)
		abort();   /* overlaps the DTB */
	return 0;
}
