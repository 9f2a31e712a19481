/*
 * app_suite.h - `hvbench run --suite app`: application benchmarks in a
 * Linux guest, each with its native baseline from the same invocation,
 * normalised to native (see README, "Application benchmarks").
 *
 * Conventions (what the store holds):
 *  - one run per target: backend `native` (hypervisor `none`, testbed
 *    `host`) first, then the virtualized backend (qemu-tcg or qemu-kvm on
 *    this host, or the Linux guest as a domU of the xen-x86_64 test-bed);
 *  - benchmarks are named `app-*`, one stored sample per repetition, in the
 *    workload's natural unit (s, us, MB/s, ops/s, req/s);
 *  - run_env `app.better.BENCH` = `higher` or `lower` (which way is better);
 *    in a virtualized run `app.normalised.BENCH` = its performance relative
 *    to native, direction taken into account (native/median when lower is
 *    better, median/native when higher is better: 1.0 = native, 0.5 = half
 *    native speed), and `app.native_run` = the native run's id;
 *  - guest_sha256 of every run is the SHA-256 of the root file system image
 *    (initrd.gz): native and guest run the same binaries.
 */
#ifndef HVB_APP_SUITE_H
#define HVB_APP_SUITE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "run/run.h"

#define APP_MAX_WORKLOADS 8
#define APP_MAX_REPS 20
#define APP_DEFAULT_REPS 3
#define APP_PORTS 3        /* memcached, http, net (app_port) */

enum app_port { APP_PORT_MEMCACHED, APP_PORT_HTTP, APP_PORT_NET };

/* How a workload runs: inside the machine (its own timing), or driven
 * from the host against a server in the machine. */
enum app_kind { APP_IN_MACHINE, APP_HOST_DRIVEN };

struct app_workload {
	const char *bench;        /* "app-hackbench" */
	const char *unit;
	const char *better;       /* "higher" or "lower" */
	const char *what;         /* for `hvbench list` */
	enum app_kind kind;
	const char *plan_item;    /* APP_IN_MACHINE: session.sh item, "%u" = repetitions */
	enum app_port port;       /* APP_HOST_DRIVEN: the server it loads */
	unsigned seconds;         /* APP_HOST_DRIVEN: length of one repetition */
	const char *driver;       /* APP_HOST_DRIVEN: an `appb` subcommand, or "wrk" */
};

size_t app_workload_count(void);
const struct app_workload *app_workload_at(size_t index);
const struct app_workload *app_workload_find(const char *bench);

/* What the suite needs besides the run plan. */
struct app_request {
	const char *backend;      /* NULL: the best Linux-capable one; "all" */
	const char *testbed;      /* NULL: this host; an emulated test-bed or "all" */
	const char *bench_list;   /* NULL: every workload */
	unsigned reps;            /* repetitions per workload */
};

/* Runs the suite; returns the exit status (0 ok, 1 failure, 2 usage). */
int app_suite_run(struct run_plan *plan, const struct app_request *req);

/* ---- where things are (app_paths.c) -------------------------------------- */

struct app_paths {
	char appbench[PATH_MAX];  /* <repo>/appbench: build-root.sh, native.sh */
	char appb[PATH_MAX];      /* build/bin/appb, the static workload binary */
	char out[PATH_MAX];       /* $HVBENCH_CACHE/appbench-x86_64 (build-root.sh's output) */
	char root[PATH_MAX], kernel[PATH_MAX], initrd[PATH_MAX], built[PATH_MAX];
};

/* Derives everything from hvbench's own paths and $HVBENCH_CACHE / $HOME. */
void app_paths_locate(const struct hvb_paths *paths, struct app_paths *out);

/* ---- which backends can boot the Linux guest (app_backends.c) ---------- */

/* The emulated test-bed that runs the Linux guest (as a Xen domU). */
#define APP_XEN_TESTBED "xen-x86_64"

/* "qemu-tcg", "xen@xen-x86_64" for a test-bed row, "native" for NULL. */
void app_backend_label(const struct backend *b, char *out, size_t size);
/* True when backend b can run the app suite here; else reason says why. */
bool app_backend_usable(const struct backend *b, const struct backend_host *host,
			char *reason, size_t size);
/* The section `hvbench list` prints about the app suite. */
void app_list_print(FILE *out, const struct backend_host *host, const struct app_paths *paths);

#endif
