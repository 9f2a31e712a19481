/*
 * app_target.c - one run of the application suite: begin it, record the
 * host environment (as `hvbench run` does) and the suite's conventions,
 * start the machine (native chroot or guest), collect the in-machine
 * results, drive the servers from the host, store everything, finish.
 */
#include <stdio.h>
#include <string.h>

#include "app_internal.h"
#include "app_machine.h"
#include "interrupt.h"

struct target_log {
	struct hvb_store *store;
	int64_t run_id;
	struct app_collect *collect;
	enum hvb_log_source source;
	char hypervisor_version[256];   /* from a test-bed's "HVBTB info" lines */
};

static void log_line(struct target_log *log, const char *line)
{
	char text[PROC_LINE_MAX + 2];
	int len = snprintf(text, sizeof(text), "%s\n", line);
	hvb_store_add_log(log->store, log->run_id, log->source, text, (size_t)len);
}

/* Every machine line goes to the collector and the run's log; a test-bed's
 * "HVBTB info" lines (Xen version, QEMU, ...) also to the environment. */
static void machine_line(void *ctx, const char *line)
{
	struct target_log *log = ctx;
	app_collect_line(log->collect, line);
	log_line(log, line);
	if (strncmp(line, "HVBTB info ", 11) == 0)
		testbed_store_info(log->store, log->run_id, "x86_64", line, log->hypervisor_version,
				   sizeof(log->hypervisor_version));
}

static void env_pair(void *ctx, const char *key, const char *value)
{
	struct target_log *log = ctx;
	hvb_store_add_env(log->store, log->run_id, key, value);
}

static int begin(struct hvb_store *store, const struct app_context *ctx, struct app_target *t)
{
	const struct backend *b = t->backend;
	char version[256] = "";
	if (b)
		b->version(b, version, sizeof(version));
	else
		kernel_version(NULL, version, sizeof(version));
	struct hvb_run_info info = {
		.hostname = ctx->plan->env.hostname,
		.cpu_model = ctx->plan->env.cpu_model,
		.arch = "x86_64",
		.backend = b ? b->name : "native",
		.hypervisor = b ? b->hypervisor : "none",
		.hypervisor_version = version,
		.testbed = b ? b->testbed : "host",
		.emulated = b ? b->emulated : false,
		.guest_path = ctx->paths.initrd,
		.guest_sha256 = ctx->root_sha256,
		.vcpus = app_target_vcpus(ctx, t),
		.pinned = false,
		.hvbench_version = HVB_VERSION,
		.command_line = ctx->plan->command_line,
	};
	return hvb_store_begin_run(store, &info, &t->run_id);
}

static void store_context(struct target_log *log, const struct app_context *ctx,
			  const struct app_target *t, const char *plan)
{
	host_env_each(&ctx->plan->env, true, env_pair, log);
	env_pair(log, "app.plan", plan);
	env_pair(log, "app.root", ctx->paths.root);
	if (app_target_in_testbed(t))
		env_pair(log, "app.vcpus_note", "one domU vCPU: with two, QEMU TCG's SVM emulation "
			 "triple-faults the second under load");
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		char key[96], text[PATH_MAX + 96];
		snprintf(key, sizeof(key), "app.better.%s", w->bench);
		env_pair(log, key, w->better);
		if (w->kind == APP_HOST_DRIVEN) {
			snprintf(key, sizeof(key), "app.loadgen.%s", w->bench);
			app_driver_describe(ctx, w, text, sizeof(text));
			env_pair(log, key, text);
		}
	}
	for (size_t i = 0; i < ctx->plan->tag_count; i++) {
		char key[256];
		const char *eq = strchr(ctx->plan->tags[i], '=');
		snprintf(key, sizeof(key), "%.*s", (int)(eq - ctx->plan->tags[i]), ctx->plan->tags[i]);
		hvb_store_add_tag(log->store, log->run_id, key, eq + 1);
	}
}

/* One load generator run; its result line (or wrk's Requests/sec) is collected. */
struct driver_run {
	struct target_log *log;
	const struct app_workload *workload;
	bool bad_responses;
	double wrk_rate;
};

static void driver_line(void *ctx, enum proc_stream stream, const char *line, size_t len, bool truncated)
{
	struct driver_run *d = ctx;
	log_line(d->log, line);
	if (strncmp(line, "APPB result ", 12) == 0)   /* not the chroot's "APPB info" */
		app_collect_line(d->log->collect, line);
	double rate;
	if (strncmp(line, "Non-2xx", 7) == 0 || strncmp(line, "Socket errors", 13) == 0)
		d->bad_responses = true;
	else if (sscanf(line, "Requests/sec: %lf", &rate) == 1)
		d->wrk_rate = rate;
}

