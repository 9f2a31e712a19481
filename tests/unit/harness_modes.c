/*
 * harness_modes.c - unit tests for harness/stats/modes.c: one state is not
 * flagged, two well-separated states are, and neither a lone outlier, a
 * split smaller than 2% nor a short series is called bimodal.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "stats/modes.h"
#include "check_main.h"

/* n values spread evenly over [centre - half, centre + half]. */
static void spread(double *x, size_t n, double centre, double half)
{
	for (size_t i = 0; i < n; i++)
		x[i] = centre - half + (n > 1 ? 2 * half * (double)i / (double)(n - 1) : 0);
}

START_TEST(one_state_is_not_bimodal)
{
	double x[30];
	struct hvb_modes m;
	spread(x, 30, 40.0, 3.0);
	ck_assert(!hvb_two_modes(x, 30, &m));
}
END_TEST

START_TEST(two_states_are_bimodal)
{
	double x[16];
	struct hvb_modes m;
	spread(x, 10, 41.0, 0.5);
	spread(x + 10, 6, 58.0, 0.5);
	/* the order of batches does not matter */
	double t = x[0]; x[0] = x[15]; x[15] = t;
	ck_assert(hvb_two_modes(x, 16, &m));
	ck_assert_uint_eq(m.n_low, 10);
	ck_assert_uint_eq(m.n_high, 6);
	ck_assert_double_eq_tol(m.low_mean, 41.0, 1e-9);
	ck_assert_double_eq_tol(m.high_mean, 58.0, 1e-9);
	ck_assert(m.ashman_d > 20);
}
END_TEST

START_TEST(flat_levels)
{
	double x[16];
	struct hvb_modes m;
	for (int i = 0; i < 16; i++)
		x[i] = i < 8 ? 10.0 : 12.0;
	ck_assert(hvb_two_modes(x, 16, &m));
	ck_assert(isinf(m.ashman_d));
	for (int i = 0; i < 16; i++)
		x[i] = i < 8 ? 10.0 : 10.1;   /* 1%: below what matters */
	ck_assert(!hvb_two_modes(x, 16, &m));
	for (int i = 0; i < 16; i++)
		x[i] = 7.0;
	ck_assert(!hvb_two_modes(x, 16, &m));
}
END_TEST

START_TEST(a_lone_outlier_is_not_a_state)
{
	double x[16];
	struct hvb_modes m;
	spread(x, 15, 40.0, 0.5);
	x[15] = 80.0;
	ck_assert(!hvb_two_modes(x, 16, &m));
}
END_TEST

START_TEST(too_few_samples)
{
	double x[7] = { 1, 1, 1, 9, 9, 9, 9 };
	struct hvb_modes m;
	ck_assert(!hvb_two_modes(x, 7, &m));
	ck_assert(!hvb_two_modes(NULL, 0, &m));
	ck_assert_uint_eq(m.n_low + m.n_high, 0);
}
END_TEST

START_TEST(overlapping_states_are_not_separated)
{
	double x[20];
	struct hvb_modes m;
	spread(x, 10, 40.0, 4.0);
	spread(x + 10, 10, 44.0, 4.0);   /* D about 1: one smear, not two states */
	ck_assert(!hvb_two_modes(x, 20, &m));
}
END_TEST

/* A fixed pseudo-random normal series (LCG + Box-Muller): reproducible. */
static double normal(unsigned long long *state)
{
	double u[2];
	for (int i = 0; i < 2; i++) {
		*state = *state * 6364136223846793005ull + 1442695040888963407ull;
		u[i] = ((double)(*state >> 11) + 0.5) / 9007199254740992.0;
	}
	return sqrt(-2 * log(u[0])) * cos(6.283185307179586 * u[1]);
}

/* Two states 20% apart with 2% noise: how this host's empty loop looks. */
START_TEST(noisy_two_states_are_found)
{
	unsigned long long state = 7;
	int found = 0, series = 200;
	for (int s = 0; s < series; s++) {
		double x[15];
		struct hvb_modes m;
		for (int i = 0; i < 15; i++)
			x[i] = (i % 5 < 3 ? 40.0 : 48.0) + 0.8 * normal(&state);
		found += hvb_two_modes(x, 15, &m);
	}
	ck_assert_msg(found * 100 >= series * 90, "only %d of %d two-state series found", found, series);
}
END_TEST

START_TEST(normal_noise_is_rarely_flagged)
{
	unsigned long long state = 42;
	int flagged = 0, series = 400;
	for (int s = 0; s < series; s++) {
		double x[15];
		struct hvb_modes m;
		for (int i = 0; i < 15; i++)
			x[i] = 100 + 5 * normal(&state);
		flagged += hvb_two_modes(x, 15, &m);
	}
	ck_assert_msg(flagged * 100 <= series * 1, "%d of %d normal series flagged", flagged, series);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("modes");
	TCase *t = tcase_create("modes");
	tcase_add_test(t, one_state_is_not_bimodal);
	tcase_add_test(t, two_states_are_bimodal);
	tcase_add_test(t, flat_levels);
	tcase_add_test(t, a_lone_outlier_is_not_a_state);
	tcase_add_test(t, too_few_samples);
	tcase_add_test(t, overlapping_states_are_not_separated);
	tcase_add_test(t, normal_noise_is_rarely_flagged);
	tcase_add_test(t, noisy_two_states_are_found);
	suite_add_tcase(s, t);
	return check_run(s);
}
