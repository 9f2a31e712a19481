/*
 * cmd_targets.c - `hvbench targets`: is each exit benchmark's target really
 * what its name says on each backend?
 *
 * For every backend that can tell (refhv: `refhv --devices`; QEMU: the very
 * machine `hvbench run` starts, stopped before its first instruction, asked
 * "info mtree -f" on its monitor) and every target of targets.c, one row:
 * who owns the port or address.  A "user" target must be unassigned; a
 * "kernel" target must be unassigned too, except on refhv, where an
 * ioeventfd must own it.  Xen (PVH has no device model to ask) and the
 * test-beds (refhv or Xen inside) say so instead.  Exit status 1 when a
 * target is claimed by a device.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backends/backend.h"
#include "util/cli.h"
#include "commands.h"
#include "util/paths.h"
#include "util/proc.h"
#include "run/targets.h"

#define MAP_MAX (256 * 1024)   /* QEMU's flat views are ~20 KiB */

static const char targets_usage[] =
	"usage: hvbench targets [--backend NAME] [--arch ARCH] [--refhv PATH]\n"
	"  For each backend that can be asked (refhv --devices; QEMU's memory tree of\n"
	"  the machine hvbench run starts), says who owns each exit benchmark's port or\n"
	"  address.  pio-out-user and mmio-write-user must hit nothing; the kernel\n"
	"  targets an ioeventfd on refhv, nothing elsewhere.  Exit status 1 when a\n"
	"  device claims a target.\n";

struct map_text {
	char *text;
	size_t used;
};

static void collect(void *ctx, enum proc_stream stream, const char *line, size_t len,
		    bool truncated)
{
	struct map_text *m = ctx;
	if (stream != PROC_STDOUT || m->used + len + 2 > MAP_MAX)
		return;
	memcpy(m->text + m->used, line, len);
	m->used += len;
	m->text[m->used++] = '\n';
	m->text[m->used] = '\0';
	(void)truncated;
}

/* Runs argv (stdin from stdin_path, may be NULL); 0 when it exited 0. */
static int run_capture(char *const *argv, const char *stdin_path, struct map_text *m)
{
	struct proc_spec spec = { .argv = argv, .timeout_s = 60, .on_line = collect, .ctx = m,
				  .stdin_path = stdin_path };
	struct proc_result r;
	m->used = 0;
	m->text[0] = '\0';
	return proc_run(&spec, &r) == 0 && r.outcome == PROC_EXITED && r.status == 0 ? 0 : -1;
}

/* The backend's own QEMU command line, stopped (-S), its console on null and
 * the monitor on stdin: the device map is the one `hvbench run` measures. */
