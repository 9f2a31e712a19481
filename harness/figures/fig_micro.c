/*
 * fig_micro.c - the four-way microbenchmark chart (arch x hypervisor
 * columns) and its tables: builds the matrix, writes microbench.dat/.md/
 * .tex and renders plots/microbench.gp.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures/fig_matrix.h"
#include "figures/figures.h"
#include "figures/plot_data.h"
#include "store/store_query.h"

static bool same_column(const struct fig_row *a, const struct fig_row *b)
{
	return !strcmp(a->arch, b->arch) && !strcmp(a->hypervisor, b->hypervisor) &&
	       !strcmp(a->backend, b->backend) && !strcmp(a->testbed, b->testbed) &&
	       a->emulated == b->emulated;
}

static void row_label(const struct fig_row *r, char *out, size_t size)
{
	bool plain = !strcmp(r->variant, "-") || !r->variant[0];
	snprintf(out, size, "%s%s%s", r->benchmark, plain ? "" : "/", plain ? "" : r->variant);
}

/* Columns ordered by arch, then hypervisor, then backend: the paper's
 * x86 KVM | x86 Xen | arm64 KVM | arm64 Xen layout when those exist. */
static int column_order(const struct fig_row *a, const struct fig_row *b)
{
	int c = strcmp(b->arch, a->arch); /* x86_64 before aarch64 */
	if (!c)
		c = strcmp(a->hypervisor, b->hypervisor);
	if (!c)
		c = (a->emulated > b->emulated) - (a->emulated < b->emulated);
	if (!c)
		c = strcmp(a->backend, b->backend);
	return c ? c : strcmp(a->testbed, b->testbed);
}

static int find_column(struct fig_matrix *m, const struct fig_row *r)
{
	for (size_t i = 0; i < m->column_count; i++)
		if (same_column(m->columns[i], r))
			return (int)i;
	if (m->column_count == MATRIX_MAX_COLUMNS)
		return -1;
	size_t at = m->column_count++;
	while (at > 0 && column_order(m->columns[at - 1], r) > 0) {
		m->columns[at] = m->columns[at - 1];
		at--;
	}
	m->columns[at] = r;
	return -2; /* added: indices moved, look again */
}

int fig_matrix_build(struct fig_matrix *m, const struct fig_rows *rows)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < rows->count; i++)
		if (find_column(m, &rows->rows[i]) == -1)
			return -1;
	for (size_t i = 0; i < rows->count; i++) {
		const struct fig_row *r = &rows->rows[i];
		int col = find_column(m, r);
		char label[140];
		row_label(r, label, sizeof(label));
		size_t row = 0;
		while (row < m->row_count && strcmp(m->labels[row], label) != 0)
			row++;
		if (row == m->row_count) {
			if (m->row_count == MATRIX_MAX_ROWS)
				return -1;
			snprintf(m->labels[m->row_count++], sizeof(m->labels[0]), "%s", label);
		}
		if (!m->cells[row][col]) /* newest run first: keep it */
			m->cells[row][col] = r;
	}
	for (size_t c = 0; c < m->column_count; c++) {
		fig_column_title(m->columns[c], m->titles[c], sizeof(m->titles[c]));
		m->any_emulated |= m->columns[c]->emulated;
	}
	return 0;
}

size_t fig_matrix_used(const struct fig_matrix *m, const struct fig_row **used, size_t max)
{
	size_t n = 0;
	for (size_t r = 0; r < m->row_count; r++)
		for (size_t c = 0; c < m->column_count; c++)
			if (m->cells[r][c] && n < max)
				used[n++] = m->cells[r][c];
	return n;
}

/*
 * Cycles (x86 TSC) and ticks (arm64 cntvct, often 62.5 MHz) are not the
 * same unit: when the columns mix units and every column knows its counter
 * frequency, the chart is drawn in nanoseconds instead.  (The tables keep
 * each column's own unit, as the ISCA 2016 table did in cycles.)
 */
static bool chart_in_ns(const struct fig_matrix *m)
{
	bool mixed = false;
	for (size_t c = 0; c < m->column_count; c++) {
		if (!(m->columns[c]->tick_hz > 0))
			return false;
		mixed |= strcmp(m->columns[c]->unit, m->columns[0]->unit) != 0;
	}
	return mixed;
}

