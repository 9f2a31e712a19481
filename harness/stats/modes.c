/*
 * modes.c - the two-state test of modes.h: best two-means split of the
 * sorted samples (prefix sums make every split O(1)), then Ashman's D.
 */
#include "stats/modes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sum of squared deviations of the k values whose sum is s and sum of squares q. */
static double sum_squares(double s, double q, size_t k)
{
	double ss = q - s * s / (double)k;
	return ss > 0 ? ss : 0;
}

bool hvb_two_modes(const double *x, size_t n, struct hvb_modes *out)
{
	memset(out, 0, sizeof(*out));
	if (!x || n < MODES_MIN_N)
		return false;
	double *v = malloc(n * sizeof(double));
	double *sum = malloc((n + 1) * sizeof(double));
	double *sq = malloc((n + 1) * sizeof(double));
	if (!v || !sum || !sq) {
		free(v), free(sum), free(sq);
		return false;
	}
	memcpy(v, x, n * sizeof(double));
	qsort(v, n, sizeof(double), compare_doubles);
	sum[0] = sq[0] = 0;
	for (size_t i = 0; i < n; i++) {
		sum[i + 1] = sum[i] + v[i];
		sq[i + 1] = sq[i] + v[i] * v[i];
	}

	size_t min_k = (size_t)ceil(MODES_MIN_SHARE * (double)n);
	if (min_k < 2)
		min_k = 2;
	size_t best_k = 0;
	double best = INFINITY;
	for (size_t k = min_k; k + min_k <= n; k++) {   /* low = v[0..k-1], high = v[k..] */
		double w = sum_squares(sum[k], sq[k], k) +
			   sum_squares(sum[n] - sum[k], sq[n] - sq[k], n - k);
		if (w < best) {
			best = w;
			best_k = k;
		}
	}
	bool bimodal = false;
	if (best_k) {
		size_t k = best_k;
		double s_lo = sum[k], s_hi = sum[n] - sum[k];
		double var_lo = sum_squares(s_lo, sq[k], k) / (double)(k - 1);
		double var_hi = sum_squares(s_hi, sq[n] - sq[k], n - k) / (double)(n - k - 1);
		out->n_low = k;
		out->n_high = n - k;
		out->low_mean = s_lo / (double)k;
		out->split = v[k - 1];
		out->high_mean = s_hi / (double)(n - k);
		double gap = out->high_mean - out->low_mean;
		double spread = sqrt(var_lo + var_hi);
		out->ashman_d = spread > 0 ? sqrt(2.0) * gap / spread : (gap > 0 ? INFINITY : 0);
		double scale = fabs(out->low_mean) > 0 ? fabs(out->low_mean) : fabs(out->high_mean);
		double d_min = MODES_D_BASE + MODES_D_SHORT / sqrt((double)n);
		bimodal = out->ashman_d > d_min && scale > 0 &&
			  gap >= MODES_MIN_REL_GAP * scale;
	}
	free(v), free(sum), free(sq);
	return bimodal;
}
