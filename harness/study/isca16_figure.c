/*
 * isca16_figure.c - the four-way table as a figure: one cluster per
 * operation, one bar per column (median in ns, p25-p75 error bars, log
 * scale), drawn by plots/bars.gp.  ns is the one unit both architectures
 * share (x86 counts TSC cycles, ARM counter ticks).  A cell without a
 * number has no bar; the caption sends the reader to the table for why.
 */
#include "study/isca16.h"

#include <math.h>
#include <stdio.h>

#include "figures/figures.h"

static void write_number(FILE *data, double value)
{
	if (isnan(value))
		fputs(" ?", data);
	else
		fprintf(data, " %.6g", value);
}

int isca16_draw(const struct isca16_table *table, const char *dir)
{
	size_t total, ok = isca16_ok_cells(table, &total);
	if (ok == 0)
		return 1;
	char caption[512];
	snprintf(caption, sizeof(caption),
		 "hvbench isca16 study %s: %zu of %zu cells measured; no bar: see the table for why; "
		 "[emulated]: QEMU TCG, emulation costs",
		 table->study_id, ok, total);
	struct figure fig;
	FILE *data = figure_begin(&fig, dir, "isca16", caption);
	if (!data)
		return -1;
	fputs("# operation, then per column: median p25 p75 (ns), ? = no number\n", data);
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		fputc('"', data);
		fputs(isca16_op(row)->label, data);
		fputc('"', data);
		for (size_t i = 0; i < table->column_count; i++) {
			const struct isca16_cell *cell = &table->columns[i].cells[row];
			bool has = cell->present && cell->status[0] == 'o';
			write_number(data, has ? cell->median_ns : NAN);
			write_number(data, has ? cell->p25_ns : NAN);
			write_number(data, has ? cell->p75_ns : NAN);
		}
		fputc('\n', data);
	}
	figure_string_var(fig.inputs, "ylabel", "ns per operation (log scale)");
	figure_string_var(fig.inputs, "title",
			  "Virtualization operations: ARM and x86, KVM and Xen (median, p25-p75)");
	fprintf(fig.inputs, "ngroups = %d\nnseries = %zu\narray titles[%zu]\n", ISCA16_ROWS,
		table->column_count, table->column_count);
	for (size_t i = 0; i < table->column_count; i++) {
		char name[32];
		snprintf(name, sizeof(name), "titles[%zu]", i + 1);
		figure_string_var(fig.inputs, name, table->columns[i].title);
	}
	return figure_render(&fig, "bars.gp");
}
