/*
 * cmd_plot.c - `hvbench plot`: per guest architecture, the latest complete
 * run of each backend and test-bed as a grouped bar chart of the
 * microbenchmarks (benchmark x backend, log y axis, p25-p75 error bars),
 * drawn by gnuplot with plots/bars.gp into DIR/bars-ARCH.{pdf,svg,png}; then
 * the paper figures of figset.h (four-way microbench chart + LaTeX and
 * Markdown tables, the TLB sweep, apps normalised to native).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/cli.h"
#include "figures/figset.h"
#include "commands.h"
#include "util/paths.h"
#include "figures/plot_data.h"
#include "util/proc.h"
#include "store/store.h"

#define GNUPLOT_TIMEOUT_S 60.0

static const char plot_usage[] =
	"usage: hvbench plot [--db FILE] [--arch A] [--where KEY=VALUE]... [--table latex|markdown] [-o DIR]\n"
	"  Draws, per guest architecture, the latest complete run of each backend/testbed\n"
	"  as a grouped bar chart of the microbenchmarks: DIR/bars-x86_64.{pdf,svg,png}\n"
	"  and DIR/bars-aarch64.{pdf,svg,png} (default DIR: ./results).\n"
	"  --db FILE  results database (default: $HVBENCH_DB, else ./hvbench.db)\n"
	"  --arch A   only this guest architecture's bar chart (default: each with results)\n"
	"  Also DIR/microbench.{pdf,svg,png,md,tex} (arch x hypervisor), tlb.* (the TLB\n"
	"  sweep), apps.*\n"
	"  (each with a -latex.tex cairolatex version), from the runs that pass --where.\n"
	"  --table F  also print the microbenchmark table (latex or markdown) on stdout\n";

struct plot_request {
	const char *db_path, *arch, *out_dir, *table;
	struct hvb_run_filter filter;
};

/* Draws the figset figures (*drawn counts them) and prints the --table file. */
static int draw_paper_figures(struct hvb_store *store, const struct plot_request *req, int *drawn)
{
	struct fig_selection sel = { .filter = &req->filter };
	if ((*drawn = fig_draw_all(store, &sel, req->out_dir)) < 0)
		return CLI_EXIT_FAIL;
	if (!req->table)
		return CLI_EXIT_OK;
	char path[4200];
	snprintf(path, sizeof(path), "%s/microbench.%s", req->out_dir,
		 strcmp(req->table, "latex") == 0 ? "tex" : "md");
	FILE *in = fopen(path, "r");
	if (!in) {
		fprintf(stderr, "hvbench plot: no microbenchmark table (%s)\n", path);
		return CLI_EXIT_FAIL;
	}
	int c;
	while ((c = fgetc(in)) != EOF)
		putchar(c);
	fclose(in);
	return CLI_EXIT_OK;
}

