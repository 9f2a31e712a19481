/*
 * app_internal.h - what the files of the application suite share inside
 * the harness: the invocation's context, one target (native or a backend),
 * and the command lines they start (app_commands.c).
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

/* Runs one target and stores its run; 0, or -1 when it could not be stored. */
int app_target_run(struct hvb_store *store, const struct app_context *ctx, struct app_target *t);

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
