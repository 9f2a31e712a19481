/*
 * isca16_report.c - the end of an isca16 study (and `hvbench report
 * --study isca16`): the table loaded back from the stored runs, printed,
 * written as DIR/isca16.md and drawn as DIR/isca16.{pdf,svg,png}.
 */
#include "study/isca16.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "figures/figures.h"

int isca16_report(const char *db_path, const char *study_id, const char *dir, FILE *out)
{
	struct hvb_store *store;
	char err[1024];
	if (hvb_store_open_existing(db_path, &store, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench: %s\n", err);
		return -1;
	}
	struct isca16_table *table = malloc(sizeof(*table));
	if (!table) {
		hvb_store_close(store);
		fprintf(stderr, "hvbench: out of memory\n");
		return -1;
	}
	int status = isca16_load(store, study_id, table, err, sizeof(err));
	hvb_store_close(store);
	if (status != 0) {
		fprintf(stderr, "hvbench: %s\n", err);
		free(table);
		return status;
	}
	isca16_print_text(out, table);
	char path[FIGURE_PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/isca16.md", dir);
	FILE *md = figure_make_dir(dir) == 0 ? fopen(path, "w") : NULL;
	if (!md) {
		fprintf(stderr, "hvbench: cannot write %s: %s\n", path, strerror(errno));
		status = -1;
	} else {
		isca16_print_markdown(md, table);
		if (fclose(md) != 0) {
			fprintf(stderr, "hvbench: cannot write %s\n", path);
			status = -1;
		} else {
			fprintf(out, "table written to %s\n", path);
		}
	}
	int drawn = isca16_draw(table, dir);
	if (drawn == 0)
		fprintf(out, "figure drawn: %s/isca16.{pdf,svg,png}\n", dir);
	else if (drawn > 0)
		fprintf(out, "no figure: no cell has a number\n");
	else
		status = -1;
	free(table);
	return status;
}
