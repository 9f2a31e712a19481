/*
 * plot_data.h - turn the store's plot rows (one per benchmark x backend)
 * into the table gnuplot's clustered histogram reads: one line per
 * benchmark, three columns (median, p25, p75) per backend series.
 */
#ifndef HVB_PLOT_DATA_H
#define HVB_PLOT_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store/store.h"

#define PLOT_MAX_SERIES 16
#define PLOT_MAX_GROUPS 128

struct plot_series {
	char title[160];        /* "qemu-tcg (emulated)", "refhv @ testbed" */
	const char *backend, *testbed;
	bool emulated;
	int64_t run_id;
};

struct plot_group {
	char label[160];        /* "cpuid" or "tlb-nested/g4k-h2m" */
	const char *benchmark, *variant;
};

struct plot_table {
	struct plot_series series[PLOT_MAX_SERIES];
	size_t series_count;
	struct plot_group groups[PLOT_MAX_GROUPS];
	size_t group_count;
	bool in_ns;             /* every row has a tick_hz: y is nanoseconds */
	char unit[64];          /* the y unit: "ns", "cycles", ... */
};

/* Collects series and groups from rows (which stay owned by the caller). */
int plot_table_build(struct plot_table *table, const struct hvb_plot_row *rows, size_t count);

/* Writes the data table: a header comment, then "label m lo hi m lo hi ...",
 * "?" for a missing bar. */
void plot_table_write_data(const struct plot_table *table, const struct hvb_plot_row *rows,
			   size_t count, FILE *out);

/* Writes a gnuplot string literal (double quotes, escaped). */
void plot_gnuplot_string(FILE *out, const char *text);

#endif
