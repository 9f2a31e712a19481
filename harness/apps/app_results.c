/*
 * app_results.c - parse, check and store the application suite's results
 * (see app_results.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/app_results.h"

void app_collect_init(struct app_collect *c, const struct app_workload *const *selected, size_t count)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < count && i < APP_MAX_WORKLOADS; i++)
		c->series[c->count++].workload = selected[i];
}

static struct app_series *series_of(struct app_collect *c, const struct app_workload *w)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->series[i].workload == w)
			return &c->series[i];
	return NULL;
}

/* The value of " key=" in line (up to the next space) into out; 0 when found. */
static int field(const char *line, const char *key, char *out, size_t size)
{
	size_t key_len = strlen(key);
	for (const char *p = strchr(line, ' '); p; p = strchr(p + 1, ' ')) {
		if (strncmp(p + 1, key, key_len) == 0 && p[1 + key_len] == '=') {
			const char *value = p + 2 + key_len;
			size_t len = strcspn(value, " ");
			if (len >= size)
				return -1;
			memcpy(out, value, len);
			out[len] = 0;
			return 0;
		}
	}
	return -1;
}

void app_collect_add(struct app_collect *c, const struct app_workload *w, double value)
{
	struct app_series *s = series_of(c, w);
	if (!s || !isfinite(value) || value <= 0 || s->count == APP_MAX_REPS) {
		c->rejected++;
		return;
	}
	s->values[s->count++] = value;
}

void app_collect_fail(struct app_collect *c, const struct app_workload *w, const char *why)
{
	struct app_series *s = series_of(c, w);
	if (s)
		snprintf(s->error, sizeof(s->error), "%s", why);
}

static void take_result(struct app_collect *c, const char *line)
{
	char bench[64], unit[32], better[16], value[64];
	if (field(line, "bench", bench, sizeof(bench)) || field(line, "unit", unit, sizeof(unit)) ||
	    field(line, "better", better, sizeof(better)) || field(line, "value", value, sizeof(value))) {
		c->rejected++;
		return;
	}
	const struct app_workload *w = app_workload_find(bench);
	char *end;
	double v = strtod(value, &end);
	if (!w || *end || strcmp(unit, w->unit) != 0 || strcmp(better, w->better) != 0) {
		c->rejected++;
		return;
	}
	app_collect_add(c, w, v);
}

/* "APPB error what=appb-hackbench": charged to the workload it names, else to all. */
static void take_error(struct app_collect *c, const char *line)
{
	char what[96] = "?";
	field(line, "what", what, sizeof(what));
	for (size_t i = 0; i < c->count; i++) {
		const char *name = c->series[i].workload->bench + 4;   /* after "app-" */
		if (strstr(what, name) || strncmp(what, "serve", 5) == 0 || strstr(what, "network"))
			snprintf(c->series[i].error, sizeof(c->series[i].error), "machine reported %s", what);
	}
}

void app_collect_line(struct app_collect *c, const char *line)
{
	if (strncmp(line, "APPB result ", 12) == 0)
		take_result(c, line);
	else if (strncmp(line, "APPB error ", 11) == 0)
		take_error(c, line);
	else if (strncmp(line, "APPB info ", 10) == 0)
		snprintf(c->info, sizeof(c->info), "%s", line + 10);
}

int app_collect_store(struct hvb_store *st, int64_t run_id, const struct app_collect *c,
		      bool measured_only)
{
	int ok = 0;
	for (size_t i = 0; i < c->count; i++) {
		const struct app_series *s = &c->series[i];
		if (measured_only && s->count == 0)
			continue;
		struct hvb_batch batches[APP_MAX_REPS];
		for (size_t k = 0; k < s->count; k++)
			batches[k] = (struct hvb_batch){ .batch = (uint32_t)k, .iters = 1, .value = s->values[k] };
		struct hvb_result_input r = {
			.benchmark = s->workload->bench,
			.variant = "-",
			.unit = s->workload->unit,
			.status = s->count ? HVB_BENCH_OK : HVB_BENCH_FAILED,
			.reason = s->count ? NULL : (s->error[0] ? s->error : "no result"),
			.op = batches,
			.n_op = s->count,
		};
		if (hvb_store_add_result(st, run_id, &r, NULL) != 0)
			return -1;
		ok += s->count > 0;
	}
	return ok;
}

double app_normalised(const struct app_workload *w, double median, double native_median)
{
	if (!(median > 0) || !(native_median > 0))
		return NAN;
	return strcmp(w->better, "lower") == 0 ? native_median / median : median / native_median;
}
