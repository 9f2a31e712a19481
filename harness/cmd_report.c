/*
 * cmd_report.c - `hvbench report RUN... -o DIR`: one self-contained HTML
 * page, DIR/report.html (inline CSS, figures as base64 PNG data URIs, no
 * external reference), with each run's provenance and summary table, a
 * comparison of the first run against each other comparable run, and the
 * paper figures of figset.h drawn from exactly these runs.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/cli.h"
#include "commands.h"
#include "compare/compare_runs.h"
#include "figures/figset.h"
#include "figures/figures.h"
#include "util/html_out.h"
#include "store/run_filter.h"
#include "store/store.h"
#include "store/store_query.h"
#include "study/isca16.h"

#define REPORT_MAX_RUNS 32

static const char report_usage[] =
	"usage: hvbench report RUN... -o DIR [--db FILE]\n"
	"       hvbench report --study isca16 [--study-id ID] -o DIR [--db FILE]\n"
	"  Writes DIR/report.html, viewable offline (figures embedded), plus the figure\n"
	"  files it embeds.  RUN: a run id, 'latest' or KEY=VALUE.\n"
	"  --study isca16: the four-way table of a `hvbench run --study isca16` (the\n"
	"  newest, or --study-id ID) again from its stored runs: printed, DIR/isca16.md\n"
	"  and DIR/isca16.{pdf,svg,png}.\n";

static const char style[] =
	"body{font-family:sans-serif;max-width:72em;margin:2em auto;color:#222;line-height:1.4}"
	"table{border-collapse:collapse;margin:.5em 0 1.5em}"
	"th,td{border:1px solid #bbb;padding:.2em .6em;text-align:right}"
	"th:first-child,td:first-child,td.t{text-align:left}th{background:#eee}"
	".emu{background:#fde7c8;padding:0 .4em;border-radius:.3em}"
	".slower{color:#b8420a;font-weight:bold}.faster{color:#0a6b4f;font-weight:bold}"
	"img{max-width:100%;border:1px solid #ddd}dl{display:grid;grid-template-columns:12em auto}"
	"dt{font-weight:bold}dd{margin:0}";

/* A query's rows as an HTML table; the first row writes the header. */
struct html_table {
	FILE *out;
	size_t rows;
};

static int table_row(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	struct html_table *t = ctx;
	if (t->rows++ == 0) {
		fputs("<table><tr>", t->out);
		for (size_t i = 0; i < n; i++) {
			fputs("<th>", t->out);
			html_text(t->out, names[i]);
			fputs("</th>", t->out);
		}
		fputs("</tr>\n", t->out);
	}
	fputs("<tr>", t->out);
	for (size_t i = 0; i < n; i++) {
		fputs(cells[i].is_number ? "<td>" : "<td class=t>", t->out);
		if (cells[i].is_number && cells[i].number != floor(cells[i].number))
			fprintf(t->out, "%.1f", cells[i].number);
		else
			html_text(t->out, cells[i].text ? cells[i].text : "-");
		fputs("</td>", t->out);
	}
	fputs("</tr>\n", t->out);
	return 0;
}

static int query_table(struct hvb_store *st, FILE *out, const char *sql, const char *id)
{
	const char *params[] = { id };
	struct html_table t = { out, 0 };
	int rc = hvb_store_query(st, sql, params, 1, table_row, &t);
	fputs(t.rows ? "</table>\n" : "<p>(none)</p>\n", out);
	return rc;
}

