/*
 * figset_data.c - the rows behind the paper figures, titles and captions
 * (see figset.h), and fig_draw_all.
 */
#include "figures/figset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures/figures.h"
#include "store/store_query.h"

enum { C_BENCH, C_VARIANT, C_ARCH, C_HYP, C_BACKEND, C_TESTBED, C_UNIT, C_BACKING, C_HOST,
       C_EMULATED, C_RUN, C_MEDIAN, C_P25, C_P75, C_TICK_HZ, C_SOFTWARE };

struct loader {
	struct hvb_store *st;
	struct fig_rows *out;
};

static void copy(char *dst, size_t size, const struct hvb_cell *cell)
{
	snprintf(dst, size, "%s", cell->text ? cell->text : "");
}

static int add_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *c)
{
	struct loader *l = ctx;
	if (l->out->count == FIG_MAX_ROWS)
		return 1;
	struct fig_row *r = &l->out->rows[l->out->count++];
	copy(r->benchmark, sizeof(r->benchmark), &c[C_BENCH]);
	copy(r->variant, sizeof(r->variant), &c[C_VARIANT]);
	copy(r->arch, sizeof(r->arch), &c[C_ARCH]);
	copy(r->hypervisor, sizeof(r->hypervisor), &c[C_HYP]);
	copy(r->backend, sizeof(r->backend), &c[C_BACKEND]);
	copy(r->testbed, sizeof(r->testbed), &c[C_TESTBED]);
	copy(r->unit, sizeof(r->unit), &c[C_UNIT]);
	copy(r->backing, sizeof(r->backing), &c[C_BACKING]);
	copy(r->host, sizeof(r->host), &c[C_HOST]);
	r->emulated = c[C_EMULATED].number != 0;
	r->run_id = (int64_t)c[C_RUN].number;
	r->median = c[C_MEDIAN].number;
	r->p25 = c[C_P25].number;
	r->p75 = c[C_P75].number;
	r->tick_hz = c[C_TICK_HZ].text ? c[C_TICK_HZ].number : 0;
	copy(r->software, sizeof(r->software), &c[C_SOFTWARE]);
	return 0;
}

int fig_rows_load(struct hvb_store *st, const struct fig_selection *sel, const char *like,
		  struct fig_rows *out)
{
	out->count = 0;
	out->rows = calloc(FIG_MAX_ROWS, sizeof(*out->rows));
	if (!out->rows)
		return hvb_store_fail(st, "out of memory");
	char sql[8192];
	const char *params[HVB_FILTER_PARAMS + 1];
	size_t n = 0;
	params[n++] = like;
	snprintf(sql, sizeof(sql),
		 "SELECT s.benchmark, s.variant, s.arch, coalesce(s.hypervisor, ''), s.backend, "
		 "s.testbed, s.unit, coalesce((SELECT value FROM run_tags AS t WHERE t.run_id = s.run_id "
		 "AND t.key = 'backing'), (SELECT value FROM run_env AS e WHERE e.run_id = s.run_id "
		 "AND e.key IN ('backing', 'refhv.backing')), ''), s.host, s.emulated, s.run_id, "
		 "s.median, s.p25, s.p75, s.tick_hz, (SELECT v.software FROM run_versions AS v "
		 "WHERE v.run_id = s.run_id) FROM summary AS s WHERE s.benchmark LIKE ? "
		 "AND s.status = 'ok' AND s.n > 0 AND s.median IS NOT NULL");
	if (sel->run_ids) {
		strncat(sql, " AND s.run_id IN (-1", sizeof(sql) - strlen(sql) - 1);
		for (size_t i = 0; i < sel->run_count; i++) {
			char id[32];
			snprintf(id, sizeof(id), ",%" PRId64, sel->run_ids[i]);
			strncat(sql, id, sizeof(sql) - strlen(sql) - 1);
		}
		strncat(sql, ")", sizeof(sql) - strlen(sql) - 1);
	} else {
		strncat(sql, " AND s.run_status = 'complete'", sizeof(sql) - strlen(sql) - 1);
	}
	if (hvb_filter_sql(sel->filter, "s.run_id", sql, sizeof(sql), params, &n, HVB_FILTER_PARAMS + 1))
		return hvb_store_fail(st, "too many conditions");
	strncat(sql, " ORDER BY s.run_id DESC, s.result_id", sizeof(sql) - strlen(sql) - 1);
	struct loader l = { st, out };
	if (hvb_store_query(st, sql, params, n, add_row, &l)) {
		fig_rows_free(out);
		return -1;
	}
	return 0;
}

