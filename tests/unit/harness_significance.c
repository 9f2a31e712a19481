/*
 * harness_significance.c - unit tests for comparing runs and finding change
 * points: Mann-Whitney (mannwhitney.c), the bootstrap ratio CI
 * (bootstrap.c), verdicts (verdict.c), binary segmentation
 * (changepoint.c), and compare/history end to end through the store API
 * with synthetic samples from a fixed-seed generator.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats/bootstrap.h"
#include "stats/changepoint.h"
#include "commands.h"
#include "compare/compare_runs.h"
#include "compare/history.h"
#include "stats/mannwhitney.h"
#include "store/store.h"
#include "stats/verdict.h"
#include "check_main.h"

#define N_BATCHES 15
#define BASE_COST 1000.0
#define NOISE_SD 20.0   /* 2% spread, like a quiet host */

static char dir[64];
static char db_path[128];

static void make_temp_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hvb-compare-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db_path, sizeof(db_path), "%s/results.db", dir);
}

static void remove_temp_dir(void)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static struct hvb_store *open_store(void)
{
	struct hvb_store *st;
	char err[512];
	ck_assert_msg(hvb_store_open(db_path, &st, err, sizeof(err)) == 0, "%s", err);
	return st;
}

/* n samples of N(mean, sd) from the seeded generator. */
static void normal_samples(double *x, size_t n, double mean, double sd, uint64_t *seed)
{
	for (size_t i = 0; i < n; i++)
		x[i] = mean + sd * hvb_random_normal(seed);
}

/* A complete run with one cpuid result whose op samples are N(mean, sd)
 * and whose empty loop is a constant 2 cycles. */
static int64_t store_run(struct hvb_store *st, double mean, uint64_t *seed, const char *tag)
{
	static const struct hvb_run_info info = {
		.hostname = "bench1", .cpu_model = "Test CPU", .arch = "x86_64", .backend = "refhv",
		.hypervisor = "kvm", .guest_sha256 = "ab12", .tick_hz = 2600000000ull, .vcpus = 1,
	};
	int64_t run_id;
	ck_assert_msg(hvb_store_begin_run(st, &info, &run_id) == 0, "%s", hvb_store_error(st));
	double values[N_BATCHES];
	normal_samples(values, N_BATCHES, mean + 2.0, NOISE_SD, seed);
	struct hvb_batch op[N_BATCHES], empty[3];
	for (int i = 0; i < N_BATCHES; i++)
		op[i] = (struct hvb_batch){ (uint32_t)i, 4096, values[i] };
	for (int i = 0; i < 3; i++)
		empty[i] = (struct hvb_batch){ (uint32_t)i, 4096, 2.0 };
	struct hvb_result_input in = {
		.benchmark = "cpuid", .variant = "-", .unit = "cycles", .status = HVB_BENCH_OK,
		.op = op, .n_op = N_BATCHES, .empty = empty, .n_empty = 3,
	};
	ck_assert_msg(hvb_store_add_result(st, run_id, &in, NULL) == 0, "%s", hvb_store_error(st));
	if (tag)
		ck_assert_int_eq(hvb_store_add_tag(st, run_id, "kernel", tag), 0);
	ck_assert_int_eq(hvb_store_finish_run(st, run_id, HVB_RUN_COMPLETE, NULL), 0);
	return run_id;
}

static const struct hvb_verdict_options defaults = { HVB_VERDICT_THRESHOLD, HVB_VERDICT_ALPHA };

/* ---- Mann-Whitney --------------------------------------------------------- */

START_TEST(mann_whitney_exact_small)
{
	const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	struct hvb_mw_result r;
	ck_assert_int_eq(hvb_mann_whitney(a, 3, b, 3, &r), 0);
	ck_assert(r.exact);
	ck_assert_double_eq_tol(r.u, 0, 1e-12);
	/* one ordering in C(6,3) = 20 is this extreme, both tails: 2/20 */
	ck_assert_double_eq_tol(r.p, 0.1, 1e-12);
	/* interleaved: U = 4.5 is impossible without ties; 1 4 2 5 3 6 gives U = 3 */
	const double c[] = { 1, 2, 3 }, d[] = { 1.5, 2.5, 3.5 };
	ck_assert_int_eq(hvb_mann_whitney(c, 3, d, 3, &r), 0);
	ck_assert_double_eq_tol(r.u, 3, 1e-12);
	ck_assert(r.p > 0.5);
}
END_TEST

