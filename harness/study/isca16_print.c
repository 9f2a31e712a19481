/*
 * isca16_print.c - the four-way table for a terminal and as markdown, in
 * the paper's layout: one row per operation, one column per architecture x
 * hypervisor, each cell the median in the run's unit (TSC cycles on x86,
 * counter ticks on ARM) and in ns.  A cell that has no number says why
 * (its status and the reason stored with it).  Under the table: where each
 * column's numbers come from (run, guest SHA-256, versions) and the
 * mechanisms its run detected.
 */
#include "study/isca16.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CELL_WIDTH 25
#define LABEL_WIDTH 27

static bool cell_ok(const struct isca16_cell *cell)
{
	return strcmp(cell->status, "ok") == 0 && !isnan(cell->median);
}

static void format_value(char *out, size_t size, double value, const char *unit)
{
	if (isnan(value))
		snprintf(out, size, "-");
	else if (fabs(value) >= 100)
		snprintf(out, size, "%.0f %s", value, unit);
	else
		snprintf(out, size, "%.1f %s", value, unit);
}

/* The cell's two lines: the value in the unit and in ns, or the status
 * and its reason. */
static void cell_lines(const struct isca16_column *c, const struct isca16_cell *cell,
		       char *first, char *second, size_t size)
{
	if (cell_ok(cell)) {
		format_value(first, size, cell->median, c->unit[0] ? c->unit : "ticks");
		format_value(second, size, cell->median_ns, "ns");
		return;
	}
	snprintf(first, size, "%s", cell->status);
	snprintf(second, size, "%s", cell->reason[0] ? cell->reason : "no reason stored");
}

/* Same guest per architecture: the one SHA-256 of each arch, or "differ". */
static void guest_line(FILE *out, const struct isca16_table *table, const char *arch,
		       const char *prefix)
{
	const char *sha = NULL;
	bool differ = false;
	size_t columns = 0;
	for (size_t i = 0; i < table->column_count; i++) {
		const struct isca16_column *c = &table->columns[i];
		if (strcmp(c->arch, arch) != 0)
			continue;
		columns++;
		if (!sha)
			sha = c->guest_sha256;
		else if (strcmp(sha, c->guest_sha256) != 0)
			differ = true;
	}
	if (!columns)
		return;
	if (differ)
		fprintf(out, "%s%s guest: DIFFERENT guest images across its %zu columns (see each column)\n",
			prefix, arch, columns);
	else
		fprintf(out, "%s%s guest: sha256 %s, the same in all %zu columns\n", prefix, arch,
			sha, columns);
}

/* text cut to a cell's width, "~" at the end when cut (a reason in full
 * follows under the table) */
static void fit_cell(char out[CELL_WIDTH + 1], const char *text)
{
	size_t len = strlen(text);
	if (len <= CELL_WIDTH) {
		memcpy(out, text, len + 1);
		return;
	}
	memcpy(out, text, CELL_WIDTH - 1);
	out[CELL_WIDTH - 1] = '~';
	out[CELL_WIDTH] = '\0';
}

