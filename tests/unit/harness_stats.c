/*
 * harness_stats.c - unit tests for harness/stats/stats.c, against values computed
 * by hand (type-7 quantiles, binomial CI ranks, sample stddev, Tukey fences).
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats.h"
#include "check_main.h"

#define TOL 1e-9

START_TEST(one_to_ten_shuffled)
{
	const double x[] = { 7, 3, 10, 1, 5, 9, 2, 8, 6, 4 };
	double copy[10];
	memcpy(copy, x, sizeof(x));
	struct hvb_stats s;
	ck_assert_int_eq(hvb_stats_compute(copy, 10, &s), 0);
	ck_assert_mem_eq(copy, x, sizeof(x)); /* input untouched */
	ck_assert_uint_eq(s.n, 10);
	ck_assert_double_eq_tol(s.median, 5.5, TOL);
	ck_assert_double_eq_tol(s.p25, 3.25, TOL);  /* h = 2.25: 3 + 0.25 * (4 - 3) */
	ck_assert_double_eq_tol(s.p75, 7.75, TOL);  /* h = 6.75: 7 + 0.75 * (8 - 7) */
	ck_assert_double_eq_tol(s.ci_low, 2, TOL);  /* n = 10: k = 2 -> x(2), x(9) */
	ck_assert_double_eq_tol(s.ci_high, 9, TOL);
	ck_assert(s.ci_exact);
	ck_assert_double_eq_tol(s.mean, 5.5, TOL);
	ck_assert_double_eq_tol(s.stddev, sqrt(82.5 / 9.0), TOL);
	ck_assert_double_eq_tol(s.cv, sqrt(82.5 / 9.0) / 5.5, TOL);
	ck_assert_double_eq(s.min, 1);
	ck_assert_double_eq(s.max, 10);
	ck_assert_uint_eq(s.outliers, 0);
}
END_TEST

START_TEST(outlier_and_small_n_ci)
{
	const double x[] = { 100, 1, 2, 3, 4 };
	struct hvb_stats s;
	ck_assert_int_eq(hvb_stats_compute(x, 5, &s), 0);
	ck_assert_double_eq_tol(s.median, 3, TOL);
	ck_assert_double_eq_tol(s.p25, 2, TOL);
	ck_assert_double_eq_tol(s.p75, 4, TOL);
	ck_assert_uint_eq(s.outliers, 1);           /* fences -1 .. 7 */
	ck_assert(!s.ci_exact);                     /* n <= 5: widened to min..max */
	ck_assert_double_eq(s.ci_low, 1);
	ck_assert_double_eq(s.ci_high, 100);
	ck_assert_double_eq_tol(s.mean, 22, TOL);
	ck_assert_double_eq_tol(s.stddev, sqrt(7610.0 / 4.0), TOL);
}
END_TEST

START_TEST(low_outlier_counted)
{
	const double x[] = { 10, 10, 11, 11, 12, 12, 0 };
	struct hvb_stats s;
	ck_assert_int_eq(hvb_stats_compute(x, 7, &s), 0);
	/* sorted 0 10 10 11 11 12 12: p25 h=1.5 -> 10, p75 h=4.5 -> 11.5, fences 7.75 .. 13.75 */
	ck_assert_double_eq_tol(s.p25, 10, TOL);
	ck_assert_double_eq_tol(s.p75, 11.5, TOL);
	ck_assert_uint_eq(s.outliers, 1);
}
END_TEST

START_TEST(ci_ranks)
{
	double x[100];
	struct hvb_stats s;
	for (int i = 0; i < 100; i++)
		x[i] = 100 - i;             /* 100 .. 1, reversed */
	ck_assert_int_eq(hvb_stats_compute(x, 100, &s), 0);
	ck_assert_double_eq(s.ci_low, 40);  /* textbook ranks for n = 100: 40 and 61 */
	ck_assert_double_eq(s.ci_high, 61);
	ck_assert_int_eq(hvb_stats_compute(x + 85, 15, &s), 0); /* 15 .. 1 */
	ck_assert_double_eq(s.ci_low, 4);   /* n = 15: k = 4 -> x(4), x(12) */
	ck_assert_double_eq(s.ci_high, 12);
	ck_assert(s.ci_exact);
	ck_assert_int_eq(hvb_stats_compute(x + 94, 6, &s), 0); /* 6 .. 1 */
	ck_assert(s.ci_exact);              /* n = 6: [min, max] covers 96.9% */
	ck_assert_double_eq(s.ci_low, 1);
	ck_assert_double_eq(s.ci_high, 6);
}
END_TEST

