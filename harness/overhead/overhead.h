/*
 * overhead.h - `hvbench overhead`: refhv's own cost, side by side with the
 * floor (bench/kvm-floor.c, a bare KVM_RUN loop) and QEMU microvm.
 *
 * Every round boots the same guest once on each target, interleaved
 * (floor, refhv, qemu-kvm, floor, ...), and keeps, per benchmark, the
 * median of the round's op batches and of its empty-loop batches (in-guest
 * TSC cycles).  A second, nearly empty boot per round and target times the
 * start-up: launch -> first HVB record, launch -> exit.  A third boot per
 * round and target runs pio-out-user and mmio-write-user under a kernel
 * trace (overhead_trace.c) and keeps the typical userspace time per exit,
 * KVM_RUN's return to the next KVM_RUN (overhead_gaps.c); overhead_user.c
 * derives the userspace table from it.  The command (cmd_overhead.c) prints
 * the tables; overhead_store.c stores one run per target tagged
 * study=overhead.
 */
#ifndef HVB_OVERHEAD_H
#define HVB_OVERHEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backends/backend.h"
#include "util/cli.h"
#include "host/env.h"
#include "overhead/overhead_trace.h"
#include "stats/stats.h"
#include "util/paths.h"
#include "util/sha256.h"
#include "store/store.h"

#define OVH_TARGETS 3          /* kvm-floor, refhv, qemu-kvm: the floor first */
#define OVH_BENCHES 3
#define OVH_MAX_ROUNDS 1000
#define OVH_FLOOR_NAME "kvm-floor"

/* The benchmarks compared, in the order the table prints them. */
extern const char *const ovh_bench_names[OVH_BENCHES];

struct ovh_target {
	const char *name;
	const struct backend *backend;     /* NULL for the floor */
	bool usable;
	char reason[BACKEND_REASON_MAX];   /* why not, when !usable */
};

/* One value per round; NaN when that round produced none. */
struct ovh_series {
	double op[OVH_MAX_ROUNDS];         /* median of the round's op batches, cycles */
	double empty[OVH_MAX_ROUNDS];      /* median of its empty-loop batches */
	uint64_t iters[OVH_MAX_ROUNDS];    /* operations measured in the round */
};

struct ovh_startup {
	double first_record_us[OVH_MAX_ROUNDS];  /* launch -> first "HVB " line */
	double exit_us[OVH_MAX_ROUNDS];          /* launch -> the process was reaped */
};

/* The userspace gaps of one target: one value per round, NaN when none. */
struct ovh_user_series {
	double ns[OVH_MAX_ROUNDS];         /* midmean gap of the round's exits, ns */
	uint64_t exits[OVH_MAX_ROUNDS];    /* exits behind it */
};

struct ovh_study {
	unsigned rounds, batches, timeout_s;
	uint64_t batch_ticks;
	const char *db_path;
	const char *refhv_override, *guest_override, *floor_override;  /* NULL: defaults */
	const char *pin;                   /* CPU list, NULL: not pinned */
	int pin_cpus[CLI_MAX_CPUS];
	int pin_count;
	char command_line[4096];
	struct hvb_paths paths;
	char floor_path[PATH_MAX];
	char guest_sha256[SHA256_HEX_LEN];
	struct host_env env;
	struct backend_host host;
	struct ovh_target targets[OVH_TARGETS];
	struct ovh_series series[OVH_TARGETS][OVH_BENCHES];
	struct ovh_startup startup[OVH_TARGETS];
	unsigned failed_boots[OVH_TARGETS];
	bool no_userspace;                 /* --no-userspace: skip the traced boots */
	bool traced;                       /* the tracer is open */
	char trace_reason[256];            /* why not, when !traced */
	struct ovh_tracer tracer;
	struct ovh_gaps *gaps;             /* one boot's trace, parsed */
	double *scratch;                   /* OVH_GAPS_MAX values */
	struct ovh_user_series user[OVH_TARGETS][OVH_GAP_KINDS];
	uint64_t lost_events[OVH_TARGETS];
};

/* Measures round `round` on target t: a benchmark boot, a start-up boot and,
 * when study->traced, a traced boot.
 * Fills the series (NaN where nothing came back); returns 0 when both went well. */
int ovh_measure_round(struct ovh_study *study, size_t t, unsigned round);

/* The series' values with NaN rounds left out; returns how many (arrays of rounds). */
size_t ovh_valid(const double *values, unsigned rounds, double *out);

/* The net series (op - median(empty)) of target t, benchmark b, summarised. */
int ovh_net_stats(const struct ovh_study *study, size_t t, size_t b, struct hvb_stats *out);

/* One row of the userspace table: target t, gap kind k. */
struct ovh_user_row {
	struct hvb_stats user;             /* over the rounds' midmean gaps, ns */
	double exit_ns;                    /* the target's net exit (untraced boots), NaN: none */
	double share;                      /* user.median / exit_ns, NaN: none */
	bool have_diff;
	struct hvb_stats diff;             /* per-round user(t) - user(floor), ns */
	double floor_exit_ns;              /* the floor's net exit, NaN: none */
	double ratio, ratio_low, ratio_high;   /* (floor exit + diff) / floor exit, NaN: none */
};

/* Returns 0 with the row filled, or -1 when target t has no userspace value. */
int ovh_user_row(const struct ovh_study *study, size_t t, size_t k, struct ovh_user_row *out);

/* Prints the userspace table (or why there is none). */
void ovh_print_userspace(const struct ovh_study *study);

/* Stores one run per usable target (tag study=overhead); prints the run ids. */
int ovh_store(struct hvb_store *store, const struct ovh_study *study);

#endif
