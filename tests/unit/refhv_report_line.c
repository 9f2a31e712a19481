/*
 * refhv_report_line.c - unit tests for refhv's report-line validation (report_line.c) and
 * for gpa_to_host(), over a fake two-region guest memory.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "report_line.h"
#include "check_main.h"

#define LOW_SIZE 0x10000u
#define HIGH_GPA 0x100000000ull
#define HIGH_SIZE 0x4000u

static uint8_t *ram;
static struct guest_memory mem;

static void setup(void)
{
	ram = calloc(1, LOW_SIZE + HIGH_SIZE);
	ck_assert_ptr_nonnull(ram);
	mem = (struct guest_memory){
		.nr_regions = 2,
		.size = LOW_SIZE + HIGH_SIZE,
		.regions = { { .gpa = 0, .size = LOW_SIZE, .host = ram },
			     { .gpa = HIGH_GPA, .size = HIGH_SIZE, .host = ram + LOW_SIZE } },
	};
}

static void teardown(void)
{
	free(ram);
}

static void put_line(uint64_t host_offset, uint32_t len, const char *text)
{
	struct hvb_report_line line;
	memset(&line, 0, sizeof(line));
	line.len = len;
	memcpy(line.text, text, strlen(text));
	memcpy(ram + host_offset, &line, sizeof(line));
}

START_TEST(gpa_bounds)
{
	ck_assert_ptr_eq(gpa_to_host(&mem, 0, LOW_SIZE), ram);
	ck_assert_ptr_eq(gpa_to_host(&mem, LOW_SIZE - 1, 1), ram + LOW_SIZE - 1);
	ck_assert_ptr_null(gpa_to_host(&mem, LOW_SIZE - 1, 2));
	ck_assert_ptr_null(gpa_to_host(&mem, LOW_SIZE, 1));
	ck_assert_ptr_eq(gpa_to_host(&mem, LOW_SIZE, 0), ram + LOW_SIZE);  /* empty, at end */
	ck_assert_ptr_eq(gpa_to_host(&mem, HIGH_GPA, HIGH_SIZE), ram + LOW_SIZE);
	ck_assert_ptr_null(gpa_to_host(&mem, HIGH_GPA - 1, 2));
	ck_assert_ptr_null(gpa_to_host(&mem, HIGH_GPA + 1, UINT64_MAX));   /* overflow */
	ck_assert_ptr_null(gpa_to_host(&mem, UINT64_MAX, 2));
}
END_TEST

START_TEST(good_line)
{
	char text[HVB_REPORT_MAX];
	uint32_t len = 0;
	put_line(0x1000, 9, "HVB hello");
	ck_assert_int_eq(report_line_read(&mem, 0x1000, text, &len), REPORT_OK);
	ck_assert_uint_eq(len, 9);
	ck_assert_int_eq(memcmp(text, "HVB hello", 9), 0);
}
END_TEST

START_TEST(control_bytes_replaced)
{
	char text[HVB_REPORT_MAX];
	uint32_t len = 0;
	put_line(0x1000, 6, "a\nb\x1b\xff\x7f");
	ck_assert_int_eq(report_line_read(&mem, 0x1000, text, &len), REPORT_OK);
	ck_assert_uint_eq(len, 6);
	ck_assert_int_eq(memcmp(text, "a?b???", 6), 0);
}
END_TEST

START_TEST(max_and_empty_lengths)
{
	char text[HVB_REPORT_MAX];
	uint32_t len = 1;
	put_line(0, 0, "");
	ck_assert_int_eq(report_line_read(&mem, 0, text, &len), REPORT_OK);
	ck_assert_uint_eq(len, 0);
	put_line(0, HVB_REPORT_MAX, "x");
	ck_assert_int_eq(report_line_read(&mem, 0, text, &len), REPORT_OK);
	ck_assert_uint_eq(len, HVB_REPORT_MAX);
}
END_TEST

START_TEST(bad_length)
{
	char text[HVB_REPORT_MAX];
	uint32_t len = 7;
	put_line(0, HVB_REPORT_MAX + 1, "x");
	ck_assert_int_eq(report_line_read(&mem, 0, text, &len), REPORT_BAD_LEN);
	put_line(0, UINT32_MAX, "x");
	ck_assert_int_eq(report_line_read(&mem, 0, text, &len), REPORT_BAD_LEN);
	ck_assert_uint_eq(len, 7);
}
END_TEST

START_TEST(bad_address)
{
	char text[HVB_REPORT_MAX];
	uint32_t len;
	uint64_t struct_size = sizeof(struct hvb_report_line);
	/* The whole struct must fit, even if len is small. */
	ck_assert_int_eq(report_line_read(&mem, LOW_SIZE - struct_size + 1, text, &len),
			 REPORT_BAD_GPA);
	ck_assert_int_eq(report_line_read(&mem, LOW_SIZE - struct_size, text, &len), REPORT_OK);
	ck_assert_int_eq(report_line_read(&mem, 0x20000, text, &len), REPORT_BAD_GPA);
	ck_assert_int_eq(report_line_read(&mem, HIGH_GPA - 4, text, &len), REPORT_BAD_GPA);
	ck_assert_int_eq(report_line_read(&mem, HIGH_GPA + HIGH_SIZE - struct_size, text, &len),
			 REPORT_OK);
	ck_assert_int_eq(report_line_read(&mem, UINT64_MAX - 2, text, &len), REPORT_BAD_GPA);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_report_port");
	TCase *tc = tcase_create("report_line_read");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, gpa_bounds);
	tcase_add_test(tc, good_line);
	tcase_add_test(tc, control_bytes_replaced);
	tcase_add_test(tc, max_and_empty_lengths);
	tcase_add_test(tc, bad_length);
	tcase_add_test(tc, bad_address);
	suite_add_tcase(s, tc);

	return check_run(s);
}
