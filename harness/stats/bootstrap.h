/*
 * bootstrap.h - a confidence interval for the ratio of two medians,
 * median(b) / median(a), by the percentile bootstrap.
 *
 * Method: HVB_BOOT_RESAMPLES times, draw n_a values from a and n_b values
 * from b with replacement (a fixed-seed generator, so the same data always
 * give the same interval), take the ratio of the two type-7 medians; the
 * interval is the 2.5% and 97.5% quantiles of those ratios.  Resamples
 * whose median(a) is not positive are skipped; with fewer than half of
 * them usable there is no interval.  The generator (splitmix64) is also
 * what the tests use to make synthetic samples.
 */
#ifndef HVB_BOOTSTRAP_H
#define HVB_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define HVB_BOOT_RESAMPLES 2000
#define HVB_BOOT_SEED 0x6876626e63680001ull

/* A small deterministic generator: state in, next 64 random bits out. */
uint64_t hvb_splitmix64(uint64_t *state);
/* Uniform in [0, 1). */
double hvb_random_unit(uint64_t *state);
/* Standard normal (Box-Muller). */
double hvb_random_normal(uint64_t *state);

struct hvb_ratio_ci {
	double ratio;        /* median(b) / median(a); NaN when median(a) <= 0 */
	double low, high;    /* 95% interval; NaN when there is none */
};

/* Returns 0 (the fields may be NaN, see above), or -1 on empty input,
 * non-finite values or out of memory. */
int hvb_median_ratio_ci(const double *a, size_t na, const double *b, size_t nb,
			struct hvb_ratio_ci *out);

#endif
