/*
 * fig_tlb.c - TLB curves: cost per access against the working set, one
 * line per guest page size x host backing (tlb-nested, variants like
 * "g4k-h2m-64m", or "g4k-64m" plus the run's `backing` tag/env) and per native page size
 * (tlb-native, variants like "4k-64m"), drawn by plots/tlb.gp.  One figure
 * per architecture, as their units differ: tlb.* (x86-64, TSC cycles) and
 * tlb-aarch64.* (arm64, cntvct ticks); a test-bed's lines name it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures/figset.h"
#include "figures/figures.h"
#include "figures/plot_data.h"
#include "store/store_query.h"

#define TLB_MAX_SERIES 24   /* three arm64 test-beds give 14 */
#define TLB_MAX_POINTS 64

struct tlb_point {
	double bytes, median, p25, p75;
	const struct fig_row *row;   /* where the point came from (caption) */
};

struct tlb_series {
	char title[256];
	struct tlb_point points[TLB_MAX_POINTS];
	size_t count;
};

/* "64m" -> 67108864; 0 when it is not SIZE[kmg]. */
static double parse_size(const char *text)
{
	char *end;
	double value = strtod(text, &end);
	if (end == text || value <= 0)
		return 0;
	static const char units[] = "kmg";
	const char *unit = *end ? strchr(units, tolower((unsigned char)*end)) : NULL;
	if (*end && (!unit || end[1]))
		return 0;
	for (const char *u = units; unit && u <= unit; u++)
		value *= 1024;
	return value;
}

/* Splits "g4k-64m" into page "g4k" and working set bytes. */
static bool parse_variant(const char *variant, char *page, size_t size, double *bytes)
{
	const char *dash = strrchr(variant, '-');
	if (!dash || dash == variant || (size_t)(dash - variant) >= size)
		return false;
	memcpy(page, variant, (size_t)(dash - variant));
	page[dash - variant] = '\0';
	*bytes = parse_size(dash + 1);
	return *bytes > 0;
}

/* page is "g4k-h2m" (the harness names the host page when it chose it,
 * refhv --backing) or "g4k" (the host's default backing, e.g. QEMU). */
static void series_title(const struct fig_row *r, const char *page, char *out, size_t size)
{
	const char *host = strstr(page, "-h");
	char where[128];
	bool in_testbed = r->testbed[0] && strcmp(r->testbed, "host") != 0;
	snprintf(where, sizeof(where), "%s%s%s%s", r->backend, in_testbed ? " in " : "",
		 in_testbed ? r->testbed : "", r->emulated ? ", emulated" : "");
	if (strcmp(r->benchmark, "tlb-native") == 0 && in_testbed)
		snprintf(out, size, "native, %s pages (%s, emulated)", page, r->testbed);
	else if (strcmp(r->benchmark, "tlb-native") == 0)
		snprintf(out, size, "native, %s pages", page);
	else if (host)
		snprintf(out, size, "guest %.*s / host %s (%s)", (int)(host - page - 1), page + 1,
			 host + 2, where);
	else
		snprintf(out, size, "guest %s / host %s (%s)", page[0] == 'g' ? page + 1 : page,
			 r->backing[0] ? r->backing : "default", where);
}

static struct tlb_series *find_series(struct tlb_series *all, size_t *count, const char *title)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp(all[i].title, title) == 0)
			return &all[i];
	if (*count == TLB_MAX_SERIES)
		return NULL;
	struct tlb_series *s = &all[(*count)++];
	memset(s, 0, sizeof(*s));
	snprintf(s->title, sizeof(s->title), "%s", title);
	return s;
}

static void add_point(struct tlb_series *s, const struct fig_row *r, double bytes)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->points[i].bytes == bytes)
			return; /* a newer run already gave this point */
	if (s->count < TLB_MAX_POINTS)
		s->points[s->count++] = (struct tlb_point){ bytes, r->median, r->p25, r->p75, r };
}

static int by_bytes(const void *a, const void *b)
{
	double x = ((const struct tlb_point *)a)->bytes, y = ((const struct tlb_point *)b)->bytes;
	return (x > y) - (x < y);
}

