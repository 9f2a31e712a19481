/*
 * appb.c - main() of the `appb` workload binary: dispatch on the first
 * argument through one table.
 */
#include <stdio.h>
#include <string.h>

#include "appb.h"

static const struct appb_command commands[] = {
	{ "hackbench", "GROUPS FDS LOOPS", appb_hackbench },
	{ "kernbench", "JOBS ROUNDS CC SRCDIR OUTDIR", appb_kernbench },
	{ "net-serve", "PORT", appb_net_serve },
	{ "net-rr", "HOST PORT SECONDS", appb_net_rr },
	{ "net-stream", "HOST PORT SECONDS", appb_net_stream },
	{ "kvload", "HOST PORT SECONDS CONNECTIONS", appb_kvload },
};

static int usage(void)
{
	fputs("usage: appb COMMAND ARGS...\n", stderr);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  appb %s %s\n", commands[i].name, commands[i].usage);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return usage();
}
