/*
 * overhead_user.c - the userspace table of `hvbench overhead`: per
 * benchmark and target, the time the VMM spends in userspace per exit
 * (median over the rounds of each traced boot's midmean gap, with the
 * median's 95% CI), that time as a share of the target's measured exit,
 * the paired per-round difference to the floor, and the whole-exit ratio
 * derived from it:
 *
 *   ratio = (floor exit + (user(target) - user(floor))) / floor exit
 *
 * where "floor exit" is the floor's net exit cost from the untraced boots.
 * The floor and the target run the same guest, so what differs between
 * their exits is what each does between KVM_RUNs; the ratio's interval is
 * the difference's CI over the same floor exit (the floor exit's own
 * spread is left out: it scales the difference, a few percent of ~1%).
 */
#include <math.h>
#include <stdio.h>

#include "overhead/overhead.h"

int ovh_net_stats(const struct ovh_study *study, size_t t, size_t b, struct hvb_stats *out)
{
	double op[OVH_MAX_ROUNDS], empty[OVH_MAX_ROUNDS], empty_median;
	const struct ovh_series *s = &study->series[t][b];
	size_t n_op = ovh_valid(s->op, study->rounds, op);
	size_t n_empty = ovh_valid(s->empty, study->rounds, empty);
	if (n_op == 0 || hvb_stats_net_series(op, n_op, empty, n_empty, op, &empty_median) != 0)
		return -1;
	return hvb_stats_compute(op, n_op, out);
}

/* The exit cost of target t for gap kind k (benchmark k), in ns; NaN: none. */
static double exit_ns(const struct ovh_study *study, size_t t, size_t k)
{
	struct hvb_stats s;
	if (ovh_net_stats(study, t, k, &s) != 0 || !(s.median > 0))
		return NAN;
	return s.median * 1e9 / (double)study->env.tsc.hz;
}

int ovh_user_row(const struct ovh_study *study, size_t t, size_t k, struct ovh_user_row *out)
{
	double values[OVH_MAX_ROUNDS];
	const struct ovh_user_series *u = &study->user[t][k], *floor_u = &study->user[0][k];
	size_t n = ovh_valid(u->ns, study->rounds, values);
	if (n == 0 || hvb_stats_compute(values, n, &out->user) != 0)
		return -1;
	out->exit_ns = exit_ns(study, t, k);
	out->share = out->user.median / out->exit_ns;   /* NaN follows NaN */
	out->floor_exit_ns = exit_ns(study, 0, k);
	n = 0;
	for (unsigned r = 0; r < study->rounds; r++)
		if (!isnan(u->ns[r]) && !isnan(floor_u->ns[r]))
			values[n++] = u->ns[r] - floor_u->ns[r];
	out->have_diff = n > 0 && hvb_stats_compute(values, n, &out->diff) == 0;
	out->ratio = out->ratio_low = out->ratio_high = NAN;
	if (out->have_diff && out->floor_exit_ns > 0) {
		double f = out->floor_exit_ns;
		out->ratio = (f + out->diff.median) / f;
		out->ratio_low = (f + out->diff.ci_low) / f;
		out->ratio_high = (f + out->diff.ci_high) / f;
	}
	return 0;
}

static void print_row(const struct ovh_study *study, size_t t, size_t k)
{
	struct ovh_user_row row;
	const char *bench = ovh_gap_bench((enum ovh_gap_kind)k), *name = study->targets[t].name;
	if (!study->targets[t].usable || ovh_user_row(study, t, k, &row) != 0) {
		printf("%-16s %-10s %6s %8s\n", bench, name, "0", "-");
		return;
	}
	double exits[OVH_MAX_ROUNDS];
	size_t n_exits = 0;
	for (unsigned r = 0; r < study->rounds; r++)
		if (!isnan(study->user[t][k].ns[r]))
			exits[n_exits++] = (double)study->user[t][k].exits[r];
	double exits_median = 0;
	hvb_median(exits, n_exits, &exits_median);
	char ci[32], exit_cell[16] = "-", share[16] = "-", diff[16] = "-", diff_ci[32] = "-";
	char ratio[16] = "-", ratio_ci[32] = "-";
	snprintf(ci, sizeof(ci), "%.1f-%.1f", row.user.ci_low, row.user.ci_high);
	if (!isnan(row.exit_ns)) {
		snprintf(exit_cell, sizeof(exit_cell), "%.0f", row.exit_ns);
		snprintf(share, sizeof(share), "%.2f", 100.0 * row.share);
	}
	if (row.have_diff) {
		snprintf(diff, sizeof(diff), "%.1f", row.diff.median);
		snprintf(diff_ci, sizeof(diff_ci), "%.1f..%.1f", row.diff.ci_low, row.diff.ci_high);
	}
	if (!isnan(row.ratio)) {
		snprintf(ratio, sizeof(ratio), "%.4f", row.ratio);
		snprintf(ratio_ci, sizeof(ratio_ci), "%.4f-%.4f", row.ratio_low, row.ratio_high);
	}
	printf("%-16s %-10s %6zu %8.0f %8.1f %15s %8s %7s %8s %15s %8s %15s\n", bench, name,
	       row.user.n, exits_median, row.user.median, ci, exit_cell, share, diff, diff_ci, ratio,
	       ratio_ci);
}

void ovh_print_userspace(const struct ovh_study *study)
{
	if (!study->traced) {
		printf("\nuserspace per exit: not measured: %s\n", study->trace_reason);
		return;
	}
	printf("\nuserspace per exit: KVM_RUN's return to the next KVM_RUN on the vCPU thread\n"
	       "(kernel trace, raw_syscalls sys_exit -> sys_enter, clock x86-tsc); median over the\n"
	       "rounds of each traced boot's midmean gap, 95%% CI; exit: the untraced net exit;\n"
	       "ratio = (floor exit + (user - floor user)) / floor exit, 95%% CI from the paired diff\n");
	printf("%-16s %-10s %6s %8s %8s %15s %8s %7s %8s %15s %8s %15s\n", "benchmark", "backend",
	       "rounds", "exits", "user ns", "95% CI", "exit ns", "user%", "-floor", "95% CI",
	       "ratio", "95% CI");
	for (size_t k = 0; k < OVH_GAP_KINDS; k++)
		for (size_t t = 0; t < OVH_TARGETS; t++)
			print_row(study, t, k);
	for (size_t t = 0; t < OVH_TARGETS; t++)
		if (study->lost_events[t])
			printf("%s: %llu trace events lost (those rounds left out)\n",
			       study->targets[t].name, (unsigned long long)study->lost_events[t]);
}
