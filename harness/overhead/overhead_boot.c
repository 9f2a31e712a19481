/*
 * overhead_boot.c - one round of `hvbench overhead` on one target: boot the
 * guest with the three benchmarks and keep each one's round medians, then
 * boot it again with almost nothing to do and time the start-up, then
 * (when the tracer is open) boot it under the trace with the two exits to
 * userspace and keep each one's typical userspace gap (the midmean: the
 * trace clock moves in steps of about 10 ns here, a median sticks to them).
 *
 * The argv comes from the backend table for refhv and qemu-kvm (exactly as
 * `hvbench run` starts them) and is built here for the floor, whose console
 * is debugcon like QEMU's.  Every boot runs under proc.c's watchdog.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "overhead/overhead.h"
#include "util/proc.h"
#include "stats/stats.h"

/* Start-up boots run one cpuid batch of one iteration, no warm-up. */
#define STARTUP_CMDLINE "bench=cpuid batches=1 batch_ticks=1 warmup=0"

const char *const ovh_bench_names[OVH_BENCHES] = { "pio-out-user", "mmio-write-user", "cpuid" };

struct boot_capture {
	struct hvb_session *session;
	struct timespec launched;
	double first_record_us;            /* NaN until the first "HVB " line */
};

static double us_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e6 + (double)(now.tv_nsec - start->tv_nsec) / 1e3;
}

static void on_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
		    bool truncated)
{
	struct boot_capture *capture = ctx;
	if (stream != PROC_STDOUT)
		return;
	if (isnan(capture->first_record_us) && len >= 4 && memcmp(line, "HVB ", 4) == 0)
		capture->first_record_us = us_since(&capture->launched);
	hvb_session_feed_line(capture->session, line, len);
}

static void build_argv(const struct ovh_study *study, const struct ovh_target *target,
		       const char *cmdline, struct backend_argv *args)
{
	backend_argv_init(args);
	if (!target->backend) {
		backend_argv_add(args, study->floor_path);
		backend_argv_add(args, "--cmdline");
		backend_argv_addf(args, "%s console=debugcon", cmdline);
		backend_argv_add(args, study->paths.guest);
		return;
	}
	struct backend_launch launch = {
		.refhv = study->paths.refhv,
		.guest = study->paths.guest,
		.cmdline = cmdline,
		.vcpus = 1,
		.timeout_s = study->timeout_s,
	};
	target->backend->build_argv(target->backend, &launch, args);
}

/* Boots once; returns 0 when the guest ran to `done` and the target said ok. */
static int boot(const struct ovh_study *study, const struct ovh_target *target,
		const char *cmdline, struct boot_capture *capture, double *exit_us)
{
	struct backend_argv args;
	build_argv(study, target, cmdline, &args);
	if (args.overflow)
		return -1;
	struct proc_spec spec = {
		.argv = args.argv,
		.timeout_s = study->timeout_s + 3.0,
		.cpus = study->pin ? study->pin_cpus : NULL,
		.cpu_count = study->pin ? study->pin_count : 0,
		.on_line = on_line,
		.ctx = capture,
	};
	struct proc_result result;
	capture->first_record_us = NAN;
	clock_gettime(CLOCK_MONOTONIC, &capture->launched);
	int spawned = proc_run(&spec, &result);
	*exit_us = us_since(&capture->launched);
	hvb_session_finish(capture->session);
	/* The floor and refhv share the exit statuses of hvb-abi.h. */
	enum backend_verdict verdict = target->backend ? target->backend->verdict(result.status)
						       : refhv_verdict(result.status);
	if (spawned != 0 || result.outcome != PROC_EXITED || verdict != BACKEND_GUEST_OK ||
	    !hvb_session_done(capture->session) || hvb_session_rejected(capture->session)) {
		char how[160];
		proc_describe(&result, how, sizeof(how));
		fprintf(stderr, "hvbench overhead: %s: boot failed (%s)%s%s\n", target->name, how,
			hvb_session_rejected(capture->session) ? ": " : "",
			hvb_session_error(capture->session));
		return -1;
	}
	return 0;
}

/* The round's medians of one benchmark's op and empty batches. */
static void keep_round(struct ovh_series *series, unsigned round, const struct hvb_bench_result *r)
{
	double op[HVB_MAX_SAMPLES], empty[HVB_MAX_SAMPLES];
	uint64_t iters = 0;
	for (size_t i = 0; i < r->n_op; i++) {
		op[i] = r->op[i].value;
		iters += r->op[i].iters;
	}
	for (size_t i = 0; i < r->n_empty; i++)
		empty[i] = r->empty[i].value;
	if (r->status != HVB_BENCH_OK || hvb_median(op, r->n_op, &series->op[round]) != 0 ||
	    hvb_median(empty, r->n_empty, &series->empty[round]) != 0) {
		series->op[round] = series->empty[round] = NAN;
		return;
	}
	series->iters[round] = iters;
}

