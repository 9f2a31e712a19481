/*
 * run_warnings.h - why a run's numbers may not be trustworthy (see
 * run_warnings.c for the thresholds' reasons).
 */
#ifndef HVB_RUN_WARNINGS_H
#define HVB_RUN_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

#define RUN_WARN_CV 0.10           /* coefficient of variation above 10% */
#define RUN_WARN_OUTLIER_SHARE 10  /* more than 1 in 10 batches an outlier */
#define RUN_WARN_MIN_N 6           /* below this the CI widens to min..max */

struct run_plan;
struct run_outcome;

/* The warning for one summary row, if any: returns 1 and fills out, else 0. */
int run_warnings_for_row(const struct hvb_summary_row *row, char *out, size_t size);

/*
 * One "warning: BENCH: the empty loop is bimodal ..." line per ok row of
 * the stored run whose empty-loop samples fall into two states (modes.h):
 * then the median subtracted sits in one state or between the two, and
 * the net numbers shift with the host's state.  Returns how many.
 */
int run_print_mode_warnings(FILE *out, struct hvb_store *st, int64_t run_id,
			    const struct hvb_summary_row *rows, size_t count);

/* Every warning for a stored run: per row, then pinning, governor, emulation. */
void run_print_warnings(FILE *out, const struct run_plan *plan, const struct run_outcome *run,
			const struct hvb_summary_row *rows, size_t count);

#endif