void isca16_print_text(FILE *out, const struct isca16_table *table)
{
	size_t total, ok = isca16_ok_cells(table, &total);
	fprintf(out, "isca16 study %s: %zu of %zu cells ok (median per operation, empty loop subtracted)\n\n",
		table->study_id, ok, total);
	fprintf(out, "%-*s", LABEL_WIDTH, "operation");
	for (size_t i = 0; i < table->column_count; i++) {
		char title[CELL_WIDTH + 1];
		fit_cell(title, table->columns[i].title);
		fprintf(out, " %-*s", CELL_WIDTH, title);
	}
	fputc('\n', out);
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		char lines[2][ISCA16_MAX_COLUMNS][CELL_WIDTH + 1];
		for (size_t i = 0; i < table->column_count; i++) {
			char first[200], second[200];
			const struct isca16_column *c = &table->columns[i];
			cell_lines(c, &c->cells[row], first, second, sizeof(first));
			fit_cell(lines[0][i], first);
			fit_cell(lines[1][i], second);
		}
		for (int line = 0; line < 2; line++) {
			fprintf(out, "%-*s", LABEL_WIDTH, line == 0 ? isca16_op(row)->label : "");
			for (size_t i = 0; i < table->column_count; i++)
				fprintf(out, " %-*s", CELL_WIDTH, lines[line][i]);
			fputc('\n', out);
		}
	}
	bool header = false;
	for (size_t i = 0; i < table->column_count; i++)
		for (size_t row = 0; row < ISCA16_ROWS; row++) {
			const struct isca16_cell *cell = &table->columns[i].cells[row];
			if (cell_ok(cell) || strlen(cell->reason) <= CELL_WIDTH)
				continue;
			if (!header)
				fputs("\nreasons in full:\n", out);
			header = true;
			fprintf(out, "  %s / %s: %s: %s\n", table->columns[i].title, isca16_op(row)->label,
				cell->status, cell->reason);
		}
	fputs("\ncolumns:\n", out);
	for (size_t i = 0; i < table->column_count; i++) {
		const struct isca16_column *c = &table->columns[i];
		fprintf(out, "  %s: run %lld (%s), %s on %s (%s), kernel %s\n    %s\n", c->title,
			(long long)c->run_id, c->run_status, c->backend, c->hypervisor,
			c->version[0] ? c->version : "version unknown", c->kernel[0] ? c->kernel : "-", c->notes);
	}
	guest_line(out, table, "x86_64", "");
	guest_line(out, table, "aarch64", "");
	for (size_t i = 0; i < table->column_count; i++)
		if (table->columns[i].emulated) {
			fputs("note: [emulated] columns run under QEMU TCG: emulation costs, not hardware facts\n",
			      out);
			break;
		}
}

static void markdown_text(FILE *out, const char *text)
{
	for (; *text; text++)
		if (*text == '|')
			fputs("\\|", out);
		else if (*text == '\n')
			fputc(' ', out);
		else
			fputc(*text, out);
}

void isca16_print_markdown(FILE *out, const struct isca16_table *table)
{
	size_t total, ok = isca16_ok_cells(table, &total);
	fprintf(out, "# The four-way table (isca16 study %s)\n\n", table->study_id);
	fprintf(out, "Started %s; %zu of %zu cells ok. Each cell: the median cost of one operation "
		"(empty loop subtracted) in the run's unit (x86: TSC cycles, ARM: counter ticks) and in ns.\n\n",
		table->started_at, ok, total);
	fputs("| operation |", out);
	for (size_t i = 0; i < table->column_count; i++) {
		fputc(' ', out);
		markdown_text(out, table->columns[i].title);
		fputs(" |", out);
	}
	fputs("\n|---|", out);
	for (size_t i = 0; i < table->column_count; i++)
		fputs("---|", out);
	fputc('\n', out);
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		fprintf(out, "| %s |", isca16_op(row)->label);
		for (size_t i = 0; i < table->column_count; i++) {
			const struct isca16_column *c = &table->columns[i];
			char first[200], second[200];
			cell_lines(c, &c->cells[row], first, second, sizeof(first));
			fputc(' ', out);
			if (!cell_ok(&c->cells[row]))
				fputs("**", out);
			markdown_text(out, first);
			fputs(cell_ok(&c->cells[row]) ? "<br>" : "**: ", out);
			markdown_text(out, second);
			fputs(" |", out);
		}
		fputc('\n', out);
	}
	fputs("\n## What each row measures\n\n", out);
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		const struct isca16_op *op = isca16_op(row);
		fprintf(out, "- **%s** (`%s`, variant x86 `%s`, ARM `%s`): %s\n", op->label, op->bench,
			op->variant_x86, op->variant_a64, op->measures);
	}
	fputs("\n## Columns: provenance and mechanisms (as the runs detected them)\n\n", out);
	for (size_t i = 0; i < table->column_count; i++) {
		const struct isca16_column *c = &table->columns[i];
		fprintf(out, "- **%s**: run %lld (%s), backend %s on %s (%s), test-bed %s, kernel %s, guest sha256 `%s`. ",
			c->title, (long long)c->run_id, c->run_status, c->backend, c->hypervisor,
			c->version[0] ? c->version : "-", c->testbed, c->kernel[0] ? c->kernel : "-",
			c->guest_sha256);
		markdown_text(out, c->notes);
		fputc('\n', out);
	}
	fputc('\n', out);
	guest_line(out, table, "x86_64", "- ");
	guest_line(out, table, "aarch64", "- ");
	fputs("- Columns marked [emulated] ran under QEMU TCG: their numbers are emulation costs, "
	      "not hardware facts; compare them with each other only.\n", out);
}
