/*
 * history.c - collect a benchmark's results run by run, group them into
 * series, order them (time or a tag's value, version-aware) and find the
 * change points of each series.
 */
#include "compare/history.h"
#include "compare/compare_runs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/net_samples.h"
#include "store/store_query.h"
#include "util/version.h"

enum { COL_RUN, COL_STARTED, COL_HOST, COL_BACKEND, COL_TESTBED, COL_VARIANT, COL_UNIT,
       COL_MEDIAN, COL_CI_LOW, COL_CI_HIGH, COL_N, COL_EMULATED, COL_BY, COL_SOFTWARE };

struct loader {
	struct hvb_store *st;
	struct hvb_history *history;
	bool by_tag;
};

/* --by names that mean a column of the run_versions view when no tag of
 * that name exists: a test-bed's kernel, Xen, Debian release, QEMU. */
static const char *const version_keys[] = { "kernel", "xen", "release", "qemu" };

static bool is_version_key(const char *by)
{
	for (size_t i = 0; i < sizeof(version_keys) / sizeof(version_keys[0]); i++)
		if (by && strcmp(by, version_keys[i]) == 0)
			return true;
	return false;
}

/* With --by the axis carries the version, so a test-bed's releases share a
 * series: "kvm-x86_64@trixie" counts as its family "kvm-x86_64". */
static void testbed_family(const char *testbed, bool by_tag, char *out, size_t size)
{
	size_t len = by_tag ? hvb_testbed_family_len(testbed) : strlen(testbed);
	snprintf(out, size, "%.*s", (int)len, testbed);
}

static const char *text_of(const struct hvb_cell *cell)
{
	return cell->text ? cell->text : "";
}

static struct hvb_history_series *series_for(struct loader *l, const struct hvb_cell *c)
{
	struct hvb_history *h = l->history;
	char testbed[sizeof(h->series[0].testbed)];
	testbed_family(text_of(&c[COL_TESTBED]), l->by_tag, testbed, sizeof(testbed));
	for (size_t i = 0; i < h->series_count; i++) {
		struct hvb_history_series *s = &h->series[i];
		if (!strcmp(s->host, text_of(&c[COL_HOST])) && !strcmp(s->backend, text_of(&c[COL_BACKEND])) &&
		    !strcmp(s->testbed, testbed) &&
		    !strcmp(s->variant, text_of(&c[COL_VARIANT])) && !strcmp(s->unit, text_of(&c[COL_UNIT])))
			return s;
	}
	if (h->series_count == HVB_HISTORY_MAX_SERIES)
		return NULL;
	struct hvb_history_series *s = &h->series[h->series_count++];
	snprintf(s->host, sizeof(s->host), "%s", text_of(&c[COL_HOST]));
	snprintf(s->backend, sizeof(s->backend), "%s", text_of(&c[COL_BACKEND]));
	snprintf(s->testbed, sizeof(s->testbed), "%s", testbed);
	snprintf(s->variant, sizeof(s->variant), "%s", text_of(&c[COL_VARIANT]));
	snprintf(s->unit, sizeof(s->unit), "%s", text_of(&c[COL_UNIT]));
	s->emulated = c[COL_EMULATED].number != 0;
	return s;
}

static int add_point(void *ctx, size_t n, const char *const *names, const struct hvb_cell *c)
{
	struct loader *l = ctx;
	if (l->by_tag && !c[COL_BY].text)
		return 0; /* runs without the tag have no place on the axis */
	struct hvb_history_series *s = series_for(l, c);
	if (!s)
		return hvb_store_fail(l->st, "more than %d series: narrow with --variant/--backend/--host",
				      HVB_HISTORY_MAX_SERIES);
	if (s->count == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct hvb_history_point *grown = realloc(s->points, cap * sizeof(*grown));
		if (!grown)
			return hvb_store_fail(l->st, "out of memory");
		s->points = grown;
		s->cap = cap;
	}
	struct hvb_history_point *p = &s->points[s->count++];
	memset(p, 0, sizeof(*p));
	p->run_id = (int64_t)c[COL_RUN].number;
	snprintf(p->started_at, sizeof(p->started_at), "%s", text_of(&c[COL_STARTED]));
	p->by_value = l->by_tag ? strdup(c[COL_BY].text) : NULL;
	p->median = c[COL_MEDIAN].number;
	p->ci_low = c[COL_CI_LOW].number;
	p->ci_high = c[COL_CI_HIGH].number;
	p->n = (long)c[COL_N].number;
	snprintf(p->software, sizeof(p->software), "%s", text_of(&c[COL_SOFTWARE]));
	if (l->by_tag && !p->by_value)
		return hvb_store_fail(l->st, "out of memory");
	return 0;
}

static int by_order(const struct hvb_history_point *a, const struct hvb_history_point *b)
{
	if (a->by_value && b->by_value) {
		int c = hvb_version_cmp(a->by_value, b->by_value);
		if (c)
			return c;
	}
	int c = strcmp(a->started_at, b->started_at);
	return c ? c : (a->run_id > b->run_id) - (a->run_id < b->run_id);
}

static int compare_points(const void *x, const void *y)
{
	return by_order(x, y);
}

/* The common x axis: with --by, one position per distinct tag value; by
 * time, one per run (runs of different series interleave). */
