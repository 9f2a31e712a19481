/*
 * bootstrap.c - percentile-bootstrap interval for a ratio of medians, and
 * the seeded generator behind it (see bootstrap.h).
 */
#include "stats/bootstrap.h"

#include <math.h>
#include <stdlib.h>

#include "stats/stats.h"

uint64_t hvb_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

double hvb_random_unit(uint64_t *state)
{
	return (double)(hvb_splitmix64(state) >> 11) / 9007199254740992.0; /* 2^53 */
}

double hvb_random_normal(uint64_t *state)
{
	double u1 = hvb_random_unit(state), u2 = hvb_random_unit(state);
	return sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
}

static int by_value(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Median of n values drawn with replacement from x, using scratch. */
static double resampled_median(const double *x, size_t n, double *scratch, uint64_t *state)
{
	for (size_t i = 0; i < n; i++)
		scratch[i] = x[hvb_splitmix64(state) % n];
	qsort(scratch, n, sizeof(double), by_value);
	return hvb_quantile_sorted(scratch, n, 0.5);
}

int hvb_median_ratio_ci(const double *a, size_t na, const double *b, size_t nb,
			struct hvb_ratio_ci *out)
{
	out->ratio = out->low = out->high = NAN;
	double median_a, median_b;
	if (hvb_median(a, na, &median_a) || hvb_median(b, nb, &median_b))
		return -1;
	if (!(median_a > 0))
		return 0;
	out->ratio = median_b / median_a;

	double *scratch = malloc((na > nb ? na : nb) * sizeof(double));
	double *ratios = malloc(HVB_BOOT_RESAMPLES * sizeof(double));
	if (!scratch || !ratios) {
		free(scratch);
		free(ratios);
		return -1;
	}
	uint64_t state = HVB_BOOT_SEED;
	size_t usable = 0;
	for (size_t r = 0; r < HVB_BOOT_RESAMPLES; r++) {
		double ma = resampled_median(a, na, scratch, &state);
		double mb = resampled_median(b, nb, scratch, &state);
		if (ma > 0)
			ratios[usable++] = mb / ma;
	}
	if (usable >= HVB_BOOT_RESAMPLES / 2) {
		qsort(ratios, usable, sizeof(double), by_value);
		out->low = hvb_quantile_sorted(ratios, usable, 0.025);
		out->high = hvb_quantile_sorted(ratios, usable, 0.975);
	}
	free(scratch);
	free(ratios);
	return 0;
}
