/*
 * fig_tables.c - the microbenchmark matrix as a Markdown table and as a
 * LaTeX tabular (rows = benchmarks, columns = arch/hypervisor, medians in
 * the guest's unit, like ISCA 2016's microbenchmark table).
 */
#include <math.h>
#include <string.h>

#include "figures/fig_matrix.h"

static void format_cell(const struct fig_row *cell, char *out, size_t size)
{
	if (!cell || isnan(cell->median))
		snprintf(out, size, "-");
	else
		snprintf(out, size, "%.0f", cell->median);
}

/* Markdown: '|' must be escaped inside a cell. */
static void md_text(FILE *out, const char *text)
{
	for (const char *c = text; *c; c++) {
		if (*c == '|')
			fputc('\\', out);
		fputc(*c, out);
	}
}

void fig_matrix_markdown(const struct fig_matrix *m, const char *caption, FILE *out)
{
	fputs("| benchmark |", out);
	for (size_t c = 0; c < m->column_count; c++) {
		fputc(' ', out);
		md_text(out, m->titles[c]);
		fprintf(out, " [%s]%s |", m->columns[c]->unit, m->columns[c]->emulated ? " \\*" : "");
	}
	fputs("\n|---|", out);
	for (size_t c = 0; c < m->column_count; c++)
		fputs("---:|", out);
	fputc('\n', out);
	for (size_t r = 0; r < m->row_count; r++) {
		fputs("| ", out);
		md_text(out, m->labels[r]);
		fputs(" |", out);
		for (size_t c = 0; c < m->column_count; c++) {
			char cell[32];
			format_cell(m->cells[r][c], cell, sizeof(cell));
			fprintf(out, " %s |", cell);
		}
		fputc('\n', out);
	}
	fputs("\n", out);
	md_text(out, caption);
	fputc('\n', out);
	if (m->any_emulated)
		fputs("\n\\* emulated (QEMU TCG): emulator timings, not a hardware fact.\n", out);
}

static void tex_text(FILE *out, const char *text)
{
	for (const char *c = text; *c; c++) {
		switch (*c) {
		case '_': case '%': case '&': case '#': case '$': case '{': case '}':
			fprintf(out, "\\%c", *c);
			break;
		case '~': fputs("\\textasciitilde{}", out); break;
		case '^': fputs("\\textasciicircum{}", out); break;
		case '\\': fputs("\\textbackslash{}", out); break;
		default: fputc(*c, out);
		}
	}
}

void fig_matrix_latex(const struct fig_matrix *m, const char *caption, FILE *out)
{
	fputs("% written by hvbench plot; needs no package beyond LaTeX itself\n"
	      "\\begin{table}\n\\centering\n\\begin{tabular}{l", out);
	for (size_t c = 0; c < m->column_count; c++)
		fputc('r', out);
	fputs("}\n\\hline\nbenchmark", out);
	for (size_t c = 0; c < m->column_count; c++) {
		fputs(" & ", out);
		tex_text(out, m->titles[c]);
		fputs(" [", out);
		tex_text(out, m->columns[c]->unit);
		fprintf(out, "]%s", m->columns[c]->emulated ? "$^*$" : "");
	}
	fputs(" \\\\\n\\hline\n", out);
	for (size_t r = 0; r < m->row_count; r++) {
		fputs("\\texttt{", out);
		tex_text(out, m->labels[r]);
		fputc('}', out);
		for (size_t c = 0; c < m->column_count; c++) {
			char cell[32];
			format_cell(m->cells[r][c], cell, sizeof(cell));
			fprintf(out, " & %s", cell);
		}
		fputs(" \\\\\n", out);
	}
	fputs("\\hline\n\\end{tabular}\n\\caption{Microbenchmark costs: ", out);
	tex_text(out, caption);
	if (m->any_emulated)
		fputs(". $^*$Emulated (QEMU TCG): emulator timings, not a hardware fact.", out);
	fputs("}\n\\label{tab:hvbench-microbench}\n\\end{table}\n", out);
}
