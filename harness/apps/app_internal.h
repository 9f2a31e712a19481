/*
 * app_internal.h - what the files of the application suite share inside
 * the harness: the invocation's context, one target (native or a backend),
 * the three steps (plan: app_plan.c; run: app_target.c; store:
 * app_store.c) and the command lines the run starts (app_commands.c).
 */
#ifndef HVB_APP_INTERNAL_H
#define HVB_APP_INTERNAL_H

#include "apps/app_results.h"
#include "apps/app_suite.h"

#define APP_GUEST_MEM_MB 1024
#define APP_BOOT_TIMEOUT_S 180     /* boot and set-up, beyond the workloads */
#define APP_TESTBED_BOOT_S 180     /* a test-bed's own boot (Xen, dom0) on top */
/* The Xen test-bed's domU gets one vCPU: with two, QEMU 7.2's TCG emulation
 * of SVM triple-faults the domU's second vCPU within minutes of load
 * (seen in 2 of 3 hackbench runs; never with one vCPU). */
#define APP_TESTBED_VCPUS 1
#define APP_DRIVER_SLACK_S 30      /* a load generator's watchdog beyond its length */
#define APP_KV_CONNECTIONS "8"

struct app_context {
	struct run_plan *plan;
	const struct app_request *req;
	struct app_paths paths;
	const struct app_workload *selected[APP_MAX_WORKLOADS];
	size_t count;
	unsigned vcpus;
	char root_sha256[SHA256_HEX_LEN];
	char wrk[PATH_MAX];            /* the host's wrk, or "" (then the root's, natively) */
};

/* One run: the native baseline (backend NULL) or a virtualized backend. */
struct app_target {
	const struct backend *backend;
	int host_ports[APP_PORTS];     /* what the load generators connect to */
	int64_t run_id;
	enum hvb_run_status status;
};

/* True when target t runs in an emulated test-bed (testbeds/run.sh --app). */
static inline bool app_target_in_testbed(const struct app_target *t)
{
	return t->backend && t->backend->testbed_script;
}

/* The vCPUs target t's machine gets (the native baseline: the host's CPUs). */
unsigned app_target_vcpus(const struct app_context *ctx, const struct app_target *t);

/* What one target's run measured, kept until the store step stores it. */
struct app_measured {
	char plan[1024];               /* the session.sh plan it ran (with its ports) */
	struct app_collect collect;    /* per-workload results, the machine's info line */
	char *log;                     /* the machine's console and the load generators' */
	size_t log_len, log_cap;       /* output, one line each, up to HVB_STORE_LOG_MAX */
	bool log_truncated;
};

/* ---- plan (app_plan.c) ----------------------------------------------------- */
/* Fills ctx (workloads, paths) and targets[0..*count-1] ([0]: native) and
 * builds the guest and test-beds; returns a CLI_EXIT_* status (messages printed). */
int app_plan_make(struct app_context *ctx, struct app_target *targets, size_t max, size_t *count);

/* ---- run (app_target.c): never touches the store --------------------------- */
void app_target_run(const struct app_context *ctx, struct app_target *t, struct app_measured *m);
void app_measured_free(struct app_measured *m);

/* ---- store (app_store.c) ---------------------------------------------------- */
/* Begins t's run (t->run_id); 0, or -1 (the store's error says why). */
int app_store_begin(struct hvb_store *store, const struct app_context *ctx, struct app_target *t);
/* Stores what t's run measured and finishes the run (t->status); 0 or -1. */
int app_store_measured(struct hvb_store *store, const struct app_context *ctx, struct app_target *t,
		       const struct app_measured *m);
/* app.native_run and app.normalised.* in t's run, from both stored runs. */
void app_store_normalised(struct hvb_store *store, const struct app_context *ctx,
			  const struct app_target *native, const struct app_target *t);
/* The median of bench in a stored run, NaN when none. */
double app_stored_median(struct hvb_store *store, int64_t run_id, const char *bench);

/* Where the machine's servers listen: the guest ports, or (native) the host ports. */
const int *app_server_ports(const struct app_target *t);
/* The session.sh plan for a target (servers on `ports`). */
void app_plan_text(const struct app_context *ctx, const int ports[APP_PORTS], char *out, size_t size);
/* The machine's command line: native.sh ROOT session.sh PLAN, QEMU, or
 * testbeds/run.sh --app (the session bounded by timeout_s). */
void app_machine_argv(const struct app_context *ctx, const struct app_target *t, const char *plan,
		      unsigned timeout_s, struct backend_argv *args);
/* The load generator of a host-driven workload against port. */
void app_driver_argv(const struct app_context *ctx, const struct app_workload *w, int port,
		     struct backend_argv *args);
/* "appb (hvbench)", "wrk (host /usr/bin/wrk)", ... for the run's environment. */
void app_driver_describe(const struct app_context *ctx, const struct app_workload *w,
			 char *out, size_t size);

#endif
