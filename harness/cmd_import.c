/*
 * cmd_import.c - `hvbench import OTHER.db [--db FILE]`: merge another
 * hvbench database's runs into this one (store_import.h: deduplicated by
 * run_uuid, hosts merged by fingerprint, one transaction, OTHER untouched).
 */
#include <getopt.h>
#include <stdio.h>

#include "util/cli.h"
#include "commands.h"
#include "store/store.h"
#include "store/store_import.h"

static const char import_usage[] =
	"usage: hvbench import OTHER.db [--db FILE]\n"
	"  Adds the runs of OTHER.db that this database does not have yet (by run_uuid);\n"
	"  importing twice adds nothing.  OTHER.db is only read.\n";

int hvb_cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = hvb_default_db_path();
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db_path = optarg; break;
		case 'h': fputs(import_usage, stdout); return CLI_EXIT_OK;
		case ':': return cli_usage_error("import", import_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("import", import_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("import", import_usage, "wants one database to import");
	const char *other = argv[optind];

	struct hvb_store *st;
	char err[512];
	if (hvb_store_open(db_path, &st, err, sizeof(err))) {
		fprintf(stderr, "hvbench import: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	struct hvb_import_result result;
	int rc = CLI_EXIT_OK;
	if (hvb_store_import(st, other, &result)) {
		fprintf(stderr, "hvbench import: %s\n", hvb_store_error(st));
		rc = CLI_EXIT_FAIL;
	} else {
		printf("imported %zu run%s (%zu results, %zu samples) from %s; %zu already present\n",
		       result.runs_imported, result.runs_imported == 1 ? "" : "s", result.results_imported,
		       result.samples_imported, other, result.runs_skipped);
	}
	hvb_store_close(st);
	return rc;
}
