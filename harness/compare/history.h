/*
 * history.h - a benchmark's per-run medians as series over time (or over a
 * tag's values), one series per host x backend x test-bed x variant, with
 * the change points of each (changepoint.h).  The engine behind
 * `hvbench history`; the tests drive it directly.
 */
#ifndef HVB_HISTORY_H
#define HVB_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stats/changepoint.h"
#include "store/run_filter.h"
#include "store/store.h"

#define HVB_HISTORY_MAX_SERIES 32

struct hvb_history_query {
	const char *benchmark;      /* required */
	const char *variant;        /* NULL: every variant */
	const char *host, *backend; /* NULL: any */
	const char *by;             /* NULL: order by time; else a tag, a run_versions
	                               column (kernel, xen, release, qemu) or an env key */
	const struct hvb_run_filter *filter;
	double alpha;               /* confirmation test level for change points */
};

struct hvb_history_point {
	int64_t run_id;
	char started_at[40];
	char *by_value;             /* the --by tag's value (heap), NULL when ordering by time */
	double median, ci_low, ci_high;
	long n;
	double *samples;            /* net samples (heap) */
	size_t n_samples;
	size_t x;                   /* position on the common axis, from 1 */
	char software[192];         /* run_versions.software (release, kernel, Xen, QEMU) */
};

struct hvb_history_series {
	char host[128], backend[64], testbed[64], variant[64], unit[16];
	bool emulated;
	struct hvb_history_point *points;
	size_t count, cap;
	struct hvb_changepoint changes[HVB_CP_MAX];
	size_t change_count;
};

struct hvb_history {
	struct hvb_history_series series[HVB_HISTORY_MAX_SERIES];
	size_t series_count;
	size_t positions;           /* distinct x positions over all series */
};

/* Loads, orders and analyses.  0, or -1 (hvb_store_error says why). */
int hvb_history_load(struct hvb_store *st, const struct hvb_history_query *query,
		     struct hvb_history *out);
void hvb_history_free(struct hvb_history *history);

#endif
