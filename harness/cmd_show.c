/*
 * cmd_show.c - `hvbench show [--db FILE] [RUN|latest]`: one stored run as
 * a header (where and how it ran) and a table of its benchmark summaries.
 */
#include "cmd_show.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/run_filter.h"
#include "run/run_warnings.h"
#include "store/store.h"

#define SHOW_USAGE "usage: hvbench show [--db FILE] [--where KEY=VALUE]... [RUN|latest|KEY=VALUE]\n"

/* Environment keys worth a line in the header, in this order. */
static const char *const env_highlights[] = {
	"cpu.model", "cpu.microcode", "kernel", "governor", "smt", "topology.cores",
	"topology.pus", "qemu.version", "kvm.modules", "guest.hv", "guest.boot",
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static bool is_emulated(const struct hvb_run_header *h)
{
	return h->emulated || (h->backend && strcmp(h->backend, "qemu-tcg") == 0);
}

static const char *env_value(const struct hvb_kv *env, size_t n_env, const char *key)
{
	for (size_t i = 0; i < n_env; i++)
		if (strcmp(env[i].key, key) == 0)
			return env[i].value;
	return NULL;
}

/* A test-bed's software: "Debian 13 (trixie), kernel 6.12.118-1, Xen
 * 4.20.5-pre (package ...), QEMU 7.2.22 tcg" (what the run recorded). */
static void print_versions(const struct hvb_kv *env, size_t n_env)
{
	const char *release = env_value(env, n_env, "testbed.release");
	const char *debian = env_value(env, n_env, "testbed.debian");
	const char *kernel = env_value(env, n_env, "testbed.kernel_version");
	const char *xen = env_value(env, n_env, "testbed.xen_version");
	const char *xen_pkg = env_value(env, n_env, "testbed.xen_package");
	const char *qemu = env_value(env, n_env, "testbed.qemu");
	if (!release && !kernel && !xen && !qemu)
		return;
	printf("  versions    Debian %s (%s), kernel %s", or_dash(debian), or_dash(release), or_dash(kernel));
	if (xen || xen_pkg)
		printf(", Xen %s (package %s)", or_dash(xen), or_dash(xen_pkg));
	printf(", QEMU %s %s\n", or_dash(qemu), or_dash(env_value(env, n_env, "testbed.accel")));
}

static void print_header(const struct hvb_run_header *h, const struct hvb_kv *env, size_t n_env,
			 const struct hvb_kv *tags, size_t n_tags)
{
	printf("run %lld  %s  %s\n", (long long)h->run_id, or_dash(h->started_at), or_dash(h->status));
	if (h->message)
		printf("  message     %s\n", h->message);
	printf("  host        %s (%s)\n", or_dash(h->hostname), or_dash(h->cpu_model));
	printf("  backend     %s  testbed %s%s  arch %s\n", or_dash(h->backend), or_dash(h->testbed),
	       is_emulated(h) ? "  EMULATED (emulator timings, not hardware)" : "", or_dash(h->arch));
	printf("  hypervisor  %s %s\n", or_dash(h->hypervisor), h->hypervisor_version ? h->hypervisor_version : "");
	printf("  guest       %s  sha256 %s  build %s\n", or_dash(h->guest_path),
	       or_dash(h->guest_sha256), or_dash(h->guest_build_id));
	if (h->tick_hz)
		printf("  tick        %llu Hz (%s)", (unsigned long long)h->tick_hz, or_dash(h->tick_source));
	else
		printf("  tick        unknown frequency (%s)", or_dash(h->tick_source));
	printf("  vcpus %u  pinned %s\n", h->vcpus, h->pinned ? "yes" : "no");
	if (h->finished_at)
		printf("  finished    %s\n", h->finished_at);
	print_versions(env, n_env);
	for (size_t k = 0; k < sizeof(env_highlights) / sizeof(env_highlights[0]); k++)
		for (size_t i = 0; i < n_env; i++)
			if (strcmp(env[i].key, env_highlights[k]) == 0)
				printf("  %-11s %s\n", env[i].key, env[i].value);
	for (size_t i = 0; i < n_env; i++)
		if (strncmp(env[i].key, "mitigations.", 12) == 0)
			printf("  %-11s %s\n", env[i].key, env[i].value);
	for (size_t i = 0; i < n_tags; i++)
		printf("  tag         %s=%s\n", tags[i].key, tags[i].value);
}

static void format_number(char *buf, size_t size, double value)
{
	if (isnan(value))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", value);
}

static void print_table(const struct hvb_run_header *h, const struct hvb_summary_row *rows, size_t n)
{
	printf("\n%-18s %-12s %-11s %4s %10s %10s %10s %23s %6s %-7s %10s\n", "benchmark", "variant",
	       "status", "n", "median", "p25", "p75", "95% CI", "cv%", "unit", h->tick_hz ? "median ns" : "");
	for (size_t i = 0; i < n; i++) {
		const struct hvb_summary_row *r = &rows[i];
		char median[32], p25[32], p75[32], ci[64], cv[32], ns[32] = "";
		format_number(median, sizeof(median), r->median);
		format_number(p25, sizeof(p25), r->p25);
		format_number(p75, sizeof(p75), r->p75);
		if (isnan(r->ci_low))
			snprintf(ci, sizeof(ci), "-");
		else
			snprintf(ci, sizeof(ci), "[%.1f, %.1f]", r->ci_low, r->ci_high);
		format_number(cv, sizeof(cv), isnan(r->cv) ? NAN : 100.0 * r->cv);
		if (h->tick_hz && !isnan(r->median))
			snprintf(ns, sizeof(ns), "%.1f", r->median * 1e9 / (double)h->tick_hz);
		printf("%-18s %-12s %-11s %4ld %10s %10s %10s %23s %6s %-7s %10s\n", or_dash(r->benchmark),
		       or_dash(r->variant), or_dash(r->status), r->n, median, p25, p75, ci, cv,
		       or_dash(r->unit), ns);
		if (r->reason)
			printf("%-18s   reason: %s\n", "", r->reason);
	}
	if (n == 0)
		printf("(no results)\n");
	printf("\nmedian/p25/p75/CI: per operation, empty loop subtracted; CI: 95%% of the median "
	       "(order statistics, min..max when n <= 5)\n");
}

static int show_run(struct hvb_store *st, const char *spec, const struct hvb_run_filter *filter)
{
	int64_t run_id;
	struct hvb_run_header header;
	struct hvb_summary_row *rows = NULL;
	struct hvb_kv *env = NULL, *tags = NULL;
	size_t n_rows = 0, n_env = 0, n_tags = 0;

	int rc = hvb_resolve_run_spec(st, spec, filter, &run_id);
	if (rc == 0)
		rc = hvb_store_get_run(st, run_id, &header);
	if (rc != 0) {
		fprintf(stderr, "hvbench show: %s\n", hvb_store_error(st));
		return 1;
	}
	if (hvb_store_run_summary(st, run_id, &rows, &n_rows) ||
	    hvb_store_run_env(st, run_id, &env, &n_env) ||
	    hvb_store_run_tags(st, run_id, &tags, &n_tags)) {
		fprintf(stderr, "hvbench show: %s\n", hvb_store_error(st));
		rc = 1;
	} else {
		print_header(&header, env, n_env, tags, n_tags);
		print_table(&header, rows, n_rows);
		run_print_mode_warnings(stdout, st, run_id, rows, n_rows);
	}
	hvb_summary_rows_free(rows, n_rows);
	hvb_kv_free(env, n_env);
	hvb_kv_free(tags, n_tags);
	hvb_run_header_free(&header);
	return rc;
}

int hvb_cmd_show(int argc, char **argv)
{
	const char *db_path = hvb_default_db_path();
	const char *spec = NULL;
	struct hvb_run_filter filter = { .count = 0 };

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(SHOW_USAGE, stdout);
			return 0;
		} else if (strcmp(arg, "--db") == 0) {
			if (++i >= argc) {
				fputs("hvbench show: --db needs a file\n" SHOW_USAGE, stderr);
				return 2;
			}
			db_path = argv[i];
		} else if (strcmp(arg, "--where") == 0) {
			if (++i >= argc || hvb_filter_add(&filter, argv[i]) != 0) {
				fputs("hvbench show: --where wants KEY=VALUE\n" SHOW_USAGE, stderr);
				return 2;
			}
		} else if (strncmp(arg, "--db=", 5) == 0) {
			db_path = arg + 5;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			fprintf(stderr, "hvbench show: unknown option '%s'\n" SHOW_USAGE, arg);
			return 2;
		} else if (spec) {
			fputs("hvbench show: one run at a time\n" SHOW_USAGE, stderr);
			return 2;
		} else {
			spec = arg;
		}
	}

	char err[512];
	struct hvb_store *st;
	if (hvb_store_open_existing(db_path, &st, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench show: %s\n", err);
		return 1;
	}
	int rc = show_run(st, spec ? spec : "latest", &filter);
	hvb_store_close(st);
	return rc;
}
