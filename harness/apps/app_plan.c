/*
 * app_plan.c - the application suite's plan, before anything runs: which
 * workloads (--bench), which Linux-capable backends or test-beds
 * (--backend, --testbed; the native baseline always comes first), and the
 * guest's root file system and test-beds built (quick when they are).
 * Nothing here touches the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/app_internal.h"

#define APP_BUILD_TIMEOUT_S 1800   /* downloads included */

static int select_workloads(struct app_context *ctx, const char *list)
{
	ctx->count = 0;
	if (!list) {
		for (size_t i = 0; i < app_workload_count(); i++)
			ctx->selected[ctx->count++] = app_workload_at(i);
		return 0;
	}
	char copy[1024];
	snprintf(copy, sizeof(copy), "%s", list);
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const struct app_workload *w = app_workload_find(name);
		if (!w) {
			fprintf(stderr, "hvbench run: unknown app benchmark '%s' (see 'hvbench list')\n", name);
			return -1;
		}
		if (ctx->count < APP_MAX_WORKLOADS)
			ctx->selected[ctx->count++] = w;
	}
	return ctx->count ? 0 : -1;
}

/* Is backend b one that --backend/--testbed asked for? */
static bool wanted_backend(const struct app_request *req, const struct backend *b)
{
	if (strcmp(b->arch, "x86_64") != 0)
		return false;
	if (req->testbed)   /* test-bed rows only, by test-bed name */
		return backend_testbed_matches(b, req->testbed);
	if (b->testbed_script)
		return false;
	return !req->backend || strcmp(req->backend, "all") == 0 || strcmp(req->backend, b->name) == 0;
}

/* The virtualized backends to run; returns how many, or -1 (message printed). */
static int choose_backends(const struct app_context *ctx, struct app_target *targets, size_t max)
{
	const char *wanted = ctx->req->testbed ? ctx->req->testbed : ctx->req->backend;
	size_t count = 0;
	char reason[BACKEND_REASON_MAX];
	for (size_t i = 0; i < backend_count() && count < max; i++) {
		const struct backend *b = backend_at(i);
		if (!wanted_backend(ctx->req, b))
			continue;
		if (app_backend_usable(b, &ctx->plan->host, reason, sizeof(reason))) {
			targets[count++].backend = b;
			if (!wanted)
				break;   /* the best one */
		} else if (wanted) {
			char label[96];
			app_backend_label(b, label, sizeof(label));
			fprintf(stderr, "hvbench run: %s backend %s: %s\n",
				strcmp(wanted, "all") ? "cannot use" : "skipping", label, reason);
		}
	}
	if (count == 0)
		fprintf(stderr, "hvbench run: no backend here can run the app suite's Linux guest "
			"(see 'hvbench list')\n");
	return count ? (int)count : -1;
}



static void print_build_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
			     bool truncated)
{
	fprintf(stderr, "  %s\n", line);
}

/* Runs appbench/build-root.sh (quick when up to date); 0 when the guest is there. */
static int build_guest(struct app_context *ctx)
{
	if (!paths_is_executable(ctx->paths.appb)) {
		fprintf(stderr, "hvbench run: %s missing (build it with 'make')\n", ctx->paths.appb);
		return -1;
	}
	char script[PATH_MAX + 32];
	snprintf(script, sizeof(script), "%s/build-root.sh", ctx->paths.appbench);
	char *argv[] = { script, ctx->paths.appb, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = APP_BUILD_TIMEOUT_S,
				  .on_line = print_build_line };
	struct proc_result result;
	if (proc_run(&spec, &result) != 0 || result.outcome != PROC_EXITED || result.status != 0) {
		fprintf(stderr, "hvbench run: building the app guest failed (%s)\n", script);
		return -1;
	}
	int error = sha256_file_hex(ctx->paths.initrd, ctx->root_sha256);
	if (error) {
		fprintf(stderr, "hvbench run: %s: %s\n", ctx->paths.initrd, strerror(-error));
		return -1;
	}
	return 0;
}

/* The emulated test-beds among the targets, built (quick when they are). */
static int build_testbeds(const struct app_context *ctx, const struct app_target *targets, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (targets[k].backend->testbed_script &&
		    testbed_build(&ctx->plan->paths, targets[k].backend, ctx->plan->progress) != 0)
			return -1;
	return 0;
}


int app_plan_make(struct app_context *ctx, struct app_target *targets, size_t max, size_t *count)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	ctx->vcpus = cpus > 0 && cpus < 64 ? (unsigned)cpus : 1;
	app_paths_locate(&ctx->plan->paths, &ctx->paths);
	if (!paths_find_program("wrk", ctx->wrk, sizeof(ctx->wrk)))
		ctx->wrk[0] = 0;
	*count = 0;
	if (select_workloads(ctx, ctx->req->bench_list) != 0)
		return CLI_EXIT_USAGE;
	targets[0].backend = NULL;   /* the native baseline */
	int backends = choose_backends(ctx, targets + 1, max - 1);
	if (backends <= 0 || build_guest(ctx) != 0 || build_testbeds(ctx, targets + 1, (size_t)backends) != 0)
		return CLI_EXIT_FAIL;
	*count = (size_t)backends + 1;
	return CLI_EXIT_OK;
}
