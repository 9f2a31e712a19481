/*
 * run.h - what `hvbench run` decided before booting anything (the plan),
 * and the three steps that carry it out: one run per backend
 * (run_backend.c), one guest boot per benchmark (run_bench.c) and the
 * report of a stored run (run_output.c).
 */
#ifndef HVB_RUN_H
#define HVB_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "backends/backend.h"
#include "run/benchmarks.h"
#include "util/cli.h"
#include "host/env.h"
#include "util/paths.h"
#include "run/progress.h"
#include "util/proc.h"
#include "util/sha256.h"
#include "store/store.h"

#define RUN_MAX_TAGS 64
#define RUN_DEFAULT_TIMEOUT_S 60
#define RUN_DEFAULT_BATCHES 15
#define RUN_WATCHDOG_GRACE_S 3 /* beyond the backend's own --timeout */
/* Console output one guest boot may send before it is stopped as a flood
 * (a real boot sends a few KiB to a few hundred KiB): the benchmark fails
 * with reason "console flood"; a test-bed boot runs every benchmark and
 * its kernels, so it gets more. */
#define RUN_CONSOLE_MAX (16u << 20)
#define RUN_TESTBED_CONSOLE_MAX (64u << 20)

struct run_plan {
	const char *arch;
	const char *db_path;
	const struct benchmark_info *benches[64];
	size_t bench_count;
	unsigned vcpus;
	const char *pin;                  /* CPU list text, NULL: not pinned */
	char pin_text[128];               /* the list --pin auto chose */
	bool pin_auto;
	int pin_cpus[CLI_MAX_CPUS];
	int pin_count;
	const char *tags[RUN_MAX_TAGS];   /* "KEY=VALUE" */
	size_t tag_count;
	unsigned timeout_s;               /* per benchmark */
	unsigned batches;
	unsigned mem_mb;                  /* --mem: every boot's guest RAM; 0: each benchmark's own */
	bool json;
	char command_line[4096];
	struct hvb_paths paths;
	char guest_sha256[SHA256_HEX_LEN];
	struct host_env env;
	struct backend_host host;
	struct progress *progress;        /* progress lines (progress.h), never NULL */
};

/* How one backend's run went. */
struct run_outcome {
	const struct backend *backend;
	int64_t run_id;                   /* 0 when the run could not be begun */
	enum hvb_run_status status;
	uint64_t tick_hz;                 /* what the run's ns column uses; 0 unknown */
	char tick_source[96];
	char hypervisor_version[256];
	bool pinned;
};

/* Begins a run, boots the guest once per benchmark, finishes the run. */
int run_backend(struct hvb_store *store, const struct run_plan *plan,
		const struct backend *backend, struct run_outcome *outcome);

/* What one benchmark's boot left behind, for the run's bookkeeping. */
struct bench_outcome {
	size_t stored_ok;                 /* results stored with status ok */
	size_t stored;                    /* results stored at all */
	bool saw_hello;
	bool hello_native;                /* hello came from a native runner, not a guest */
	struct hvb_hello hello;
};

/*
 * One host page size for a benchmark that sweeps them (tlb-nested): refhv's
 * --backing value and the "hXX" part it adds to the variant name.
 */
struct host_page {
	const char *backing;      /* "4k", "thp" */
	const char *label;        /* "h4k", "h2m" */
};

/*
 * The host pages a sweep benchmark boots with on backend: refhv's two
 * backings (also inside a KVM test-bed), the one a hypervisor picks for
 * itself (Xen: label "hxen", no backing, written into fixed), or none (0:
 * boot once with the default memory, no host half in the variant names).
 */
size_t run_host_pages(const struct backend *backend, const struct host_page **pages,
		      struct host_page *fixed);

/* The watchdog for one boot of bench: --timeout, or the bench's minimum. */
unsigned run_boot_timeout(const struct run_plan *plan, const struct benchmark_info *bench);

/* Boots the guest for one benchmark (host_page NULL: the backend's default
 * memory) and stores its result(s). */
/*
 * The guest's command line for a boot (docs/report-protocol.md): "bench=B
 * batches=N cpus=C" (no bench= when bench is NULL: a test-bed boot names
 * its benchmarks itself), plus " tick_hz=HZ" when tick_hz is not 0.
 * Returns 0, or -1 when it does not fit in size bytes.
 */
int run_guest_cmdline(char *out, size_t size, const char *bench, unsigned batches,
		      unsigned vcpus, uint64_t tick_hz);

int run_benchmark(struct hvb_store *store, const struct run_plan *plan,
		  const struct run_outcome *run, const struct benchmark_info *bench,
		  const struct host_page *host_page, struct bench_outcome *outcome);

/* How one guest boot ended, from the harness's point of view. */
struct boot_end {
	struct proc_result proc;
	enum backend_verdict verdict;     /* meaningful when proc.outcome == PROC_EXITED */
	bool timed_out;                   /* our watchdog or the backend's timeout */
	char describe[256];               /* "refhv exited with status 4", ... */
};

/* Stores what a finished session collected for bench; a benchmark the guest
 * began but never ended, or never began, gets a result that says why. */
void run_store_session(struct hvb_store *store, const struct run_outcome *run,
		       const struct benchmark_info *bench, const struct host_page *host_page,
		       struct hvb_session *session, const struct boot_end *end,
		       struct bench_outcome *outcome);

/* Stores bench as unsupported with reason, without a boot (it cannot run
 * on this backend at all). */
void run_store_unsupported(struct hvb_store *store, const struct run_outcome *run,
			   const struct benchmark_info *bench, const char *reason,
			   struct bench_outcome *outcome);

/* Runs every benchmark of plan through a test-bed script (run_testbed.c):
 * one boot for all, but one per host page for a host-page sweep. */
int run_testbed(struct hvb_store *store, const struct run_plan *plan, struct run_outcome *run,
		struct bench_outcome *outcome);

/* testbeds/build.sh NAME: idempotent, quick when the test-bed is built;
 * 0, or -1 with a message. */
int testbed_build(const struct hvb_paths *paths, const struct backend *backend,
		  struct progress *progress);

/* Stores the pairs of an "HVBTB info k=v ..." line as testbed.k in the
 * run's environment; a Xen version (or, when version is still empty, the
 * test-bed kernel) goes to version.  Returns Xen's TSC rate in Hz from
 * xen_cpu_mhz on x86, else 0. */
uint64_t testbed_store_info(struct hvb_store *store, int64_t run_id, const char *arch,
			    const char *line, char *version, size_t size);

/*
 * A benchmark the backend cannot run at all (run_unsupported.c): one that
 * needs two VMs on a backend that boots one.  True after storing it as
 * `unsupported` with the reason; false when the backend can run it.
 */
bool run_skip_unsupported(struct hvb_store *store, const struct run_outcome *run,
			  const struct benchmark_info *bench, struct bench_outcome *outcome);

/* A benchmark that runs in hvbench itself (tlb-native, tlb_native.c). */
int run_on_host(struct hvb_store *store, const struct run_plan *plan,
		const struct run_outcome *run, const struct benchmark_info *bench,
		struct bench_outcome *outcome);

/* The stored run as a table (stdout). */
int run_print_table(struct hvb_store *store, const struct run_plan *plan,
		    const struct run_outcome *run);
/* The stored runs as one JSON document (stdout). */
int run_print_json(struct hvb_store *store, const struct run_plan *plan,
		   const struct run_outcome *runs, size_t count);

#endif
