/*
 * mannwhitney.h - the Mann-Whitney U test (Wilcoxon rank-sum): do two
 * samples come from the same distribution, or is one shifted?
 *
 * Method (two-sided):
 *   U = the number of pairs (a_i, b_j) with a_i > b_j, ties counting 1/2
 *       (computed from mid-ranks: U = R_a - n_a(n_a+1)/2).
 *   exact   when there are no ties and n_a, n_b <= HVB_MW_EXACT_MAX: the
 *           null distribution of U is counted exactly (every ordering of
 *           the pooled sample equally likely), p = min(1, 2 min(P(U <= u),
 *           P(U >= u))).
 *   normal  otherwise: mean n_a n_b / 2, variance n_a n_b / 12 *
 *           ((N + 1) - sum(t^3 - t) / (N (N - 1))) over tie groups of size
 *           t (the tie correction), continuity correction 0.5,
 *           p = erfc(|z| / sqrt 2).  All values equal: p = 1.
 */
#ifndef HVB_MANNWHITNEY_H
#define HVB_MANNWHITNEY_H

#include <stdbool.h>
#include <stddef.h>

#define HVB_MW_EXACT_MAX 50

struct hvb_mw_result {
	double u;        /* U of the first sample (pairs a > b) */
	double p;        /* two-sided p-value */
	double z;        /* normal score (also computed when exact) */
	bool exact;      /* p from the exact distribution */
};

/* Returns 0, or -1 when a sample is empty, a value is not finite, or
 * memory ran out. */
int hvb_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		     struct hvb_mw_result *out);

#endif
