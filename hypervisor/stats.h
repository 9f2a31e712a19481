/*
 * stats.h - what --stats counts: for each kind of exit to userspace, how
 * often it happened and how long refhv took before re-entering the guest.
 *
 * Each vCPU counts into its own struct exit_stats (no locks, no sharing);
 * the tables are summed and printed once every vCPU thread has ended.
 */
#ifndef REFHV_STATS_H
#define REFHV_STATS_H

#include <stdint.h>
#include <time.h>

#include "ioport.h"
#include "mmio.h"

struct vm;

struct exit_counter {
	uint64_t count;
	uint64_t ns;
};

#define STATS_EXIT_REASONS 64

struct exit_stats {
	struct exit_counter by_reason[STATS_EXIT_REASONS];  /* exits other than IO/MMIO */
	struct exit_counter io[IO_DEVICE_SLOTS][2];         /* [slot][is_write] */
	struct exit_counter mmio[MMIO_DEVICE_SLOTS][2];     /* [slot][is_write] */
	uint64_t ignored_accesses;  /* unassigned port/MMIO accesses */
};

static inline uint64_t stats_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The table for all vCPUs, then the kernel's own counters, on stderr. */
void stats_print(struct vm *vm);

/* KVM's binary statistics for a vCPU (KVM_GET_STATS_FD); -1 if none. */
int kernel_stats_open(int vcpu_fd);

/*
 * Add the vCPU's kernel counters into sums[] by name (names[] grows as
 * new ones appear, up to max).  Returns the number of names now known.
 */
unsigned kernel_stats_accumulate(int stats_fd, char (*names)[64], uint64_t *sums,
				 unsigned known, unsigned max);

#endif
