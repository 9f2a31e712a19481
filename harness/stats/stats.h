/*
 * stats.h - the statistics hvbench derives from per-batch samples.
 *
 * Definitions (all functions copy and sort internally; the input array is
 * never modified):
 *   quantile  linear interpolation between order statistics, Hyndman & Fan
 *             type 7 (R's default, numpy "linear"): for sorted x[0..n-1] and
 *             p in [0,1], h = (n-1)*p, q = x[floor h] + (h - floor h) *
 *             (x[floor h + 1] - x[floor h]).
 *   median    quantile 0.5;  p25 / p75  quantiles 0.25 / 0.75.
 *   midmean   the interquartile mean: the mean of the sorted values ranked
 *             floor(n/4) .. n-1-floor(n/4) (0-based), the middle half.  As
 *             robust to outliers as the quartiles, but not tied to one
 *             order statistic, so values on a coarse clock's grid give a
 *             summary finer than the grid.
 *   CI        distribution-free 95% confidence interval of the median from
 *             binomial order statistics: k is the largest integer with
 *             P(Binomial(n, 1/2) <= k-1) <= 0.025; the interval is
 *             [x(k), x(n+1-k)] (1-based order statistics), coverage >= 95%.
 *             For n <= 5 no such k exists: the interval is widened to
 *             [min, max] and ci_exact is false (coverage 1 - 2^(1-n) < 95%).
 *   mean      arithmetic mean.
 *   stddev    sample standard deviation (divisor n-1); 0 when n == 1.
 *   cv        stddev / mean (the classic coefficient of variation, as pyperf
 *             and Phoronix use it); NaN when mean == 0.  Robustness comes from
 *             reporting the median/IQR/CI beside it, not from redefining cv.
 *   outliers  values outside [p25 - 1.5*IQR, p75 + 1.5*IQR], IQR = p75 - p25
 *             (Tukey fences on the type-7 quartiles).
 */
#ifndef HVB_STATS_H
#define HVB_STATS_H

#include <stdbool.h>
#include <stddef.h>

struct hvb_stats {
	size_t n;
	double median, p25, p75;
	double ci_low, ci_high;   /* 95% CI of the median (see ci_exact) */
	bool ci_exact;            /* false: n <= 5, CI widened to min..max */
	double mean, stddev, cv;  /* cv is NaN when mean == 0 */
	double min, max;
	size_t outliers;
};

/* Summary of x[0..n-1].  Returns 0, or -1 when n == 0, x is NULL, a value is
 * not finite (NaN/inf) or memory ran out; *out is then zeroed. */
int hvb_stats_compute(const double *x, size_t n, struct hvb_stats *out);

/* Type-7 quantile of x[0..n-1] for p in [0,1].  Returns 0, or -1 (n == 0,
 * p outside [0,1], a non-finite value, out of memory). */
int hvb_quantile(const double *x, size_t n, double p, double *out);

/* hvb_quantile(x, n, 0.5, out). */
int hvb_median(const double *x, size_t n, double *out);

/* The midmean of x[0..n-1].  Returns 0, or -1 (n == 0, a non-finite value,
 * out of memory). */
int hvb_midmean(const double *x, size_t n, double *out);

/* Type-7 quantile of an already sorted array (no checks, no copy); n > 0. */
double hvb_quantile_sorted(const double *sorted, size_t n, double p);

/*
 * The net series: net[i] = op[i] - median(empty), the operation's cost with
 * the loop overhead (measured by the empty-body loop) subtracted.  A net
 * value can be slightly negative for operations cheaper than the noise.
 * When n_empty == 0 nothing is subtracted (net[i] = op[i]) and
 * *empty_median is NaN.  net must hold n_op values (it may alias op).
 * Returns 0, or -1 on a non-finite input or out of memory.
 */
int hvb_stats_net_series(const double *op, size_t n_op,
			 const double *empty, size_t n_empty,
			 double *net, double *empty_median);

#endif
