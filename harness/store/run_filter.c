/*
 * run_filter.c - `--where KEY=VALUE` as SQL conditions on run ids, and run
 * specs resolved through them (see run_filter.h).
 */
#include "store/run_filter.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/cli.h"
#include "store/store_query.h"

/* Keys that name a column of the run (or its host) instead of a tag. */
static const struct {
	const char *key, *column;
} run_columns[] = {
	{ "backend", "r.backend" },   { "arch", "r.arch" },     { "testbed", "r.testbed" },
	{ "hypervisor", "r.hypervisor" }, { "host", "h.hostname" }, { "status", "r.status" },
};

int hvb_filter_add(struct hvb_run_filter *filter, const char *key_value)
{
	if (!cli_valid_tag(key_value) || filter->count == HVB_FILTER_MAX)
		return -1;
	const char *eq = strchr(key_value, '=');
	struct hvb_where *w = &filter->where[filter->count];
	size_t key_len = (size_t)(eq - key_value);
	if (key_len >= sizeof(w->key) || strlen(eq + 1) >= sizeof(w->value))
		return -1;
	memcpy(w->key, key_value, key_len);
	w->key[key_len] = '\0';
	snprintf(w->value, sizeof(w->value), "%s", eq + 1);
	filter->count++;
	return 0;
}

static const char *column_of(const char *key)
{
	for (size_t i = 0; i < sizeof(run_columns) / sizeof(run_columns[0]); i++)
		if (strcmp(run_columns[i].key, key) == 0)
			return run_columns[i].column;
	return NULL;
}

int hvb_filter_sql(const struct hvb_run_filter *filter, const char *run_id_sql,
		   char *sql, size_t size, const char **params, size_t *n_params, size_t max_params)
{
	for (size_t i = 0; filter && i < filter->count; i++) {
		const struct hvb_where *w = &filter->where[i];
		const char *column = column_of(w->key);
		size_t used = strlen(sql);
		int len;
		if (column) {
			if (*n_params + 1 > max_params)
				return -1;
			len = snprintf(sql + used, size - used,
				       " AND %s IN (SELECT r.run_id FROM runs AS r JOIN hosts AS h "
				       "ON h.host_id = r.host_id WHERE %s = ?)", run_id_sql, column);
			params[(*n_params)++] = w->value;
		} else {
			if (*n_params + 4 > max_params)
				return -1;
			len = snprintf(sql + used, size - used,
				       " AND %s IN (SELECT run_id FROM run_tags WHERE key = ? AND value = ? "
				       "UNION SELECT run_id FROM run_env WHERE key = ? AND value = ?)",
				       run_id_sql);
			for (int k = 0; k < 2; k++) {
				params[(*n_params)++] = w->key;
				params[(*n_params)++] = w->value;
			}
		}
		if (len < 0 || (size_t)len >= size - used)
			return -1;
	}
	return 0;
}

int hvb_resolve_run_spec(struct hvb_store *st, const char *spec,
			 const struct hvb_run_filter *filter, int64_t *run_id)
{
	struct hvb_run_filter all = { .count = 0 };
	if (filter)
		all = *filter;
	bool by_id = spec && strcmp(spec, "latest") != 0 && !strchr(spec, '=');
	if (by_id && all.count == 0)
		return hvb_store_resolve_run(st, spec, run_id);
	if (spec && strchr(spec, '=') && hvb_filter_add(&all, spec) != 0) {
		hvb_store_fail(st, "'%s' is not a run id, 'latest' or KEY=VALUE", spec);
		return 1;
	}

	char sql[4096] = "SELECT max(run_id) FROM runs WHERE 1";
	const char *params[HVB_FILTER_PARAMS + 1];
	size_t n_params = 0;
	if (by_id) {
		int64_t id;
		int rc = hvb_store_resolve_run(st, spec, &id);
		if (rc)
			return rc;
		snprintf(sql, sizeof(sql), "SELECT max(run_id) FROM runs WHERE run_id = ?");
		params[n_params++] = spec;
	}
	if (hvb_filter_sql(&all, "run_id", sql, sizeof(sql), params, &n_params,
			   HVB_FILTER_PARAMS + 1))
		return hvb_store_fail(st, "too many conditions");
	double found;
	int rc = hvb_store_query_number(st, sql, params, n_params, &found);
	if (rc == 0)
		*run_id = (int64_t)found;
	else if (rc == 1)
		hvb_store_fail(st, "no run matches '%s'%s", spec ? spec : "latest",
			       filter && filter->count ? " and the --where conditions" : "");
	return rc;
}
