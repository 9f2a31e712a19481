/*
 * options.h - refhv's command line, parsed into one struct.
 *
 * The small parsers (memory size, CPU list, timeout) are pure functions so
 * the unit tests can call them directly.
 */
#ifndef REFHV_OPTIONS_H
#define REFHV_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memory.h"

#define REFHV_MAX_VCPUS 64
#define REFHV_MIN_MEM (4ull << 20)    /* 4 MiB */
#define REFHV_MAX_MEM (64ull << 30)   /* 64 GiB */
#define REFHV_MAX_TIMEOUT 1e6         /* seconds, about 11 days */
#define REFHV_MAX_CMDLINE 4095        /* bytes, without the NUL */

struct refhv_options {
	unsigned vcpus;
	uint64_t mem_size;
	enum mem_backing backing;
	bool pin;
	int pin_cpus[REFHV_MAX_VCPUS];  /* vCPU i runs on pin_cpus[i] */
	double timeout_sec;             /* 0: no timeout */
	bool stats;
	bool devices;                   /* --devices: print the device map, run nothing */
	bool trace;                     /* --trace: a stderr line per exit to userspace */
	bool vm_switch;                 /* --vm-switch: also run a partner VM (vm_switch.h) */
	const char *cmdline;
	const char *guest_path;
};

/* Result of a parser; PARSE_OK is 0, the rest name the problem. */
enum parse_result {
	PARSE_OK = 0,
	PARSE_EMPTY,
	PARSE_NOT_A_NUMBER,
	PARSE_BAD_SUFFIX,
	PARSE_TOO_SMALL,
	PARSE_TOO_LARGE,
	PARSE_NOT_ALIGNED,
	PARSE_BAD_RANGE,
	PARSE_TOO_MANY,
	PARSE_DUPLICATE,
};

const char *parse_result_str(enum parse_result r);

/*
 * "256M", "1G", "65536K", "268435456" (bare numbers are MiB, as in QEMU's
 * -m).  Must be within [REFHV_MIN_MEM, REFHV_MAX_MEM] and a multiple of
 * 2 MiB (so every backing, huge pages included, can map it).
 */
enum parse_result parse_mem_size(const char *s, uint64_t *bytes);

/*
 * "0,1", "0-3", "2,0-1": CPUs in the order listed, at most max_cpus of
 * them, each below 1024, no repeats.
 */
enum parse_result parse_cpu_list(const char *s, int *cpus, unsigned max_cpus,
				 unsigned *count);

/* "2", "0.5": seconds, 0 means none, at most REFHV_MAX_TIMEOUT. */
enum parse_result parse_timeout(const char *s, double *seconds);

/* 1..REFHV_MAX_VCPUS */
enum parse_result parse_vcpus(const char *s, unsigned *vcpus);

/* "4k", "thp", "hugetlb" */
enum parse_result parse_backing(const char *s, enum mem_backing *backing);

/*
 * The whole command line.  Returns 0 to run, REFHV_EXIT_USAGE after
 * printing a message (or the usage text, for --help: then *exit_now is set
 * and the status is 0).
 */
int options_parse(int argc, char **argv, struct refhv_options *opts, bool *exit_now);

/* Print the usage text; to stdout for --help, stderr on errors. */
void options_usage(bool to_stdout);

#endif
