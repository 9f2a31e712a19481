/*
 * paths.c - locate the programs and files hvbench works with.
 */
#include "paths.h"

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

int paths_locate(struct hvb_paths *paths, const char *arch, const char *refhv_override,
		 const char *guest_override)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return -1;
	exe[len] = '\0';
	snprintf(paths->bin_dir, sizeof(paths->bin_dir), "%s", dirname(exe));

	char build_dir[PATH_MAX];
	snprintf(build_dir, sizeof(build_dir), "%s", paths->bin_dir);
	go_up(build_dir); /* build/bin -> build */

	if (refhv_override)
		snprintf(paths->refhv, sizeof(paths->refhv), "%s", refhv_override);
	else
		search_upward(paths->bin_dir, "refhv", paths->refhv);

	char guest_relative[64];
	snprintf(guest_relative, sizeof(guest_relative), "guest/%s/%s", arch,
		 paths_guest_file(arch));
	if (guest_override)
		snprintf(paths->guest, sizeof(paths->guest), "%s", guest_override);
	else
		search_upward(build_dir, guest_relative, paths->guest);

	char script[PATH_MAX];
	search_upward(build_dir, "plots/bars.gp", script);
	snprintf(paths->plots, sizeof(paths->plots), "%s", dirname(script));
	search_upward(build_dir, "testbeds/run.sh", script);
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
