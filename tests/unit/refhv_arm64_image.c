/*
 * refhv_arm64_image.c - unit tests for refhv's arm64 Image loader: one
 * valid synthetic Image, then one malformation at a time, each expecting
 * its own specific error.  Runs on any host (the loader is pure).
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "arm64/image_loader.h"
#include "arm64/layout.h"
#include "check_main.h"

#define RAM_SIZE (64ull << 20)
#define FILE_SIZE 0x3000u
#define IMAGE_SIZE 0x10000ull

static uint8_t file[FILE_SIZE];

static const struct arm64_ram ram = {
	.base = ARM64_RAM_BASE,
	.size = RAM_SIZE,
	.dtb_gpa = ARM64_RAM_BASE + RAM_SIZE - ARM64_DTB_MAX,
	.dtb_size = ARM64_DTB_MAX,
};

static void put_le(unsigned offset, uint64_t value, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		file[offset + i] = (uint8_t)(value >> (8 * i));
}

/* A header like Linux's: a branch, text_offset, image_size, flags = LE + 4K. */
static void build_valid(void)
{
	memset(file, 0, sizeof(file));
	put_le(0, 0x14000010, 4);                  /* b +0x40 */
	put_le(8, 0, 8);                           /* text_offset */
	put_le(16, IMAGE_SIZE, 8);                 /* image_size */
	put_le(24, 0x2 | 0x8, 8);                  /* 4K pages, placement anywhere */
	put_le(56, ARM64_IMAGE_MAGIC, 4);
}

static enum image_error parse(size_t size)
{
	struct arm64_image out;
	return arm64_image_parse(file, size, &ram, &out);
}

START_TEST(valid_image_parses)
{
	struct arm64_image out;
	build_valid();
	ck_assert_int_eq(arm64_image_parse(file, sizeof(file), &ram, &out), IMAGE_OK);
	ck_assert_uint_eq(out.load_gpa, ARM64_RAM_BASE);
	ck_assert_uint_eq(out.image_size, IMAGE_SIZE);
	ck_assert_uint_eq(out.file_size, sizeof(file));
}
END_TEST

START_TEST(text_offset_moves_the_load_address)
{
	struct arm64_image out;
	build_valid();
	put_le(8, 0x80000, 8);
	ck_assert_int_eq(arm64_image_parse(file, sizeof(file), &ram, &out), IMAGE_OK);
	ck_assert_uint_eq(out.load_gpa, ARM64_RAM_BASE + 0x80000);
}
END_TEST

START_TEST(unspecified_page_size_is_fine)
{
	build_valid();
	put_le(24, 0, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_OK);
}
END_TEST

START_TEST(bad_magic)
{
	build_valid();
	file[56] ^= 0x01;
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_BAD_MAGIC);
}
END_TEST

START_TEST(zero_image_size)
{
	build_valid();
	put_le(16, 0, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_ZERO_SIZE);
}
END_TEST

START_TEST(image_size_below_file_size)
{
	build_valid();
	put_le(16, FILE_SIZE - 1, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_SIZE_BELOW_FILE);
}
END_TEST

START_TEST(truncated)
{
	build_valid();
	ck_assert_int_eq(parse(0), IMAGE_TRUNCATED);
	ck_assert_int_eq(parse(ARM64_IMAGE_HEADER_SIZE - 1), IMAGE_TRUNCATED);
	ck_assert_int_eq(parse(ARM64_IMAGE_HEADER_SIZE), IMAGE_OK);
}
END_TEST

START_TEST(too_big_for_ram)
{
	build_valid();
	put_le(16, RAM_SIZE + 1, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_TOO_BIG_FOR_RAM);
	put_le(16, UINT64_MAX, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_TOO_BIG_FOR_RAM);
	build_valid();
	put_le(8, UINT64_MAX & ~0xfffull, 8);         /* text_offset wraps the sum */
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_TOO_BIG_FOR_RAM);
}
END_TEST

START_TEST(overlapping_the_dtb)
{
	build_valid();
	put_le(16, RAM_SIZE - ARM64_DTB_MAX + 1, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_OVERLAPS_DTB);
	put_le(16, RAM_SIZE - ARM64_DTB_MAX, 8);      /* ends right at the DTB */
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_OK);
}
END_TEST

START_TEST(misaligned_text_offset)
{
	build_valid();
	put_le(8, 0x80004, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_MISALIGNED_TEXT_OFFSET);
}
END_TEST

START_TEST(big_endian_flag)
{
	build_valid();
	put_le(24, 0x1 | 0x2, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_BIG_ENDIAN);
}
END_TEST

START_TEST(large_pages_refused)
{
	build_valid();
	put_le(24, 0x4, 8);                            /* 16K */
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_BAD_PAGE_SIZE);
	put_le(24, 0x6, 8);                            /* 64K */
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_BAD_PAGE_SIZE);
}
END_TEST

START_TEST(reserved_flags_refused)
{
	build_valid();
	put_le(24, 0x2 | 0x10, 8);
	ck_assert_int_eq(parse(sizeof(file)), IMAGE_RESERVED_FLAGS);
}
END_TEST

START_TEST(every_error_has_a_message)
{
	for (int e = IMAGE_OK; e <= IMAGE_OVERLAPS_DTB; e++) {
		const char *msg = image_error_str((enum image_error)e);
		ck_assert_ptr_nonnull(msg);
		ck_assert_ptr_null(strchr(msg, '\n'));
		ck_assert_str_ne(msg, "unknown Image error");
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_arm64_image");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, valid_image_parses);
	tcase_add_test(tc, text_offset_moves_the_load_address);
	tcase_add_test(tc, unspecified_page_size_is_fine);
	tcase_add_test(tc, bad_magic);
	tcase_add_test(tc, zero_image_size);
	tcase_add_test(tc, image_size_below_file_size);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, too_big_for_ram);
	tcase_add_test(tc, overlapping_the_dtb);
	tcase_add_test(tc, misaligned_text_offset);
	tcase_add_test(tc, big_endian_flag);
	tcase_add_test(tc, large_pages_refused);
	tcase_add_test(tc, reserved_flags_refused);
	tcase_add_test(tc, every_error_has_a_message);
	suite_add_tcase(s, tc);
	return check_run(s);
}
