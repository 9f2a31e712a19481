/*
 * harness_cli.c - unit tests (harness/util/cli.c) of hvbench's option-value parsing:
 * numbers with ranges, CPU lists (--pin) and tags (--tag).
 */
#include <check.h>
#include <stdlib.h>

#include "util/cli.h"
#include "check_main.h"

START_TEST(cpu_list_single_ranges_and_duplicates)
{
	int cpus[16];
	ck_assert_int_eq(cli_parse_cpu_list("3", cpus, 16), 1);
	ck_assert_int_eq(cpus[0], 3);
	ck_assert_int_eq(cli_parse_cpu_list("0-2,5", cpus, 16), 4);
	ck_assert_int_eq(cpus[0], 0);
	ck_assert_int_eq(cpus[2], 2);
	ck_assert_int_eq(cpus[3], 5);
	ck_assert_int_eq(cli_parse_cpu_list("5,1-2,2", cpus, 16), 3); /* sorted, de-duplicated */
	ck_assert_int_eq(cpus[0], 1);
	ck_assert_int_eq(cpus[2], 5);
}
END_TEST

START_TEST(cpu_list_rejects_malformed)
{
	int cpus[4];
	const char *bad[] = { "", ",", "1,", ",1", "a", "1-", "-1", "3-1", "1..2", "1 2", "99999", "0-1023" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(cli_parse_cpu_list(bad[i], cpus, 4) == -1, "accepted '%s'", bad[i]);
	ck_assert_int_eq(cli_parse_cpu_list(NULL, cpus, 4), -1);
}
END_TEST

START_TEST(numbers_in_range)
{
	unsigned long value;
	ck_assert(cli_parse_ulong("15", 1, 1000, &value));
	ck_assert_uint_eq(value, 15);
	ck_assert(!cli_parse_ulong("0", 1, 1000, &value));
	ck_assert(!cli_parse_ulong("1001", 1, 1000, &value));
	ck_assert(!cli_parse_ulong("-1", 0, 1000, &value));
	ck_assert(!cli_parse_ulong("12x", 0, 1000, &value));
	ck_assert(!cli_parse_ulong("", 0, 1000, &value));
	ck_assert(!cli_parse_ulong("99999999999999999999999", 0, ~0ul, &value));
}
END_TEST

START_TEST(tags)
{
	ck_assert(cli_valid_tag("kernel=6.1"));
	ck_assert(cli_valid_tag("note=two words"));
	ck_assert(!cli_valid_tag("=x"));
	ck_assert(!cli_valid_tag("key="));
	ck_assert(!cli_valid_tag("key"));
	ck_assert(!cli_valid_tag("bad key=x"));
	ck_assert(!cli_valid_tag("key=a\nb"));
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_pipeline_cli");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, cpu_list_single_ranges_and_duplicates);
	tcase_add_test(tc, cpu_list_rejects_malformed);
	tcase_add_test(tc, numbers_in_range);
	tcase_add_test(tc, tags);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
