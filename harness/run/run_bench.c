/*
 * run_bench.c - one guest boot for one benchmark: build the backend's
 * command line, run it under the watchdog, feed the console to a record
 * session, then store what the session collected, the console log and,
 * when the guest never got to report, a result that says why.
 */
#include <stdio.h>
#include <string.h>

#include "run/run.h"

#define STDERR_KEEP 4096 /* bytes of the backend's stderr kept for the log */

struct console_capture {
	struct hvb_session *session;
	char stderr_text[STDERR_KEEP];
	size_t stderr_used;
};

static void on_console_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
			    bool truncated)
{
	struct console_capture *capture = ctx;
	if (stream == PROC_STDOUT) {
		/* A cut line is still longer than any record: the session rejects it. */
		hvb_session_feed_line(capture->session, line, len);
		return;
	}
	size_t room = sizeof(capture->stderr_text) - capture->stderr_used;
	if (room > 1) {
		int wrote = snprintf(capture->stderr_text + capture->stderr_used, room, "%s\n", line);
		capture->stderr_used += wrote > 0 && (size_t)wrote < room ? (size_t)wrote : room - 1;
	}
}

static void judge_boot(const struct backend *backend, struct boot_end *end)
{
	char how[160];
	proc_describe(&end->proc, how, sizeof(how));
	end->verdict = BACKEND_ERROR;
	end->timed_out = end->proc.outcome == PROC_TIMED_OUT;
	if (end->proc.outcome == PROC_EXITED) {
		end->verdict = backend->verdict(end->proc.status);
		if (end->verdict == BACKEND_GUEST_TIMEOUT)
			end->timed_out = true;
	}
	if (end->proc.outcome == PROC_EXITED && end->verdict == BACKEND_GUEST_TIMEOUT)
		snprintf(end->describe, sizeof(end->describe), "%s's own --timeout expired (%s)",
			 backend->name, how);
	else
		snprintf(end->describe, sizeof(end->describe), "%s %s", backend->name, how);
}

/* The reason stored for a benchmark that never sent its `end`. */
static void incomplete_reason(struct hvb_session *session, const struct boot_end *end,
			      char *out, size_t size)
{
	const struct hvb_error *guest_error = hvb_session_guest_error(session);
	if (hvb_session_rejected(session))
		snprintf(out, size, "rejected report: %s", hvb_session_error(session));
	else if (guest_error && guest_error->has_fault)
		snprintf(out, size, "guest error: %s (vector 0x%x rip 0x%llx)", guest_error->msg,
			 guest_error->vector, (unsigned long long)guest_error->rip);
	else if (guest_error)
		snprintf(out, size, "guest error: %s", guest_error->msg);
	else if (end->timed_out || end->proc.outcome == PROC_FLOODED)
		snprintf(out, size, "no end record: %s", end->describe);
	else
		snprintf(out, size, "guest died inside the benchmark: %s", end->describe);
}

/* A benchmark that began but never ended: timeout when the watchdog fired or
 * the guest died without a word, failed when the guest reported an error,
 * its report was rejected or it flooded the console. */
static enum hvb_bench_status incomplete_status(struct hvb_session *session, const struct boot_end *end)
{
	if (hvb_session_rejected(session) || hvb_session_guest_error(session) ||
	    end->proc.outcome == PROC_FLOODED)
		return HVB_BENCH_FAILED;
	return HVB_BENCH_TIMEOUT;
}

static int store_one(struct hvb_store *store, int64_t run_id, const struct hvb_result_input *input,
		     struct bench_outcome *outcome)
{
	if (hvb_store_add_result(store, run_id, input, NULL) != 0) {
		fprintf(stderr, "hvbench run: cannot store %s: %s\n", input->benchmark,
			hvb_store_error(store));
		return -1;
	}
	outcome->stored++;
	if (input->status == HVB_BENCH_OK)
		outcome->stored_ok++;
	return 0;
}

void run_store_unsupported(struct hvb_store *store, const struct run_outcome *run,
			   const struct benchmark_info *bench, const char *reason,
			   struct bench_outcome *outcome)
{
	struct hvb_result_input input = {
		.benchmark = bench->name, .variant = "-", .unit = bench->unit,
		.status = HVB_BENCH_UNSUPPORTED, .reason = reason,
	};
	store_one(store, run->run_id, &input, outcome);
}

/*
 * "g4k-64m" from the guest becomes "g4k-h2m-64m": the guest knows its own
 * page size, only the harness knows the host's (docs/design.md: tlb-nested
 * variants name guest and host page sizes, then the working set).
 */