static int make_dir(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* "host: NAME (CPU); runs 3 (refhv), 4 (qemu-kvm) ..." from the runs' headers. */
static void build_caption(struct hvb_store *store, const struct plot_table *table,
			  char *out, size_t size)
{
	struct hvb_run_header header;
	size_t used = 0;
	out[0] = '\0';
	if (table->series_count &&
	    hvb_store_get_run(store, table->series[0].run_id, &header) == 0) {
		used = (size_t)snprintf(out, size, "host %s (%s)", header.hostname ? header.hostname : "?",
					header.cpu_model ? header.cpu_model : "?");
		hvb_run_header_free(&header);
	}
	for (size_t i = 0; i < table->series_count && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s %s run %lld @ %s",
					 i ? "," : ";", table->series[i].backend,
					 (long long)table->series[i].run_id,
					 table->series[i].testbed ? table->series[i].testbed : "host");
	if (used < size)
		snprintf(out + used, size - used, "; median, bars p25-p75");
}

static int write_variables(const char *path, const struct plot_table *table, const char *arch,
			   const char *data_path, const char *out_base, const char *caption)
{
	FILE *out = fopen(path, "w");
	if (!out)
		return -1;
	fprintf(out, "# written by hvbench plot: the inputs of plots/bars.gp\ndatafile = ");
	plot_gnuplot_string(out, data_path);
	fprintf(out, "\noutbase = ");
	plot_gnuplot_string(out, out_base);
	fprintf(out, "\nylabel = ");
	char ylabel[128];
	snprintf(ylabel, sizeof(ylabel), "cost per operation (%s, log scale)", table->unit);
	plot_gnuplot_string(out, ylabel);
	fprintf(out, "\ncaption = ");
	plot_gnuplot_string(out, caption);
	char title[96];
	snprintf(title, sizeof(title), "%s guest: microbenchmarks, median per backend",
		 strcmp(arch, "aarch64") == 0 ? "arm64" : "x86-64");
	fprintf(out, "\ntitle = ");
	plot_gnuplot_string(out, title);
	fprintf(out, "\nngroups = %zu", table->group_count);
	fprintf(out, "\nnseries = %zu\narray titles[%zu]\n", table->series_count,
		table->series_count);
	for (size_t i = 0; i < table->series_count; i++) {
		fprintf(out, "titles[%zu] = ", i + 1);
		plot_gnuplot_string(out, table->series[i].title);
		fputc('\n', out);
	}
	return fclose(out);
}

static int draw(struct hvb_store *store, const struct plot_request *req, const char *arch,
		const struct hvb_plot_row *rows, size_t count)
{
	struct plot_table table;
	if (plot_table_build(&table, rows, count) != 0) {
		fprintf(stderr, "hvbench plot: too many backends or benchmarks to draw\n");
		return CLI_EXIT_FAIL;
	}
	struct hvb_paths paths;
	if (paths_locate(&paths, arch, NULL, NULL) != 0)
		return CLI_EXIT_FAIL;
	char script[4096 + 16];
	snprintf(script, sizeof(script), "%s/bars.gp", paths.plots);
	if (!paths_exists(script)) {
		fprintf(stderr, "hvbench plot: %s not found\n", script);
		return CLI_EXIT_FAIL;
	}
	if (make_dir(req->out_dir) != 0) {
		fprintf(stderr, "hvbench plot: cannot create %s: %s\n", req->out_dir, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	char data_path[4096], vars_path[4096], out_base[4096], caption[1024];
	snprintf(data_path, sizeof(data_path), "%.4000s/bars-%s.dat", req->out_dir, arch);
	snprintf(vars_path, sizeof(vars_path), "%.4000s/bars-%s-inputs.gp", req->out_dir, arch);
	snprintf(out_base, sizeof(out_base), "%.4000s/bars-%s", req->out_dir, arch);
	FILE *data = fopen(data_path, "w");
	if (!data) {
		fprintf(stderr, "hvbench plot: %s: %s\n", data_path, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	plot_table_write_data(&table, rows, count, data);
	build_caption(store, &table, caption, sizeof(caption));
	if (fclose(data) != 0 || write_variables(vars_path, &table, arch, data_path, out_base, caption) != 0) {
		fprintf(stderr, "hvbench plot: cannot write into %s\n", req->out_dir);
		return CLI_EXIT_FAIL;
	}
	char *argv[] = { "gnuplot", vars_path, script, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = GNUPLOT_TIMEOUT_S };
	struct proc_result result;
	proc_run(&spec, &result);
	if (result.outcome != PROC_EXITED || result.status != 0) {
		char how[160];
		proc_describe(&result, how, sizeof(how));
		fprintf(stderr, "hvbench plot: gnuplot %s\n", how);
		return CLI_EXIT_FAIL;
	}
	printf("wrote %s.pdf, %s.svg, %s.png (%zu benchmarks x %zu backends, y in %s)\n",
	       out_base, out_base, out_base, table.group_count, table.series_count, table.unit);
	return CLI_EXIT_OK;
}

int hvb_cmd_plot(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "arch", required_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "where", required_argument, NULL, 'w' },
		{ "table", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct plot_request req = { hvb_default_db_path(), NULL, "results", NULL, { .count = 0 } };
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
		switch (opt) {
		case 'd': req.db_path = optarg; break;
		case 'a':
			if (strcmp(optarg, "x86_64") != 0 && strcmp(optarg, "aarch64") != 0)
				return cli_usage_error("plot", plot_usage, "unknown arch '%s'", optarg);
			req.arch = optarg;
			break;
		case 'o': req.out_dir = optarg; break;
		case 'w':
			if (hvb_filter_add(&req.filter, optarg))
				return cli_usage_error("plot", plot_usage, "--where wants KEY=VALUE, got '%s'", optarg);
			break;
		case 't':
			if (strcmp(optarg, "latex") != 0 && strcmp(optarg, "markdown") != 0)
				return cli_usage_error("plot", plot_usage, "--table is latex or markdown");
			req.table = optarg;
			break;
		case 'h': fputs(plot_usage, stdout); return CLI_EXIT_OK;
		case ':': return cli_usage_error("plot", plot_usage, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error("plot", plot_usage, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("plot", plot_usage, "unexpected argument '%s'", argv[optind]);
	if (!paths_exists(req.db_path)) {
		fprintf(stderr, "hvbench plot: %s does not exist (run 'hvbench run' first)\n", req.db_path);
		return CLI_EXIT_FAIL;
	}
	struct hvb_store *store;
	char err[512];
	if (hvb_store_open(req.db_path, &store, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench plot: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	/* One bar chart per guest architecture (or only --arch's). */
	static const char *const arches[] = { "x86_64", "aarch64" };
	int status = CLI_EXIT_OK;
	size_t charts = 0;
	for (size_t a = 0; a < sizeof(arches) / sizeof(arches[0]); a++) {
		if (req.arch && strcmp(req.arch, arches[a]) != 0)
			continue;
		struct hvb_plot_row *rows = NULL;
		size_t count = 0;
		if (hvb_store_plot_rows(store, arches[a], &req.filter, &rows, &count) != 0) {
			fprintf(stderr, "hvbench plot: %s\n", hvb_store_error(store));
			status = CLI_EXIT_FAIL;
		} else if (count == 0) {
			printf("bars-%s: no microbenchmark results for %s; chart skipped\n", arches[a],
			       arches[a]);
		} else if (draw(store, &req, arches[a], rows, count) != CLI_EXIT_OK) {
			status = CLI_EXIT_FAIL;
		} else {
			charts++;
		}
		hvb_plot_rows_free(rows, count);
	}
	int drawn = 0;
	int paper = draw_paper_figures(store, &req, &drawn);
	if (paper != CLI_EXIT_OK)
		status = paper;
	if (status == CLI_EXIT_OK && charts == 0 && drawn == 0) {
		fprintf(stderr, "hvbench plot: no complete run with ok results%s%s%s in %s\n",
			req.arch ? " for " : "", req.arch ? req.arch : "",
			req.filter.count ? " matching --where" : "", req.db_path);
		status = CLI_EXIT_FAIL;
	}
	hvb_store_close(store);
	return status;
}
