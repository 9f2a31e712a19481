/*
 * figures.h - drive one gnuplot script of plots/ for one figure: the data
 * and an inputs file (variables the script reads) go into the output
 * directory, then gnuplot renders DIR/BASE.{pdf,svg,png} and the
 * cairolatex pair DIR/BASE-latex.{tex,pdf} (plots/render.gp).
 *
 *   struct figure fig;
 *   FILE *data = figure_begin(&fig, dir, "history", caption);  // DIR/history.dat
 *   ... write rows to data; fprintf(fig.inputs, "nseries = 2\n") ...
 *   figure_render(&fig, "history.gp");
 */
#ifndef HVB_FIGURES_H
#define HVB_FIGURES_H

#include <stdio.h>

#define FIGURE_PATH_MAX 4096

struct figure {
	char dir[FIGURE_PATH_MAX], base[128], plots[FIGURE_PATH_MAX];
	char data_path[FIGURE_PATH_MAX + 160], inputs_path[FIGURE_PATH_MAX + 160];
	FILE *data, *inputs;
};

/* Creates dir (with parents), opens DIR/BASE.dat (returned) and
 * DIR/BASE-inputs.gp (fig->inputs, already holding datafile, outbase,
 * plotsdir and caption).  NULL on error (message on stderr). */
FILE *figure_begin(struct figure *fig, const char *dir, const char *base, const char *caption);

/* Closes both files and runs gnuplot on plots/SCRIPT under a timeout.
 * 0 when it rendered, -1 otherwise (message on stderr). */
int figure_render(struct figure *fig, const char *script);

/* Closes the files without rendering (nothing to draw). */
void figure_abandon(struct figure *fig);

/* Writes "name = "text"\n" (a gnuplot string variable) to out. */
void figure_string_var(FILE *out, const char *name, const char *text);

/* mkdir -p. 0 or -1 (errno). */
int figure_make_dir(const char *dir);

/* Appends "; LABEL: A | B ..." to the caption out: each distinct non-empty
 * value once, in order, at most FIGURE_CAPTION_VALUES (then " | ..."). */
#define FIGURE_CAPTION_VALUES 4
void figure_caption_values(char *out, size_t size, const char *label, const char *const *values,
			   size_t n);

#endif