static int qemu_map(const struct backend *b, const struct hvb_paths *paths, struct map_text *m,
		    char *why, size_t size)
{
	struct backend_launch launch = { .guest = paths->guest, .cmdline = "", .vcpus = 2 };
	struct backend_argv args;
	backend_argv_init(&args);
	b->build_argv(b, &launch, &args);
	for (int i = 1; i < args.argc; i++)
		if (strcmp(args.argv[i], "stdio") == 0 &&
		    (strcmp(args.argv[i - 1], "-debugcon") == 0 || strcmp(args.argv[i - 1], "-serial") == 0))
			args.argv[i] = "null";
	backend_argv_add(&args, "-S");
	backend_argv_add(&args, "-monitor");
	backend_argv_add(&args, "stdio");
	if (args.overflow) {
		snprintf(why, size, "command line too long");
		return -1;
	}
	char monitor[PATH_MAX];
	const char *tmp = getenv("TMPDIR");
	snprintf(monitor, sizeof(monitor), "%s/hvbench-monitor.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(monitor);
	if (fd < 0) {
		snprintf(why, size, "cannot create a temporary file");
		return -1;
	}
	static const char commands[] = "info mtree -f\nquit\n";
	int ok = write(fd, commands, sizeof(commands) - 1) == (ssize_t)(sizeof(commands) - 1);
	close(fd);
	int rc = ok ? run_capture(args.argv, monitor, m) : -1;
	unlink(monitor);
	if (rc != 0)
		snprintf(why, size, "%s did not answer its monitor", args.argv[0]);
	return rc;
}

/* The refhv that runs guests of arch: the host's build for the host's arch,
 * else the static refhv-aarch64 (test-beds), through qemu-aarch64 (Debian's
 * qemu-user) when this host cannot execute it. */
static int refhv_map(const struct hvb_paths *paths, const char *arch, struct map_text *m,
		     char *why, size_t size)
{
	char binary[PATH_MAX + 16], emulator[PATH_MAX];
	bool native = strcmp(arch, backend_host_arch()) == 0;
	if (native)
		snprintf(binary, sizeof(binary), "%s", paths->refhv);
	else
		snprintf(binary, sizeof(binary), "%s", paths->refhv_arm64);
	if (!paths_is_executable(binary)) {
		snprintf(why, size, "%s not built", binary);
		return -1;
	}
	char *argv[] = { emulator, binary, "--devices", NULL };
	char *const *run = argv;
	if (native || strcmp(arch, "aarch64") != 0) {
		run = argv + 1;
	} else if (!paths_find_program("qemu-aarch64", emulator, sizeof(emulator))) {
		snprintf(why, size, "%s is an arm64 program and qemu-aarch64 (qemu-user) is missing", binary);
		return -1;
	}
	if (run_capture(run, NULL, m) != 0) {
		snprintf(why, size, "%s --devices did not run", binary);
		return -1;
	}
	return 0;
}

/* One row per target of the arch; returns how many are claimed. */
static int check_rows(const struct backend *b, bool is_refhv, const struct map_text *m)
{
	int claimed = 0;
	for (size_t i = 0; i < target_count(); i++) {
		const struct bench_target *t = target_at(i);
		if (strcmp(t->arch, b->arch) != 0)
			continue;
		char owner[128];
		bool ioeventfd = false;
		int rc = is_refhv ? target_owner_refhv(m->text, t->space, t->addr, owner, sizeof(owner), &ioeventfd)
				  : target_owner_qemu(m->text, t->space, t->addr, owner, sizeof(owner));
		const char *verdict;
		bool want_ioeventfd = is_refhv && t->refhv_ioeventfd;
		if (rc != 0)
			verdict = "UNKNOWN (no map)";
		else if (owner[0])
			verdict = "CLAIMED";
		else if (want_ioeventfd && !ioeventfd)
			verdict = "NOT BOUND (no ioeventfd)";
		else
			verdict = want_ioeventfd ? "ok (ioeventfd)" : "ok (unassigned)";
		if (rc != 0 || owner[0] || (want_ioeventfd && !ioeventfd))
			claimed++;
		printf("  %-9s %-8s %-17s %-18s %-4s 0x%-10llx %-12s %s\n", b->name, b->arch,
		       b->testbed, t->benchmark,
		       t->space == TARGET_PORT ? "port" : "mmio", (unsigned long long)t->addr,
		       owner[0] ? owner : (ioeventfd ? "ioeventfd" : "-"), verdict);
	}
	return claimed;
}

static bool wanted(const struct backend *b, const char *name, const char *arch)
{
	return (!name || strcmp(b->name, name) == 0) && (!arch || strcmp(b->arch, arch) == 0);
}

int hvb_cmd_targets(int argc, char **argv)
{
	static const struct option options[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "arch", required_argument, NULL, 'a' },
		{ "refhv", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *arch = NULL, *refhv_override = NULL;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'b': name = strcmp(optarg, "all") == 0 ? NULL : optarg; break;
		case 'a': arch = optarg; break;
		case 'r': refhv_override = optarg; break;
		case 'h': fputs(targets_usage, stdout); return CLI_EXIT_OK;
		case ':': return cli_usage_error("targets", targets_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("targets", targets_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("targets", targets_usage, "unexpected argument '%s'", argv[optind]);
	if (arch && strcmp(arch, "x86_64") != 0 && strcmp(arch, "aarch64") != 0)
		return cli_usage_error("targets", targets_usage, "--arch wants x86_64 or aarch64, got '%s'", arch);
	bool known = false;
	for (size_t i = 0; i < backend_count(); i++)
		known |= !name || strcmp(backend_at(i)->name, name) == 0;
	if (!known)
		return cli_usage_error("targets", targets_usage, "unknown backend '%s'", name);

	struct map_text map = { .text = malloc(MAP_MAX) };
	if (!map.text) {
		fprintf(stderr, "hvbench targets: out of memory\n");
		return CLI_EXIT_FAIL;
	}
	struct hvb_paths host_paths;
	if (paths_locate(&host_paths, backend_host_arch(), refhv_override, NULL) != 0) {
		fprintf(stderr, "hvbench targets: cannot read /proc/self/exe\n");
		free(map.text);
		return CLI_EXIT_FAIL;
	}
	struct backend_host host;
	backend_host_probe(&host, host_paths.refhv, host_paths.testbeds);
	int claimed = 0;
	printf("  %-9s %-8s %-17s %-18s %-17s %-12s %s\n", "BACKEND", "ARCH", "TESTBED", "BENCHMARK",
	       "TARGET", "OWNER", "VERDICT");
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		if (!wanted(b, name, arch))
			continue;
		struct hvb_paths paths;
		if (paths_locate(&paths, b->arch, refhv_override, NULL) != 0) {
			fprintf(stderr, "hvbench targets: cannot read /proc/self/exe\n");
			free(map.text);
			return CLI_EXIT_FAIL;
		}
		char why[BACKEND_REASON_MAX + PATH_MAX];
		/* refhv on the host or inside a KVM test-bed (those rows are "refhv"
		 * too): its map is refhv's for that arch; QEMU: the machine run starts */
		bool is_refhv = strcmp(b->name, "refhv") == 0;
		bool is_qemu = b->build_argv == qemu_build_argv;
		int rc;
		if (is_refhv) {
			rc = refhv_map(&paths, b->arch, &map, why, sizeof(why));
		} else if (is_qemu) {
			rc = b->usable(b, &host, why, sizeof(why)) ? qemu_map(b, &paths, &map, why, sizeof(why)) : -1;
		} else {
			snprintf(why, sizeof(why), "Xen has no device model to ask (PVH, arm64 domU); "
				 "the guest's ports must read all-ones");
			rc = -1;
		}
		if (rc != 0) {
			printf("  %-9s %-8s %-17s not checked: %s\n", b->name, b->arch, b->testbed, why);
			continue;
		}
		claimed += check_rows(b, is_refhv, &map);
	}
	free(map.text);
	if (claimed)
		printf("%d target(s) claimed or unverifiable: those benchmarks do not measure what their "
		       "names say there\n", claimed);
	return claimed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