static size_t collect(const struct fig_rows *rows, const char *arch, struct tlb_series *series)
{
	size_t count = 0;
	for (size_t i = 0; i < rows->count; i++) {
		const struct fig_row *r = &rows->rows[i];
		char page[32], title[256];
		double bytes;
		if (strcmp(r->arch, arch) != 0 ||
		    (strcmp(r->benchmark, "tlb-nested") && strcmp(r->benchmark, "tlb-native")) ||
		    !parse_variant(r->variant, page, sizeof(page), &bytes) || !(r->median > 0))
			continue;
		series_title(r, page, title, sizeof(title));
		struct tlb_series *s = find_series(series, &count, title);
		if (s)
			add_point(s, r, bytes);
	}
	for (size_t i = 0; i < count; i++)
		qsort(series[i].points, series[i].count, sizeof(struct tlb_point), by_bytes);
	return count;
}

/* One architecture's figure, NAME.*; *drawn when it had rows. */
static int draw_arch(struct hvb_store *st, const struct fig_rows *rows, const char *arch,
		     const char *name, const char *dir, bool *drawn)
{
	struct tlb_series *series = calloc(TLB_MAX_SERIES, sizeof(*series));
	if (!series)
		return hvb_store_fail(st, "out of memory");
	size_t count = collect(rows, arch, series);
	int rc = 0;
	if (count > 0) {
		char caption[1024], what[96], ylabel[64];
		const char *unit = series[0].points[0].row->unit;
		const struct fig_row *used[TLB_MAX_SERIES * TLB_MAX_POINTS];
		size_t n_used = 0;
		for (size_t i = 0; i < count; i++)
			for (size_t p = 0; p < series[i].count; p++)
				used[n_used++] = series[i].points[p].row;
		snprintf(what, sizeof(what), "median %s per access (pointer chase), bars p25-p75", unit);
		fig_caption(used, n_used, what, caption, sizeof(caption));
		struct figure fig;
		FILE *data = figure_begin(&fig, dir, name, caption);
		if (!data) {
			rc = hvb_store_fail(st, "cannot write into %s", dir);
		} else {
			fprintf(fig.inputs, "nseries = %zu\narray titles[%zu]\n", count, count);
			for (size_t i = 0; i < count; i++) {
				char var[32];
				snprintf(var, sizeof(var), "titles[%zu]", i + 1);
				figure_string_var(fig.inputs, var, series[i].title);
				fprintf(data, "# %s: bytes median p25 p75\n", series[i].title);
				for (size_t p = 0; p < series[i].count; p++)
					fprintf(data, "%.0f %.6g %.6g %.6g\n", series[i].points[p].bytes,
						series[i].points[p].median, series[i].points[p].p25,
						series[i].points[p].p75);
				fputs("\n\n", data);
			}
			snprintf(ylabel, sizeof(ylabel), "%s per access (log scale)", unit);
			figure_string_var(fig.inputs, "ylabel", ylabel);
			if (figure_render(&fig, "tlb.gp"))
				rc = hvb_store_fail(st, "rendering the TLB figure %s failed", name);
			else
				*drawn = true;
		}
	}
	free(series);
	return rc;
}

int fig_draw_tlb(struct hvb_store *st, const struct fig_selection *sel, const char *dir, bool *drawn)
{
	*drawn = false;
	struct fig_rows rows;
	if (fig_rows_load(st, sel, "tlb-%", &rows))
		return -1;
	int rc = draw_arch(st, &rows, "x86_64", "tlb", dir, drawn);
	bool arm_drawn = false;
	if (rc == 0)
		rc = draw_arch(st, &rows, "aarch64", "tlb-aarch64", dir, &arm_drawn);
	if (rc == 0 && !*drawn && !arm_drawn)
		printf("tlb: no tlb-nested/tlb-native results with SIZE variants; figure skipped\n");
	*drawn = *drawn || arm_drawn;
	fig_rows_free(&rows);
	return rc;
}