static const char *with_host_page(const char *variant, const struct host_page *host_page,
				  char *out, size_t size)
{
	const char *dash = strchr(variant, '-');
	if (!host_page || !dash)
		return variant;
	snprintf(out, size, "%.*s-%s%s", (int)(dash - variant), variant, host_page->label, dash);
	return out;
}

void run_store_session(struct hvb_store *store, const struct run_outcome *run,
		       const struct benchmark_info *bench, const struct host_page *host_page,
		       struct hvb_session *session, const struct boot_end *end,
		       struct bench_outcome *outcome)
{
	char reason[512], variant[HVB_NAME_MAX + 16];
	bool requested_seen = false;
	bool rejected = hvb_session_rejected(session);
	/* hvbench was interrupted (SIGINT/SIGTERM): a partial run keeps what
	 * finished and says nothing about what the signal cut short. */
	bool interrupted = end->proc.outcome == PROC_INTERRUPTED;
	for (size_t i = 0; i < hvb_session_result_count(session); i++) {
		const struct hvb_bench_result *r = hvb_session_result(session, i);
		if (interrupted && (r->status == HVB_BENCH_INCOMPLETE || rejected))
			continue;
		struct hvb_result_input input = {
			.benchmark = r->bench,
			.variant = with_host_page(r->variant, host_page, variant, sizeof(variant)),
			.unit = r->unit,
			.status = r->status, .reason = r->reason,
			.op = r->op, .n_op = r->n_op, .empty = r->empty, .n_empty = r->n_empty,
		};
		if (r->status == HVB_BENCH_INCOMPLETE || rejected) {
			incomplete_reason(session, end, reason, sizeof(reason));
			input.status = rejected ? HVB_BENCH_FAILED : incomplete_status(session, end);
			input.reason = reason;
		}
		if (strcmp(r->bench, bench->name) == 0)
			requested_seen = true;
		store_one(store, run->run_id, &input, outcome);
	}
	if (requested_seen || interrupted)
		return;
	/* The guest never began the benchmark: say why in a result of its own. */
	struct hvb_result_input missing = {
		.benchmark = bench->name, .variant = "-", .unit = bench->unit,
		.status = end->timed_out ? HVB_BENCH_TIMEOUT : HVB_BENCH_FAILED,
		.reason = reason,
	};
	const struct hvb_error *guest_error = hvb_session_guest_error(session);
	if (rejected || guest_error) {
		incomplete_reason(session, end, reason, sizeof(reason));
		missing.status = HVB_BENCH_FAILED;
	} else if (end->timed_out) {
		snprintf(reason, sizeof(reason), "no begin record: %s", end->describe);
	} else if (end->proc.outcome == PROC_EXITED && end->verdict == BACKEND_GUEST_OK) {
		snprintf(reason, sizeof(reason), "the guest does not know this benchmark");
	} else {
		snprintf(reason, sizeof(reason), "no begin record: %s", end->describe);
	}
	store_one(store, run->run_id, &missing, outcome);
}

static void store_logs(struct hvb_store *store, const struct run_outcome *run,
		       const struct benchmark_info *bench, const struct backend_argv *args,
		       struct console_capture *capture, const struct boot_end *end)
{
	char header[BACKEND_ARGV_TEXT + 512];
	size_t used = (size_t)snprintf(header, sizeof(header), "== bench=%s:", bench->name);
	for (int i = 0; i < args->argc && used < sizeof(header); i++)
		used += (size_t)snprintf(header + used, sizeof(header) - used, " %s", args->argv[i]);
	if (used < sizeof(header))
		snprintf(header + used, sizeof(header) - used, "\n== %s after %.2f s\n",
			 end->describe, end->proc.seconds);
	hvb_store_add_log(store, run->run_id, HVB_LOG_HARNESS, header, strlen(header));
	size_t len = 0;
	const char *console = hvb_session_log(capture->session, &len);
	if (console && len)
		hvb_store_add_log(store, run->run_id, HVB_LOG_GUEST, console, len);
	if (capture->stderr_used) {
		char stderr_header[128];
		snprintf(stderr_header, sizeof(stderr_header), "== %s stderr:\n", run->backend->name);
		hvb_store_add_log(store, run->run_id, HVB_LOG_HARNESS, stderr_header, strlen(stderr_header));
		hvb_store_add_log(store, run->run_id, HVB_LOG_HARNESS, capture->stderr_text,
				  capture->stderr_used);
	}
	if (hvb_session_rejected(capture->session)) {
		const char *why = hvb_session_error(capture->session);
		hvb_store_add_log(store, run->run_id, HVB_LOG_HARNESS, why, strlen(why));
	}
}

