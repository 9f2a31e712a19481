/*
 * compare_runs.c - pair up two runs' results and judge each pair with
 * verdict.c on the stored net samples.
 */
#include "compare/compare_runs.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/modes.h"
#include "stats/stats.h"
#include "store/net_samples.h"
#include "store/store_query.h"

static void copy_cell(char *dst, size_t size, const struct hvb_cell *cell)
{
	snprintf(dst, size, "%s", cell->text ? cell->text : "");
}

static int read_facts(void *ctx, size_t n, const char *const *names, const struct hvb_cell *c)
{
	struct hvb_run_facts *f = ctx;
	copy_cell(f->host, sizeof(f->host), &c[0]);
	copy_cell(f->fingerprint, sizeof(f->fingerprint), &c[1]);
	copy_cell(f->arch, sizeof(f->arch), &c[2]);
	copy_cell(f->backend, sizeof(f->backend), &c[3]);
	copy_cell(f->testbed, sizeof(f->testbed), &c[4]);
	copy_cell(f->guest_sha256, sizeof(f->guest_sha256), &c[5]);
	f->emulated = c[6].number != 0;
	return 1;
}

int hvb_run_facts_get(struct hvb_store *st, int64_t run_id, struct hvb_run_facts *out)
{
	char id[32];
	snprintf(id, sizeof(id), "%" PRId64, run_id);
	const char *params[] = { id };
	memset(out, 0, sizeof(*out));
	out->emulated = true; /* stays when the row is missing: never "comparable" by accident */
	if (hvb_store_query(st, "SELECT h.hostname, h.fingerprint, r.arch, r.backend, r.testbed, "
			    "r.guest_sha256, r.emulated FROM runs AS r JOIN hosts AS h "
			    "ON h.host_id = r.host_id WHERE r.run_id = ?", params, 1, read_facts, out))
		return -1;
	if (!out->arch[0]) {
		hvb_store_fail(st, "no run %s", id);
		return 1;
	}
	return 0;
}

size_t hvb_testbed_family_len(const char *testbed)
{
	return strcspn(testbed, "@");
}

static bool same_testbed_family(const char *a, const char *b)
{
	size_t len = hvb_testbed_family_len(a);
	return len == hvb_testbed_family_len(b) && strncmp(a, b, len) == 0;
}

bool hvb_runs_comparable(const struct hvb_run_facts *a, const struct hvb_run_facts *b,
			 char *why, size_t size)
{
	if (strcmp(a->fingerprint, b->fingerprint) != 0)
		snprintf(why, size, "different hosts (%s vs %s)", a->host, b->host);
	else if (!same_testbed_family(a->testbed, b->testbed))
		snprintf(why, size, "different test-beds (%s vs %s)", a->testbed, b->testbed);
	else if (strcmp(a->arch, b->arch) != 0)
		snprintf(why, size, "different architectures (%s vs %s)", a->arch, b->arch);
	else if (a->emulated != b->emulated)
		snprintf(why, size, "one run is emulated, the other is not");
	else
		return true;
	return false;
}

struct mech_diff {
	char *why;
	size_t size;
	int count;
};

static int add_diff(void *ctx, size_t n, const char *const *names, const struct hvb_cell *c)
{
	struct mech_diff *d = ctx;
	size_t used = strlen(d->why);
	snprintf(d->why + used, d->size - used, "%s%s (%s vs %s)", d->count ? ", " : "",
		 c[0].text ? c[0].text : "?", c[1].text ? c[1].text : "?", c[2].text ? c[2].text : "?");
	d->count++;
	return 0;
}

int hvb_mechanisms_differ(struct hvb_store *st, int64_t a, int64_t b, char *why, size_t size)
{
	char ida[32], idb[32];
	snprintf(ida, sizeof(ida), "%" PRId64, a);
	snprintf(idb, sizeof(idb), "%" PRId64, b);
	const char *params[] = { ida, idb };
	struct mech_diff d = { why, size, 0 };
	why[0] = '\0';
	if (hvb_store_query(st, "SELECT x.key, x.value, y.value FROM run_env AS x JOIN run_env AS y "
			    "ON y.key = x.key WHERE x.run_id = ? AND y.run_id = ? "
			    "AND (x.key LIKE 'mech.%' OR x.key LIKE 'testbed.mech.%') "
			    "AND x.value <> y.value ORDER BY x.key", params, 2, add_diff, &d))
		return -1;
	return d.count;
}

/* ---- pairing ------------------------------------------------------------ */

static int grow(struct hvb_compare_set *set, size_t *cap)
{
	if (set->count < *cap)
		return 0;
	size_t bigger = *cap ? 2 * *cap : 16;
	struct hvb_compare_row *rows = realloc(set->rows, bigger * sizeof(*rows));
	if (!rows)
		return -1;
	set->rows = rows;
	*cap = bigger;
	return 0;
}

struct pairing {
	struct hvb_store *st;
	struct hvb_compare_set *set;
	size_t cap;
};

static int add_pair(void *ctx, size_t n, const char *const *names, const struct hvb_cell *c)
{
	struct pairing *p = ctx;
	if (grow(p->set, &p->cap))
		return hvb_store_fail(p->st, "out of memory");
	struct hvb_compare_row *row = &p->set->rows[p->set->count++];
	memset(row, 0, sizeof(*row));
	copy_cell(row->benchmark, sizeof(row->benchmark), &c[0]);
	copy_cell(row->variant, sizeof(row->variant), &c[1]);
	copy_cell(row->unit_a, sizeof(row->unit_a), &c[2]);
	copy_cell(row->unit_b, sizeof(row->unit_b), &c[3]);
	copy_cell(row->status_a, sizeof(row->status_a), &c[4]);
	copy_cell(row->status_b, sizeof(row->status_b), &c[5]);
	return 0;
}

