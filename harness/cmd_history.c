/*
 * cmd_history.c - `hvbench history --bench B`: the series of per-run
 * medians of a benchmark, ordered by time or by a tag's value (--by), with
 * the change points history.c finds, printed and (--plot DIR) drawn by
 * plots/history.gp.
 */
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "commands.h"
#include "figures/figures.h"
#include "compare/history.h"
#include "figures/plot_data.h"
#include "stats/verdict.h"

static const char history_usage[] =
	"usage: hvbench history --bench B [--variant V] [--host H] [--backend X] [--by TAG]\n"
	"                       [--where KEY=VALUE]... [--alpha P] [--db FILE] [--plot DIR]\n"
	"  Per-run medians of benchmark B, one series per host/backend/test-bed/variant,\n"
	"  ordered by time or by the value of tag (or env key) TAG, compared as dpkg\n"
	"  compares versions (6.1.0-57 < 6.12.48).  TAG kernel, xen, release or qemu,\n"
	"  when no run has such a tag, is what the run used (the run_versions view: a\n"
	"  test-bed's kernel and Xen package versions, its Debian release, its QEMU);\n"
	"  with --by, a test-bed's releases (NAME, NAME@trixie) form one series.\n"
	"  Change points: binary segmentation of the medians with a BIC-style penalty\n"
	"  (8 sigma^2 ln n, sigma from the MAD of successive differences), each confirmed by\n"
	"  a Mann-Whitney test (p < alpha, default 0.01) of the raw samples either side.\n"
	"  --plot DIR  also draws DIR/history.{pdf,svg,png} (+ cairolatex); series in\n"
	"              more than one unit (x86 cycles, arm64 ticks) get a figure each,\n"
	"              DIR/history-UNIT.{pdf,svg,png}.\n";

struct history_request {
	const char *db_path, *plot_dir;
	struct hvb_history_query query;
	struct hvb_run_filter filter;
};

