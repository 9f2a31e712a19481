/*
 * cmd_export.c - `hvbench export --format csv|json [--samples] [RUN...]`:
 * stored runs for other tools.
 *
 *  csv   one table on stdout (RFC 4180, CRLF): the `summary` view's rows
 *        plus run_uuid; with --samples one row per stored sample instead,
 *        each carrying its benchmark's summary columns (long format).
 *  json  {"format":"hvbench-export","version":1,"runs":[{run columns...,
 *        "tags":{...},"env":{...},"results":[{summary columns...,
 *        "samples":[...] with --samples}]}]}
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "commands.h"
#include "figures/export_writers.h"
#include "util/json.h"
#include "store/run_filter.h"
#include "store/store.h"

#define EXPORT_MAX_RUNS 4096

static const char export_usage[] =
	"usage: hvbench export --format csv|json [--samples] [--where KEY=VALUE]... [--db FILE] [RUN...]\n"
	"  RUN: a run id, 'latest' or KEY=VALUE; default every run (that passes --where).\n"
	"  csv: summary rows (with --samples: one row per sample, with its summary columns).\n"
	"  json: runs with tags, environment, results (and samples).\n";

struct export_request {
	const char *db_path;
	bool json, samples;
	struct hvb_run_filter filter;
	char **specs;
	int n_specs;
};

struct run_list {
	int64_t ids[EXPORT_MAX_RUNS];
	size_t count;
};

static const char summary_sql[] =
	"SELECT s.*, r.run_uuid FROM summary AS s JOIN runs AS r ON r.run_id = s.run_id "
	"WHERE s.run_id = ? ORDER BY s.result_id";
static const char samples_sql[] =
	"SELECT s.*, r.run_uuid, x.kind AS sample_kind, x.batch AS sample_batch, "
	"x.iters AS sample_iters, x.value AS sample_value, "
	"CASE x.kind WHEN 'op' THEN x.value - coalesce(s.empty_median, 0) END AS sample_net "
	"FROM summary AS s JOIN runs AS r ON r.run_id = s.run_id "
	"JOIN samples AS x ON x.result_id = s.result_id WHERE s.run_id = ? "
	"ORDER BY s.result_id, x.kind DESC, x.batch";

static int add_id(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct run_list *list = ctx;
	if (list->count == EXPORT_MAX_RUNS)
		return 1;
	list->ids[list->count++] = (int64_t)cells[0].number;
	return 0;
}

static int select_runs(struct hvb_store *st, const struct export_request *req, struct run_list *list)
{
	list->count = 0;
	for (int i = 0; i < req->n_specs; i++) {
		if (list->count == EXPORT_MAX_RUNS ||
		    hvb_resolve_run_spec(st, req->specs[i], &req->filter, &list->ids[list->count]))
			return -1;
		list->count++;
	}
	if (req->n_specs)
		return 0;
	char sql[4096] = "SELECT run_id FROM runs WHERE 1";
	const char *params[HVB_FILTER_PARAMS];
	size_t n = 0;
	if (hvb_filter_sql(&req->filter, "run_id", sql, sizeof(sql), params, &n, HVB_FILTER_PARAMS))
		return hvb_store_fail(st, "too many conditions");
	strncat(sql, " ORDER BY run_id", sizeof(sql) - strlen(sql) - 1);
	return hvb_store_query(st, sql, params, n, add_id, list);
}

static int export_csv(struct hvb_store *st, const struct export_request *req, const struct run_list *runs)
{
	struct csv_writer w = { stdout, false };
	for (size_t i = 0; i < runs->count; i++) {
		char id[32];
		snprintf(id, sizeof(id), "%" PRId64, runs->ids[i]);
		const char *params[] = { id };
		if (hvb_store_query(st, req->samples ? samples_sql : summary_sql, params, 1, csv_write_row, &w))
			return -1;
	}
	return 0;
}

/* ---- json ------------------------------------------------------------------- */

struct json_ctx {
	struct hvb_store *st;
	bool samples;
	size_t count;
};

static int json_object_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct json_ctx *j = ctx;
	printf("%s{", j->count++ ? "," : "");
	json_members(stdout, n, names, cells);
	putchar('}');
	return 0;
}

static int json_members_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	json_members(stdout, n, names, cells);
	return 0;
}

static int json_pair_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct json_ctx *j = ctx;
	printf("%s", j->count++ ? "," : "");
	json_string(stdout, cells[0].text);
	putchar(':');
	json_string(stdout, cells[1].text);
	return 0;
}

