/*
 * figset.h - the paper figures `hvbench plot` and `hvbench report` draw
 * from the store, beside bars.gp's per-arch chart:
 *   microbench  the four-way chart (arch x hypervisor columns, log y, p25-p75
 *               bars; plots/microbench.gp) and the same numbers as
 *               microbench.tex / microbench.md tables (fig_tables.c)
 *   tlb         cycles per access vs working set, one line per guest page x
 *               host backing, plus native (plots/tlb.gp)
 *   apps        application benchmarks (app-*) normalised to native
 *               (plots/apps.gp)
 * Rows come from complete runs that pass the filter (or from the given run
 * ids); for each column/series and benchmark the newest run wins.  A
 * figure with no rows is skipped with a note, never an error.
 */
#ifndef HVB_FIGSET_H
#define HVB_FIGSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/run_filter.h"
#include "store/store.h"

#define FIG_MAX_ROWS 4096

struct fig_selection {
	const struct hvb_run_filter *filter;   /* may be NULL */
	const int64_t *run_ids;                /* explicit runs (report), or NULL */
	size_t run_count;
};

struct fig_row {
	char benchmark[64], variant[64], arch[16], hypervisor[32], backend[32], testbed[64];
	char unit[16], backing[32], host[128];
	bool emulated;
	int64_t run_id;
	double median, p25, p75;
	double tick_hz;           /* the run's counter frequency; 0 unknown */
	char software[192];       /* run_versions.software: release, kernel, Xen, QEMU */
};

struct fig_rows {
	struct fig_row *rows;     /* newest run first */
	size_t count;
};

/* Rows of benchmarks matching the SQL LIKE pattern. 0 or -1. */
int fig_rows_load(struct hvb_store *st, const struct fig_selection *sel, const char *like,
		  struct fig_rows *out);
void fig_rows_free(struct fig_rows *rows);

/* "x86-64 KVM (refhv)" and the like; " [emulated]" when emulated. */
void fig_column_title(const struct fig_row *row, char *out, size_t size);
/* "host NAME; WHAT; runs 3, 5, 7" for a caption line, from the rows a
 * figure actually shows (used[0..n-1]). */
void fig_caption(const struct fig_row *const *used, size_t n, const char *what, char *out, size_t size);

/* Each returns 0 (drawn or skipped: *drawn says which), -1 on failure. */
int fig_draw_microbench(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn);
int fig_draw_tlb(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn);
int fig_draw_apps(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn);

/* All of the above; prints what was written or skipped.  Returns how many
 * were drawn, or -1 when one failed. */
int fig_draw_all(struct hvb_store *st, const struct fig_selection *sel, const char *dir);

#endif
