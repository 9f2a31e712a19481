/*
 * net_samples.h - the stored net per-batch samples of one benchmark of a
 * run: each op sample minus the result's empty-loop median (the same net
 * series the summaries were computed from), in batch order; and its raw
 * empty-loop samples.
 */
#ifndef HVB_NET_SAMPLES_H
#define HVB_NET_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* *x (heap, caller frees; NULL when n == 0) and *n.  0 or -1. */
int hvb_load_net_samples(struct hvb_store *st, int64_t run_id, const char *benchmark,
			 const char *variant, double **x, size_t *n);

/* The raw empty-loop samples (per iteration), in batch order; as above. */
int hvb_load_empty_samples(struct hvb_store *st, int64_t run_id, const char *benchmark,
			   const char *variant, double **x, size_t *n);

#endif
