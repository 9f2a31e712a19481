/*
 * plot_data.c - the benchmark x backend table behind the bar chart.
 */
#include "figures/plot_data.h"

#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int find_series(const struct plot_table *table, const struct hvb_plot_row *row)
{
	for (size_t i = 0; i < table->series_count; i++)
		if (same_text(table->series[i].backend, row->backend) &&
		    same_text(table->series[i].testbed, row->testbed))
			return (int)i;
	return -1;
}

static int find_group(const struct plot_table *table, const struct hvb_plot_row *row)
{
	for (size_t i = 0; i < table->group_count; i++)
		if (same_text(table->groups[i].benchmark, row->benchmark) &&
		    same_text(table->groups[i].variant, row->variant))
			return (int)i;
	return -1;
}

static void add_series(struct plot_table *table, const struct hvb_plot_row *row)
{
	struct plot_series *s = &table->series[table->series_count++];
	s->backend = row->backend;
	s->testbed = row->testbed;
	s->emulated = row->emulated;
	s->run_id = row->run_id;
	bool on_host = !row->testbed || strcmp(row->testbed, "host") == 0;
	snprintf(s->title, sizeof(s->title), "%s%s%s%s", row->backend,
		 on_host ? "" : " @ ", on_host ? "" : row->testbed,
		 row->emulated ? " (emulated)" : "");
}

static void add_group(struct plot_table *table, const struct hvb_plot_row *row)
{
	struct plot_group *g = &table->groups[table->group_count++];
	g->benchmark = row->benchmark;
	g->variant = row->variant;
	bool plain = !row->variant || strcmp(row->variant, "-") == 0;
	snprintf(g->label, sizeof(g->label), "%s%s%s", row->benchmark, plain ? "" : "/",
		 plain ? "" : row->variant);
}

/* Legend order: the backend table's order (best first), unknown backends last. */
static size_t backend_rank(const char *name)
{
	for (size_t i = 0; i < backend_count(); i++)
		if (name && strcmp(backend_at(i)->name, name) == 0)
			return i;
	return backend_count();
}

static int compare_series(const void *a, const void *b)
{
	const struct plot_series *x = a, *y = b;
	size_t rx = backend_rank(x->backend), ry = backend_rank(y->backend);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->title, y->title);
}

int plot_table_build(struct plot_table *table, const struct hvb_plot_row *rows, size_t count)
{
	memset(table, 0, sizeof(*table));
	table->in_ns = count > 0;
	for (size_t i = 0; i < count; i++) {
		const struct hvb_plot_row *row = &rows[i];
		if (find_series(table, row) < 0) {
			if (table->series_count == PLOT_MAX_SERIES)
				return -1;
			add_series(table, row);
		}
		if (find_group(table, row) < 0) {
			if (table->group_count == PLOT_MAX_GROUPS)
				return -1;
			add_group(table, row);
		}
		if (!row->tick_hz)
			table->in_ns = false;
	}
	qsort(table->series, table->series_count, sizeof(table->series[0]), compare_series);
	if (table->in_ns) {
		snprintf(table->unit, sizeof(table->unit), "ns");
		return 0;
	}
	/* Without a tick frequency for every bar, plot the guest's own unit,
	 * or "ticks" when the units differ. */
	snprintf(table->unit, sizeof(table->unit), "%s", count ? rows[0].unit : "cycles");
	for (size_t i = 1; i < count; i++)
		if (!same_text(rows[i].unit, rows[0].unit))
			snprintf(table->unit, sizeof(table->unit), "ticks");
	return 0;
}

static double scaled(const struct plot_table *table, double value, const struct hvb_plot_row *row)
{
	return table->in_ns ? value * 1e9 / (double)row->tick_hz : value;
}

/* Log axis: values <= 0 (possible after the empty-loop subtraction) cannot be drawn. */
static void write_bar(FILE *out, const struct plot_table *table, const struct hvb_plot_row *row)
{
	double median = scaled(table, row->median, row);
	if (!(median > 0)) {
		fputs(" ? ? ?", out);
		return;
	}
	double low = scaled(table, row->p25, row), high = scaled(table, row->p75, row);
	if (!(low > 0))
		low = median;
	if (!(high >= median))
		high = median;
	fprintf(out, " %.6g %.6g %.6g", median, low, high);
}

void plot_table_write_data(const struct plot_table *table, const struct hvb_plot_row *rows,
			   size_t count, FILE *out)
{
	fprintf(out, "# benchmark");
	for (size_t s = 0; s < table->series_count; s++)
		fprintf(out, " | %s: median p25 p75 (%s)", table->series[s].title, table->unit);
	fputc('\n', out);
	for (size_t g = 0; g < table->group_count; g++) {
		plot_gnuplot_string(out, table->groups[g].label);
		for (size_t s = 0; s < table->series_count; s++) {
			const struct hvb_plot_row *found = NULL;
			for (size_t i = 0; i < count && !found; i++)
				if (find_group(table, &rows[i]) == (int)g &&
				    find_series(table, &rows[i]) == (int)s)
					found = &rows[i];
			if (found)
				write_bar(out, table, found);
			else
				fputs(" ? ? ?", out);
		}
		fputc('\n', out);
	}
}

void plot_gnuplot_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const char *c = text ? text : ""; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', out);
		if (*c == '\n')
			fputc(' ', out);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}
