/*
 * stats.c - summary statistics of per-batch samples (definitions in
 * stats.h): type-7 quantiles, a binomial order-statistic CI of the median,
 * mean/stddev/cv, Tukey outliers, and the empty-loop-subtracted net series.
 */
#include "stats/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static bool all_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return false;
	return true;
}

/* A sorted heap copy of x, or NULL (n == 0, non-finite value, no memory). */
static double *sorted_copy(const double *x, size_t n)
{
	if (!x || n == 0 || !all_finite(x, n))
		return NULL;
	double *copy = malloc(n * sizeof(*copy));
	if (!copy)
		return NULL;
	memcpy(copy, x, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), compare_doubles);
	return copy;
}

double hvb_quantile_sorted(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo >= n - 1)
		return sorted[n - 1];
	double frac = h - (double)lo;
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

int hvb_quantile(const double *x, size_t n, double p, double *out)
{
	if (!(p >= 0.0 && p <= 1.0))
		return -1;
	double *sorted = sorted_copy(x, n);
	if (!sorted)
		return -1;
	*out = hvb_quantile_sorted(sorted, n, p);
	free(sorted);
	return 0;
}

int hvb_median(const double *x, size_t n, double *out)
{
	return hvb_quantile(x, n, 0.5, out);
}

int hvb_midmean(const double *x, size_t n, double *out)
{
	double *sorted = sorted_copy(x, n);
	if (!sorted)
		return -1;
	size_t cut = n / 4;
	double sum = 0;
	for (size_t i = cut; i < n - cut; i++)
		sum += sorted[i];
	*out = sum / (double)(n - 2 * cut);
	free(sorted);
	return 0;
}

/* The largest k >= 1 with P(Binomial(n, 1/2) <= k-1) <= 0.025, or 0 when even
 * k = 1 fails (n <= 5).  The CDF is summed from log-space terms. */
static size_t median_ci_rank(size_t n)
{
	double log_half_n = (double)n * log(0.5);
	double cdf = 0.0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		double log_pmf = lgamma((double)n + 1) - lgamma((double)i + 1) -
				 lgamma((double)(n - i) + 1) + log_half_n;
		cdf += exp(log_pmf);
		if (cdf > 0.025 + 1e-12)
			break;
		k = i + 1;
	}
	return k;
}

int hvb_stats_compute(const double *x, size_t n, struct hvb_stats *out)
{
	memset(out, 0, sizeof(*out));
	double *s = sorted_copy(x, n);
	if (!s)
		return -1;

	out->n = n;
	out->min = s[0];
	out->max = s[n - 1];
	out->median = hvb_quantile_sorted(s, n, 0.5);
	out->p25 = hvb_quantile_sorted(s, n, 0.25);
	out->p75 = hvb_quantile_sorted(s, n, 0.75);

	size_t k = median_ci_rank(n);
	if (k == 0) {
		out->ci_low = s[0];
		out->ci_high = s[n - 1];
		out->ci_exact = false;
	} else {
		out->ci_low = s[k - 1];
		out->ci_high = s[n - k];
		out->ci_exact = true;
	}

	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += s[i];
	out->mean = sum / (double)n;
	double squares = 0.0;
	for (size_t i = 0; i < n; i++)
		squares += (s[i] - out->mean) * (s[i] - out->mean);
	out->stddev = n > 1 ? sqrt(squares / (double)(n - 1)) : 0.0;
	out->cv = out->mean != 0.0 ? out->stddev / out->mean : NAN;

	double iqr = out->p75 - out->p25;
	double low_fence = out->p25 - 1.5 * iqr, high_fence = out->p75 + 1.5 * iqr;
	for (size_t i = 0; i < n; i++)
		if (s[i] < low_fence || s[i] > high_fence)
			out->outliers++;
	free(s);
	return 0;
}

int hvb_stats_net_series(const double *op, size_t n_op,
			 const double *empty, size_t n_empty,
			 double *net, double *empty_median)
{
	double overhead = 0.0;
	*empty_median = NAN;
	if (n_op && (!op || !all_finite(op, n_op)))
		return -1;
	if (n_empty) {
		if (hvb_median(empty, n_empty, &overhead))
			return -1;
		*empty_median = overhead;
	}
	for (size_t i = 0; i < n_op; i++)
		net[i] = op[i] - overhead;
	return 0;
}
