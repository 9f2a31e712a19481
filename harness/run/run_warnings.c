/*
 * run_warnings.c - the warnings printed under a run's table, so nobody
 * quotes a number without knowing why it may not be trustworthy: a spread
 * too wide (coefficient of variation above 10%, pyperf's threshold), many
 * outliers, too few batches for a confidence interval, an empty loop that
 * switches between two states (modes.h), vCPUs not pinned, or a CPU
 * frequency governor other than "performance".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/modes.h"
#include "store/net_samples.h"
#include "run/run.h"
#include "run/run_warnings.h"

/* "cpuid", or "ipi/send" when there is a variant. */
static const char *row_label(const struct hvb_summary_row *row, char *out, size_t size)
{
	bool plain = strcmp(row->variant, "-") == 0;
	snprintf(out, size, "%s%s%s", row->benchmark, plain ? "" : "/", plain ? "" : row->variant);
	return out;
}

int run_print_mode_warnings(FILE *out, struct hvb_store *st, int64_t run_id,
			    const struct hvb_summary_row *rows, size_t count)
{
	int flagged = 0;
	for (size_t i = 0; i < count; i++) {
		const struct hvb_summary_row *row = &rows[i];
		double *x = NULL;
		size_t n = 0;
		struct hvb_modes m;
		if (strcmp(row->status, "ok") != 0 ||
		    hvb_load_empty_samples(st, run_id, row->benchmark, row->variant, &x, &n) != 0)
			continue;
		if (hvb_two_modes(x, n, &m)) {
			char d[32];
			if (isinf(m.ashman_d))
				snprintf(d, sizeof(d), "inf");
			else
				snprintf(d, sizeof(d), "%.1f", m.ashman_d);
			char label[160];
			fprintf(out, "warning: %s: the empty loop is bimodal (two states, %.1f and "
				"%.1f %s per iteration, %zu of %zu batches in the upper; Ashman's D %s): "
				"the host switched speed during the run, so the net numbers mix two "
				"states; rerun pinned on a quieter host\n",
				row_label(row, label, sizeof(label)), m.low_mean, m.high_mean,
				row->unit, m.n_high, n, d);
			flagged++;
		}
		free(x);
	}
	return flagged;
}

int run_warnings_for_row(const struct hvb_summary_row *row, char *out, size_t size)
{
	if (strcmp(row->status, "ok") != 0)
		return 0;
	char label[160];
	row_label(row, label, sizeof(label));
	if (!isnan(row->cv) && row->cv > RUN_WARN_CV)
		return snprintf(out, size, "%s: spread too high to trust (cv %.0f%% > %.0f%%): "
				"rerun with more --batches on a quieter host",
				label, row->cv * 100, RUN_WARN_CV * 100) > 0;
	if (row->n > 0 && row->outliers * RUN_WARN_OUTLIER_SHARE > row->n)
		return snprintf(out, size, "%s: %ld of %ld batches are outliers", label, row->outliers,
				row->n) > 0;
	if (row->n > 0 && row->n < RUN_WARN_MIN_N)
		return snprintf(out, size, "%s: only %ld batches: the 95%% CI is min..max", label,
				row->n) > 0;
	return 0;
}

void run_print_warnings(FILE *out, const struct run_plan *plan, const struct run_outcome *run,
			const struct hvb_summary_row *rows, size_t count)
{
	char line[512];
	for (size_t i = 0; i < count; i++)
		if (run_warnings_for_row(&rows[i], line, sizeof(line)))
			fprintf(out, "warning: %s\n", line);
	if (!run->pinned)
		fprintf(out, "warning: vCPUs were not pinned (--pin CPUS or --pin auto)\n");
	if (strcmp(plan->env.governor, "performance") != 0)
		fprintf(out, "warning: CPU frequency governor is '%s', not 'performance'\n",
			plan->env.governor);
	if (run->backend->emulated)
		fprintf(out, "note: %s on %s runs under emulation (QEMU TCG): these are emulation "
			"costs, not hardware facts\n", run->backend->name, run->backend->testbed);
}
