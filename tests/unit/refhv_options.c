/*
 * refhv_options.c - unit tests for refhv's option parsers: --mem sizes,
 * --pin CPU lists, --timeout, --vcpus and the whole command line.
 */
#include <check.h>
#include <stdlib.h>

#include "hvb-abi.h"
#include "options.h"
#include "check_main.h"

START_TEST(mem_sizes)
{
	uint64_t b = 0;
	ck_assert_int_eq(parse_mem_size("256M", &b), PARSE_OK);
	ck_assert_uint_eq(b, 256ull << 20);
	ck_assert_int_eq(parse_mem_size("256", &b), PARSE_OK);       /* bare = MiB */
	ck_assert_uint_eq(b, 256ull << 20);
	ck_assert_int_eq(parse_mem_size("1g", &b), PARSE_OK);
	ck_assert_uint_eq(b, 1ull << 30);
	ck_assert_int_eq(parse_mem_size("4G", &b), PARSE_OK);
	ck_assert_uint_eq(b, 4ull << 30);
	ck_assert_int_eq(parse_mem_size("8192K", &b), PARSE_OK);
	ck_assert_uint_eq(b, 8ull << 20);
	ck_assert_int_eq(parse_mem_size("64MB", &b), PARSE_OK);
	ck_assert_uint_eq(b, 64ull << 20);
}
END_TEST

START_TEST(mem_sizes_refused)
{
	uint64_t b = 42;
	ck_assert_int_eq(parse_mem_size("", &b), PARSE_EMPTY);
	ck_assert_int_eq(parse_mem_size(NULL, &b), PARSE_EMPTY);
	ck_assert_int_eq(parse_mem_size("M", &b), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_mem_size("-1G", &b), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_mem_size(" 1G", &b), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_mem_size("1T", &b), PARSE_BAD_SUFFIX);
	ck_assert_int_eq(parse_mem_size("1GX", &b), PARSE_BAD_SUFFIX);
	ck_assert_int_eq(parse_mem_size("2M", &b), PARSE_TOO_SMALL);
	ck_assert_int_eq(parse_mem_size("0", &b), PARSE_TOO_SMALL);
	ck_assert_int_eq(parse_mem_size("65G", &b), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_mem_size("99999999999999999999999G", &b), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_mem_size("18446744073709551615K", &b), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_mem_size("5M", &b), PARSE_NOT_ALIGNED);
	ck_assert_uint_eq(b, 42);   /* untouched on error */
}
END_TEST

