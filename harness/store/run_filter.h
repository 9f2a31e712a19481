/*
 * run_filter.h - `--where KEY=VALUE` conditions on runs, shared by show,
 * compare, history, export and plot, and run specs ("latest", an id, or
 * KEY=VALUE meaning the latest run that matches).
 *
 * KEY is a run column (backend, arch, testbed, hypervisor, host, status),
 * else a tag (hvbench run --tag) or an environment key (hvbench env), in
 * that order of lookup: a run matches a tag/env condition when either its
 * tag or its environment has KEY=VALUE.  Conditions are ANDed.
 */
#ifndef HVB_RUN_FILTER_H
#define HVB_RUN_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define HVB_FILTER_MAX 16
#define HVB_FILTER_PARAMS (3 * HVB_FILTER_MAX)

struct hvb_where {
	char key[64];
	char value[256];
};

struct hvb_run_filter {
	struct hvb_where where[HVB_FILTER_MAX];
	size_t count;
};

/* Adds "KEY=VALUE"; -1 when malformed (see cli_valid_tag) or too many. */
int hvb_filter_add(struct hvb_run_filter *filter, const char *key_value);

/*
 * Appends " AND <run_id_sql> IN (...)" for every condition to sql (of the
 * given size) and the matching text parameters to params[*n_params..].
 * Returns 0, or -1 when sql or params (HVB_FILTER_PARAMS extra) are too small.
 */
int hvb_filter_sql(const struct hvb_run_filter *filter, const char *run_id_sql,
		   char *sql, size_t size, const char **params, size_t *n_params, size_t max_params);

/* Resolves "latest", a run id, or KEY=VALUE (the newest run with that tag,
 * env value or column) among the runs that pass the filter (filter may be
 * NULL).  0, 1 when none matches (message in hvb_store_error), -1 error. */
int hvb_resolve_run_spec(struct hvb_store *st, const char *spec,
			 const struct hvb_run_filter *filter, int64_t *run_id);

#endif
