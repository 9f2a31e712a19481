/*
 * paths.c - locate the programs and files hvbench works with, relative to
 * the running hvbench: in a build tree (build/bin/hvbench, build/guest/,
 * <repo>/plots, <repo>/testbeds) or installed under a prefix by `make
 * install` (PREFIX/bin/hvbench, PREFIX/lib/hvbench/guest/,
 * PREFIX/share/hvbench/{plots,testbeds,appbench}).
 */
#include "util/paths.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEARCH_LEVELS 4 /* how far up from bin/ to look for guest/ and plots/ */

bool paths_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

bool paths_is_executable(const char *path)
{
	return access(path, X_OK) == 0;
}

const char *paths_guest_file(const char *arch)
{
	return strcmp(arch, "aarch64") == 0 ? "guest.img" : "guest.elf";
}

/* dir := dirname(dir), in place. */
static void go_up(char *dir)
{
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", dir);
	snprintf(dir, PATH_MAX, "%s", dirname(copy));
}

/*
 * Walks from start upward (start, its parent, ...) until dir/relative
 * exists; writes dir/relative to out.  When nothing is found, out gets the
 * first candidate (the most likely place).  Returns true when found.
 */
static bool search_upward(const char *start, const char *relative, char *out)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", start);
	for (int level = 0; level < SEARCH_LEVELS; level++) {
		char candidate[PATH_MAX];
		int len = snprintf(candidate, sizeof(candidate), "%s/%s", dir, relative);
		if (len > 0 && len < (int)sizeof(candidate) && paths_exists(candidate)) {
			memcpy(out, candidate, (size_t)len + 1);
			return true;
		}
		if (strcmp(dir, "/") == 0)
			break;
		go_up(dir);
	}
	snprintf(out, PATH_MAX, "%.*s/%s", PATH_MAX / 2, start, relative);
	return false;
}

/*
 * A file hvbench ships: the build tree's place (searched upward from the
 * build directory) first, then the installed one under the prefix (the
 * directory above bin/).  Returns true when found; out gets the build
 * tree's candidate otherwise, so messages name the usual place.
 */
static bool locate_shipped(const char *build_dir, const char *prefix, const char *in_tree,
			   const char *installed, char *out)
{
	if (search_upward(build_dir, in_tree, out))
		return true;
	char candidate[PATH_MAX];
	int len = snprintf(candidate, sizeof(candidate), "%s/%s", prefix, installed);
	if (len > 0 && len < (int)sizeof(candidate) && paths_exists(candidate)) {
		memcpy(out, candidate, (size_t)len + 1);
		return true;
	}
	return false;
}

int paths_locate(struct hvb_paths *paths, const char *arch, const char *refhv_override,
		 const char *guest_override)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return -1;
	exe[len] = '\0';
	snprintf(paths->bin_dir, sizeof(paths->bin_dir), "%s", dirname(exe));

	/* build/bin -> build; PREFIX/bin -> PREFIX */
	char build_dir[PATH_MAX];
	snprintf(build_dir, sizeof(build_dir), "%s", paths->bin_dir);
	go_up(build_dir);
	const char *prefix = build_dir;

	if (refhv_override)
		snprintf(paths->refhv, sizeof(paths->refhv), "%s", refhv_override);
	else
		search_upward(paths->bin_dir, "refhv", paths->refhv);

	/* the static arm64 build: beside us, else the normal build's bin/ (from
	 * build/asan/bin) */
	if (!search_upward(paths->bin_dir, "refhv-aarch64", paths->refhv_arm64) &&
	    !search_upward(paths->bin_dir, "bin/refhv-aarch64", paths->refhv_arm64))
		snprintf(paths->refhv_arm64, sizeof(paths->refhv_arm64), "%.4000s/refhv-aarch64",
			 paths->bin_dir);

	char in_tree[64], installed[96];
	snprintf(in_tree, sizeof(in_tree), "guest/%s/%s", arch, paths_guest_file(arch));
	snprintf(installed, sizeof(installed), "lib/hvbench/%s", in_tree);
	if (guest_override)
		snprintf(paths->guest, sizeof(paths->guest), "%s", guest_override);
	else
		locate_shipped(build_dir, prefix, in_tree, installed, paths->guest);

	if (!locate_shipped(paths->bin_dir, prefix, "appb", "lib/hvbench/appb", paths->appb))
		snprintf(paths->appb, sizeof(paths->appb), "%.4000s/appb", paths->bin_dir);

	char script[PATH_MAX];
	locate_shipped(build_dir, prefix, "plots/bars.gp", "share/hvbench/plots/bars.gp", script);
	snprintf(paths->plots, sizeof(paths->plots), "%s", dirname(script));
	locate_shipped(build_dir, prefix, "testbeds/run.sh", "share/hvbench/testbeds/run.sh", script);
	snprintf(paths->testbeds, sizeof(paths->testbeds), "%s", dirname(script));
	return 0;
}

bool paths_find_program(const char *name, char *out, size_t size)
{
	if (strchr(name, '/')) {
		snprintf(out, size, "%s", name);
		return paths_is_executable(name);
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t dir_len = strcspn(path, ":");
		int len = snprintf(out, size, "%.*s/%s", (int)dir_len, path, name);
		if (len > 0 && (size_t)len < size && paths_is_executable(out))
			return true;
		path += dir_len;
		if (*path == ':')
			path++;
	}
	return false;
}
