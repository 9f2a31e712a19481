/*
 * cmd_env.c - `hvbench env [--json] [--xml]`: print the host environment
 * exactly as `run` records it.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "util/cli.h"
#include "commands.h"
#include "host/env.h"
#include "util/json.h"

static const char env_usage[] =
	"usage: hvbench env [--json] [--xml]\n"
	"  Prints the host environment recorded with every run.\n"
	"  --json  one JSON object instead of 'key: value' lines\n"
	"  --xml   include the hwloc topology XML\n";

struct json_writer {
	bool first;
};

static void print_text_pair(void *ctx, const char *key, const char *value)
{
	printf("%-36s %s\n", key, value);
}

static void print_json_pair(void *ctx, const char *key, const char *value)
{
	struct json_writer *writer = ctx;
	fputs(writer->first ? "\n  " : ",\n  ", stdout);
	writer->first = false;
	json_string(stdout, key);
	fputs(": ", stdout);
	json_string(stdout, value);
}

int hvb_cmd_env(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "xml", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool as_json = false, with_xml = false;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'j': as_json = true; break;
		case 'x': with_xml = true; break;
		case 'h': fputs(env_usage, stdout); return CLI_EXIT_OK;
		default: return cli_usage_error("env", env_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("env", env_usage, "unexpected argument '%s'", argv[optind]);

	struct host_env env;
	host_env_capture(&env);
	if (as_json) {
		struct json_writer writer = { true };
		fputc('{', stdout);
		host_env_each(&env, with_xml, print_json_pair, &writer);
		fputs("\n}\n", stdout);
	} else {
		host_env_each(&env, with_xml, print_text_pair, NULL);
	}
	host_env_free(&env);
	return CLI_EXIT_OK;
}