static void drive(const struct app_context *ctx, struct target_log *log, const struct app_target *t,
		  const struct app_workload *w)
{
	for (unsigned rep = 0; rep < ctx->req->reps && !interrupt_pending(); rep++) {
		struct backend_argv args;
		app_driver_argv(ctx, w, t->host_ports[w->port], &args);
		struct driver_run d = { .log = log, .workload = w };
		struct proc_spec spec = {
			.argv = args.argv,
			.timeout_s = w->seconds + APP_DRIVER_SLACK_S,
			.on_line = driver_line,
			.ctx = &d,
		};
		struct proc_result result;
		char why[128];
		if (args.overflow || proc_run(&spec, &result) != 0) {
			app_collect_fail(log->collect, w, "load generator could not be started");
			return;
		}
		if (result.outcome == PROC_INTERRUPTED)
			return;   /* a partial run: this repetition is not counted */
		if (result.outcome != PROC_EXITED || result.status != 0) {
			proc_describe(&result, why, sizeof(why));
			char reason[192];
			snprintf(reason, sizeof(reason), "load generator %s", why);
			app_collect_fail(log->collect, w, reason);
			return;
		}
		if (strcmp(w->driver, "wrk") == 0) {
			if (d.bad_responses || !(d.wrk_rate > 0)) {
				app_collect_fail(log->collect, w, "wrk saw errors or no rate");
				return;
			}
			app_collect_add(log->collect, w, d.wrk_rate);
		}
	}
}

/* The whole session's budget (run.sh --timeout for a test-bed). */
static unsigned session_timeout(const struct app_context *ctx)
{
	unsigned seconds = APP_BOOT_TIMEOUT_S;
	for (size_t i = 0; i < ctx->count; i++)
		seconds += ctx->selected[i]->kind == APP_IN_MACHINE ? ctx->plan->timeout_s :
			(ctx->selected[i]->seconds + APP_DRIVER_SLACK_S) * ctx->req->reps;
	return seconds;
}

static const char *wait_problem(enum app_wait w)
{
	switch (w) {
	case APP_WAIT_EXITED: return "the machine ended before its servers were ready";
	case APP_WAIT_TIMEOUT: return "the machine timed out";
	case APP_WAIT_FLOODED: return "console flood: the machine wrote more than 64 MiB";
	default: return NULL;
	}
}

/* Starts the machine, collects, drives; the console goes to the run log. */
static void exercise(const struct app_context *ctx, struct app_target *t, struct target_log *log,
		     const char *plan)
{
	struct backend_argv args;
	unsigned session_s = session_timeout(ctx);
	app_machine_argv(ctx, t, plan, session_s, &args);
	struct app_machine machine;
	char who[96];
	app_backend_label(t->backend, who, sizeof(who));
	unsigned watchdog_s = session_s + (app_target_in_testbed(t) ? APP_TESTBED_BOOT_S : 0);
	if (args.overflow || app_machine_start(&machine, args.argv, watchdog_s) != 0) {
		for (size_t i = 0; i < ctx->count; i++)
			app_collect_fail(log->collect, ctx->selected[i], "the machine could not be started");
		return;
	}
	progress_step(ctx->plan->progress, "hvbench run: %s: machine started (%s)", who, plan);
	enum app_wait waited = app_machine_wait(&machine, machine_line, log);
	if (waited == APP_WAIT_READY) {
		for (size_t i = 0; i < ctx->count && !interrupt_pending(); i++) {
			const struct app_workload *w = ctx->selected[i];
			if (w->kind != APP_HOST_DRIVEN)
				continue;
			progress_step(ctx->plan->progress, "hvbench run: %s: %s ...", who, w->bench);
			drive(ctx, log, t, w);
		}
	} else if (wait_problem(waited)) {
		fprintf(stderr, "hvbench run: %s: %s\n", who, wait_problem(waited));
		for (size_t i = 0; i < ctx->count; i++)
			app_collect_fail(log->collect, ctx->selected[i], wait_problem(waited));
	}
	app_machine_stop(&machine);
}

int app_target_run(struct hvb_store *store, const struct app_context *ctx, struct app_target *t)
{
	t->status = HVB_RUN_FAILED;
	if (begin(store, ctx, t) != 0) {
		fprintf(stderr, "hvbench run: cannot begin a run: %s\n", hvb_store_error(store));
		t->run_id = 0;
		return -1;
	}
	struct app_collect collect;
	app_collect_init(&collect, ctx->selected, ctx->count);
	struct target_log log = { .store = store, .run_id = t->run_id, .collect = &collect,
				  .source = HVB_LOG_GUEST };
	char plan[1024];
	app_plan_text(ctx, app_server_ports(t), plan, sizeof(plan));
	store_context(&log, ctx, t, plan);
	exercise(ctx, t, &log, plan);
	if (log.hypervisor_version[0])
		hvb_store_run_set_hypervisor_version(store, t->run_id, log.hypervisor_version);
	if (collect.info[0])
		env_pair(&log, "app.machine", collect.info);
	int sig = interrupt_pending();
	int ok = app_collect_store(store, t->run_id, &collect, sig != 0);
	if (ok < 0) {
		fprintf(stderr, "hvbench run: storing results failed: %s\n", hvb_store_error(store));
		hvb_store_finish_run(store, t->run_id, HVB_RUN_FAILED, "storing results failed");
		return -1;
	}
	t->status = ok > 0 ? HVB_RUN_COMPLETE : HVB_RUN_FAILED;
	if (sig) {   /* a partial run: what was measured, marked so */
		char message[128];
		snprintf(message, sizeof(message), "partial run: interrupted by %s after %d of %zu "
			 "benchmarks", interrupt_name(sig), ok, ctx->count);
		t->status = HVB_RUN_INCOMPLETE;
		hvb_store_add_env(store, t->run_id, "run.interrupted", interrupt_name(sig));
		return hvb_store_finish_run(store, t->run_id, t->status, message);
	}
	return hvb_store_finish_run(store, t->run_id, t->status,
				    ok > 0 ? NULL : "no application benchmark could be measured");
}