void fig_rows_free(struct fig_rows *rows)
{
	free(rows->rows);
	rows->rows = NULL;
	rows->count = 0;
}

static const struct {
	const char *name, *pretty;
} pretty_names[] = {
	{ "x86_64", "x86-64" }, { "aarch64", "arm64" }, { "kvm", "KVM" }, { "xen", "Xen" },
	{ "tcg", "TCG" },       { "none", "native" },   { "", "?" },
};

static const char *pretty(const char *name)
{
	for (size_t i = 0; i < sizeof(pretty_names) / sizeof(pretty_names[0]); i++)
		if (strcmp(pretty_names[i].name, name) == 0)
			return pretty_names[i].pretty;
	return name;
}

void fig_column_title(const struct fig_row *row, char *out, size_t size)
{
	bool on_host = strcmp(row->testbed, "host") == 0 || !row->testbed[0];
	snprintf(out, size, "%s %s (%s%s%s)%s", pretty(row->arch), pretty(row->hypervisor), row->backend,
		 on_host ? "" : " @ ", on_host ? "" : row->testbed, row->emulated ? " [emulated]" : "");
}

#define CAPTION_MAX_HOSTS 3
#define CAPTION_MAX_RUNS 10

void fig_caption(const struct fig_row *const *used_rows, size_t n, const char *what, char *out, size_t size)
{
	const char *hosts[CAPTION_MAX_HOSTS];
	int64_t runs[CAPTION_MAX_RUNS];
	size_t n_hosts = 0, n_runs = 0;
	bool more_hosts = false, more_runs = false;
	for (size_t i = 0; i < n; i++) {
		size_t h = 0, r = 0;
		while (h < n_hosts && strcmp(hosts[h], used_rows[i]->host) != 0)
			h++;
		if (h == n_hosts && n_hosts < CAPTION_MAX_HOSTS)
			hosts[n_hosts++] = used_rows[i]->host;
		more_hosts |= h == CAPTION_MAX_HOSTS;
		while (r < n_runs && runs[r] != used_rows[i]->run_id)
			r++;
		if (r == n_runs && n_runs < CAPTION_MAX_RUNS)
			runs[n_runs++] = used_rows[i]->run_id;
		more_runs |= r == CAPTION_MAX_RUNS;
	}
	size_t used = (size_t)snprintf(out, size, "host%s", n_hosts > 1 ? "s" : "");
	for (size_t h = 0; h < n_hosts && used < size; h++)
		used += (size_t)snprintf(out + used, size - used, "%s %s", h ? "," : "", hosts[h]);
	if (used < size)
		used += (size_t)snprintf(out + used, size - used, "%s; %s; run%s", more_hosts ? " ..." : "",
					 what, n_runs > 1 ? "s" : "");
	for (size_t r = 0; r < n_runs && used < size; r++)
		used += (size_t)snprintf(out + used, size - used, "%s %" PRId64, r ? "," : "", runs[r]);
	if (more_runs && used < size)
		snprintf(out + used, size - used, " ...");
	const char *software[FIG_MAX_ROWS];
	size_t n_software = 0;
	for (size_t i = 0; i < n && n_software < FIG_MAX_ROWS; i++)
		software[n_software++] = used_rows[i]->software;
	figure_caption_values(out, size, "software", software, n_software);
}

int fig_draw_all(struct hvb_store *st, const struct fig_selection *sel, const char *dir)
{
	static const struct {
		const char *name;
		int (*draw)(struct hvb_store *, const struct fig_selection *, const char *, bool *);
		const char *files;
	} figures[] = {
		{ "microbench", fig_draw_microbench, "microbench.{pdf,svg,png,tex,md}, microbench-latex.tex" },
		{ "tlb", fig_draw_tlb, "tlb.{pdf,svg,png} (x86-64) and/or tlb-aarch64.* (arm64), *-latex.tex" },
		{ "apps", fig_draw_apps, "apps.{pdf,svg,png}, apps-latex.tex" },
	};
	int failed = 0, drawn_count = 0;
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		bool drawn = false;
		if (figures[i].draw(st, sel, dir, &drawn)) {
			fprintf(stderr, "hvbench: %s figure failed: %s\n", figures[i].name, hvb_store_error(st));
			failed = 1;
		} else if (drawn) {
			printf("wrote %s/%s\n", dir, figures[i].files);
			drawn_count++;
		}
	}
	return failed ? -1 : drawn_count;
}