/* The watchdog for one boot: --timeout, or longer for a benchmark known to
 * need it (the TLB sweep builds 1 GiB of pointer chains). */
unsigned run_boot_timeout(const struct run_plan *plan, const struct benchmark_info *bench)
{
	return bench->min_timeout_s > plan->timeout_s ? bench->min_timeout_s : plan->timeout_s;
}

int run_guest_cmdline(char *out, size_t size, const char *bench, unsigned batches,
		      unsigned vcpus, uint64_t tick_hz)
{
	int used = bench ? snprintf(out, size, "bench=%s batches=%u cpus=%u", bench, batches, vcpus)
			 : snprintf(out, size, "batches=%u cpus=%u", batches, vcpus);
	if (used > 0 && (size_t)used < size && tick_hz)
		used += snprintf(out + used, size - (size_t)used, " tick_hz=%llu",
				 (unsigned long long)tick_hz);
	return used > 0 && (size_t)used < size ? 0 : -1;
}

static void build_argv(const struct run_plan *plan, const struct run_outcome *run,
		       const struct benchmark_info *bench, const struct host_page *host_page,
		       struct backend_argv *args)
{
	char cmdline[512];
	unsigned vcpus = plan->vcpus > bench->vcpus ? plan->vcpus : bench->vcpus;
	/* The x86 guest times with the TSC, which the host knows better than a
	 * guest under QEMU can find out; arm64's counter frequency (CNTFRQ_EL0)
	 * is the guest's own to report. */
	uint64_t tick_hz = strcmp(plan->arch, "x86_64") == 0 ? plan->env.tsc.hz : 0;
	run_guest_cmdline(cmdline, sizeof(cmdline), bench->name, plan->batches, vcpus, tick_hz);
	struct backend_launch launch = {
		.refhv = plan->paths.refhv,
		.guest = plan->paths.guest,
		.cmdline = cmdline,
		.vcpus = vcpus,
		.mem_mb = plan->mem_mb ? plan->mem_mb : bench->mem_mb,
		.backing = host_page ? host_page->backing : NULL,
		/* A CPU list shorter than this boot's vCPUs cannot pin it. */
		.pin = plan->pin_count >= (int)vcpus ? plan->pin : NULL,
		.timeout_s = run_boot_timeout(plan, bench),
		.two_vms = bench->two_vms,
	};
	backend_argv_init(args);
	run->backend->build_argv(run->backend, &launch, args);
}

int run_benchmark(struct hvb_store *store, const struct run_plan *plan,
		  const struct run_outcome *run, const struct benchmark_info *bench,
		  const struct host_page *host_page, struct bench_outcome *outcome)
{
	struct backend_argv args;
	build_argv(plan, run, bench, host_page, &args);
	if (args.overflow) {
		progress_message(plan->progress, "hvbench run: %s: command line too long", run->backend->name);
		return -1;
	}
	struct console_capture capture = { .session = hvb_session_new() };
	if (!capture.session) {
		progress_message(plan->progress, "hvbench run: out of memory");
		return -1;
	}
	bool pin_process = plan->pin && run->backend->pinning == PIN_WHOLE_PROCESS;
	struct proc_spec spec = {
		.argv = args.argv,
		.timeout_s = run_boot_timeout(plan, bench) + RUN_WATCHDOG_GRACE_S,
		.cpus = pin_process ? plan->pin_cpus : NULL,
		.cpu_count = pin_process ? plan->pin_count : 0,
		.on_line = on_console_line,
		.ctx = &capture,
		.max_output = RUN_CONSOLE_MAX,
	};
	struct boot_end end;
	proc_run(&spec, &end.proc);
	hvb_session_finish(capture.session);
	judge_boot(run->backend, &end);

	const struct hvb_hello *hello = hvb_session_hello(capture.session);
	if (hello) {
		outcome->saw_hello = true;
		outcome->hello = *hello;
	}
	run_store_session(store, run, bench, host_page, capture.session, &end, outcome);
	store_logs(store, run, bench, &args, &capture, &end);
	if (end.proc.outcome == PROC_SPAWN_FAILED || (end.proc.outcome == PROC_EXITED &&
	    end.verdict == BACKEND_ERROR) || end.proc.outcome == PROC_SIGNALLED ||
	    end.proc.outcome == PROC_FLOODED || end.proc.outcome == PROC_INTERRUPTED)
		progress_message(plan->progress, "hvbench run: %s: %s%s%.*s", bench->name, end.describe,
			capture.stderr_used ? ": " : "", (int)strcspn(capture.stderr_text, "\n"),
			capture.stderr_text);
	hvb_session_free(capture.session);
	return 0;
}
