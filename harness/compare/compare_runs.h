/*
 * compare_runs.h - compare two stored runs benchmark by benchmark (the
 * engine behind `hvbench compare` and the report's comparison table), and
 * check first that the runs are comparable at all.
 */
#ifndef HVB_COMPARE_RUNS_H
#define HVB_COMPARE_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "stats/verdict.h"

/* Where a run ran: what must match for a comparison to mean anything. */
struct hvb_run_facts {
	char host[128], fingerprint[256], arch[32], backend[64], testbed[64], guest_sha256[80];
	bool emulated;
};

/* 0, 1 no such run, -1 error. */
int hvb_run_facts_get(struct hvb_store *st, int64_t run_id, struct hvb_run_facts *out);

/* The length of a test-bed name without its release ("kvm-x86_64" of
 * "kvm-x86_64@trixie"): the releases of one test-bed are comparable, which
 * is how a kernel or Xen regression is found. */
size_t hvb_testbed_family_len(const char *testbed);

/* Writes why a and b are not comparable (different host, test-bed family,
 * arch, emulation) into why and returns false; true when they are. */
bool hvb_runs_comparable(const struct hvb_run_facts *a, const struct hvb_run_facts *b,
			 char *why, size_t size);

/*
 * The mechanisms (mech.* and testbed.mech.* keys: APICv/AVIC, EPT/NPT,
 * VHE/nVHE, GICv4, ...) both runs recorded with different values, as
 * "key (A vs B), ..." in why; returns how many (0: none differ), or -1.
 * A key only one run has (an older run, a mechanism one machine does not
 * report) is unknown, not a difference.
 */
int hvb_mechanisms_differ(struct hvb_store *st, int64_t a, int64_t b, char *why, size_t size);

struct hvb_compare_row {
	char benchmark[64], variant[64], unit_a[16], unit_b[16];
	char status_a[16], status_b[16];   /* "" when the run lacks the benchmark */
	struct hvb_comparison cmp;         /* verdict n/a unless both are ok */
	char two_state[64];                /* "" or how a two-state run was compared (judge()) */
};

struct hvb_compare_set {
	int64_t run_a, run_b;
	struct hvb_compare_row *rows;
	size_t count;
	size_t slower, faster, units_differ;
};

/* Every benchmark+variant of either run (A's order, then B's extras). */
int hvb_compare_runs(struct hvb_store *st, int64_t run_a, int64_t run_b,
		     const struct hvb_verdict_options *options, struct hvb_compare_set *out);
void hvb_compare_set_free(struct hvb_compare_set *set);

#endif
