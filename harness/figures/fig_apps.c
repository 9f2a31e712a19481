/*
 * fig_apps.c - application benchmarks (app-*) normalised to native: for
 * each app and each virtualized column, its performance relative to the
 * native run (1.0 = native, lower = slower), drawn by plots/apps.gp.  Each
 * app stores which direction is better (run_env app.better.BENCH, "higher"
 * for throughput, "lower" for times), so a throughput is median / native and
 * a time native / median, against the native run of the cell's own
 * invocation (app.native_run) when it is stored, else the newest native
 * run shown.  Apps without a native result are left out (noted).
 */
#include <stdio.h>
#include <string.h>

#include "figures/fig_matrix.h"
#include "figures/figures.h"
#include "figures/plot_data.h"
#include "store/store_query.h"

static bool is_native(const struct fig_row *r)
{
	return strcmp(r->backend, "native") == 0 || strcmp(r->hypervisor, "none") == 0;
}

static int native_column(const struct fig_matrix *m)
{
	for (size_t c = 0; c < m->column_count; c++)
		if (is_native(m->columns[c]))
			return (int)c;
	return -1;
}

/* True when a larger value of app is better (stored by the app suite). */
static bool higher_is_better(struct hvb_store *st, const char *app)
{
	char key[128];
	double higher = 0;
	snprintf(key, sizeof(key), "app.better.%s", app);
	const char *params[] = { key };
	return hvb_store_query_number(st, "SELECT value = 'higher' FROM run_env WHERE key = ? "
				      "ORDER BY run_id DESC LIMIT 1", params, 1, &higher) == 0 &&
	       higher > 0;
}

/* The native median a virtualized cell is normalised to: its own run's
 * baseline (app.native_run, from the same invocation), else fallback's. */
static double baseline_median(struct hvb_store *st, const struct fig_row *cell,
			      const struct fig_row *fallback)
{
	char run[32];
	double median = 0;
	snprintf(run, sizeof(run), "%lld", (long long)cell->run_id);
	const char *params[] = { run, cell->benchmark };
	if (hvb_store_query_number(st, "SELECT s.median FROM run_env AS e JOIN summary AS s "
				   "ON s.run_id = CAST(e.value AS INTEGER) WHERE e.run_id = ? "
				   "AND e.key = 'app.native_run' AND s.benchmark = ? "
				   "AND s.status = 'ok'", params, 2, &median) == 0 && median > 0)
		return median;
	return fallback->median;
}

/* Below this smallest ratio the figure uses a log axis (emulation: 0.003). */
#define APPS_LOG_BELOW 0.05

/* Rows "app value value ..." normalised; returns how many apps had a native
 * value; *smallest gets the smallest ratio written. */
static size_t write_data(struct hvb_store *st, const struct fig_matrix *m, int native, FILE *out,
			 double *smallest)
{
	size_t written = 0;
	*smallest = 1.0;
	fprintf(out, "# app, then per virtualized column: performance / native performance; ? = none\n");
	for (size_t r = 0; r < m->row_count; r++) {
		const struct fig_row *base = m->cells[r][native];
		if (!base || !(base->median > 0)) {
			fprintf(out, "# %s: no native result, left out\n", m->labels[r]);
			continue;
		}
		bool higher = higher_is_better(st, m->labels[r]);
		plot_gnuplot_string(out, m->labels[r] + 4); /* without "app-" */
		for (size_t c = 0; c < m->column_count; c++) {
			if ((int)c == native)
				continue;
			const struct fig_row *cell = m->cells[r][c];
			double own_native = cell ? baseline_median(st, cell, base) : 0;
			if (cell && cell->median > 0) {
				double ratio = higher ? cell->median / own_native : own_native / cell->median;
				fprintf(out, " %.6g", ratio);
				if (ratio < *smallest)
					*smallest = ratio;
			} else
				fputs(" ?", out);
		}
		fputc('\n', out);
		written++;
	}
	return written;
}

int fig_draw_apps(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn)
{
	*drawn = false;
	struct fig_rows rows;
	if (fig_rows_load(st, sel, "app-%", &rows))
		return -1;
	struct fig_matrix m;
	int rc = 0;
	int native = -1;
	if (rows.count == 0 || fig_matrix_build(&m, &rows) || (native = native_column(&m)) < 0 ||
	    m.column_count < 2) {
		printf("apps: no app-* results with a native baseline and a virtualized run; figure skipped\n");
		fig_rows_free(&rows);
		return 0;
	}
	char caption[1024];
	const struct fig_row *used[MATRIX_MAX_ROWS * MATRIX_MAX_COLUMNS];
	fig_caption(used, fig_matrix_used(&m, used, MATRIX_MAX_ROWS * MATRIX_MAX_COLUMNS),
		    "application performance normalised to native (1.0 = native, lower = slower), "
		    "each run to the native run of its own invocation", caption, sizeof(caption));
	struct figure fig;
	FILE *data = figure_begin(&fig, dir, "apps", caption);
	if (!data) {
		fig_rows_free(&rows);
		return hvb_store_fail(st, "cannot write into %s", dir);
	}
	double smallest;
	size_t apps = write_data(st, &m, native, data, &smallest);
	bool log_axis = smallest < APPS_LOG_BELOW;
	fprintf(fig.inputs, "logy = %d\n", log_axis);
	fprintf(fig.inputs, "nseries = %zu\narray titles[%zu]\n", m.column_count - 1, m.column_count - 1);
	for (size_t c = 0, k = 0; c < m.column_count; c++) {
		if ((int)c == native)
			continue;
		char name[32];
		snprintf(name, sizeof(name), "titles[%zu]", ++k);
		figure_string_var(fig.inputs, name, m.titles[c]);
	}
	figure_string_var(fig.inputs, "ylabel", log_axis ?
			  "performance relative to native (1.0 = native, log scale)" :
			  "performance relative to native (1.0 = native)");
	if (apps == 0) {
		figure_abandon(&fig);
		printf("apps: no app has a native result; figure skipped\n");
	} else if (figure_render(&fig, "apps.gp")) {
		rc = hvb_store_fail(st, "rendering the application figure failed");
	} else {
		*drawn = true;
	}
	fig_rows_free(&rows);
	return rc;
}
