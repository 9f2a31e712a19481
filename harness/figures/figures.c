/*
 * figures.c - the plumbing shared by every figure: output directory,
 * data + inputs files, gnuplot under a watchdog (see figures.h).
 */
#include "figures/figures.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "util/paths.h"
#include "figures/plot_data.h"
#include "util/proc.h"

#define GNUPLOT_TIMEOUT_S 120.0

int figure_make_dir(const char *dir)
{
	char path[FIGURE_PATH_MAX];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

void figure_string_var(FILE *out, const char *name, const char *text)
{
	fprintf(out, "%s = ", name);
	plot_gnuplot_string(out, text);
	fputc('\n', out);
}

static void find_plots_dir(struct figure *fig)
{
	struct hvb_paths paths;
	if (paths_locate(&paths, "x86_64", NULL, NULL) == 0)
		snprintf(fig->plots, sizeof(fig->plots), "%s", paths.plots);
	else
		snprintf(fig->plots, sizeof(fig->plots), "plots");
}

/* gnuplot's complaints are the only clue when a script fails. */
static void forward_stderr(void *ctx, enum proc_stream stream, const char *line, size_t len,
			   bool truncated)
{
	if (stream == PROC_STDERR)
		fprintf(stderr, "gnuplot: %s\n", line);
}

FILE *figure_begin(struct figure *fig, const char *dir, const char *base, const char *caption)
{
	memset(fig, 0, sizeof(*fig));
	snprintf(fig->dir, sizeof(fig->dir), "%s", dir);
	snprintf(fig->base, sizeof(fig->base), "%s", base);
	snprintf(fig->data_path, sizeof(fig->data_path), "%s/%s.dat", dir, base);
	snprintf(fig->inputs_path, sizeof(fig->inputs_path), "%s/%s-inputs.gp", dir, base);
	find_plots_dir(fig);
	if (figure_make_dir(dir) != 0) {
		fprintf(stderr, "hvbench: cannot create %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	fig->data = fopen(fig->data_path, "w");
	fig->inputs = fopen(fig->inputs_path, "w");
	if (!fig->data || !fig->inputs) {
		fprintf(stderr, "hvbench: cannot write into %s: %s\n", dir, strerror(errno));
		figure_abandon(fig);
		return NULL;
	}
	char out_base[FIGURE_PATH_MAX + 160];
	snprintf(out_base, sizeof(out_base), "%s/%s", dir, base);
	fprintf(fig->inputs, "# written by hvbench: the inputs of plots/*.gp for %s\n", base);
	figure_string_var(fig->inputs, "datafile", fig->data_path);
	figure_string_var(fig->inputs, "outbase", out_base);
	figure_string_var(fig->inputs, "plotsdir", fig->plots);
	figure_string_var(fig->inputs, "caption", caption);
	return fig->data;
}

void figure_abandon(struct figure *fig)
{
	if (fig->data)
		fclose(fig->data);
	if (fig->inputs)
		fclose(fig->inputs);
	fig->data = fig->inputs = NULL;
}

int figure_render(struct figure *fig, const char *script)
{
	int closed = fclose(fig->data) | fclose(fig->inputs);
	fig->data = fig->inputs = NULL;
	if (closed != 0) {
		fprintf(stderr, "hvbench: cannot write %s\n", fig->data_path);
		return -1;
	}
	char script_path[FIGURE_PATH_MAX + 160];
	snprintf(script_path, sizeof(script_path), "%s/%s", fig->plots, script);
	if (!paths_exists(script_path)) {
		fprintf(stderr, "hvbench: %s not found\n", script_path);
		return -1;
	}
	char *argv[] = { "gnuplot", fig->inputs_path, script_path, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = GNUPLOT_TIMEOUT_S,
				  .on_line = forward_stderr };
	struct proc_result result;
	proc_run(&spec, &result);
	if (result.outcome != PROC_EXITED || result.status != 0) {
		char how[160];
		proc_describe(&result, how, sizeof(how));
		fprintf(stderr, "hvbench: gnuplot %s on %s\n", how, script);
		return -1;
	}
	return 0;
}

void figure_caption_values(char *out, size_t size, const char *label, const char *const *values,
			   size_t n)
{
	const char *seen[FIGURE_CAPTION_VALUES];
	size_t n_seen = 0;
	bool more = false;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < n_seen && strcmp(seen[k], values[i]) != 0)
			k++;
		if (k < n_seen || !values[i][0])
			continue;
		if (n_seen == FIGURE_CAPTION_VALUES)
			more = true;
		else
			seen[n_seen++] = values[i];
	}
	size_t used = strlen(out);
	for (size_t k = 0; k < n_seen && used < size; k++)
		used += (size_t)snprintf(out + used, size - used, "%s%s%s%s", k ? " | " : "; ",
					 k ? "" : label, k ? "" : ": ", seen[k]);
	if (more && used < size)
		snprintf(out + used, size - used, " | ...");
}
