/*
 * modes.h - does a series of samples come from one state or from two?
 *
 * This host (a nested KVM) switches between two speeds: the empty loop's
 * batches then fall into two clusters, and one median describes neither.
 * hvb_two_modes() splits the sorted samples where the within-cluster sum of
 * squares is least (the best two-means split, as Jenks/Otsu), and calls the
 * series bimodal when
 *   - each cluster holds at least 10% of the samples and at least 2 of them
 *     (n >= 8), so one stray batch is not a "state";
 *   - Ashman's D = sqrt(2) |m1 - m2| / sqrt(s1^2 + s2^2) exceeds
 *     3.5 + 12 / sqrt(n).  D > 2 is the usual criterion for two *fitted*
 *     normal components (Ashman, Bird & Zepf 1994), but a hard split of one
 *     state already reaches about 2.7 (normal, large n) and more in short
 *     series (by simulation, the 99.9th percentile for one normal state is
 *     6.6 at n = 15, 4.8 at n = 30, 3.3 at n = 100).  With this threshold
 *     fewer than 0.5% of single-state normal or log-normal series of 15 to
 *     100 batches are flagged, while two states 20% apart (2% noise each)
 *     are flagged in more than 95% of series of 15.  D is infinite when
 *     both clusters are flat;
 *   - the means differ by at least 2% of the lower one, so a split far below
 *     anything that matters (a tenth of a cycle) is not reported.
 */
#ifndef HVB_MODES_H
#define HVB_MODES_H

#include <stdbool.h>
#include <stddef.h>

#define MODES_MIN_N 8
#define MODES_MIN_SHARE 0.10
#define MODES_D_BASE 3.5       /* the D threshold for long series ... */
#define MODES_D_SHORT 12.0      /* ... plus this / sqrt(n) for short ones */
#define MODES_MIN_REL_GAP 0.02

struct hvb_modes {
	double low_mean, high_mean;   /* the two clusters' means */
	double split;                 /* the low cluster's largest value (the high one's are above) */
	size_t n_low, n_high;
	double ashman_d;              /* INFINITY when both clusters are flat */
};

/* true when x[0..n-1] is bimodal by the rules above (*out filled either way
 * when n >= MODES_MIN_N; zeroed otherwise). */
bool hvb_two_modes(const double *x, size_t n, struct hvb_modes *out);

#endif
