/*
 * verdict.c - combine the Mann-Whitney p-value and the bootstrap ratio CI
 * into faster / slower / no change (rules in verdict.h).
 */
#include "stats/verdict.h"

#include <math.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "stats/mannwhitney.h"
#include "stats/stats.h"

static const char *const verdict_names[] = {
	[HVB_NO_CHANGE] = "no change",
	[HVB_FASTER] = "faster",
	[HVB_SLOWER] = "slower",
	[HVB_NOT_COMPARABLE] = "n/a",
};

const char *hvb_verdict_name(enum hvb_verdict verdict)
{
	if ((unsigned)verdict >= sizeof(verdict_names) / sizeof(verdict_names[0]))
		return "?";
	return verdict_names[verdict];
}

int hvb_compare_samples(const double *a, size_t na, const double *b, size_t nb,
			const struct hvb_verdict_options *options, struct hvb_comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->n_a = na;
	out->n_b = nb;
	out->median_a = out->median_b = out->ratio = out->ratio_low = out->ratio_high = NAN;
	out->p = NAN;
	out->verdict = HVB_NOT_COMPARABLE;
	if (na == 0 || nb == 0)
		return 0;
	out->few_samples = na < HVB_VERDICT_FEW_SAMPLES || nb < HVB_VERDICT_FEW_SAMPLES;

	struct hvb_mw_result mw;
	struct hvb_ratio_ci ci;
	if (hvb_median(a, na, &out->median_a) || hvb_median(b, nb, &out->median_b) ||
	    hvb_mann_whitney(a, na, b, nb, &mw) || hvb_median_ratio_ci(a, na, b, nb, &ci))
		return -1;
	out->p = mw.p;
	out->p_exact = mw.exact;
	out->ratio = ci.ratio;
	out->ratio_low = ci.low;
	out->ratio_high = ci.high;
	if (isnan(ci.ratio) || isnan(ci.low))
		return 0;

	bool significant = mw.p < options->alpha;
	if (significant && ci.low > 1.0 + options->threshold)
		out->verdict = HVB_SLOWER;
	else if (significant && ci.high < 1.0 - options->threshold)
		out->verdict = HVB_FASTER;
	else
		out->verdict = HVB_NO_CHANGE;
	return 0;
}
