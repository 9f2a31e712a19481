/*
 * paths.h - find refhv, the guest image and plots/ relative to the running
 * hvbench (/proc/self/exe): build/bin/hvbench -> build/bin/refhv,
 * build/guest/ARCH/guest.elf and <repo>/plots; or, installed,
 * PREFIX/bin/hvbench -> PREFIX/bin/refhv, PREFIX/lib/hvbench/guest/ARCH/...,
 * PREFIX/share/hvbench/plots.  --refhv/--guest override.
 */
#ifndef HVB_PATHS_H
#define HVB_PATHS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct hvb_paths {
	char bin_dir[PATH_MAX];   /* directory of the hvbench executable */
	char refhv[PATH_MAX];     /* may not exist: check with paths_exists() */
	char refhv_arm64[PATH_MAX]; /* refhv-aarch64, the static build arm64 test-beds run */
	char guest[PATH_MAX];
	char plots[PATH_MAX];     /* directory holding bars.gp */
	char testbeds[PATH_MAX];  /* directory holding the test-bed scripts (run.sh) */
	char appb[PATH_MAX];      /* the app suite's static workload binary */
};

/* The guest image's file name for an arch: "guest.elf" (x86_64), "guest.img" (aarch64). */
const char *paths_guest_file(const char *arch);

/*
 * Fills paths for `arch`; overrides (NULL when not given) win.  Paths that
 * cannot be found keep their most likely location so that messages can name
 * it.  Returns 0, or -1 when /proc/self/exe cannot be read.
 */
int paths_locate(struct hvb_paths *paths, const char *arch, const char *refhv_override,
		 const char *guest_override);

bool paths_exists(const char *path);
bool paths_is_executable(const char *path);

/* Looks a program up in $PATH (or takes it as is when it has a '/'); true when found. */
bool paths_find_program(const char *name, char *out, size_t size);

#endif
