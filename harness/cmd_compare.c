/*
 * cmd_compare.c - `hvbench compare RUN_A RUN_B`: per benchmark, both
 * medians, the ratio B/A with a 95% bootstrap CI, a Mann-Whitney p-value
 * and a verdict (rules in verdict.h).  Exit status: 0 nothing regressed,
 * 1 something is slower beyond the threshold, 2 usage or any other error
 * (so that 1 always means a regression), 3 the runs
 * are not comparable (different host/test-bed/arch/unit, or different
 * virtualization mechanisms: mech.* keys; --force overrides).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "util/cli.h"
#include "commands.h"
#include "compare/compare_runs.h"
#include "util/json.h"
#include "store/run_filter.h"
#include "store/store.h"

#define EXIT_NOT_COMPARABLE 3

static const char compare_usage[] =
	"usage: hvbench compare RUN_A RUN_B [--threshold PCT] [--alpha P] [--force]\n"
	"                       [--where KEY=VALUE]... [--db FILE] [--json]\n"
	"  RUN is a run id, 'latest' or KEY=VALUE (the newest run with that tag/env/column).\n"
	"  B is slower when the Mann-Whitney p < alpha (default 0.01) AND the 95% bootstrap\n"
	"  CI of median(B)/median(A) lies above 1 + threshold (default 5%); faster likewise.\n"
	"  Exit: 0 no regression, 1 regression, 2 usage/error, 3 runs not comparable: another\n"
	"  host, test-bed (its releases, NAME and NAME@trixie, are comparable), arch, units,\n"
	"  or virtualization mechanisms (mech.* keys) (see --force).\n";

struct compare_request {
	const char *db_path, *spec_a, *spec_b;
	struct hvb_verdict_options options;
	struct hvb_run_filter filter;
	bool force, json;
};

static int parse(int argc, char **argv, struct compare_request *req)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },  { "threshold", required_argument, NULL, 't' },
		{ "alpha", required_argument, NULL, 'a' }, { "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },      { "where", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },      { NULL, 0, NULL, 0 },
	};
	char *end;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'd': req->db_path = optarg; break;
		case 't':
			req->options.threshold = strtod(optarg, &end) / 100.0;
			if (*end || end == optarg || !(req->options.threshold >= 0 && req->options.threshold <= 100))
				return cli_usage_error("compare", compare_usage, "--threshold wants a percentage, got '%s'", optarg);
			break;
		case 'a':
			req->options.alpha = strtod(optarg, &end);
			if (*end || end == optarg || !(req->options.alpha > 0 && req->options.alpha < 1))
				return cli_usage_error("compare", compare_usage, "--alpha wants a number in (0, 1), got '%s'", optarg);
			break;
		case 'f': req->force = true; break;
		case 'j': req->json = true; break;
		case 'w':
			if (hvb_filter_add(&req->filter, optarg))
				return cli_usage_error("compare", compare_usage, "--where wants KEY=VALUE, got '%s'", optarg);
			break;
		case 'h': fputs(compare_usage, stdout); return -1;
		case ':': return cli_usage_error("compare", compare_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("compare", compare_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("compare", compare_usage, "wants two runs, got %d", argc - optind);
	req->spec_a = argv[optind];
	req->spec_b = argv[optind + 1];
	return 0;
}

static void print_number(double value)
{
	if (isnan(value))
		printf(" %10s", "-");
	else
		printf(" %10.1f", value);
}

static void print_text(const struct compare_request *req, const struct hvb_run_facts *fa,
		       const struct hvb_run_facts *fb, const struct hvb_compare_set *set)
{
	printf("A = run %lld (%s, %s @ %s)   B = run %lld (%s, %s @ %s)\n",
	       (long long)set->run_a, fa->host, fa->backend, fa->testbed,
	       (long long)set->run_b, fb->host, fb->backend, fb->testbed);
	printf("\n%-18s %-10s %-7s %4s %4s %10s %10s %7s %17s %9s  %s\n", "benchmark", "variant", "unit",
	       "nA", "nB", "median A", "median B", "B/A", "95% CI of B/A", "p", "verdict");
	bool warned = false;
	for (size_t i = 0; i < set->count; i++) {
		const struct hvb_compare_row *r = &set->rows[i];
		const struct hvb_comparison *c = &r->cmp;
		printf("%-18s %-10s %-7s %4zu %4zu", r->benchmark, r->variant,
		       r->unit_a[0] ? r->unit_a : r->unit_b, c->n_a, c->n_b);
		print_number(c->median_a);
		print_number(c->median_b);
		char ci[48] = "-", ratio[16] = "-", p[16] = "-";
		if (!isnan(c->ratio))
			snprintf(ratio, sizeof(ratio), "%.3f", c->ratio);
		if (!isnan(c->ratio_low))
			snprintf(ci, sizeof(ci), "[%.3f, %.3f]", c->ratio_low, c->ratio_high);
		if (!isnan(c->p))
			snprintf(p, sizeof(p), "%.2g%s", c->p, c->p_exact ? "" : "*");
		const char *verdict = hvb_verdict_name(c->verdict);
		char why[64] = "";
		if (c->verdict == HVB_NOT_COMPARABLE && !r->status_a[0])
			snprintf(why, sizeof(why), " (only in B)");
		else if (c->verdict == HVB_NOT_COMPARABLE && !r->status_b[0])
			snprintf(why, sizeof(why), " (only in A)");
		else if (c->verdict == HVB_NOT_COMPARABLE)
			snprintf(why, sizeof(why), " (A %s, B %s)", r->status_a, r->status_b);
		printf(" %7s %17s %9s  %s%s%s%s\n", ratio, ci, p,
		       c->verdict == HVB_SLOWER ? "SLOWER" : verdict, why,
		       c->few_samples ? " [few samples]" : "",
		       strcmp(r->unit_a, r->unit_b) && r->unit_a[0] && r->unit_b[0] ? " [units differ]" : "");
		warned |= c->few_samples;
		if (r->two_state[0])
			printf("%-18s   (%s)\n", "", r->two_state);
	}
	printf("\nslower if p < %g and the CI of B/A lies above %.3f; faster if below %.3f.\n"
	       "p: two-sided Mann-Whitney U, exact (* = normal approximation with tie correction);\n"
	       "CI: percentile bootstrap (%d resamples, fixed seed) of median(B)/median(A) over the\n"
	       "stored net samples (empty loop subtracted).\n",
	       req->options.alpha, 1 + req->options.threshold, 1 - req->options.threshold,
	       HVB_BOOT_RESAMPLES);
	if (warned)
		printf("warning: fewer than %d samples on a side: the test has little power "
		       "(run with more --batches).\n", HVB_VERDICT_FEW_SAMPLES);
	printf("%zu slower, %zu faster, %zu compared\n", set->slower, set->faster, set->count);
}

/* ,"name":value pairs of the JSON output */
static void field_text(const char *name, const char *value)
{
	printf(",\"%s\":", name);
	json_string(stdout, value);
}

