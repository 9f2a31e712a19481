/*
 * run_warnings.h - why a run's numbers may not be trustworthy (see
 * run_warnings.c for the thresholds' reasons).
 */
#ifndef HVB_RUN_WARNINGS_H
#define HVB_RUN_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store.h"

#define RUN_WARN_CV 0.10           /* coefficient of variation above 10% */
#define RUN_WARN_OUTLIER_SHARE 10  /* more than 1 in 10 batches an outlier */
#define RUN_WARN_MIN_N 6           /* below this the CI widens to min..max */

struct run_plan;
struct run_outcome;

/* The warning for one summary row, if any: returns 1 and fills out, else 0. */
int run_warnings_for_row(const struct hvb_summary_row *row, char *out, size_t size);

/* Every warning for a stored run: per row, then pinning, governor, emulation. */
void run_print_warnings(FILE *out, const struct run_plan *plan, const struct run_outcome *run,
			const struct hvb_summary_row *rows, size_t count);

#endif
