/*
 * overhead_store.c - `hvbench overhead`'s results as runs of their own: one
 * per target (backend kvm-floor, refhv, qemu-kvm), tagged study=overhead.
 *
 * A result's samples are the rounds, not the guest's batches: op sample r is
 * the median of round r's op batches, empty sample r that of its empty-loop
 * batches, so the stored summary (op - median(empty)) is exactly the table's.
 * The start-up times are the results startup/first-record and startup/exit,
 * in microseconds, one sample per round.  The userspace time per exit is
 * userspace/pio-out-user and userspace/mmio-write-user in ns, one sample
 * per traced round (its midmean gap; iters = the exits behind it); a
 * target's run also gets the derived whole-exit ratio to the floor as tags
 * userspace.ratio.BENCH = "RATIO LOW-HIGH" (overhead_user.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "overhead/overhead.h"

/* Rounds with a value, as batches numbered by round. */
static size_t round_batches(const double *values, const uint64_t *iters, unsigned rounds,
			    struct hvb_batch *out)
{
	size_t n = 0;
	for (unsigned r = 0; r < rounds; r++)
		if (!isnan(values[r]))
			out[n++] = (struct hvb_batch){ .batch = r, .iters = iters ? iters[r] : 1,
						       .value = values[r] };
	return n;
}

static int add_result(struct hvb_store *store, int64_t run_id, const char *bench,
		      const char *variant, const char *unit, const struct hvb_batch *op, size_t n_op,
		      const struct hvb_batch *empty, size_t n_empty)
{
	struct hvb_result_input input = {
		.benchmark = bench, .variant = variant, .unit = unit,
		.status = n_op ? HVB_BENCH_OK : HVB_BENCH_FAILED,
		.reason = n_op ? NULL : "no round produced a value",
		.op = op, .n_op = n_op, .empty = empty, .n_empty = n_empty,
	};
	return hvb_store_add_result(store, run_id, &input, NULL);
}

static int store_results(struct hvb_store *store, int64_t run_id, const struct ovh_study *study,
			 size_t t)
{
	struct hvb_batch op[OVH_MAX_ROUNDS], empty[OVH_MAX_ROUNDS];
	int failures = 0;
	for (size_t b = 0; b < OVH_BENCHES; b++) {
		const struct ovh_series *s = &study->series[t][b];
		size_t n_op = round_batches(s->op, s->iters, study->rounds, op);
		size_t n_empty = round_batches(s->empty, s->iters, study->rounds, empty);
		failures += add_result(store, run_id, ovh_bench_names[b], "-", "cycles", op, n_op,
				       empty, n_empty) != 0;
	}
	const struct ovh_startup *su = &study->startup[t];
	size_t n = round_batches(su->first_record_us, NULL, study->rounds, op);
	failures += add_result(store, run_id, "startup", "first-record", "us", op, n, NULL, 0) != 0;
	n = round_batches(su->exit_us, NULL, study->rounds, op);
	failures += add_result(store, run_id, "startup", "exit", "us", op, n, NULL, 0) != 0;
	for (size_t k = 0; study->traced && k < OVH_GAP_KINDS; k++) {
		const struct ovh_user_series *u = &study->user[t][k];
		n = round_batches(u->ns, u->exits, study->rounds, op);
		failures += add_result(store, run_id, "userspace", ovh_gap_bench((enum ovh_gap_kind)k),
				       "ns", op, n, NULL, 0) != 0;
	}
	return failures ? -1 : 0;
}

/* The derived whole-exit ratio of target t, per benchmark, as tags. */
static int store_ratio_tags(struct hvb_store *store, int64_t run_id, const struct ovh_study *study,
			    size_t t)
{
	int failures = 0;
	for (size_t k = 0; study->traced && k < OVH_GAP_KINDS; k++) {
		struct ovh_user_row row;
		if (ovh_user_row(study, t, k, &row) != 0 || isnan(row.ratio))
			continue;
		char key[64], value[64];
		snprintf(key, sizeof(key), "userspace.ratio.%s", ovh_gap_bench((enum ovh_gap_kind)k));
		snprintf(value, sizeof(value), "%.4f %.4f-%.4f", row.ratio, row.ratio_low,
			 row.ratio_high);
		failures += hvb_store_add_tag(store, run_id, key, value) != 0;
	}
	return failures ? -1 : 0;
}

static int begin_run(struct hvb_store *store, const struct ovh_study *study, size_t t,
		     int64_t *run_id)
{
	const struct ovh_target *target = &study->targets[t];
	char version[256];
	if (target->backend)
		target->backend->version(target->backend, version, sizeof(version));
	else
		kernel_version(NULL, version, sizeof(version));
	struct hvb_run_info info = {
		.hostname = study->env.hostname,
		.cpu_model = study->env.cpu_model,
		.arch = "x86_64",
		.backend = target->name,
		.hypervisor = "kvm",
		.hypervisor_version = version,
		.guest_path = study->paths.guest,
		.guest_sha256 = study->guest_sha256,
		.tick_hz = study->env.tsc.hz,
		.tick_source = study->env.tsc.source,
		.vcpus = 1,
		.pinned = study->pin != NULL,
		.hvbench_version = HVB_VERSION,
		.command_line = study->command_line,
	};
	return hvb_store_begin_run(store, &info, run_id);
}

static int store_target(struct hvb_store *store, const struct ovh_study *study, size_t t,
			int64_t *run_id)
{
	char rounds[32];
	snprintf(rounds, sizeof(rounds), "%u", study->rounds);
	if (begin_run(store, study, t, run_id) != 0)
		return -1;
	struct hvb_env_writer writer = { store, *run_id, 0 };
	host_env_each(&study->env, true, hvb_store_env_pair, &writer);
	hvb_store_env_pair(&writer, "pin.cpus", study->pin ? study->pin : "none");
	int failed = writer.failures || hvb_store_add_tag(store, *run_id, "study", "overhead") ||
		     hvb_store_add_tag(store, *run_id, "rounds", rounds) ||
		     store_results(store, *run_id, study, t) ||
		     (t > 0 && store_ratio_tags(store, *run_id, study, t));
	bool measured = study->failed_boots[t] < study->rounds;
	if (hvb_store_finish_run(store, *run_id, measured ? HVB_RUN_COMPLETE : HVB_RUN_FAILED,
				 measured ? NULL : "every round failed") != 0)
		failed = 1;
	return failed ? -1 : 0;
}

int ovh_store(struct hvb_store *store, const struct ovh_study *study)
{
	int status = 0;
	for (size_t t = 0; t < OVH_TARGETS; t++) {
		int64_t run_id = 0;
		if (!study->targets[t].usable)
			continue;
		if (store_target(store, study, t, &run_id) != 0) {
			fprintf(stderr, "hvbench overhead: %s: cannot store: %s\n",
				study->targets[t].name, hvb_store_error(store));
			status = -1;
		}
		if (run_id > 0)
			printf("run %lld (%s, study=overhead) stored in %s\n", (long long)run_id,
			       study->targets[t].name, study->db_path);
	}
	return status;
}