static void field_number(const char *name, double value)
{
	printf(",\"%s\":", name);
	json_number(stdout, value);
}

static void json_run(const char *key, int64_t id, const struct hvb_run_facts *f)
{
	printf("\"%s\":{\"run_id\":%lld", key, (long long)id);
	field_text("host", f->host);
	field_text("backend", f->backend);
	field_text("testbed", f->testbed);
	field_text("arch", f->arch);
	printf("}");
}

static void json_row(const struct hvb_compare_row *r)
{
	const struct hvb_comparison *c = &r->cmp;
	printf("{\"benchmark\":");
	json_string(stdout, r->benchmark);
	field_text("variant", r->variant);
	field_text("unit", r->unit_a[0] ? r->unit_a : r->unit_b);
	printf(",\"n_a\":%zu,\"n_b\":%zu", c->n_a, c->n_b);
	field_number("median_a", c->median_a);
	field_number("median_b", c->median_b);
	field_number("ratio", c->ratio);
	field_number("ratio_ci_low", c->ratio_low);
	field_number("ratio_ci_high", c->ratio_high);
	field_number("p", c->p);
	printf(",\"p_exact\":%s,\"few_samples\":%s", c->p_exact ? "true" : "false",
	       c->few_samples ? "true" : "false");
	field_text("verdict", hvb_verdict_name(c->verdict));
	field_text("two_state", r->two_state);
	printf("}");
}

