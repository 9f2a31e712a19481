/*
 * app_suite.c - `hvbench run --suite app`: choose the workloads and the
 * Linux-capable backend(s) (or the xen-x86_64 test-bed), make sure the
 * guest (and test-bed) is built, run the native baseline and then each
 * backend (one stored run each), record every workload's performance
 * relative to native and print the table.
 */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app_internal.h"
#include "interrupt.h"

#define APP_BUILD_TIMEOUT_S 1800   /* downloads included */
#define APP_MAX_TARGETS 4

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
		return b->testbed_script &&
		       (strcmp(req->testbed, "all") == 0 || strcmp(req->testbed, b->testbed) == 0);
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

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(addr);
	int port = -1;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&addr, &len) == 0)
		port = ntohs(addr.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static int pick_ports(struct app_target *t)
{
	for (int i = 0; i < APP_PORTS; i++)
		if ((t->host_ports[i] = free_port()) < 0)
			return -1;
	return 0;
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

/* The median of bench in a stored run, NaN when none. */
static double stored_median(struct hvb_store *store, int64_t run_id, const char *bench)
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
static void store_normalised(struct hvb_store *store, const struct app_context *ctx,
			     const struct app_target *native, const struct app_target *t)
{
	char text[64];
	snprintf(text, sizeof(text), "%lld", (long long)native->run_id);
	hvb_store_add_env(store, t->run_id, "app.native_run", text);
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		double norm = app_normalised(w, stored_median(store, t->run_id, w->bench),
					     stored_median(store, native->run_id, w->bench));
		if (isnan(norm))
			continue;
		char key[96];
		snprintf(key, sizeof(key), "app.normalised.%s", w->bench);
		snprintf(text, sizeof(text), "%.6g", norm);
		hvb_store_add_env(store, t->run_id, key, text);
	}
}

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
		double native = stored_median(store, targets[0].run_id, w->bench);
		printf("%-16s %-6s %-7s %12.4g", w->bench, w->unit, w->better, native);
		for (size_t k = 1; k < count; k++) {
			double median = stored_median(store, targets[k].run_id, w->bench);
			printf(" %14.4g %8.3g", median, app_normalised(w, median, native));
		}
		printf("\n");
	}
	for (size_t k = 1; k < count; k++)
		if (targets[k].backend->emulated)
			printf("(%s is emulated: its ratios are emulation costs, not a hardware fact)\n",
			       label[k]);
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
		char who[96];
		app_backend_label(targets[k].backend, who, sizeof(who));
		progress_step(ctx->plan->progress, "hvbench run: app suite on %s ...", who);
		if (pick_ports(&targets[k]) != 0 || app_target_run(store, ctx, &targets[k]) != 0 ||
		    targets[k].status != HVB_RUN_COMPLETE)
			status = CLI_EXIT_FAIL;
		if (k > 0 && targets[k].run_id > 0 && targets[0].run_id > 0)
			store_normalised(store, ctx, &targets[0], &targets[k]);
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
	struct app_target targets[APP_MAX_TARGETS] = { { 0 } };   /* [0]: native */
	int status = CLI_EXIT_FAIL;
	if (!ctx)
		return CLI_EXIT_FAIL;
	ctx->plan = plan;
	ctx->req = req;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	ctx->vcpus = cpus > 0 && cpus < 64 ? (unsigned)cpus : 1;
	app_paths_locate(&plan->paths, &ctx->paths);
	if (!paths_find_program("wrk", ctx->wrk, sizeof(ctx->wrk)))
		ctx->wrk[0] = 0;
	int backends;
	if (select_workloads(ctx, req->bench_list) != 0) {
		status = CLI_EXIT_USAGE;
	} else if ((backends = choose_backends(ctx, targets + 1, APP_MAX_TARGETS - 1)) > 0 &&
		   build_guest(ctx) == 0 && build_testbeds(ctx, targets + 1, (size_t)backends) == 0) {
		host_env_capture(&plan->env);
		status = run_targets(ctx, targets, (size_t)backends + 1);
		host_env_free(&plan->env);
	}
	free(ctx);
	return status;
}
