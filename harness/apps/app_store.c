/*
 * app_store.c - the store step of the application suite: begin a target's
 * run (before it runs, so an interrupted suite leaves a run marked as
 * such), then store what app_target.c measured: the host environment and
 * the suite's conventions, the console log (a test-bed's "HVBTB info"
 * lines as environment keys), the results, the status; and, once the
 * native baseline and a target are both stored, the target's values
 * normalised to native (app_suite.h says what the store holds).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "apps/app_internal.h"
#include "util/interrupt.h"

int app_store_begin(struct hvb_store *store, const struct app_context *ctx, struct app_target *t)
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

static void store_context(struct hvb_env_writer *log, const struct app_context *ctx,
			  const struct app_target *t, const char *plan)
{
	host_env_each(&ctx->plan->env, true, hvb_store_env_pair, log);
	hvb_store_env_pair(log, "app.plan", plan);
	hvb_store_env_pair(log, "app.root", ctx->paths.root);
	if (app_target_in_testbed(t))
		hvb_store_env_pair(log, "app.vcpus_note", "one domU vCPU: with two, QEMU TCG's SVM emulation "
			 "triple-faults the second under load");
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		char key[96], text[PATH_MAX + 96];
		snprintf(key, sizeof(key), "app.better.%s", w->bench);
		hvb_store_env_pair(log, key, w->better);
		if (w->kind == APP_HOST_DRIVEN) {
			snprintf(key, sizeof(key), "app.loadgen.%s", w->bench);
			app_driver_describe(ctx, w, text, sizeof(text));
			hvb_store_env_pair(log, key, text);
		}
	}
	for (size_t i = 0; i < ctx->plan->tag_count; i++) {
		char key[256];
		const char *eq = strchr(ctx->plan->tags[i], '=');
		snprintf(key, sizeof(key), "%.*s", (int)(eq - ctx->plan->tags[i]), ctx->plan->tags[i]);
		hvb_store_add_tag(log->store, log->run_id, key, eq + 1);
	}
}

/* The test-bed's "HVBTB info" lines of the log as environment keys; the
 * hypervisor's version they name, if any, in version. */
static void store_testbed_info(struct hvb_store *store, int64_t run_id, const char *log,
			       char *version, size_t size)
{
	char line[PROC_LINE_MAX];
	for (const char *p = log; p && *p;) {
		size_t len = strcspn(p, "\n");
		if (len < sizeof(line) && strncmp(p, "HVBTB info ", 11) == 0) {
			memcpy(line, p, len);
			line[len] = '\0';
			testbed_store_info(store, run_id, "x86_64", line, version, size);
		}
		p += len + (p[len] == '\n');
	}
}

int app_store_measured(struct hvb_store *store, const struct app_context *ctx, struct app_target *t,
		       const struct app_measured *m)
{
	struct hvb_env_writer log = { .store = store, .run_id = t->run_id };
	store_context(&log, ctx, t, m->plan);
	if (m->log_len)
		hvb_store_add_log(store, t->run_id, HVB_LOG_GUEST, m->log, m->log_len);
	if (m->log_truncated)
		hvb_store_env_pair(&log, "app.log_note", "console log cut at the store's per-run cap");
	char version[256] = "";
	store_testbed_info(store, t->run_id, m->log, version, sizeof(version));
	if (version[0])
		hvb_store_run_set_hypervisor_version(store, t->run_id, version);
	if (m->collect.info[0])
		hvb_store_env_pair(&log, "app.machine", m->collect.info);
	int sig = interrupt_pending();
	int ok = app_collect_store(store, t->run_id, &m->collect, sig != 0);
	if (ok < 0) {
		fprintf(stderr, "hvbench run: storing results failed: %s\n", hvb_store_error(store));
		t->status = HVB_RUN_FAILED;
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

/* The median of bench in a stored run, NaN when none. */
double app_stored_median(struct hvb_store *store, int64_t run_id, const char *bench)
{
	struct hvb_summary_row *rows;
	size_t n;
	double median = NAN;
	if (run_id <= 0 || hvb_store_run_summary(store, run_id, &rows, &n) != 0)
		return NAN;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].benchmark, bench) == 0 && strcmp(rows[i].status, "ok") == 0)
			median = rows[i].median;
	hvb_summary_rows_free(rows, n);
	return median;
}

/* Stores app.normalised.* and app.native_run in each virtualized run. */
void app_store_normalised(struct hvb_store *store, const struct app_context *ctx,
			     const struct app_target *native, const struct app_target *t)
{
	char text[64];
	snprintf(text, sizeof(text), "%lld", (long long)native->run_id);
	hvb_store_add_env(store, t->run_id, "app.native_run", text);
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		double norm = app_normalised(w, app_stored_median(store, t->run_id, w->bench),
					     app_stored_median(store, native->run_id, w->bench));
		if (isnan(norm))
			continue;
		char key[96];
		snprintf(key, sizeof(key), "app.normalised.%s", w->bench);
		snprintf(text, sizeof(text), "%.6g", norm);
		hvb_store_add_env(store, t->run_id, key, text);
	}
}
