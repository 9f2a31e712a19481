/*
 * changepoint.c - binary segmentation with a BIC-style penalty on per-run
 * medians, confirmed by Mann-Whitney on raw samples (see changepoint.h).
 */
#include "stats/changepoint.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "stats/mannwhitney.h"
#include "stats/stats.h"

struct search {
	const struct hvb_cp_point *points;
	const double *medians;
	double penalty, alpha;
	struct hvb_changepoint *out;
	size_t max, found;
};

double hvb_cp_noise_sigma(const double *x, size_t n)
{
	if (n < 2)
		return 0;
	double *diffs = malloc((n - 1) * sizeof(double));
	if (!diffs)
		return 0;
	for (size_t i = 1; i < n; i++)
		diffs[i - 1] = fabs(x[i] - x[i - 1]);
	double mad = 0;
	hvb_median(diffs, n - 1, &mad);
	free(diffs);
	return 1.4826 * mad / sqrt(2.0);
}

/* Sum of squared deviations from the mean of x[from..to). */
static double segment_cost(const double *x, size_t from, size_t to)
{
	double sum = 0, sum_sq = 0, n = (double)(to - from);
	for (size_t i = from; i < to; i++) {
		sum += x[i];
		sum_sq += x[i] * x[i];
	}
	return n > 0 ? sum_sq - sum * sum / n : 0;
}

/* Pools the raw samples of points[from..to) into a new array. */
static double *pool_samples(const struct hvb_cp_point *points, size_t from, size_t to, size_t *n)
{
	size_t total = 0;
	for (size_t i = from; i < to; i++)
		total += points[i].samples ? points[i].n_samples : 0;
	*n = total;
	double *pool = malloc((total ? total : 1) * sizeof(double));
	if (!pool)
		return NULL;
	size_t k = 0;
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; points[i].samples && j < points[i].n_samples; j++)
			pool[k++] = points[i].samples[j];
	return pool;
}

/* NaN when there are no samples to test (the candidate then stands). */
static double confirm(const struct search *s, size_t from, size_t split, size_t to)
{
	size_t n_left, n_right;
	double *left = pool_samples(s->points, from, split, &n_left);
	double *right = pool_samples(s->points, split, to, &n_right);
	double p = NAN;
	struct hvb_mw_result mw;
	if (left && right && n_left && n_right &&
	    hvb_mann_whitney(left, n_left, right, n_right, &mw) == 0)
		p = mw.p;
	free(left);
	free(right);
	return p;
}

static double median_of(const double *x, size_t from, size_t to)
{
	double m = NAN;
	hvb_median(x + from, to - from, &m);
	return m;
}

/* The split of [from, to) with the largest gain above the penalty whose
 * confirmation test passes: an outlier run can make the best split a
 * spurious one, so the next HVB_CP_CANDIDATES - 1 get their chance too.
 * Returns 0 when there is none. */
static size_t best_split(const struct search *s, size_t from, size_t to, double *p_out)
{
	double whole = segment_cost(s->medians, from, to);
	size_t tried[HVB_CP_CANDIDATES];
	for (size_t attempt = 0; attempt < HVB_CP_CANDIDATES; attempt++) {
		double best_gain = s->penalty;
		size_t best = 0;
		for (size_t k = from + HVB_CP_MIN_SEGMENT; k + HVB_CP_MIN_SEGMENT <= to; k++) {
			bool seen = false;
			for (size_t t = 0; t < attempt; t++)
				seen |= tried[t] == k;
			double gain = whole - segment_cost(s->medians, from, k) -
				      segment_cost(s->medians, k, to);
			if (!seen && gain > best_gain) {
				best_gain = gain;
				best = k;
			}
		}
		if (best == 0)
			return 0;
		double p = confirm(s, from, best, to);
		if (isnan(p) || p < s->alpha) {
			*p_out = p;
			return best;
		}
		tried[attempt] = best;
	}
	return 0;
}

static void segment(struct search *s, size_t from, size_t to)
{
	if (to - from < 2 * HVB_CP_MIN_SEGMENT || s->found == s->max)
		return;
	double p;
	size_t best = best_split(s, from, to, &p);
	if (best == 0)
		return;
	s->out[s->found++] = (struct hvb_changepoint){
		.index = best,
		.before = median_of(s->medians, from, best),
		.after = median_of(s->medians, best, to),
		.p = p,
	};
	segment(s, from, best);
	segment(s, best, to);
}

static int by_index(const void *x, const void *y)
{
	size_t a = ((const struct hvb_changepoint *)x)->index;
	size_t b = ((const struct hvb_changepoint *)y)->index;
	return (a > b) - (a < b);
}

int hvb_find_changepoints(const struct hvb_cp_point *points, size_t n, double alpha,
			  struct hvb_changepoint *out, size_t max)
{
	if (!points || (!out && max))
		return -1;
	if (n < 2 * HVB_CP_MIN_SEGMENT)
		return 0;
	double *medians = malloc(n * sizeof(double));
	if (!medians)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(points[i].median)) {
			free(medians);
			return -1;
		}
		medians[i] = points[i].median;
	}
	double sigma = hvb_cp_noise_sigma(medians, n);
	/* A perfectly flat series has sigma 0: keep a floor so that rounding
	 * noise is not a change. */
	double scale = fabs(median_of(medians, 0, n));
	double floor_sigma = 1e-9 * (scale > 0 ? scale : 1);
	if (sigma < floor_sigma)
		sigma = floor_sigma;
	struct search s = {
		.points = points, .medians = medians,
		.penalty = HVB_CP_BETA * sigma * sigma * log((double)n),
		.alpha = alpha, .out = out, .max = max,
	};
	segment(&s, 0, n);
	free(medians);
	qsort(out, s.found, sizeof(*out), by_index);
	return (int)s.found;
}