static void print_json(const struct compare_request *req, const struct hvb_run_facts *fa,
		       const struct hvb_run_facts *fb, const struct hvb_compare_set *set)
{
	printf("{");
	json_run("a", set->run_a, fa);
	printf(",");
	json_run("b", set->run_b, fb);
	field_number("threshold", req->options.threshold);
	field_number("alpha", req->options.alpha);
	printf(",\"slower\":%zu,\"faster\":%zu,\"results\":[", set->slower, set->faster);
	for (size_t i = 0; i < set->count; i++) {
		if (i)
			putchar(',');
		json_row(&set->rows[i]);
	}
	printf("]}\n");
}

static int compare(struct hvb_store *st, const struct compare_request *req)
{
	int64_t a, b;
	if (hvb_resolve_run_spec(st, req->spec_a, &req->filter, &a) ||
	    hvb_resolve_run_spec(st, req->spec_b, &req->filter, &b)) {
		fprintf(stderr, "hvbench compare: %s\n", hvb_store_error(st));
		return CLI_EXIT_USAGE;
	}
	struct hvb_run_facts fa, fb;
	if (hvb_run_facts_get(st, a, &fa) || hvb_run_facts_get(st, b, &fb)) {
		fprintf(stderr, "hvbench compare: %s\n", hvb_store_error(st));
		return CLI_EXIT_USAGE;
	}
	char why[512];
	if (!hvb_runs_comparable(&fa, &fb, why, sizeof(why)) && !req->force) {
		fprintf(stderr, "hvbench compare: runs %lld and %lld are not comparable: %s "
			"(--force compares them anyway)\n", (long long)a, (long long)b, why);
		return EXIT_NOT_COMPARABLE;
	}
	int mechanisms = hvb_mechanisms_differ(st, a, b, why, sizeof(why));
	if (mechanisms < 0) {
		fprintf(stderr, "hvbench compare: %s\n", hvb_store_error(st));
		return CLI_EXIT_USAGE;
	}
	if (mechanisms > 0) {
		fprintf(stderr, "hvbench compare: runs %lld and %lld ran on different mechanisms: %s%s\n",
			(long long)a, (long long)b, why,
			req->force ? "; compared anyway (--force)" : " (--force compares them anyway)");
		if (!req->force)
			return EXIT_NOT_COMPARABLE;
	}
	struct hvb_compare_set set;
	if (hvb_compare_runs(st, a, b, &req->options, &set)) {
		fprintf(stderr, "hvbench compare: %s\n", hvb_store_error(st));
		return CLI_EXIT_USAGE;
	}
	int status = set.slower ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	if (set.units_differ && !req->force) {
		fprintf(stderr, "hvbench compare: runs %lld and %lld measure %zu benchmark(s) in different "
			"units (--force compares them anyway)\n", (long long)a, (long long)b, set.units_differ);
		status = EXIT_NOT_COMPARABLE;
	} else if (req->json) {
		print_json(req, &fa, &fb, &set);
	} else {
		print_text(req, &fa, &fb, &set);
	}
	if (strcmp(fa.testbed, fb.testbed) != 0)
		fprintf(stderr, "hvbench compare: note: test-bed %s against %s: another Debian release "
			"(its kernel, Xen; see hvbench show)\n", fa.testbed, fb.testbed);
	if (strcmp(fa.guest_sha256, fb.guest_sha256) != 0)
		fprintf(stderr, "hvbench compare: note: the runs used different guest builds\n");
	hvb_compare_set_free(&set);
	return status;
}

int hvb_cmd_compare(int argc, char **argv)
{
	struct compare_request req = {
		.db_path = hvb_default_db_path(),
		.options = { HVB_VERDICT_THRESHOLD, HVB_VERDICT_ALPHA },
	};
	int rc = parse(argc, argv, &req);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	struct hvb_store *st;
	char err[512];
	if (hvb_store_open_existing(req.db_path, &st, err, sizeof(err))) {
		fprintf(stderr, "hvbench compare: %s\n", err);
		return CLI_EXIT_USAGE;
	}
	rc = compare(st, &req);
	hvb_store_close(st);
	return rc;
}
