/*
 * app_suite.c - `hvbench run --suite app`, in three steps, each in its own
 * file: plan (app_plan.c: the workloads, the native baseline and the
 * backends, the guest and test-beds built), then for each target run
 * (app_target.c: the machine and its load, measured into memory) and store
 * (app_store.c: the run, its environment, log and results), and at the end
 * every workload normalised to native and the table printed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "apps/app_internal.h"
#include "util/interrupt.h"

#define APP_MAX_TARGETS 4

static void print_table(struct hvb_store *store, const struct app_context *ctx,
			const struct app_target *targets, size_t count)
{
	printf("application benchmarks, normalised to native (1.0 = native, 0.5 = half native speed)\n");
	printf("%-16s %-6s %-7s %12s", "BENCHMARK", "UNIT", "BETTER", "native");
	char label[APP_MAX_TARGETS][96];
	for (size_t k = 1; k < count; k++) {
		app_backend_label(targets[k].backend, label[k], sizeof(label[k]));
		printf(" %14s %8s", label[k], "norm");
	}
	printf("\n");
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		double native = app_stored_median(store, targets[0].run_id, w->bench);
		printf("%-16s %-6s %-7s %12.4g", w->bench, w->unit, w->better, native);
		for (size_t k = 1; k < count; k++) {
			double median = app_stored_median(store, targets[k].run_id, w->bench);
			printf(" %14.4g %8.3g", median, app_normalised(w, median, native));
		}
		printf("\n");
	}
	for (size_t k = 1; k < count; k++)
		if (targets[k].backend->emulated)
			printf("(%s is emulated: its ratios are emulation costs, not a hardware fact)\n",
			       label[k]);
}

/* Run and store each target in turn: [0] is the native baseline. */
static int run_targets(struct app_context *ctx, struct app_target *targets, size_t count)
{
	struct hvb_store *store;
	char err[1024];
	if (hvb_store_open_writer(ctx->plan->db_path, &store, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench run: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	int status = CLI_EXIT_OK;
	for (size_t k = 0; k < count && !interrupt_pending(); k++) {
		struct app_target *t = &targets[k];
		char who[96];
		app_backend_label(t->backend, who, sizeof(who));
		progress_step(ctx->plan->progress, "hvbench run: app suite on %s ...", who);
		t->status = HVB_RUN_FAILED;
		if (app_store_begin(store, ctx, t) != 0) {
			fprintf(stderr, "hvbench run: cannot begin a run: %s\n", hvb_store_error(store));
			t->run_id = 0;
			status = CLI_EXIT_FAIL;
			continue;
		}
		struct app_measured measured = { 0 };
		app_target_run(ctx, t, &measured);
		if (app_store_measured(store, ctx, t, &measured) != 0 || t->status != HVB_RUN_COMPLETE)
			status = CLI_EXIT_FAIL;
		app_measured_free(&measured);
		if (k > 0 && t->run_id > 0 && targets[0].run_id > 0)
			app_store_normalised(store, ctx, &targets[0], t);
	}
	progress_clear(ctx->plan->progress);
	print_table(store, ctx, targets, count);
	const char *recovery = hvb_store_recovery_path(store);
	for (size_t k = 0; k < count; k++)
		if (targets[k].run_id > 0)
			printf("run %lld %s in %s\n", (long long)targets[k].run_id,
			       targets[k].status == HVB_RUN_INCOMPLETE ? "(partial) stored" : "stored",
			       recovery ? recovery : ctx->plan->db_path);
	if (recovery) {
		hvb_store_recovery_notice(store, err, sizeof(err));
		fprintf(stderr, "hvbench run: %s\n", err);
		status = CLI_EXIT_NOT_STORED;
	}
	hvb_store_close(store);
	return status;
}

int app_suite_run(struct run_plan *plan, const struct app_request *req)
{
	struct app_context *ctx = calloc(1, sizeof(*ctx));
	struct app_target targets[APP_MAX_TARGETS] = { { 0 } };
	size_t count;
	if (!ctx)
		return CLI_EXIT_FAIL;
	ctx->plan = plan;
	ctx->req = req;
	int status = app_plan_make(ctx, targets, APP_MAX_TARGETS, &count);
	if (status == CLI_EXIT_OK) {
		host_env_capture(&plan->env);
		status = run_targets(ctx, targets, count);
		host_env_free(&plan->env);
	}
	free(ctx);
	return status;
}