static void write_data(const struct fig_matrix *m, FILE *out)
{
	bool ns = chart_in_ns(m);
	fprintf(out, "# benchmark, then per column: median p25 p75 (%s); ? = none\n",
		ns ? "ns" : "the guest's unit");
	for (size_t r = 0; r < m->row_count; r++) {
		plot_gnuplot_string(out, m->labels[r]);
		for (size_t c = 0; c < m->column_count; c++) {
			const struct fig_row *cell = m->cells[r][c];
			if (!cell || !(cell->median > 0)) { /* a log axis cannot show <= 0 */
				fputs(" ? ? ?", out);
				continue;
			}
			double low = cell->p25 > 0 ? cell->p25 : cell->median;
			double high = cell->p75 >= cell->median ? cell->p75 : cell->median;
			double scale = ns ? 1e9 / cell->tick_hz : 1.0;
			fprintf(out, " %.6g %.6g %.6g", cell->median * scale, low * scale, high * scale);
		}
		fputc('\n', out);
	}
}

static int write_table(const struct fig_matrix *m, const char *dir, const char *file,
		       const char *caption, void (*writer)(const struct fig_matrix *, const char *, FILE *))
{
	char path[FIGURE_PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	FILE *out = fopen(path, "w");
	if (!out)
		return -1;
	writer(m, caption, out);
	return fclose(out);
}

/* The chart's unit: "cycles", "ns" (mixed units converted), or, when a
 * column's frequency is unknown, each arch's unit ("x86_64: cycles, ..."). */
static void units_label(const struct fig_matrix *m, char *out, size_t size)
{
	if (chart_in_ns(m)) {
		snprintf(out, size, "cost per operation (ns, log scale)");
		return;
	}
	snprintf(out, size, "cost per operation (%s", m->column_count ? m->columns[0]->unit : "?");
	for (size_t c = 1; c < m->column_count; c++)
		if (strcmp(m->columns[c]->unit, m->columns[0]->unit) != 0) {
			size_t used = strlen(out);
			snprintf(out + used, size - used, "; %s: %s", m->columns[c]->arch,
				 m->columns[c]->unit);
			break;
		}
	size_t used = strlen(out);
	snprintf(out + used, size - used, ", log scale)");
}

int fig_draw_microbench(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn)
{
	*drawn = false;
	struct fig_rows rows;
	if (fig_rows_load(st, sel, "%", &rows))
		return -1;
	/* tlb-* and app-* have figures of their own */
	size_t kept = 0;
	for (size_t i = 0; i < rows.count; i++)
		if (strncmp(rows.rows[i].benchmark, "tlb-", 4) && strncmp(rows.rows[i].benchmark, "app-", 4))
			rows.rows[kept++] = rows.rows[i];
	rows.count = kept;
	struct fig_matrix matrix;
	struct fig_matrix *m = &matrix;
	int rc = 0;
	if (rows.count == 0) {
		printf("microbench: no ok microbenchmark results; figure skipped\n");
	} else if (fig_matrix_build(m, &rows)) {
		rc = hvb_store_fail(st, "too many columns or benchmarks for one figure (narrow with --where)");
	} else {
		char caption[1024], ylabel[256];
		const struct fig_row *used[MATRIX_MAX_ROWS * MATRIX_MAX_COLUMNS];
		fig_caption(used, fig_matrix_used(m, used, MATRIX_MAX_ROWS * MATRIX_MAX_COLUMNS),
			    "median per operation, bars p25-p75, empty loop subtracted", caption, sizeof(caption));
		units_label(m, ylabel, sizeof(ylabel));
		struct figure fig;
		FILE *data = figure_begin(&fig, dir, "microbench", caption);
		if (!data)
			rc = hvb_store_fail(st, "cannot write into %s", dir);
		else {
			write_data(m, data);
			figure_string_var(fig.inputs, "ylabel", ylabel);
			fprintf(fig.inputs, "nseries = %zu\narray titles[%zu]\n", m->column_count, m->column_count);
			for (size_t c = 0; c < m->column_count; c++) {
				char name[32];
				snprintf(name, sizeof(name), "titles[%zu]", c + 1);
				figure_string_var(fig.inputs, name, m->titles[c]);
			}
			char table_caption[512];
			fig_caption(used, fig_matrix_used(m, used, MATRIX_MAX_ROWS * MATRIX_MAX_COLUMNS),
				    "medians per operation, empty loop subtracted", table_caption,
				    sizeof(table_caption));
			if (figure_render(&fig, "microbench.gp") ||
			    write_table(m, dir, "microbench.md", table_caption, fig_matrix_markdown) ||
			    write_table(m, dir, "microbench.tex", table_caption, fig_matrix_latex))
				rc = hvb_store_fail(st, "rendering the microbenchmark figure or tables failed");
			else
				*drawn = true;
		}
	}
	fig_rows_free(&rows);
	return rc;
}
