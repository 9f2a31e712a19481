/*
 * harness_version.c - unit tests for harness/util/version.c: dpkg's version
 * order, on the kernel and Xen versions of the two Debian releases the
 * test-beds come from, and on the rules of deb-version(7).
 */
#include <check.h>
#include <stdlib.h>

#include "util/version.h"
#include "check_main.h"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* a < b, b > a, and each equal to itself */
static void older(const char *a, const char *b)
{
	ck_assert_msg(hvb_version_cmp(a, b) < 0, "%s should be older than %s", a, b);
	ck_assert_msg(hvb_version_cmp(b, a) > 0, "%s should be newer than %s", b, a);
	ck_assert_int_eq(hvb_version_cmp(a, a), 0);
}

START_TEST(kernels_of_both_releases)
{
	older("6.1.0-57", "6.12.48");                    /* the issue's own pair */
	older("6.1.0-57-amd64", "6.12.118+deb13-amd64");  /* uname -r of each */
	older("6.1.158-1", "6.12.118-1");                 /* the package versions */
	older("6.1.192-3", "6.12.118-1");
	older("6.1.9-1", "6.1.10-1");                     /* numbers, not text */
	older("6.12.118-1", "6.12.118-2");
	older("6.2", "6.12");
}
END_TEST

START_TEST(xen_of_both_releases)
{
	older("4.17.7", "4.20.1");
	older("4.17.5+72-g01a1bb9f5e-0+deb12u1", "4.20.4+63-g7abfd2bce2-0+deb13u1");
	older("4.17.6-pre", "4.20.5-pre");
	older("4.9", "4.17");
}
END_TEST

START_TEST(deb_version_rules)
{
	older("1.0~rc1", "1.0");       /* '~' sorts before the end */
	older("1.0~~", "1.0~");
	older("1.0", "1.0a");          /* letters after the end */
	older("1.0a", "1.0+");         /* non-letters after letters */
	older("1.0", "1.0.1");
	older("9.9", "1:0.1");         /* the epoch first */
	older("2:1.0", "10:0.1");      /* epochs as numbers */
	older("1.0-1", "1.0-1.1");     /* then the revision */
	older("1.0-9", "1.0-10");
	ck_assert_int_eq(hvb_version_cmp("1.01", "1.1"), 0);  /* leading zeros */
	ck_assert_int_eq(hvb_version_cmp("0:1.0", "1.0"), 0); /* epoch 0 is none */
	ck_assert_int_eq(sign(hvb_version_cmp("", "0")), 0);
	older("", "1");
}
END_TEST

START_TEST(garbage_is_ordered_not_crashed)
{
	/* any text has a place: colons, dashes and digits where they do not belong */
	const char *odd[] = { ":", "-", "::--", "a:b-c", "99999999999999999999999:1", "1-", "-1",
			      "\x7f\x80\xff", "0000000000000000000000000000001" };
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		for (size_t j = 0; j < sizeof(odd) / sizeof(odd[0]); j++)
			ck_assert_int_eq(sign(hvb_version_cmp(odd[i], odd[j])),
					 -sign(hvb_version_cmp(odd[j], odd[i])));
	ck_assert_int_eq(hvb_version_cmp("0000000000000000000000000000001", "1"), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_version");
	TCase *tc = tcase_create("version");
	tcase_add_test(tc, kernels_of_both_releases);
	tcase_add_test(tc, xen_of_both_releases);
	tcase_add_test(tc, deb_version_rules);
	tcase_add_test(tc, garbage_is_ordered_not_crashed);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
