/*
 * cmd_testbed.c - `hvbench testbed list` and `hvbench testbed build NAME`:
 * the emulated test-beds (the scripts in testbeds/), which `hvbench run --testbed`
 * builds on first use anyway.  The scripts do the work; this command finds
 * them next to hvbench and checks the arguments.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backends/backend.h"
#include "util/cli.h"
#include "commands.h"
#include "util/paths.h"
#include "util/proc.h"

static const char testbed_usage[] =
	"usage: hvbench testbed list\n"
	"       hvbench testbed build NAME|all|all@trixie\n"
	"  Emulated test-beds: a whole machine under QEMU TCG, assembled from Debian\n"
	"  packages into a cache ($HVBENCH_CACHE, default ~/.cache/hvbench/testbeds),\n"
	"  each from Debian 12 (bookworm: Linux 6.1, Xen 4.17; the default) or, as\n"
	"  NAME@trixie, from Debian 13 (Linux 6.12, Xen 4.20); 'all' means Debian 12's:\n"
	"    kvm-x86_64    Linux with KVM (AMD SVM + NPT, nested) running refhv\n"
	"    xen-x86_64    Xen + a Linux PV dom0, the guest as a PVH domU (xl create)\n"
	"    kvm-aarch64   Linux at EL2 with KVM (VHE; --testbed kvm-aarch64-nvhe for split\n"
	"                  mode) running refhv-aarch64\n"
	"    xen-aarch64   Xen arm64 + a Linux dom0, the guest as a domU\n"
	"  'list' shows which are built and what each needs; 'build' builds one (or all).\n";

static int usage_error(const char *fmt, const char *arg)
{
	return cli_usage_error("testbed", testbed_usage, fmt, arg);
}

static int exec_script(const struct hvb_paths *paths, const char *script, const char *arg)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/%s", paths->testbeds, script);
	if (!paths_is_executable(path)) {
		fprintf(stderr, "hvbench testbed: %s not found\n", path);
		return CLI_EXIT_FAIL;
	}
	fflush(stdout);
	execl(path, path, arg, (char *)NULL);
	fprintf(stderr, "hvbench testbed: cannot run %s: %m\n", path);
	return CLI_EXIT_FAIL;
}

static void print_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
		       bool truncated)
{
	fprintf(stream == PROC_STDOUT ? stdout : stderr, "%s\n", line);
	(void)ctx, (void)len, (void)truncated;
}

/* Builds every test-bed "all" or "all@REL" names in turn (each distinct
 * script name once). */
static int build_all(const struct hvb_paths *paths, const char *wanted)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/build.sh", paths->testbeds);
	int status = CLI_EXIT_OK;
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		if (!backend_testbed_matches(b, wanted) || strcmp(b->testbed, b->testbed_script) != 0)
			continue;   /* not one asked for, or a second mode of one */
		char *argv[] = { path, (char *)b->testbed_script, NULL };
		struct proc_spec spec = { .argv = argv, .on_line = print_line };
		struct proc_result result;
		if (proc_run(&spec, &result) != 0 || result.outcome != PROC_EXITED ||
		    result.status != 0) {
			fprintf(stderr, "hvbench testbed: building %s failed\n", b->testbed_script);
			status = CLI_EXIT_FAIL;
		}
	}
	return status;
}

int hvb_cmd_testbed(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(testbed_usage, stdout);
		return CLI_EXIT_OK;
	}
	if (argc < 2)
		return usage_error("needs 'list' or 'build NAME'%s", "");
	struct hvb_paths paths;
	if (paths_locate(&paths, backend_host_arch(), NULL, NULL) != 0) {
		fprintf(stderr, "hvbench testbed: cannot read /proc/self/exe\n");
		return CLI_EXIT_FAIL;
	}
	if (strcmp(argv[1], "list") == 0) {
		if (argc != 2)
			return usage_error("unexpected argument '%s'", argv[2]);
		return exec_script(&paths, "build.sh", "--list");
	}
	if (strcmp(argv[1], "build") != 0)
		return usage_error("unknown subcommand '%s' (list or build)", argv[1]);
	if (argc != 3)
		return usage_error("build needs one test-bed name or 'all'%s", "");
	if (strncmp(argv[2], "all", 3) == 0 && (argv[2][3] == '\0' || argv[2][3] == '@')) {
		if (!backend_testbed_known(argv[2]))
			return usage_error("unknown release in '%s' (all, all@trixie)", argv[2]);
		return build_all(&paths, argv[2]);
	}
	const struct backend *b = backend_find_testbed(argv[2]);
	if (!b)
		return usage_error("unknown test-bed '%s'", argv[2]);
	return exec_script(&paths, "build.sh", b->testbed_script);
}