START_TEST(cpu_lists)
{
	int cpus[8];
	unsigned n = 0;
	ck_assert_int_eq(parse_cpu_list("0,1", cpus, 8, &n), PARSE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(cpus[0], 0);
	ck_assert_int_eq(cpus[1], 1);
	ck_assert_int_eq(parse_cpu_list("0-3", cpus, 8, &n), PARSE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(cpus[3], 3);
	ck_assert_int_eq(parse_cpu_list("5,0-1", cpus, 8, &n), PARSE_OK);  /* order kept */
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(cpus[0], 5);
	ck_assert_int_eq(cpus[2], 1);
	ck_assert_int_eq(parse_cpu_list("7", cpus, 8, &n), PARSE_OK);
	ck_assert_uint_eq(n, 1);
}
END_TEST

START_TEST(cpu_lists_refused)
{
	int cpus[4];
	unsigned n = 99;
	ck_assert_int_eq(parse_cpu_list("", cpus, 4, &n), PARSE_EMPTY);
	ck_assert_int_eq(parse_cpu_list("a", cpus, 4, &n), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_cpu_list("0,", cpus, 4, &n), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_cpu_list(",0", cpus, 4, &n), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_cpu_list("0;1", cpus, 4, &n), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_cpu_list("-1", cpus, 4, &n), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_cpu_list("3-1", cpus, 4, &n), PARSE_BAD_RANGE);
	ck_assert_int_eq(parse_cpu_list("0-4", cpus, 4, &n), PARSE_TOO_MANY);
	ck_assert_int_eq(parse_cpu_list("0-1000000", cpus, 4, &n), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_cpu_list("1024", cpus, 4, &n), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_cpu_list("1,0-1", cpus, 4, &n), PARSE_DUPLICATE);
	ck_assert_uint_eq(n, 99);
}
END_TEST

START_TEST(timeouts)
{
	double t = -1;
	ck_assert_int_eq(parse_timeout("2", &t), PARSE_OK);
	ck_assert(t == 2.0);
	ck_assert_int_eq(parse_timeout("0.5", &t), PARSE_OK);
	ck_assert(t == 0.5);
	ck_assert_int_eq(parse_timeout("0", &t), PARSE_OK);
	ck_assert(t == 0.0);
	ck_assert_int_eq(parse_timeout("-1", &t), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_timeout("inf", &t), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_timeout("nan", &t), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_timeout("1s", &t), PARSE_NOT_A_NUMBER);
	ck_assert_int_eq(parse_timeout("1e300", &t), PARSE_TOO_LARGE);
}
END_TEST

START_TEST(vcpu_counts)
{
	unsigned v = 0;
	ck_assert_int_eq(parse_vcpus("1", &v), PARSE_OK);
	ck_assert_int_eq(parse_vcpus("64", &v), PARSE_OK);
	ck_assert_uint_eq(v, 64);
	ck_assert_int_eq(parse_vcpus("0", &v), PARSE_TOO_SMALL);
	ck_assert_int_eq(parse_vcpus("65", &v), PARSE_TOO_LARGE);
	ck_assert_int_eq(parse_vcpus("2x", &v), PARSE_NOT_A_NUMBER);
}
END_TEST

static int parse_args(int argc, char **argv, struct refhv_options *o)
{
	bool exit_now;
	return options_parse(argc, argv, o, &exit_now);
}

START_TEST(command_lines)
{
	struct refhv_options o;
	char *ok[] = { "refhv", "--vcpus", "2", "--mem", "1G", "--backing", "thp", "--pin", "0-1",
		       "--timeout", "1.5", "--stats", "--cmdline", "console=report", "g.elf", NULL };
	ck_assert_int_eq(parse_args(15, ok, &o), 0);
	ck_assert_uint_eq(o.vcpus, 2);
	ck_assert_uint_eq(o.mem_size, 1ull << 30);
	ck_assert_int_eq(o.backing, BACKING_THP);
	ck_assert(o.pin);
	ck_assert_int_eq(o.pin_cpus[1], 1);
	ck_assert(o.timeout_sec == 1.5);
	ck_assert(o.stats);
	ck_assert_str_eq(o.cmdline, "console=report");
	ck_assert_str_eq(o.guest_path, "g.elf");

	ck_assert(!o.vm_switch);
	char *vm_switch[] = { "refhv", "--vm-switch", "--pin", "1", "g.elf", NULL };
	ck_assert_int_eq(parse_args(5, vm_switch, &o), 0);
	ck_assert(o.vm_switch);
	ck_assert_int_eq(o.pin_cpus[0], 1);

	char *short_pin[] = { "refhv", "--vcpus", "3", "--pin", "0,1", "g.elf", NULL };
	ck_assert_int_eq(parse_args(6, short_pin, &o), REFHV_EXIT_USAGE);
	char *no_guest[] = { "refhv", "--stats", NULL };
	ck_assert_int_eq(parse_args(2, no_guest, &o), REFHV_EXIT_USAGE);
	char *two_guests[] = { "refhv", "a.elf", "b.elf", NULL };
	ck_assert_int_eq(parse_args(3, two_guests, &o), REFHV_EXIT_USAGE);
	char *bad_backing[] = { "refhv", "--backing", "1g", "g.elf", NULL };
	ck_assert_int_eq(parse_args(4, bad_backing, &o), REFHV_EXIT_USAGE);
	char *unknown[] = { "refhv", "--frobnicate", "g.elf", NULL };
	ck_assert_int_eq(parse_args(3, unknown, &o), REFHV_EXIT_USAGE);
	char *missing_arg[] = { "refhv", "g.elf", "--mem", NULL };
	ck_assert_int_eq(parse_args(3, missing_arg, &o), REFHV_EXIT_USAGE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_options");
	TCase *tc = tcase_create("parsers");

	tcase_add_test(tc, mem_sizes);
	tcase_add_test(tc, mem_sizes_refused);
	tcase_add_test(tc, cpu_lists);
	tcase_add_test(tc, cpu_lists_refused);
	tcase_add_test(tc, timeouts);
	tcase_add_test(tc, vcpu_counts);
	tcase_add_test(tc, command_lines);
	suite_add_tcase(s, tc);

	return check_run(s);
}