START_TEST(n_one_and_two)
{
	struct hvb_stats s;
	const double one[] = { 7 };
	ck_assert_int_eq(hvb_stats_compute(one, 1, &s), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_double_eq(s.median, 7);
	ck_assert_double_eq(s.p25, 7);
	ck_assert_double_eq(s.p75, 7);
	ck_assert_double_eq(s.stddev, 0);
	ck_assert_double_eq(s.cv, 0);
	ck_assert_double_eq(s.ci_low, 7);
	ck_assert_double_eq(s.ci_high, 7);
	ck_assert(!s.ci_exact);

	const double two[] = { 3, 1 };
	ck_assert_int_eq(hvb_stats_compute(two, 2, &s), 0);
	ck_assert_double_eq_tol(s.median, 2, TOL);
	ck_assert_double_eq_tol(s.p25, 1.5, TOL);
	ck_assert_double_eq_tol(s.p75, 2.5, TOL);
	ck_assert_double_eq_tol(s.stddev, sqrt(2.0), TOL);
	ck_assert_double_eq_tol(s.mean, 2, TOL);
	ck_assert_uint_eq(s.outliers, 0);
}
END_TEST

START_TEST(all_equal)
{
	const double x[] = { 4, 4, 4, 4, 4, 4 };
	struct hvb_stats s;
	ck_assert_int_eq(hvb_stats_compute(x, 6, &s), 0);
	ck_assert_double_eq(s.median, 4);
	ck_assert_double_eq(s.p25, 4);
	ck_assert_double_eq(s.p75, 4);
	ck_assert_double_eq(s.stddev, 0);
	ck_assert_double_eq(s.cv, 0);
	ck_assert_uint_eq(s.outliers, 0);
	ck_assert_double_eq(s.ci_low, 4);
	ck_assert_double_eq(s.ci_high, 4);
}
END_TEST

START_TEST(zero_mean_cv_is_nan)
{
	const double x[] = { -1, 1 };
	struct hvb_stats s;
	ck_assert_int_eq(hvb_stats_compute(x, 2, &s), 0);
	ck_assert(isnan(s.cv));
}
END_TEST

START_TEST(rejected_inputs)
{
	struct hvb_stats s;
	double q;
	const double with_nan[] = { 1, NAN, 3 };
	const double with_inf[] = { 1, INFINITY };
	const double ok[] = { 1, 2 };
	ck_assert_int_eq(hvb_stats_compute(ok, 0, &s), -1);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_int_eq(hvb_stats_compute(NULL, 3, &s), -1);
	ck_assert_int_eq(hvb_stats_compute(with_nan, 3, &s), -1);
	ck_assert_int_eq(hvb_stats_compute(with_inf, 2, &s), -1);
	ck_assert_int_eq(hvb_median(ok, 0, &q), -1);
	ck_assert_int_eq(hvb_median(with_nan, 3, &q), -1);
	ck_assert_int_eq(hvb_quantile(ok, 2, -0.1, &q), -1);
	ck_assert_int_eq(hvb_quantile(ok, 2, 1.1, &q), -1);
	ck_assert_int_eq(hvb_quantile(ok, 2, NAN, &q), -1);
}
END_TEST

START_TEST(quantiles)
{
	const double x[] = { 40, 10, 30, 20 };
	double q;
	ck_assert_int_eq(hvb_quantile(x, 4, 0, &q), 0);
	ck_assert_double_eq(q, 10);
	ck_assert_int_eq(hvb_quantile(x, 4, 1, &q), 0);
	ck_assert_double_eq(q, 40);
	ck_assert_int_eq(hvb_quantile(x, 4, 0.1, &q), 0);
	ck_assert_double_eq_tol(q, 13, TOL);        /* h = 0.3 */
	ck_assert_int_eq(hvb_median(x, 4, &q), 0);
	ck_assert_double_eq_tol(q, 25, TOL);
	ck_assert_double_eq(x[0], 40);              /* input untouched */
	const double sorted[] = { 1, 2, 4 };
	ck_assert_double_eq_tol(hvb_quantile_sorted(sorted, 3, 0.75), 3, TOL);
}
END_TEST

START_TEST(midmean)
{
	/* 8 values: the middle half is ranks 2..5 (0-based) of the sorted copy */
	const double x[] = { 1000, 10, 30, 20, 0, 40, -500, 30 };
	double m;
	ck_assert_int_eq(hvb_midmean(x, 8, &m), 0);
	ck_assert_double_eq_tol(m, (10 + 20 + 30 + 30) / 4.0, TOL);
	ck_assert_double_eq(x[0], 1000);            /* input untouched */
	/* on a grid of 10, the midmean lies between grid points */
	const double grid[] = { 310, 310, 320, 320, 320, 330, 340, 900 };
	ck_assert_int_eq(hvb_midmean(grid, 8, &m), 0);
	ck_assert_double_eq_tol(m, (320 + 320 + 320 + 330) / 4.0, TOL);
	const double one[] = { 7 };
	ck_assert_int_eq(hvb_midmean(one, 1, &m), 0);
	ck_assert_double_eq(m, 7);
	const double three[] = { 1, 2, 6 };
	ck_assert_int_eq(hvb_midmean(three, 3, &m), 0);   /* n/4 = 0: all of them */
	ck_assert_double_eq_tol(m, 3, TOL);
	const double bad[] = { 1, NAN };
	ck_assert_int_eq(hvb_midmean(bad, 2, &m), -1);
	ck_assert_int_eq(hvb_midmean(x, 0, &m), -1);
}
END_TEST

START_TEST(net_series)
{
	double op[] = { 10, 12, 14 };
	const double empty[] = { 9, 1, 2 };
	double net[3], empty_median;
	ck_assert_int_eq(hvb_stats_net_series(op, 3, empty, 3, net, &empty_median), 0);
	ck_assert_double_eq(empty_median, 2);
	ck_assert_double_eq(net[0], 8);
	ck_assert_double_eq(net[1], 10);
	ck_assert_double_eq(net[2], 12);
	ck_assert_double_eq(op[0], 10);

	/* in place, and a net value below zero is kept */
	const double big_empty[] = { 11 };
	ck_assert_int_eq(hvb_stats_net_series(op, 3, big_empty, 1, op, &empty_median), 0);
	ck_assert_double_eq(op[0], -1);
	ck_assert_double_eq(op[2], 3);

	/* no empty samples: nothing subtracted */
	const double op2[] = { 5, 6 };
	ck_assert_int_eq(hvb_stats_net_series(op2, 2, NULL, 0, net, &empty_median), 0);
	ck_assert(isnan(empty_median));
	ck_assert_double_eq(net[0], 5);
	ck_assert_double_eq(net[1], 6);

	const double bad[] = { NAN };
	ck_assert_int_eq(hvb_stats_net_series(op2, 2, bad, 1, net, &empty_median), -1);
	ck_assert_int_eq(hvb_stats_net_series(bad, 1, op2, 2, net, &empty_median), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stats");
	TCase *t = tcase_create("stats");
	tcase_add_test(t, one_to_ten_shuffled);
	tcase_add_test(t, outlier_and_small_n_ci);
	tcase_add_test(t, low_outlier_counted);
	tcase_add_test(t, ci_ranks);
	tcase_add_test(t, n_one_and_two);
	tcase_add_test(t, all_equal);
	tcase_add_test(t, zero_mean_cv_is_nan);
	tcase_add_test(t, rejected_inputs);
	tcase_add_test(t, quantiles);
	tcase_add_test(t, midmean);
	tcase_add_test(t, net_series);
	suite_add_tcase(s, t);
	return check_run(s);
}
