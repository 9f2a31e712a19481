/*
 * net_samples.c - read a benchmark's net samples back from the store.
 */
#include "store/net_samples.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store_query.h"

struct growing {
	struct hvb_store *st;
	double *x;
	size_t n, cap;
};

static int append(void *ctx, size_t n_columns, const char *const *names, const struct hvb_cell *cells)
{
	struct growing *g = ctx;
	if (!cells[0].is_number)
		return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 32;
		double *grown = realloc(g->x, cap * sizeof(double));
		if (!grown)
			return hvb_store_fail(g->st, "out of memory");
		g->x = grown;
		g->cap = cap;
	}
	g->x[g->n++] = cells[0].number;
	return 0;
}

/* The one value sql selects per sample of (run, benchmark, variant). */
static int load(struct hvb_store *st, const char *sql, int64_t run_id, const char *benchmark,
		const char *variant, double **x, size_t *n)
{
	char id[32];
	snprintf(id, sizeof(id), "%" PRId64, run_id);
	const char *params[] = { id, benchmark, variant };
	struct growing g = { .st = st };
	int rc = hvb_store_query(st, sql, params, 3, append, &g);
	if (rc) {
		free(g.x);
		g.x = NULL;
		g.n = 0;
	}
	*x = g.x;
	*n = g.n;
	return rc;
}

int hvb_load_net_samples(struct hvb_store *st, int64_t run_id, const char *benchmark,
			 const char *variant, double **x, size_t *n)
{
	return load(st,
		    "SELECT s.value - coalesce(r.empty_median, 0) FROM samples AS s "
		    "JOIN results AS r ON r.result_id = s.result_id "
		    "WHERE r.run_id = ? AND r.benchmark = ? AND r.variant = ? AND s.kind = 'op' "
		    "ORDER BY s.batch", run_id, benchmark, variant, x, n);
}

int hvb_load_empty_samples(struct hvb_store *st, int64_t run_id, const char *benchmark,
			   const char *variant, double **x, size_t *n)
{
	return load(st,
		    "SELECT s.value FROM samples AS s JOIN results AS r ON r.result_id = s.result_id "
		    "WHERE r.run_id = ? AND r.benchmark = ? AND r.variant = ? AND s.kind = 'empty' "
		    "ORDER BY s.batch", run_id, benchmark, variant, x, n);
}
