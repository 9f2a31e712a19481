/*
 * fig_matrix.h - the microbenchmark matrix: rows = benchmark/variant,
 * columns = arch x hypervisor x backend x test-bed (newest run wins), as
 * drawn by plots/microbench.gp and written as LaTeX/Markdown tables.
 */
#ifndef HVB_FIG_MATRIX_H
#define HVB_FIG_MATRIX_H

#include <stdbool.h>
#include <stdio.h>

#include "figures/figset.h"

#define MATRIX_MAX_COLUMNS 12
#define MATRIX_MAX_ROWS 64

struct fig_matrix {
	const struct fig_row *columns[MATRIX_MAX_COLUMNS];   /* a representative row each */
	char titles[MATRIX_MAX_COLUMNS][160];
	size_t column_count;
	char labels[MATRIX_MAX_ROWS][140];
	size_t row_count;
	const struct fig_row *cells[MATRIX_MAX_ROWS][MATRIX_MAX_COLUMNS]; /* NULL: none */
	bool any_emulated;
};

/* Builds the matrix from rows (which it points into).  0, or -1 when there
 * are too many columns/rows. */
int fig_matrix_build(struct fig_matrix *m, const struct fig_rows *rows);

/* The rows the matrix shows (cells), for fig_caption; returns how many
 * were written to used (at most max). */
size_t fig_matrix_used(const struct fig_matrix *m, const struct fig_row **used, size_t max);

/* Tables in the guest's units (cycles on x86); '*' marks emulated columns. */
void fig_matrix_markdown(const struct fig_matrix *m, const char *caption, FILE *out);
void fig_matrix_latex(const struct fig_matrix *m, const char *caption, FILE *out);

#endif