START_TEST(mann_whitney_ties_use_normal_approximation)
{
	const double a[] = { 1, 1, 2, 2, 3 }, b[] = { 2, 3, 3, 4, 4 };
	struct hvb_mw_result r;
	ck_assert_int_eq(hvb_mann_whitney(a, 5, b, 5, &r), 0);
	ck_assert(!r.exact);
	ck_assert(r.p > 0 && r.p < 1);
	const double same[] = { 5, 5, 5 };
	ck_assert_int_eq(hvb_mann_whitney(same, 3, same, 3, &r), 0);
	ck_assert_double_eq(r.p, 1);
	const double bad[] = { NAN };
	ck_assert_int_eq(hvb_mann_whitney(bad, 1, same, 3, &r), -1);
	ck_assert_int_eq(hvb_mann_whitney(same, 0, same, 3, &r), -1);
}
END_TEST

START_TEST(mann_whitney_exact_matches_normal_for_larger_samples)
{
	uint64_t seed = 42;
	double a[40], b[40];
	normal_samples(a, 40, 100, 10, &seed);
	normal_samples(b, 40, 106, 10, &seed);
	struct hvb_mw_result exact;
	ck_assert_int_eq(hvb_mann_whitney(a, 40, b, 40, &exact), 0);
	ck_assert(exact.exact);
	double normal_p = erfc(fabs(exact.z) / sqrt(2.0));
	ck_assert_double_eq_tol(exact.p, normal_p, 0.01);
}
END_TEST

/* ---- bootstrap and verdicts ---------------------------------------------- */

START_TEST(ratio_ci_is_deterministic_and_covers_the_ratio)
{
	uint64_t seed = 7;
	double a[N_BATCHES], b[N_BATCHES];
	normal_samples(a, N_BATCHES, 1000, 20, &seed);
	normal_samples(b, N_BATCHES, 1100, 20, &seed);
	struct hvb_ratio_ci one, two;
	ck_assert_int_eq(hvb_median_ratio_ci(a, N_BATCHES, b, N_BATCHES, &one), 0);
	ck_assert_int_eq(hvb_median_ratio_ci(a, N_BATCHES, b, N_BATCHES, &two), 0);
	ck_assert_double_eq(one.low, two.low);
	ck_assert_double_eq(one.high, two.high);
	ck_assert(one.low <= one.ratio && one.ratio <= one.high);
	ck_assert(one.low > 1.05 && one.high < 1.15);
	double zero[] = { 0, 0, 0 };
	ck_assert_int_eq(hvb_median_ratio_ci(zero, 3, b, 3, &one), 0);
	ck_assert(isnan(one.ratio) && isnan(one.low));
}
END_TEST

START_TEST(verdict_flags_ten_percent_and_not_noise)
{
	for (uint64_t trial = 0; trial < 20; trial++) {
		uint64_t seed = 1000 + trial;
		double a[N_BATCHES], same[N_BATCHES], slower[N_BATCHES], faster[N_BATCHES];
		normal_samples(a, N_BATCHES, BASE_COST, NOISE_SD, &seed);
		normal_samples(same, N_BATCHES, BASE_COST, NOISE_SD, &seed);
		normal_samples(slower, N_BATCHES, 1.10 * BASE_COST, NOISE_SD, &seed);
		normal_samples(faster, N_BATCHES, 0.90 * BASE_COST, NOISE_SD, &seed);
		struct hvb_comparison c;
		ck_assert_int_eq(hvb_compare_samples(a, N_BATCHES, same, N_BATCHES, &defaults, &c), 0);
		ck_assert_msg(c.verdict == HVB_NO_CHANGE, "trial %d: noise judged %s",
			      (int)trial, hvb_verdict_name(c.verdict));
		ck_assert_int_eq(hvb_compare_samples(a, N_BATCHES, slower, N_BATCHES, &defaults, &c), 0);
		ck_assert_msg(c.verdict == HVB_SLOWER, "trial %d: +10%% judged %s (ratio %g [%g, %g], p %g)",
			      (int)trial, hvb_verdict_name(c.verdict), c.ratio, c.ratio_low, c.ratio_high, c.p);
		ck_assert_int_eq(hvb_compare_samples(a, N_BATCHES, faster, N_BATCHES, &defaults, &c), 0);
		ck_assert_int_eq(c.verdict, HVB_FASTER);
		ck_assert(!c.few_samples);
	}
}
END_TEST

