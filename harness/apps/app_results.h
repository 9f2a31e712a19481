/*
 * app_results.h - collect the application suite's result lines
 * ("APPB result bench=... unit=... better=... value=...", "APPB error
 * what=...") into one series per workload, store them as results of a run,
 * and compute the normalised value.  The machine is not trusted: only
 * known benchmarks in their table unit with finite positive values count.
 */
#ifndef HVB_APP_RESULTS_H
#define HVB_APP_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "apps/app_suite.h"
#include "store/store.h"

struct app_series {
	const struct app_workload *workload;
	double values[APP_MAX_REPS];
	size_t count;
	char error[128];              /* the last "APPB error", or "" */
};

struct app_collect {
	struct app_series series[APP_MAX_WORKLOADS];
	size_t count;
	char info[512];               /* the machine's "APPB info" text */
	size_t rejected;              /* lines that looked like results but were not valid */
};

void app_collect_init(struct app_collect *c, const struct app_workload *const *selected, size_t count);
/* Takes one console (or load generator) line; ignores everything else. */
void app_collect_line(struct app_collect *c, const char *line);
/* Adds a sample directly (a load generator parsed by the harness: wrk). */
void app_collect_add(struct app_collect *c, const struct app_workload *w, double value);
/* Notes why a workload has no (or fewer) samples. */
void app_collect_fail(struct app_collect *c, const struct app_workload *w, const char *why);

/* Stores one result per workload (ok with its samples, else failed with
 * the reason; measured_only: only those with samples, for a partial run);
 * returns how many were ok, or -1 on a store error. */
int app_collect_store(struct hvb_store *st, int64_t run_id, const struct app_collect *c,
		      bool measured_only);

/* Performance relative to native: 1.0 = native, < 1 slower. */
double app_normalised(const struct app_workload *w, double median, double native_median);

#endif
