/*
 * cmd_list.c - `hvbench list`: the benchmarks the harness knows and the
 * backends, each with whether it is usable here and, if not, why.
 */
#include <getopt.h>
#include <stdio.h>

#include "apps/app_suite.h"
#include "backends/backend.h"
#include "run/benchmarks.h"
#include "util/cli.h"
#include "commands.h"
#include "util/paths.h"

static const char list_usage[] =
	"usage: hvbench list [--refhv PATH]\n"
	"  Lists the benchmarks (name, variants, arch) and the backends with\n"
	"  whether each is usable on this host, and why not.\n";

int hvb_cmd_list(int argc, char **argv)
{
	static const struct option options[] = {
		{ "refhv", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *refhv_override = NULL;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'r': refhv_override = optarg; break;
		case 'h': fputs(list_usage, stdout); return CLI_EXIT_OK;
		case ':': return cli_usage_error("list", list_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("list", list_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("list", list_usage, "unexpected argument '%s'", argv[optind]);

	printf("benchmarks:\n  %-18s %-10s %-8s %s\n", "NAME", "VARIANTS", "ARCH", "WHAT");
	for (size_t i = 0; i < benchmark_count(); i++) {
		const struct benchmark_info *b = benchmark_at(i);
		printf("  %-18s %-10s %-8s %s\n", b->name, b->variants, b->arch, b->description);
	}

	struct hvb_paths paths;
	if (paths_locate(&paths, "x86_64", refhv_override, NULL) != 0) {
		fprintf(stderr, "hvbench list: cannot read /proc/self/exe\n");
		return CLI_EXIT_FAIL;
	}
	struct backend_host host;
	backend_host_probe(&host, paths.refhv, paths.testbeds);
	printf("\nbackends:\n  %-10s %-8s %-10s %-8s %s\n", "NAME", "ARCH", "HYPERVISOR", "TESTBED", "USABLE");
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		char reason[BACKEND_REASON_MAX];
		bool usable = b->usable(b, &host, reason, sizeof(reason));
		char hypervisor[32];
		snprintf(hypervisor, sizeof(hypervisor), "%s%s", b->hypervisor, b->emulated ? "*" : "");
		printf("  %-10s %-8s %-10s %-8s %s%s%s\n", b->name, b->arch, hypervisor, b->testbed,
		       usable ? "yes" : "no (", usable ? "" : reason, usable ? "" : ")");
	}
	printf("  (* emulated: its numbers are emulation costs, not hardware facts)\n");
	struct app_paths app_paths;
	app_paths_locate(&paths, &app_paths);
	app_list_print(stdout, &host, &app_paths);
	return CLI_EXIT_OK;
}