START_TEST(verdict_needs_both_significance_and_threshold)
{
	uint64_t seed = 99;
	double a[30], b[30];
	normal_samples(a, 30, 1000, 2, &seed);
	normal_samples(b, 30, 1020, 2, &seed); /* +2%: significant, below the 5% threshold */
	struct hvb_comparison c;
	ck_assert_int_eq(hvb_compare_samples(a, 30, b, 30, &defaults, &c), 0);
	ck_assert(c.p < 0.001);
	ck_assert_int_eq(c.verdict, HVB_NO_CHANGE);
	struct hvb_verdict_options one_percent = { 0.01, 0.01 };
	ck_assert_int_eq(hvb_compare_samples(a, 30, b, 30, &one_percent, &c), 0);
	ck_assert_int_eq(c.verdict, HVB_SLOWER);
	ck_assert_int_eq(hvb_compare_samples(a, 5, b, 5, &defaults, &c), 0);
	ck_assert(c.few_samples);
	ck_assert_int_eq(hvb_compare_samples(a, 0, b, 5, &defaults, &c), 0);
	ck_assert_int_eq(c.verdict, HVB_NOT_COMPARABLE);
}
END_TEST

/* ---- change points --------------------------------------------------------- */

START_TEST(changepoint_finds_a_step_and_ignores_noise)
{
	for (uint64_t trial = 0; trial < 20; trial++) {
		uint64_t seed = 5000 + trial;
		struct hvb_cp_point points[24];
		double medians[24];
		normal_samples(medians, 24, BASE_COST, NOISE_SD, &seed);
		for (int i = 0; i < 24; i++)
			points[i] = (struct hvb_cp_point){ medians[i], NULL, 0 };
		struct hvb_changepoint found[8];
		int n = hvb_find_changepoints(points, 24, 0.01, found, 8);
		ck_assert_msg(n == 0, "trial %d: %d change points in noise (first at %zu)", (int)trial, n,
			      n > 0 ? found[0].index : 0);
		for (int i = 14; i < 24; i++)
			points[i].median += 0.10 * BASE_COST;
		n = hvb_find_changepoints(points, 24, 0.01, found, 8);
		ck_assert_msg(n == 1, "trial %d: %d change points for one step", (int)trial, n);
		ck_assert_uint_eq(found[0].index, 14);
		ck_assert(found[0].after > found[0].before);
	}
}
END_TEST

START_TEST(changepoint_short_or_bad_series)
{
	struct hvb_cp_point points[3] = { { 1, NULL, 0 }, { 100, NULL, 0 }, { 100, NULL, 0 } };
	struct hvb_changepoint found[4];
	ck_assert_int_eq(hvb_find_changepoints(points, 3, 0.01, found, 4), 0);
	struct hvb_cp_point flat[6];
	for (int i = 0; i < 6; i++)
		flat[i] = (struct hvb_cp_point){ 5, NULL, 0 };
	ck_assert_int_eq(hvb_find_changepoints(flat, 6, 0.01, found, 4), 0);
	flat[2].median = NAN;
	ck_assert_int_eq(hvb_find_changepoints(flat, 6, 0.01, found, 4), -1);
}
END_TEST

/* ---- through the store ------------------------------------------------------ */

static int run_compare(const char *a, const char *b)
{
	char *argv[] = { "compare", (char *)a, (char *)b, "--db", db_path, NULL };
	fflush(stdout);
	return hvb_cmd_compare(5, argv);
}

START_TEST(compare_runs_through_the_store)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	uint64_t seed = 2024;
	int64_t base = store_run(st, BASE_COST, &seed, NULL);
	int64_t noise = store_run(st, BASE_COST, &seed, NULL);
	int64_t step = store_run(st, 1.10 * BASE_COST, &seed, NULL);
	struct hvb_compare_set set;
	ck_assert_int_eq(hvb_compare_runs(st, base, noise, &defaults, &set), 0);
	ck_assert_uint_eq(set.count, 1);
	ck_assert_int_eq(set.rows[0].cmp.verdict, HVB_NO_CHANGE);
	/* the stored net samples are what is compared: empty loop (2) subtracted */
	ck_assert_double_eq_tol(set.rows[0].cmp.median_a, BASE_COST, 3 * NOISE_SD);
	hvb_compare_set_free(&set);
	ck_assert_int_eq(hvb_compare_runs(st, base, step, &defaults, &set), 0);
	ck_assert_int_eq(set.rows[0].cmp.verdict, HVB_SLOWER);
	ck_assert_uint_eq(set.slower, 1);
	hvb_compare_set_free(&set);
	hvb_store_close(st);

	char a[16], b[16], c[16];
	snprintf(a, sizeof(a), "%lld", (long long)base);
	snprintf(b, sizeof(b), "%lld", (long long)noise);
	snprintf(c, sizeof(c), "%lld", (long long)step);
	ck_assert_int_eq(run_compare(a, b), 0);
	ck_assert_int_eq(run_compare(a, c), 1);
	ck_assert_int_eq(run_compare(c, a), 0); /* faster is no regression */
	ck_assert_int_eq(run_compare(a, "999"), 2);
	remove_temp_dir();
}
END_TEST