static int parse(int argc, char **argv, struct history_request *req)
{
	static const struct option options[] = {
		{ "bench", required_argument, NULL, 'b' }, { "variant", required_argument, NULL, 'v' },
		{ "host", required_argument, NULL, 'H' },  { "backend", required_argument, NULL, 'x' },
		{ "by", required_argument, NULL, 'y' },    { "where", required_argument, NULL, 'w' },
		{ "alpha", required_argument, NULL, 'a' }, { "db", required_argument, NULL, 'd' },
		{ "plot", required_argument, NULL, 'p' },  { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *end;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'b': req->query.benchmark = optarg; break;
		case 'v': req->query.variant = optarg; break;
		case 'H': req->query.host = optarg; break;
		case 'x': req->query.backend = optarg; break;
		case 'y': req->query.by = optarg; break;
		case 'd': req->db_path = optarg; break;
		case 'p': req->plot_dir = optarg; break;
		case 'w':
			if (hvb_filter_add(&req->filter, optarg))
				return cli_usage_error("history", history_usage, "--where wants KEY=VALUE, got '%s'", optarg);
			break;
		case 'a':
			req->query.alpha = strtod(optarg, &end);
			if (*end || end == optarg || !(req->query.alpha > 0 && req->query.alpha < 1))
				return cli_usage_error("history", history_usage, "--alpha wants a number in (0, 1)");
			break;
		case 'h': fputs(history_usage, stdout); return -1;
		case ':': return cli_usage_error("history", history_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("history", history_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("history", history_usage, "unexpected argument '%s'", argv[optind]);
	if (!req->query.benchmark)
		return cli_usage_error("history", history_usage, "--bench is required");
	return 0;
}

static const struct hvb_changepoint *change_at(const struct hvb_history_series *s, size_t index)
{
	for (size_t i = 0; i < s->change_count; i++)
		if (s->changes[i].index == index)
			return &s->changes[i];
	return NULL;
}

static double percent_change(const struct hvb_changepoint *c)
{
	return c->before != 0 ? 100.0 * (c->after - c->before) / fabs(c->before) : NAN;
}

static void print_series(const struct history_request *req, const struct hvb_history_series *s)
{
	printf("%s/%s on %s @ %s, host %s%s: %zu run%s, %zu change point%s\n", req->query.benchmark,
	       s->variant, s->backend, s->testbed, s->host, s->emulated ? " (EMULATED)" : "",
	       s->count, s->count == 1 ? "" : "s", s->change_count, s->change_count == 1 ? "" : "s");
	printf("  %6s  %-24s %-14s %4s %12s  %s\n", "run", "started (UTC)",
	       req->query.by ? req->query.by : "", "n", "median", "95% CI");
	for (size_t i = 0; i < s->count; i++) {
		const struct hvb_history_point *p = &s->points[i];
		const struct hvb_changepoint *c = change_at(s, i);
		if (c) {
			char p_text[32] = "no samples";
			if (!isnan(c->p))
				snprintf(p_text, sizeof(p_text), "Mann-Whitney p=%.2g", c->p);
			printf("  ------  change point: %.1f -> %.1f %s (%+.1f%%), %s\n", c->before, c->after,
			       s->unit, percent_change(c), p_text);
		}
		printf("  %6lld  %-24s %-14s %4ld %12.1f  [%.1f, %.1f]\n", (long long)p->run_id,
		       p->started_at, p->by_value ? p->by_value : "", p->n, p->median, p->ci_low, p->ci_high);
	}
	putchar('\n');
}


/* Where a figure's caption and change-point labels name more than one
 * series, they say which: "kvm-aarch64" or "kvm-aarch64 roundtrip". */
static void series_name(const struct hvb_history_series *s, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", s->testbed, strcmp(s->variant, "-") ? " " : "",
		 strcmp(s->variant, "-") ? s->variant : "");
}

/* One figure's series: those of one unit. */
struct unit_figure {
	const char *unit, *base;                 /* "cycles"; DIR/BASE.* */
	const struct hvb_history_series *series[HVB_HISTORY_MAX_SERIES];
	size_t count;
	size_t positions;                        /* the history's x positions, 1..positions */
};

/* The caption of one figure: the hosts and test-beds of its series, whether
 * they are emulated, the axis, and the software the runs used. */
static int figure_caption(const struct history_request *req, const struct unit_figure *f, char *caption,
			  size_t size)
{
	size_t n_points = 0;
	bool all_emulated = true;
	for (size_t i = 0; i < f->count; i++) {
		n_points += f->series[i]->count;
		all_emulated = all_emulated && f->series[i]->emulated;
	}
	size_t n_values = n_points > f->count ? n_points : f->count;
	const char **values = malloc((n_values ? n_values : 1) * sizeof(*values));
	if (!values)
		return -1;
	char where[512] = "";
	for (size_t i = 0; i < f->count; i++)
		values[i] = f->series[i]->host;
	figure_caption_values(where, sizeof(where), "host", values, f->count);
	for (size_t i = 0; i < f->count; i++)
		values[i] = f->series[i]->testbed;
	figure_caption_values(where, sizeof(where), "test-bed", values, f->count);
	snprintf(caption, size, "%s%s; %s%s%smedian per run, bars: 95%% CI; dashed: change points "
		 "(binary segmentation + Mann-Whitney)", where + 2 /* "; " */,
		 all_emulated ? " (emulated, QEMU TCG)" : "", req->query.by ? "x: " : "",
		 req->query.by ? req->query.by : "", req->query.by ? " in version order; " : "");
	size_t n = 0;
	for (size_t i = 0; i < f->count; i++)
		for (size_t j = 0; j < f->series[i]->count; j++)
			values[n++] = f->series[i]->points[j].software;
	figure_caption_values(caption, size, "software", values, n);
	free(values);
	return 0;
}

/* DIR/BASE.dat: one block per series "x median ci_low ci_high label", the
 * x positions these series use renumbered 1..k; the change points become
 * arrows in the inputs file. */
static int plot_unit(const struct history_request *req, const struct unit_figure *f)
{
	char caption[1024];
	if (figure_caption(req, f, caption, sizeof(caption)))
		return -1;
	size_t *slot = calloc(f->positions + 1, sizeof(*slot)); /* x -> position in this figure */
	if (!slot)
		return -1;
	for (size_t i = 0; i < f->count; i++)
		for (size_t j = 0; j < f->series[i]->count; j++)
			slot[f->series[i]->points[j].x] = 1;
	size_t positions = 0;
	for (size_t x = 1; x <= f->positions; x++)
		slot[x] = slot[x] ? ++positions : 0;
	struct figure fig;
	FILE *data = figure_begin(&fig, req->plot_dir, f->base, caption);
	if (!data) {
		free(slot);
		return -1;
	}
	fprintf(fig.inputs, "nseries = %zu\narray titles[%zu]\n", f->count, f->count);
	for (size_t i = 0; i < f->count; i++) {
		const struct hvb_history_series *s = f->series[i];
		char title[384], name[32], which[160];
		bool on_host = strcmp(s->testbed, "host") == 0;
		snprintf(title, sizeof(title), "%s%s%s on %s%s%s%s", s->backend,
			 strcmp(s->variant, "-") ? " " : "", strcmp(s->variant, "-") ? s->variant : "",
			 s->host, on_host ? "" : " @ ", on_host ? "" : s->testbed,
			 s->emulated ? " (emulated)" : "");
		snprintf(name, sizeof(name), "titles[%zu]", i + 1);
		figure_string_var(fig.inputs, name, title);
		series_name(s, which, sizeof(which));
		fprintf(data, "# series %zu: x median ci_low ci_high label\n", i);
		for (size_t j = 0; j < s->count; j++) {
			const struct hvb_history_point *p = &s->points[j];
			char label[160];
			snprintf(label, sizeof(label), "%s", p->by_value ? p->by_value : "");
			if (!p->by_value)
				snprintf(label, sizeof(label), "#%lld", (long long)p->run_id);
			fprintf(data, "%zu %.6g %.6g %.6g ", slot[p->x], p->median, p->ci_low, p->ci_high);
			plot_gnuplot_string(data, label);
			fputc('\n', data);
		}
		fputs("\n\n", data);
		for (size_t c = 0; c < s->change_count; c++) {
			double x = (double)slot[s->points[s->changes[c].index].x] - 0.5;
			fprintf(fig.inputs, "set arrow from %.1f, graph 0 to %.1f, graph 1 nohead dt 2 lw 2 "
				"lc rgb \"#D55E00\" front\n", x, x);
			fprintf(fig.inputs, "set label \"%+.1f%%%s%s%s\" at %.1f, graph %.2f left offset 0.4, 0 "
				"tc rgb \"#D55E00\" front noenhanced\n", percent_change(&s->changes[c]),
				f->count > 1 ? " (" : "", f->count > 1 ? which : "", f->count > 1 ? ")" : "", x,
				0.96 - 0.05 * (double)(i % 8));
		}
	}
	free(slot);
	char ylabel[128], xlabel[128];
	snprintf(ylabel, sizeof(ylabel), "%s/%s per operation (%s)", req->query.benchmark,
		 req->query.variant ? req->query.variant : "*", f->unit);
	snprintf(xlabel, sizeof(xlabel), req->query.by ? "runs ordered by %s" : "runs in time order (run id)",
		 req->query.by);
	figure_string_var(fig.inputs, "ylabel", ylabel);
	figure_string_var(fig.inputs, "xlabel", xlabel);
	fprintf(fig.inputs, "xmax = %zu\n", positions);
	if (figure_render(&fig, "history.gp"))
		return -1;
	printf("wrote %s/%s.{pdf,svg,png} (%s)\n", req->plot_dir, f->base, f->unit);
	return 0;
}

/* One figure per unit: series in cycles (x86) and ticks (arm64) never
 * share an axis.  DIR/history.* when there is one unit, else
 * DIR/history-UNIT.* for each. */
static int plot(const struct history_request *req, const struct hvb_history *h)
{
	struct unit_figure figs[HVB_HISTORY_MAX_SERIES];
	size_t n_figs = 0;
	for (size_t i = 0; i < h->series_count; i++) {
		size_t k = 0;
		while (k < n_figs && strcmp(figs[k].unit, h->series[i].unit))
			k++;
		if (k == n_figs)
			figs[n_figs++] = (struct unit_figure){ .unit = h->series[i].unit, .positions = h->positions };
		figs[k].series[figs[k].count++] = &h->series[i];
	}
	for (size_t k = 0; k < n_figs; k++) {
		char base[64] = "history";
		if (n_figs > 1) {
			size_t len = strlen(base);
			base[len++] = '-';
			for (const char *c = figs[k].unit; *c && len + 1 < sizeof(base); c++)
				base[len++] = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ? *c : '_';
			base[len] = '\0';
		}
		figs[k].base = base;
		if (plot_unit(req, &figs[k]))
			return -1;
	}
	return 0;
}

int hvb_cmd_history(int argc, char **argv)
{
	struct history_request req = { .db_path = hvb_default_db_path() };
	req.query.alpha = HVB_VERDICT_ALPHA;
	int rc = parse(argc, argv, &req);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	req.query.filter = &req.filter;
	struct hvb_store *st;
	char err[512];
	if (hvb_store_open_existing(req.db_path, &st, err, sizeof(err))) {
		fprintf(stderr, "hvbench history: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	struct hvb_history h;
	rc = CLI_EXIT_OK;
	if (hvb_history_load(st, &req.query, &h)) {
		fprintf(stderr, "hvbench history: %s\n", hvb_store_error(st));
		rc = CLI_EXIT_FAIL;
	} else if (h.series_count == 0) {
		fprintf(stderr, "hvbench history: no ok results of '%s' match\n", req.query.benchmark);
		rc = CLI_EXIT_FAIL;
	} else {
		for (size_t i = 0; i < h.series_count; i++)
			print_series(&req, &h.series[i]);
		printf("change points: binary segmentation of the run medians (penalty %.0f sigma^2 ln n),\n"
		       "each confirmed by Mann-Whitney on the raw samples either side (p < %g).\n",
		       HVB_CP_BETA, req.query.alpha);
		if (req.plot_dir && plot(&req, &h))
			rc = CLI_EXIT_FAIL;
	}
	hvb_history_free(&h);
	hvb_store_close(st);
	return rc;
}