static int measure_benches(struct ovh_study *study, size_t t, unsigned round)
{
	char cmdline[512];
	snprintf(cmdline, sizeof(cmdline), "bench=%s,%s,%s batches=%u batch_ticks=%llu tick_hz=%llu",
		 ovh_bench_names[0], ovh_bench_names[1], ovh_bench_names[2], study->batches,
		 (unsigned long long)study->batch_ticks, (unsigned long long)study->env.tsc.hz);
	struct boot_capture capture = { .session = hvb_session_new() };
	if (!capture.session)
		return -1;
	double exit_us;
	int status = boot(study, &study->targets[t], cmdline, &capture, &exit_us);
	for (size_t b = 0; b < OVH_BENCHES; b++) {
		struct ovh_series *series = &study->series[t][b];
		series->op[round] = series->empty[round] = NAN;
		for (size_t i = 0; status == 0 && i < hvb_session_result_count(capture.session); i++) {
			const struct hvb_bench_result *r = hvb_session_result(capture.session, i);
			if (strcmp(r->bench, ovh_bench_names[b]) == 0)
				keep_round(series, round, r);
		}
	}
	hvb_session_free(capture.session);
	return status;
}

static int measure_startup(struct ovh_study *study, size_t t, unsigned round)
{
	struct ovh_startup *startup = &study->startup[t];
	struct boot_capture capture = { .session = hvb_session_new() };
	if (!capture.session)
		return -1;
	double exit_us;
	int status = boot(study, &study->targets[t], STARTUP_CMDLINE, &capture, &exit_us);
	startup->first_record_us[round] = status == 0 ? capture.first_record_us : NAN;
	startup->exit_us[round] = status == 0 ? exit_us : NAN;
	hvb_session_free(capture.session);
	return status;
}

/* The round's midmean gap of each kind, in ns; NaN for a kind with no exits. */
static void keep_gaps(struct ovh_study *study, size_t t, unsigned round)
{
	const struct ovh_gaps *g = study->gaps;
	double ns_per_tick = 1e9 / (double)study->env.tsc.hz;
	for (size_t k = 0; k < OVH_GAP_KINDS; k++) {
		struct ovh_user_series *u = &study->user[t][k];
		for (size_t i = 0; i < g->n[k]; i++)
			study->scratch[i] = (double)g->ticks[k][i] * ns_per_tick;
		double midmean;
		bool ok = g->n[k] > 0 && hvb_midmean(study->scratch, g->n[k], &midmean) == 0;
		u->ns[round] = ok ? midmean : NAN;
		u->exits[round] = ok ? g->n[k] : 0;
	}
}

/* A boot traced from launch to exit; the round counts only with no lost event. */
static int measure_userspace(struct ovh_study *study, size_t t, unsigned round)
{
	char cmdline[512];
	snprintf(cmdline, sizeof(cmdline), "bench=%s,%s batches=%u batch_ticks=%llu tick_hz=%llu",
		 ovh_gap_bench(OVH_GAP_PIO), ovh_gap_bench(OVH_GAP_MMIO), study->batches,
		 (unsigned long long)study->batch_ticks, (unsigned long long)study->env.tsc.hz);
	for (size_t k = 0; k < OVH_GAP_KINDS; k++)
		study->user[t][k].ns[round] = NAN;
	struct boot_capture capture = { .session = hvb_session_new() };
	if (!capture.session)
		return -1;
	double exit_us;
	int status = ovh_tracer_start(&study->tracer);
	if (status == 0)
		status = boot(study, &study->targets[t], cmdline, &capture, &exit_us);
	if (ovh_tracer_stop(&study->tracer) != 0 ||
	    ovh_tracer_collect(&study->tracer, study->gaps) != 0) {
		fprintf(stderr, "hvbench overhead: %s: cannot read the trace\n", study->targets[t].name);
		status = -1;
	}
	if (status == 0 && study->gaps->lost_events) {
		study->lost_events[t] += study->gaps->lost_events;
		status = -1;   /* a gap may span a lost event: the round is not used */
	}
	if (status == 0)
		keep_gaps(study, t, round);
	hvb_session_free(capture.session);
	return status;
}

int ovh_measure_round(struct ovh_study *study, size_t t, unsigned round)
{
	int benches = measure_benches(study, t, round);
	int startup = measure_startup(study, t, round);
	int user = study->traced ? measure_userspace(study, t, round) : 0;
	if (benches || startup || user)
		study->failed_boots[t]++;
	return benches || startup || user ? -1 : 0;
}

size_t ovh_valid(const double *values, unsigned rounds, double *out)
{
	size_t n = 0;
	for (unsigned i = 0; i < rounds; i++)
		if (!isnan(values[i]))
			out[n++] = values[i];
	return n;
}
