/*
 * verdict.h - did a benchmark get faster or slower between two runs?
 *
 * Inputs are the net per-batch samples of run A (before) and run B (after).
 * Lower is better (costs in cycles/ticks/ns).  The verdict:
 *   slower     p < alpha  AND  the ratio CI lies wholly above 1 + threshold
 *   faster     p < alpha  AND  the ratio CI lies wholly below 1 - threshold
 *   no change  otherwise (not significant, or within the threshold)
 * with p the two-sided Mann-Whitney U p-value (mannwhitney.h) and the ratio
 * median(B) / median(A) with its 95% bootstrap CI (bootstrap.h).  Requiring
 * both keeps noise (p) and trivia (threshold) out.  A side with fewer than
 * HVB_VERDICT_FEW_SAMPLES samples gets a warning: the test has little power.
 */
#ifndef HVB_VERDICT_H
#define HVB_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#define HVB_VERDICT_THRESHOLD 0.05   /* 5% */
#define HVB_VERDICT_ALPHA 0.01
#define HVB_VERDICT_FEW_SAMPLES 9

enum hvb_verdict { HVB_NO_CHANGE, HVB_FASTER, HVB_SLOWER, HVB_NOT_COMPARABLE };

struct hvb_verdict_options {
	double threshold;             /* relative, 0.05 = 5% */
	double alpha;
};

struct hvb_comparison {
	size_t n_a, n_b;
	double median_a, median_b;
	double ratio, ratio_low, ratio_high;  /* NaN when median(A) <= 0 */
	double p;
	bool p_exact;
	bool few_samples;
	enum hvb_verdict verdict;
};

/* "no change", "faster", "slower", "n/a". */
const char *hvb_verdict_name(enum hvb_verdict verdict);

/* Compares the samples; HVB_NOT_COMPARABLE when a side is empty or the
 * ratio is undefined.  Returns 0, or -1 on non-finite input / no memory. */
int hvb_compare_samples(const double *a, size_t na, const double *b, size_t nb,
			const struct hvb_verdict_options *options, struct hvb_comparison *out);

#endif