static int json_result_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct json_ctx *j = ctx;
	printf("%s{", j->count++ ? "," : "");
	json_members(stdout, n, names, cells);
	if (j->samples) {
		const char *params[] = { cells[0].text };
		struct json_ctx inner = { j->st, false, 0 };
		fputs(",\"samples\":[", stdout);
		if (hvb_store_query(j->st, "SELECT kind, batch, iters, value FROM samples "
				    "WHERE result_id = ? ORDER BY kind DESC, batch", params, 1,
				    json_object_row, &inner))
			return -1;
		putchar(']');
	}
	putchar('}');
	return 0;
}

static int json_section(struct hvb_store *st, const char *name, const char *sql, const char *id,
			hvb_row_fn fn, bool samples, const char *open, const char *close)
{
	const char *params[] = { id };
	struct json_ctx j = { st, samples, 0 };
	printf(",\"%s\":%s", name, open);
	int rc = hvb_store_query(st, sql, params, 1, fn, &j);
	fputs(close, stdout);
	return rc;
}

static int export_json(struct hvb_store *st, const struct export_request *req, const struct run_list *runs)
{
	printf("{\"format\":\"hvbench-export\",\"version\":1,\"schema_version\":%d,\"runs\":[",
	       HVB_SCHEMA_VERSION);
	for (size_t i = 0; i < runs->count; i++) {
		char id[32];
		snprintf(id, sizeof(id), "%" PRId64, runs->ids[i]);
		const char *params[] = { id };
		printf("%s{", i ? "," : "");
		/* the run's own columns, then its sections */
		if (hvb_store_query(st, "SELECT r.run_id, r.run_uuid, r.started_at, r.finished_at, "
				    "r.status, r.message, h.hostname AS host, h.cpu_model, h.fingerprint, "
				    "r.arch, r.backend, r.hypervisor, r.hypervisor_version, r.testbed, "
				    "r.emulated, r.guest_sha256, r.guest_build_id, r.tick_hz, r.tick_source, "
				    "r.vcpus, r.pinned, r.hvbench_version, r.command_line FROM runs AS r "
				    "JOIN hosts AS h ON h.host_id = r.host_id WHERE r.run_id = ?",
				    params, 1, json_members_row, NULL))
			return -1;
		if (json_section(st, "tags", "SELECT key, value FROM run_tags WHERE run_id = ? ORDER BY key",
				 id, json_pair_row, false, "{", "}") ||
		    json_section(st, "env", "SELECT key, value FROM run_env WHERE run_id = ? AND "
				 "key != 'hwloc.xml' ORDER BY key", id, json_pair_row, false, "{", "}") ||
		    json_section(st, "results", "SELECT * FROM summary WHERE run_id = ? ORDER BY result_id",
				 id, json_result_row, req->samples, "[", "]"))
			return -1;
		putchar('}');
	}
	printf("]}\n");
	return 0;
}

static int parse(int argc, char **argv, struct export_request *req)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' }, { "samples", no_argument, NULL, 's' },
		{ "where", required_argument, NULL, 'w' },  { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
	};
	bool have_format = false;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0)
				return cli_usage_error("export", export_usage, "--format is csv or json, not '%s'", optarg);
			req->json = strcmp(optarg, "json") == 0;
			have_format = true;
			break;
		case 's': req->samples = true; break;
		case 'd': req->db_path = optarg; break;
		case 'w':
			if (hvb_filter_add(&req->filter, optarg))
				return cli_usage_error("export", export_usage, "--where wants KEY=VALUE, got '%s'", optarg);
			break;
		case 'h': fputs(export_usage, stdout); return -1;
		case ':': return cli_usage_error("export", export_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("export", export_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (!have_format)
		return cli_usage_error("export", export_usage, "--format is required");
	req->specs = argv + optind;
	req->n_specs = argc - optind;
	return 0;
}

int hvb_cmd_export(int argc, char **argv)
{
	struct export_request req = { .db_path = hvb_default_db_path() };
	int rc = parse(argc, argv, &req);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	struct hvb_store *st;
	char err[512];
	if (hvb_store_open_existing(req.db_path, &st, err, sizeof(err))) {
		fprintf(stderr, "hvbench export: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	struct run_list *runs = calloc(1, sizeof(*runs));
	rc = runs ? select_runs(st, &req, runs) : hvb_store_fail(st, "out of memory");
	if (rc == 0)
		rc = req.json ? export_json(st, &req, runs) : export_csv(st, &req, runs);
	free(runs);
	if (rc) {
		fflush(stdout);
		fprintf(stderr, "hvbench export: %s\n", hvb_store_error(st));
	}
	hvb_store_close(st);
	return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