/* Benchmarks of A (with B's row when there is one), then those only in B. */
static const char pairs_sql[] =
	"SELECT a.benchmark, a.variant, a.unit, b.unit, a.status, b.status FROM results AS a "
	"LEFT JOIN results AS b ON b.run_id = ?2 AND b.benchmark = a.benchmark "
	"AND b.variant = a.variant WHERE a.run_id = ?1 "
	"UNION ALL SELECT b.benchmark, b.variant, NULL, b.unit, NULL, b.status FROM results AS b "
	"WHERE b.run_id = ?2 AND NOT EXISTS (SELECT 1 FROM results AS a WHERE a.run_id = ?1 "
	"AND a.benchmark = b.benchmark AND a.variant = b.variant)";

/* Keeps, in order, the values of x in the cluster [lo, hi]; returns how many. */
static size_t keep_between(double *x, size_t n, double lo, double hi)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (x[i] >= lo && x[i] <= hi)
			x[kept++] = x[i];
	return kept;
}

/* x's state nearest to value: its low cluster or its high one. */
static size_t keep_state_nearest(double *x, size_t n, const struct hvb_modes *m, double value)
{
	if (value - m->low_mean < m->high_mean - value)
		return keep_between(x, n, -INFINITY, m->split);
	return keep_between(x, n, nextafter(m->split, INFINITY), INFINITY);
}

static double median_of(const double *x, size_t n)
{
	double m = NAN;
	hvb_median(x, n, &m);
	return m;
}

/*
 * A host that switches between two speeds (this one does) makes a run's
 * samples fall into two states, and how many batches land in the slow one
 * is the host's doing, not the operation's: comparing whole distributions
 * would call that a regression.  So when a run is two-state (modes.h), the
 * comparison uses one state of it: both runs two-state, their fast states
 * (the operation without the host's slow phase); one run two-state, its
 * state nearest the other run's median.  The row says which.
 */
static void robust_to_two_states(double *a, size_t *na, double *b, size_t *nb, char *note,
				 size_t size)
{
	struct hvb_modes ma, mb;
	bool two_a = hvb_two_modes(a, *na, &ma), two_b = hvb_two_modes(b, *nb, &mb);
	note[0] = '\0';
	if (two_a && two_b) {
		*na = keep_between(a, *na, -INFINITY, ma.split);
		*nb = keep_between(b, *nb, -INFINITY, mb.split);
		snprintf(note, size, "two-state A and B: fast states compared");
	} else if (two_a) {
		double mb_median = median_of(b, *nb);
		*na = keep_state_nearest(a, *na, &ma, mb_median);
		snprintf(note, size, "two-state A: its state nearest B compared");
	} else if (two_b) {
		double ma_median = median_of(a, *na);
		*nb = keep_state_nearest(b, *nb, &mb, ma_median);
		snprintf(note, size, "two-state B: its state nearest A compared");
	}
}

static int judge(struct hvb_store *st, const struct hvb_compare_set *set,
		 struct hvb_compare_row *row, const struct hvb_verdict_options *options)
{
	hvb_compare_samples(NULL, 0, NULL, 0, options, &row->cmp); /* "n/a", NaN numbers */
	if (strcmp(row->status_a, "ok") != 0 || strcmp(row->status_b, "ok") != 0)
		return 0;
	double *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	int rc = -1;
	if (hvb_load_net_samples(st, set->run_a, row->benchmark, row->variant, &a, &na) == 0 &&
	    hvb_load_net_samples(st, set->run_b, row->benchmark, row->variant, &b, &nb) == 0) {
		robust_to_two_states(a, &na, b, &nb, row->two_state, sizeof(row->two_state));
		rc = hvb_compare_samples(a, na, b, nb, options, &row->cmp);
	}
	if (rc)
		hvb_store_fail(st, "%s/%s: cannot compare the samples", row->benchmark, row->variant);
	free(a);
	free(b);
	return rc;
}

int hvb_compare_runs(struct hvb_store *st, int64_t run_a, int64_t run_b,
		     const struct hvb_verdict_options *options, struct hvb_compare_set *out)
{
	memset(out, 0, sizeof(*out));
	out->run_a = run_a;
	out->run_b = run_b;
	char a[32], b[32];
	snprintf(a, sizeof(a), "%" PRId64, run_a);
	snprintf(b, sizeof(b), "%" PRId64, run_b);
	const char *params[] = { a, b };
	struct pairing p = { st, out, 0 };
	if (hvb_store_query(st, pairs_sql, params, 2, add_pair, &p))
		goto fail;
	for (size_t i = 0; i < out->count; i++) {
		struct hvb_compare_row *row = &out->rows[i];
		if (judge(st, out, row, options))
			goto fail;
		if (row->unit_a[0] && row->unit_b[0] && strcmp(row->unit_a, row->unit_b) != 0)
			out->units_differ++;
		out->slower += row->cmp.verdict == HVB_SLOWER;
		out->faster += row->cmp.verdict == HVB_FASTER;
	}
	return 0;
fail:
	hvb_compare_set_free(out);
	return -1;
}

void hvb_compare_set_free(struct hvb_compare_set *set)
{
	free(set->rows);
	set->rows = NULL;
	set->count = 0;
}