START_TEST(compare_refuses_other_hosts)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	uint64_t seed = 3;
	int64_t here = store_run(st, BASE_COST, &seed, NULL);
	struct hvb_run_info other = {
		.hostname = "bench2", .cpu_model = "Other CPU", .arch = "x86_64", .backend = "refhv",
	};
	int64_t there;
	ck_assert_int_eq(hvb_store_begin_run(st, &other, &there), 0);
	struct hvb_run_facts fa, fb;
	char why[256];
	ck_assert_int_eq(hvb_run_facts_get(st, here, &fa), 0);
	ck_assert_int_eq(hvb_run_facts_get(st, there, &fb), 0);
	ck_assert(!hvb_runs_comparable(&fa, &fb, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "different hosts"));
	ck_assert_int_eq(hvb_run_facts_get(st, 12345, &fb), 1);
	hvb_store_close(st);
	ck_assert_int_eq(run_compare("1", "2"), 3);
	char *argv[] = { "compare", "1", "2", "--force", "--db", db_path, NULL };
	ck_assert_int_eq(hvb_cmd_compare(6, argv), 0);
	remove_temp_dir();
}
END_TEST

START_TEST(history_places_the_step_at_the_right_run)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	uint64_t seed = 77;
	int64_t ids[20];
	for (int i = 0; i < 20; i++)
		ids[i] = store_run(st, i < 12 ? BASE_COST : 1.10 * BASE_COST, &seed, NULL);
	struct hvb_history_query q = { .benchmark = "cpuid", .alpha = 0.01 };
	struct hvb_history h;
	ck_assert_msg(hvb_history_load(st, &q, &h) == 0, "%s", hvb_store_error(st));
	ck_assert_uint_eq(h.series_count, 1);
	ck_assert_uint_eq(h.series[0].count, 20);
	ck_assert_uint_eq(h.series[0].change_count, 1);
	size_t at = h.series[0].changes[0].index;
	ck_assert_int_eq(h.series[0].points[at].run_id, ids[12]);
	ck_assert(h.series[0].changes[0].p < 0.01);
	ck_assert(h.series[0].points[0].n_samples == N_BATCHES);
	hvb_history_free(&h);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

START_TEST(history_orders_by_tag_value)
{
	make_temp_dir();
	struct hvb_store *st = open_store();
	uint64_t seed = 11;
	/* stored out of order; version order puts 6.10 after 6.9 */
	const char *kernels[] = { "6.10", "6.1", "6.9", "6.2", "6.10", "6.1" };
	for (int i = 0; i < 6; i++)
		store_run(st, BASE_COST, &seed, kernels[i]);
	store_run(st, BASE_COST, &seed, NULL); /* untagged: not on a tag axis */
	struct hvb_history_query q = { .benchmark = "cpuid", .by = "kernel", .alpha = 0.01 };
	struct hvb_history h;
	ck_assert_int_eq(hvb_history_load(st, &q, &h), 0);
	ck_assert_uint_eq(h.series[0].count, 6);
	const char *want[] = { "6.1", "6.1", "6.2", "6.9", "6.10", "6.10" };
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(h.series[0].points[i].by_value, want[i]);
	ck_assert_uint_eq(h.positions, 4);
	ck_assert_uint_eq(h.series[0].points[1].x, 1);
	ck_assert_uint_eq(h.series[0].points[5].x, 4);
	hvb_history_free(&h);

	struct hvb_run_filter filter = { .count = 0 };
	ck_assert_int_eq(hvb_filter_add(&filter, "kernel=6.9"), 0);
	q.by = NULL;
	q.filter = &filter;
	ck_assert_int_eq(hvb_history_load(st, &q, &h), 0);
	ck_assert_uint_eq(h.series[0].count, 1);
	hvb_history_free(&h);
	hvb_store_close(st);
	remove_temp_dir();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("compare");
	TCase *t = tcase_create("compare");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, mann_whitney_exact_small);
	tcase_add_test(t, mann_whitney_ties_use_normal_approximation);
	tcase_add_test(t, mann_whitney_exact_matches_normal_for_larger_samples);
	tcase_add_test(t, ratio_ci_is_deterministic_and_covers_the_ratio);
	tcase_add_test(t, verdict_flags_ten_percent_and_not_noise);
	tcase_add_test(t, verdict_needs_both_significance_and_threshold);
	tcase_add_test(t, changepoint_finds_a_step_and_ignores_noise);
	tcase_add_test(t, changepoint_short_or_bad_series);
	tcase_add_test(t, compare_runs_through_the_store);
	tcase_add_test(t, compare_refuses_other_hosts);
	tcase_add_test(t, history_places_the_step_at_the_right_run);
	tcase_add_test(t, history_orders_by_tag_value);
	suite_add_tcase(s, t);
	return check_run(s);
}