static int assign_positions(struct hvb_history *h, bool by_tag)
{
	size_t total = 0;
	for (size_t i = 0; i < h->series_count; i++)
		total += h->series[i].count;
	struct hvb_history_point **all = malloc((total ? total : 1) * sizeof(*all));
	if (!all)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < h->series_count; i++)
		for (size_t j = 0; j < h->series[i].count; j++)
			all[k++] = &h->series[i].points[j];
	for (size_t i = 1; i < total; i++) /* insertion sort: histories are short */
		for (size_t j = i; j > 0 && by_order(all[j - 1], all[j]) > 0; j--) {
			struct hvb_history_point *t = all[j];
			all[j] = all[j - 1];
			all[j - 1] = t;
		}
	size_t x = 0;
	for (size_t i = 0; i < total; i++) {
		bool same = by_tag && i > 0 && strcmp(all[i]->by_value, all[i - 1]->by_value) == 0;
		all[i]->x = same ? x : ++x;
	}
	h->positions = x;
	free(all);
	return 0;
}

static int analyse(struct hvb_store *st, const char *benchmark, struct hvb_history_series *s,
		   double alpha)
{
	struct hvb_cp_point *cp = calloc(s->count ? s->count : 1, sizeof(*cp));
	if (!cp)
		return hvb_store_fail(st, "out of memory");
	int rc = 0;
	for (size_t i = 0; i < s->count && rc == 0; i++) {
		struct hvb_history_point *p = &s->points[i];
		rc = hvb_load_net_samples(st, p->run_id, benchmark, s->variant, &p->samples,
					  &p->n_samples);
		cp[i] = (struct hvb_cp_point){ p->median, p->samples, p->n_samples };
	}
	int found = rc ? -1 : hvb_find_changepoints(cp, s->count, alpha, s->changes, HVB_CP_MAX);
	free(cp);
	if (found < 0)
		return rc ? -1 : hvb_store_fail(st, "change point search failed");
	s->change_count = (size_t)found;
	return 0;
}

int hvb_history_load(struct hvb_store *st, const struct hvb_history_query *q, struct hvb_history *out)
{
	memset(out, 0, sizeof(*out));
	char sql[4096];
	const char *params[8 + HVB_FILTER_PARAMS];
	size_t n = 0;
	params[n++] = q->by ? q->by : "";
	params[n++] = q->by ? q->by : "";
	params[n++] = q->benchmark;
	/* a tag first, then (kernel, xen, release, qemu) the run_versions
	 * column, then an env key of that name */
	char version_column[96] = "NULL";
	if (is_version_key(q->by))
		snprintf(version_column, sizeof(version_column),
			 "(SELECT v.%s FROM run_versions AS v WHERE v.run_id = s.run_id)", q->by);
	snprintf(sql, sizeof(sql),
		 "SELECT s.run_id, s.started_at, s.host, s.backend, s.testbed, s.variant, s.unit, "
		 "s.median, s.ci_low, s.ci_high, s.n, s.emulated, coalesce("
		 "(SELECT value FROM run_tags AS t WHERE t.run_id = s.run_id AND t.key = ?), %s, "
		 "(SELECT value FROM run_env AS e WHERE e.run_id = s.run_id AND e.key = ?)), "
		 "(SELECT v.software FROM run_versions AS v WHERE v.run_id = s.run_id) "
		 "FROM summary AS s WHERE s.benchmark = ? AND s.status = 'ok' AND s.n > 0 "
		 "AND s.median IS NOT NULL", version_column);
	const struct { const char *value, *sql; } optional[] = {
		{ q->variant, " AND s.variant = ?" }, { q->host, " AND s.host = ?" },
		{ q->backend, " AND s.backend = ?" },
	};
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
		if (optional[i].value) {
			strncat(sql, optional[i].sql, sizeof(sql) - strlen(sql) - 1);
			params[n++] = optional[i].value;
		}
	if (hvb_filter_sql(q->filter, "s.run_id", sql, sizeof(sql), params, &n,
			   sizeof(params) / sizeof(params[0])))
		return hvb_store_fail(st, "too many conditions");
	strncat(sql, " ORDER BY s.started_at, s.run_id", sizeof(sql) - strlen(sql) - 1);

	struct loader l = { st, out, q->by != NULL };
	if (hvb_store_query(st, sql, params, n, add_point, &l))
		goto fail;
	for (size_t i = 0; i < out->series_count; i++) {
		struct hvb_history_series *s = &out->series[i];
		qsort(s->points, s->count, sizeof(*s->points), compare_points);
		if (analyse(st, q->benchmark, s, q->alpha))
			goto fail;
	}
	if (assign_positions(out, l.by_tag)) {
		hvb_store_fail(st, "out of memory");
		goto fail;
	}
	return 0;
fail:
	hvb_history_free(out);
	return -1;
}

void hvb_history_free(struct hvb_history *history)
{
	for (size_t i = 0; i < history->series_count; i++) {
		struct hvb_history_series *s = &history->series[i];
		for (size_t j = 0; j < s->count; j++) {
			free(s->points[j].by_value);
			free(s->points[j].samples);
		}
		free(s->points);
	}
	memset(history, 0, sizeof(*history));
}
