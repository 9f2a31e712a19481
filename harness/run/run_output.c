/*
 * run_output.c - print a stored run: a summary table for people, or one
 * JSON document for scripts.  Both read back from the store, so they show
 * exactly what was stored.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/json.h"
#include "run/run.h"
#include "run/run_warnings.h"

/* Formats a number in a column; "-" for NaN. */
static void format_value(double value, char *out, size_t size)
{
	if (isnan(value))
		snprintf(out, size, "-");
	else if (fabs(value) >= 100000)
		snprintf(out, size, "%.0f", value);
	else
		snprintf(out, size, "%.1f", value);
}

static double to_ns(double ticks, uint64_t tick_hz)
{
	return tick_hz ? ticks * 1e9 / (double)tick_hz : NAN;
}

int run_print_table(struct hvb_store *store, const struct run_plan *plan,
		    const struct run_outcome *run)
{
	struct hvb_summary_row *rows;
	size_t count;
	if (hvb_store_run_summary(store, run->run_id, &rows, &count) != 0) {
		fprintf(stderr, "hvbench run: cannot read run %lld back: %s\n",
			(long long)run->run_id, hvb_store_error(store));
		return -1;
	}
	const struct backend *b = run->backend;
	printf("\nrun %lld: backend %s (%s %s%s), testbed %s, %s, vCPUs %s\n",
	       (long long)run->run_id, b->name, b->hypervisor, run->hypervisor_version,
	       b->emulated ? ", emulated" : "", b->testbed,
	       run->status == HVB_RUN_COMPLETE ? "complete" : "failed",
	       run->pinned ? "pinned" : "not pinned");
	if (run->tick_hz)
		printf("tick %.6g GHz (%s); values are per operation, loop overhead subtracted\n",
		       run->tick_hz / 1e9, run->tick_source);
	printf("%-18s %-10s %-12s %12s %25s %7s %-7s%s\n", "benchmark", "variant", "status",
	       "median", "p25-p75", "cv", "unit", run->tick_hz ? " median-ns" : "");
	for (size_t i = 0; i < count; i++) {
		const struct hvb_summary_row *row = &rows[i];
		char median[32], p25[32], p75[32], range[72], cv[16], ns[32];
		format_value(row->median, median, sizeof(median));
		format_value(row->p25, p25, sizeof(p25));
		format_value(row->p75, p75, sizeof(p75));
		if (isnan(row->p25))
			snprintf(range, sizeof(range), "-");
		else
			snprintf(range, sizeof(range), "%s-%s", p25, p75);
		if (isnan(row->cv))
			snprintf(cv, sizeof(cv), "-");
		else
			snprintf(cv, sizeof(cv), "%.1f%%", row->cv * 100);
		format_value(to_ns(row->median, run->tick_hz), ns, sizeof(ns));
		printf("%-18s %-10s %-12s %12s %25s %7s %-7s%s%9s\n", row->benchmark, row->variant,
		       row->status, median, range, cv, row->unit, run->tick_hz ? " " : "",
		       run->tick_hz ? ns : "");
		if (row->reason && *row->reason)   /* beside ok: the guest's note on its numbers */
			printf("  %s: %s\n", strcmp(row->status, "ok") ? row->status : "note", row->reason);
	}
	run_print_mode_warnings(stdout, store, run->run_id, rows, count);
	run_print_warnings(stdout, plan, run, rows, count);
	hvb_summary_rows_free(rows, count);
	return 0;
}

static void json_key(FILE *out, const char *key)
{
	json_string(out, key);
	fputs(": ", out);
}

static void print_json_row(const struct hvb_summary_row *row, uint64_t tick_hz)
{
	fputs("        {", stdout);
	json_key(stdout, "benchmark"); json_string(stdout, row->benchmark);
	fputs(", ", stdout); json_key(stdout, "variant"); json_string(stdout, row->variant);
	fputs(", ", stdout); json_key(stdout, "status"); json_string(stdout, row->status);
	fputs(", ", stdout); json_key(stdout, "reason");
	json_string(stdout, row->reason && *row->reason ? row->reason : NULL);
	fputs(", ", stdout); json_key(stdout, "unit"); json_string(stdout, row->unit);
	fprintf(stdout, ", \"n\": %ld", row->n);
	fputs(", ", stdout); json_key(stdout, "median"); json_number(stdout, row->median);
	fputs(", ", stdout); json_key(stdout, "p25"); json_number(stdout, row->p25);
	fputs(", ", stdout); json_key(stdout, "p75"); json_number(stdout, row->p75);
	fputs(", ", stdout); json_key(stdout, "ci_low"); json_number(stdout, row->ci_low);
	fputs(", ", stdout); json_key(stdout, "ci_high"); json_number(stdout, row->ci_high);
	fputs(", ", stdout); json_key(stdout, "cv"); json_number(stdout, row->cv);
	fputs(", ", stdout); json_key(stdout, "empty_median"); json_number(stdout, row->empty_median);
	fputs(", ", stdout); json_key(stdout, "median_ns"); json_number(stdout, to_ns(row->median, tick_hz));
	fputs("}", stdout);
}

int run_print_json(struct hvb_store *store, const struct run_plan *plan,
		   const struct run_outcome *runs, size_t count)
{
	printf("{\n  \"db\": ");
	json_string(stdout, plan->db_path);
	printf(",\n  \"guest_sha256\": ");
	json_string(stdout, plan->guest_sha256);
	printf(",\n  \"runs\": [");
	int status = 0;
	for (size_t i = 0; i < count; i++) {
		const struct run_outcome *run = &runs[i];
		printf("%s\n    {\"run_id\": %lld, \"backend\": ", i ? "," : "", (long long)run->run_id);
		json_string(stdout, run->backend->name);
		printf(", \"hypervisor\": ");
		json_string(stdout, run->backend->hypervisor);
		printf(", \"hypervisor_version\": ");
		json_string(stdout, run->hypervisor_version);
		printf(", \"testbed\": ");
		json_string(stdout, run->backend->testbed);
		printf(", \"emulated\": %s, \"pinned\": %s, \"status\": ",
		       run->backend->emulated ? "true" : "false", run->pinned ? "true" : "false");
		json_string(stdout, hvb_run_status_name(run->status));
		printf(", \"tick_hz\": ");
		if (run->tick_hz)
			printf("%llu", (unsigned long long)run->tick_hz);
		else
			printf("null");
		printf(", \"tick_source\": ");
		json_string(stdout, run->tick_source);
		printf(",\n      \"results\": [");
		struct hvb_summary_row *rows = NULL;
		size_t n = 0;
		if (run->run_id > 0 && hvb_store_run_summary(store, run->run_id, &rows, &n) != 0) {
			fprintf(stderr, "hvbench run: cannot read run %lld back: %s\n",
				(long long)run->run_id, hvb_store_error(store));
			status = -1;
		}
		for (size_t j = 0; j < n; j++) {
			fputs(j ? ",\n" : "\n", stdout);
			print_json_row(&rows[j], run->tick_hz);
		}
		if (rows)
			hvb_summary_rows_free(rows, n);
		printf("]}");
	}
	printf("\n  ]\n}\n");
	return status;
}
