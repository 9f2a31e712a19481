/*
 * main.c - hvbench's entry point: dispatch to a subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "util/cli.h"
#include "cmd_show.h"
#include "commands.h"
#include "host/env.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "run",  hvb_cmd_run,  "boot the guest on a backend, measure, store a run" },
	{ "list", hvb_cmd_list, "benchmarks and backends, and whether each is usable here" },
	{ "env",  hvb_cmd_env,  "the host environment as recorded with every run" },
	{ "show", hvb_cmd_show, "print a stored run" },
	{ "plot", hvb_cmd_plot, "figures: bar charts per arch, four-way, TLB sweep, apps" },
	{ "compare", hvb_cmd_compare, "compare two runs: ratios, CIs, p-values, verdicts" },
	{ "history", hvb_cmd_history, "a benchmark's medians over runs, with change points" },
	{ "export", hvb_cmd_export, "summaries (and samples) as CSV or JSON" },
	{ "import", hvb_cmd_import, "merge the runs of another hvbench database" },
	{ "report", hvb_cmd_report, "a self-contained HTML report of runs" },
	{ "overhead", hvb_cmd_overhead, "refhv vs a bare KVM_RUN loop vs QEMU microvm" },
	{ "testbed", hvb_cmd_testbed, "emulated test-beds: list them, build one" },
	{ "targets", hvb_cmd_targets, "who owns each exit benchmark's port or address, per backend" },
};

static void print_usage(FILE *out)
{
	fprintf(out, "usage: hvbench COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'hvbench COMMAND --help' describes a command's options.\n"
		     "The database is $HVBENCH_DB, else ./hvbench.db, unless --db is given.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		print_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0) {
		printf("hvbench %s\n", HVB_VERSION);
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "hvbench: unknown command '%s'\n", name);
	print_usage(stderr);
	return CLI_EXIT_USAGE;
}