static int write_run(struct hvb_store *st, FILE *out, int64_t run_id)
{
	char id[32];
	snprintf(id, sizeof(id), "%" PRId64, run_id);
	struct hvb_run_facts f;
	if (hvb_run_facts_get(st, run_id, &f))
		return -1;
	fprintf(out, "<h2>Run %s: %s on ", id, f.backend);
	html_text(out, f.host);
	fprintf(out, "%s</h2>\n", f.emulated ? " <span class=emu>emulated: emulator timings, not "
		"hardware</span>" : "");
	return query_table(st, out, "SELECT r.started_at AS started, r.status, r.arch, r.backend, "
			   "r.hypervisor, r.hypervisor_version, r.testbed, h.cpu_model AS cpu, "
			   "r.tick_hz, r.vcpus, r.pinned, substr(r.guest_sha256, 1, 16) AS guest_sha256, "
			   "r.run_uuid FROM runs AS r JOIN hosts AS h ON h.host_id = r.host_id "
			   "WHERE r.run_id = ?", id) ||
	       query_table(st, out, "SELECT key AS tag, value FROM run_tags WHERE run_id = ? "
			   "ORDER BY key", id) ||
	       query_table(st, out, "SELECT benchmark, variant, status, n, median, p25, p75, ci_low, "
			   "ci_high, round(100 * cv, 1) AS \"cv %\", unit, reason FROM summary "
			   "WHERE run_id = ? ORDER BY result_id", id);
}

static void write_comparison(struct hvb_store *st, FILE *out, int64_t a, int64_t b)
{
	struct hvb_run_facts fa, fb;
	char why[256];
	fprintf(out, "<h3>Run %" PRId64 " &rarr; run %" PRId64 "</h3>\n", a, b);
	if (hvb_run_facts_get(st, a, &fa) || hvb_run_facts_get(st, b, &fb)) {
		fputs("<p>(cannot read the runs)</p>\n", out);
		return;
	}
	if (!hvb_runs_comparable(&fa, &fb, why, sizeof(why))) {
		fputs("<p>Not compared: ", out);
		html_text(out, why);
		fputs(".</p>\n", out);
		return;
	}
	struct hvb_verdict_options options = { HVB_VERDICT_THRESHOLD, HVB_VERDICT_ALPHA };
	struct hvb_compare_set set;
	if (hvb_compare_runs(st, a, b, &options, &set)) {
		fputs("<p>(comparison failed)</p>\n", out);
		return;
	}
	fputs("<table><tr><th>benchmark</th><th>variant</th><th>median A</th><th>median B</th>"
	      "<th>B/A</th><th>95% CI</th><th>p</th><th>verdict</th></tr>\n", out);
	for (size_t i = 0; i < set.count; i++) {
		const struct hvb_compare_row *r = &set.rows[i];
		const struct hvb_comparison *c = &r->cmp;
		const char *verdict = hvb_verdict_name(c->verdict);
		fputs("<tr><td>", out);
		html_text(out, r->benchmark);
		fputs("</td><td class=t>", out);
		html_text(out, r->variant);
		fprintf(out, "</td><td>%.1f</td><td>%.1f</td><td>%.3f</td><td>[%.3f, %.3f]</td>"
			"<td>%.2g</td><td class=\"t %s\">%s%s</td></tr>\n", c->median_a, c->median_b,
			c->ratio, c->ratio_low, c->ratio_high, c->p, verdict, verdict,
			c->few_samples ? " (few samples)" : "");
	}
	fprintf(out, "</table>\n<p>%zu slower, %zu faster.  Slower/faster: Mann-Whitney p &lt; %g and "
		"the bootstrap CI of median(B)/median(A) beyond &plusmn;%.0f%%.</p>\n",
		set.slower, set.faster, options.alpha, 100 * options.threshold);
	hvb_compare_set_free(&set);
}

static const struct {
	const char *file, *title;
} report_figures[] = {
	{ "microbench.png", "Microbenchmarks by architecture and hypervisor" },
	{ "tlb.png", "TLB: cycles per access against the working set" },
	{ "apps.png", "Applications normalised to native" },
};

