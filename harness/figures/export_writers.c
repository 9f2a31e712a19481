/*
 * export_writers.c - CSV fields/rows and JSON members from query cells.
 */
#include "figures/export_writers.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "util/json.h"

void csv_field(FILE *out, const char *text)
{
	if (!text)
		return;
	size_t len = strlen(text);
	bool quote = strpbrk(text, ",\"\r\n") != NULL ||
		     (len && (isspace((unsigned char)text[0]) || isspace((unsigned char)text[len - 1])));
	if (!quote) {
		fputs(text, out);
		return;
	}
	fputc('"', out);
	for (const char *c = text; *c; c++) {
		if (*c == '"')
			fputc('"', out);
		fputc(*c, out);
	}
	fputc('"', out);
}

int csv_write_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct csv_writer *w = ctx;
	if (!w->header_done) {
		for (size_t i = 0; i < n; i++) {
			if (i)
				fputc(',', w->out);
			csv_field(w->out, names[i]);
		}
		fputs("\r\n", w->out);
		w->header_done = true;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', w->out);
		csv_field(w->out, cells[i].text);
	}
	fputs("\r\n", w->out);
	return 0;
}

void json_members(FILE *out, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		json_string(out, names[i]);
		fputc(':', out);
		if (cells[i].is_number)
			json_number(out, cells[i].number);
		else
			json_string(out, cells[i].text);
	}
}
