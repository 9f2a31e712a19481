/*
 * mannwhitney.c - Mann-Whitney U with mid-ranks, an exact null
 * distribution for small tie-free samples and the tie-corrected normal
 * approximation otherwise (see mannwhitney.h).
 */
#include "stats/mannwhitney.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct tagged {
	double value;
	int from_a;
};

static int by_value(const void *x, const void *y)
{
	double a = ((const struct tagged *)x)->value, b = ((const struct tagged *)y)->value;
	return (a > b) - (a < b);
}

/* Sum of the first sample's mid-ranks, the tie term sum(t^3 - t), and
 * whether there were ties. */
static void rank_sum(struct tagged *pool, size_t n, double *rank_sum_a, double *tie_term)
{
	qsort(pool, n, sizeof(*pool), by_value);
	*rank_sum_a = 0;
	*tie_term = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && pool[j + 1].value == pool[i].value)
			j++;
		double t = (double)(j - i + 1);
		double mid_rank = (double)(i + j) / 2.0 + 1.0;
		for (size_t k = i; k <= j; k++)
			if (pool[k].from_a)
				*rank_sum_a += mid_rank;
		*tie_term += t * t * t - t;
		i = j + 1;
	}
}

/*
 * counts[u] = number of orderings of na a's and nb b's whose U is u, by the
 * recurrence f(i, j) = shift(f(i-1, j), j) + f(i, j-1): the largest element
 * is either an a (beating all j b's) or a b.  Rows are rolled over i.
 */
static double *exact_distribution(size_t na, size_t nb)
{
	size_t len = na * nb + 1;
	double *prev = calloc((nb + 1) * len, sizeof(double));
	double *cur = calloc((nb + 1) * len, sizeof(double));
	double *counts = calloc(len, sizeof(double));
	if (!prev || !cur || !counts) {
		free(prev);
		free(cur);
		free(counts);
		return NULL;
	}
	for (size_t j = 0; j <= nb; j++)
		prev[j * len] = 1; /* i = 0: one ordering, U = 0 */
	for (size_t i = 1; i <= na; i++) {
		memset(cur, 0, (nb + 1) * len * sizeof(double));
		cur[0] = 1; /* j = 0 */
		for (size_t j = 1; j <= nb; j++) {
			double *f = cur + j * len;
			const double *left = prev + j * len, *down = cur + (j - 1) * len;
			for (size_t u = 0; u <= i * j; u++)
				f[u] = (u >= j ? left[u - j] : 0) + down[u];
		}
		double *swap = prev;
		prev = cur;
		cur = swap;
	}
	memcpy(counts, prev + nb * len, len * sizeof(double));
	free(prev);
	free(cur);
	return counts;
}

static int exact_p(size_t na, size_t nb, double u, double *p)
{
	double *counts = exact_distribution(na, nb);
	if (!counts)
		return -1;
	double total = 0, below = 0, above = 0;
	for (size_t k = 0; k <= na * nb; k++) {
		total += counts[k];
		if ((double)k <= u)
			below += counts[k];
		if ((double)k >= u)
			above += counts[k];
	}
	free(counts);
	double tail = fmin(below, above) / total;
	*p = fmin(1.0, 2.0 * tail);
	return 0;
}

int hvb_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		     struct hvb_mw_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!a || !b || na == 0 || nb == 0)
		return -1;
	size_t n = na + nb;
	struct tagged *pool = malloc(n * sizeof(*pool));
	if (!pool)
		return -1;
	for (size_t i = 0; i < n; i++) {
		double v = i < na ? a[i] : b[i - na];
		if (!isfinite(v)) {
			free(pool);
			return -1;
		}
		pool[i] = (struct tagged){ v, i < na };
	}
	double ra, tie_term;
	rank_sum(pool, n, &ra, &tie_term);
	free(pool);

	double dna = (double)na, dnb = (double)nb, dn = (double)n;
	out->u = ra - dna * (dna + 1) / 2;
	double mean = dna * dnb / 2;
	double variance = dna * dnb / 12.0 * ((dn + 1) - tie_term / (dn * (dn - 1)));
	double deviation = fabs(out->u - mean);
	if (variance > 0) {
		double corrected = deviation > 0.5 ? deviation - 0.5 : 0;
		out->z = (out->u >= mean ? 1 : -1) * corrected / sqrt(variance);
		out->p = fmin(1.0, erfc(fabs(out->z) / sqrt(2.0)));
	} else {
		out->z = 0;
		out->p = 1;
	}
	if (tie_term == 0 && na <= HVB_MW_EXACT_MAX && nb <= HVB_MW_EXACT_MAX) {
		if (exact_p(na, nb, out->u, &out->p))
			return -1;
		out->exact = true;
	}
	return 0;
}