static void write_figures(FILE *out, const char *dir)
{
	fputs("<h2>Figures</h2>\n", out);
	for (size_t i = 0; i < sizeof(report_figures) / sizeof(report_figures[0]); i++) {
		char path[FIGURE_PATH_MAX + 64];
		snprintf(path, sizeof(path), "%s/%s", dir, report_figures[i].file);
		fputs("<h3>", out);
		html_text(out, report_figures[i].title);
		fputs("</h3>\n", out);
		if (html_embed_image(out, path, "image/png", report_figures[i].title) != 0)
			fputs("<p>(no data for this figure)</p>", out);
		fputc('\n', out);
	}
}

static int write_report(struct hvb_store *st, const char *dir, const int64_t *runs, size_t n)
{
	struct fig_selection sel = { .run_ids = runs, .run_count = n };
	for (size_t i = 0; i < sizeof(report_figures) / sizeof(report_figures[0]); i++) {
		char stale[FIGURE_PATH_MAX + 64]; /* a figure these runs cannot draw must not linger */
		snprintf(stale, sizeof(stale), "%s/%s", dir, report_figures[i].file);
		remove(stale);
	}
	if (fig_draw_all(st, &sel, dir) < 0)
		return -1;
	char path[FIGURE_PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/report.html", dir);
	FILE *out = fopen(path, "w");
	if (!out)
		return hvb_store_fail(st, "cannot write %s", path);
	fprintf(out, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
		"<title>hvbench report</title><style>%s</style></head><body>\n"
		"<h1>hvbench report</h1>\n<p>%zu run%s.  Values are per operation with the empty loop "
		"subtracted; CI: 95%% of the median.</p>\n", style, n, n == 1 ? "" : "s");
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = write_run(st, out, runs[i]);
	if (n > 1)
		fputs("<h2>Comparisons</h2>\n", out);
	for (size_t i = 1; i < n && rc == 0; i++)
		write_comparison(st, out, runs[0], runs[i]);
	write_figures(out, dir);
	fputs("</body></html>\n", out);
	if (fclose(out) != 0)
		rc = hvb_store_fail(st, "cannot write %s", path);
	if (rc == 0)
		printf("wrote %s\n", path);
	return rc;
}

int hvb_cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "study", required_argument, NULL, 's' },
		{ "study-id", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = hvb_default_db_path(), *dir = NULL, *study = NULL, *study_id = "latest";
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db_path = optarg; break;
		case 'o': dir = optarg; break;
		case 's':
			if (strcmp(optarg, ISCA16_STUDY) != 0)
				return cli_usage_error("report", report_usage, "unknown study '%s' (isca16)", optarg);
			study = optarg;
			break;
		case 'i': study_id = optarg; break;
		case 'h': fputs(report_usage, stdout); return CLI_EXIT_OK;
		case ':': return cli_usage_error("report", report_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("report", report_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (!dir)
		return cli_usage_error("report", report_usage, "-o DIR is required");
	if (study && optind < argc)
		return cli_usage_error("report", report_usage, "--study takes no RUN arguments (got %s)",
				       argv[optind]);
	if (study)
		return isca16_report(db_path, study_id, dir, stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
	if (optind == argc || argc - optind > REPORT_MAX_RUNS)
		return cli_usage_error("report", report_usage, "wants 1 to %d runs", REPORT_MAX_RUNS);
	struct hvb_store *st;
	char err[512];
	if (hvb_store_open_existing(db_path, &st, err, sizeof(err))) {
		fprintf(stderr, "hvbench report: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	int64_t runs[REPORT_MAX_RUNS];
	size_t n = 0;
	int rc = 0;
	for (int i = optind; i < argc && rc == 0; i++)
		rc = hvb_resolve_run_spec(st, argv[i], NULL, &runs[n++]);
	if (rc == 0)
		rc = figure_make_dir(dir) ? hvb_store_fail(st, "cannot create %s", dir) : 0;
	if (rc == 0)
		rc = write_report(st, dir, runs, n);
	if (rc)
		fprintf(stderr, "hvbench report: %s\n", hvb_store_error(st));
	hvb_store_close(st);
	return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
