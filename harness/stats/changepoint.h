/*
 * changepoint.h - where did a series of per-run medians shift?
 *
 * Method: binary segmentation with a penalised least-squares cost (a mean
 * shift model).  For a segment, the best split k maximises the reduction
 * of the within-segment sum of squares; it is accepted when that reduction
 * exceeds the penalty  HVB_CP_BETA * sigma^2 * ln(n)  (a BIC-style
 * penalty), where sigma is a robust noise estimate, 1.4826 * MAD of the
 * first differences / sqrt 2 (a step adds one large difference, which the
 * median ignores).  BETA = 8 is heavier than BIC's 2 because sigma is
 * itself estimated from few runs: on simulated Gaussian noise it gives
 * false alarms in ~3% of 8-run series, ~0.5% of 16-run and ~0.1% of
 * 32-run series, while a step of 3 sigma between two 8-run halves is found.  Each side must keep at least HVB_CP_MIN_SEGMENT runs,
 * so a single odd run is an outlier, not a change.  Segments are split
 * recursively.  When raw samples are given, a candidate is confirmed only
 * if a Mann-Whitney test of the pooled raw samples left and right of it
 * (within the segment) gives p < alpha; when it does not (an outlier run
 * can pull the best split its way), the next best splits above the
 * penalty are tried, up to HVB_CP_CANDIDATES.  No fixed percentage is involved.
 */
#ifndef HVB_CHANGEPOINT_H
#define HVB_CHANGEPOINT_H

#include <stddef.h>

#define HVB_CP_BETA 8.0
#define HVB_CP_MIN_SEGMENT 2
#define HVB_CP_MAX 64
#define HVB_CP_CANDIDATES 4   /* splits tried per segment when confirmation fails */

/* One point of the series: a run's median and (optionally) its samples. */
struct hvb_cp_point {
	double median;
	const double *samples;   /* may be NULL: no confirmation test */
	size_t n_samples;
};

struct hvb_changepoint {
	size_t index;            /* the first point of the new segment */
	double before, after;    /* medians of the segment medians either side */
	double p;                /* confirming test's p-value, NaN without samples */
};

/* Finds change points in points[0..n-1]; writes at most max of them to out,
 * ordered by index, and returns how many, or -1 on bad input / no memory. */
int hvb_find_changepoints(const struct hvb_cp_point *points, size_t n, double alpha,
			  struct hvb_changepoint *out, size_t max);

/* The robust noise estimate used above (0 when n < 2). */
double hvb_cp_noise_sigma(const double *x, size_t n);

#endif
