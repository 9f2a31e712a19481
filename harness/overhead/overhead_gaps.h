/*
 * overhead_gaps.h - a VMM's userspace time per exit, read from a kernel
 * trace: on each thread, the time from a KVM_RUN ioctl's return to the
 * same thread's next KVM_RUN entry, tagged with the exit that KVM_RUN
 * returned for.
 *
 * The trace is tracefs's text (`trace` file, clock x86-tsc, so each
 * timestamp is a raw TSC value) with four events (overhead_trace.c
 * enables them):
 *   raw_syscalls:sys_enter  "NR 16 (fd, cmd, ...)"  ioctl entry; cmd ae80 is KVM_RUN
 *   raw_syscalls:sys_exit   "NR 16 = ret"           ioctl return
 *   kvm:kvm_pio             "pio_write at 0x700 ..." pio-out-user's exit
 *   kvm:kvm_mmio            "mmio write len 4 gpa 0xd0000000 ..." mmio-write-user's
 * A gap counts for a benchmark when its KVM_RUN saw that benchmark's
 * kvm_pio / kvm_mmio event and returned 0; everything the VMM does in the
 * gap (decoding, dispatch, other system calls, the seccomp filter on the
 * next entry) is in it.  Lines that are not such events are skipped.
 */
#ifndef HVB_OVERHEAD_GAPS_H
#define HVB_OVERHEAD_GAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ovh_gap_kind { OVH_GAP_PIO, OVH_GAP_MMIO, OVH_GAP_KINDS };

#define OVH_GAPS_MAX 65536      /* per kind and boot; more are counted, not kept */
#define OVH_GAP_THREADS 64      /* threads followed at once */

struct ovh_gap_thread {
	int tid;
	bool in_run;             /* KVM_RUN entered, not yet returned */
	bool exited;             /* KVM_RUN returned 0 at exit_ts; gap open */
	int tag, exit_tag;       /* -1 or an enum ovh_gap_kind */
	uint64_t exit_ts;
};

struct ovh_gaps {
	uint64_t ticks[OVH_GAP_KINDS][OVH_GAPS_MAX];
	size_t n[OVH_GAP_KINDS];       /* kept */
	size_t dropped[OVH_GAP_KINDS]; /* past OVH_GAPS_MAX */
	size_t untagged;               /* other exits (console, ...) */
	uint64_t lost_events;          /* the kernel's count of overwritten events */
	struct ovh_gap_thread threads[OVH_GAP_THREADS];
	size_t n_threads;
};

/* Empties g for a new trace. */
void ovh_gaps_reset(struct ovh_gaps *g);

/* Feeds one line of the trace (no newline needed). */
void ovh_gaps_feed(struct ovh_gaps *g, const char *line);

/* The name of a kind, as the benchmark it belongs to ("pio-out-user"). */
const char *ovh_gap_bench(enum ovh_gap_kind kind);

#endif
