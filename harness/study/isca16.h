/*
 * isca16.h - the four-way table of Dall et al. (ISCA 2016) and of
 * Bugnion/Nieh/Tsafrir chapter 8: seven virtualization operations (rows)
 * on ARM and x86, under KVM and Xen (columns), one cell per operation and
 * column, in cycles/ticks and ns.
 *
 * `hvbench run --study isca16` runs the seven rows on every test-bed and
 * on the real hypervisors usable here, tags every run it stores with
 * study=isca16 and study_id=ID, and then draws the table from exactly
 * those stored runs (isca16_load), so `hvbench report --study isca16`
 * prints the same table again later.
 *
 *   isca16_ops.c     the rows and the columns (which benchmark, which backend)
 *   isca16_plan.c    which backends a study runs, and its id
 *   isca16_report.c  after the runs: load, print, write markdown, draw
 *   isca16_load.c    the table from the runs of one study id in the store
 *   isca16_notes.c   a column's mechanisms in words
 *   isca16_print.c   the table as text and as markdown, with its notes
 *   isca16_figure.c  the table as a grouped bar chart (plots/bars.gp)
 */
#ifndef HVB_STUDY_ISCA16_H
#define HVB_STUDY_ISCA16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backends/backend.h"
#include "store/store.h"

#define ISCA16_ROWS 7
#define ISCA16_MAX_COLUMNS 12
#define ISCA16_STUDY "isca16"

/* One operation of the paper and the hvbench benchmark that measures it. */
struct isca16_op {
	const char *label;        /* "Hypercall", "VM switch", ... */
	const char *bench;        /* hvbench's benchmark name, the same on both arches */
	const char *variant_x86;  /* the variant read on x86_64 ("-": the only one) */
	const char *variant_a64;  /* the variant read on aarch64 */
	const char *measures;     /* what the number is, one line */
};

/* The seven rows, in the paper's order. */
const struct isca16_op *isca16_op(size_t row);

/* The benchmarks the study runs, comma-separated, for --bench. */
const char *isca16_bench_list(void);

/* A column of the paper: where the test-bed or backend sits (rank orders
 * the columns: ARM KVM, ARM KVM nVHE, ARM Xen, x86 KVM, x86 Xen, then the
 * real hypervisors of this host); -1 when it is no column of the study. */
int isca16_column_rank(const char *arch, const char *hypervisor, const char *testbed,
		       bool emulated);

/* The column heading: "ARM KVM (VHE)", "x86 Xen", ... plus "[emulated]";
 * kvm_mode is the mode the run detected (vhe, nvhe), NULL: from the name. */
void isca16_column_title(char *out, size_t size, const char *arch, const char *hypervisor,
			 const char *testbed, const char *kvm_mode, bool emulated);

struct isca16_cell {
	bool present;             /* the run stored a result for this row */
	char status[24];          /* ok, unsupported, timeout, failed, missing */
	char reason[160];         /* why, when not ok (or the result's note) */
	double median, p25, p75;  /* in unit */
	double median_ns, p25_ns, p75_ns; /* NaN without a tick frequency */
	double cv;
	int64_t result_id;
};

struct isca16_column {
	int rank;
	char title[96];
	char arch[16], backend[32], hypervisor[16], testbed[48];
	bool emulated;
	int64_t run_id;
	char run_status[16];
	char unit[16];
	char guest_sha256[72];
	char version[96];         /* the hypervisor's version as stored */
	char kernel[96];          /* the (test-bed) host kernel */
	char notes[1024];         /* the mechanisms the run detected, in words */
	struct isca16_cell cells[ISCA16_ROWS];
};

/* The mechanism keys a run detected (run_env mech.* on the host,
 * testbed.mech.* in a test-bed; testbeds/mechanisms.sh), without prefix. */
#define ISCA16_MAX_MECHANISMS 24
struct isca16_mechanisms {
	size_t count;
	char key[ISCA16_MAX_MECHANISMS][32];
	char value[ISCA16_MAX_MECHANISMS][64];
	char kernel[96];
};

/* The value of key, or NULL when the run did not store it. */
const char *isca16_mechanism(const struct isca16_mechanisms *mech, const char *key);

/* The column's notes in words: which mechanism each operation went
 * through (VHE or not, vGIC, APICv/AVIC and why, event channel or
 * ioeventfd), from what was detected. */
void isca16_notes(char *out, size_t size, const char *arch, const char *hypervisor,
		  const struct isca16_mechanisms *mech);

struct isca16_table {
	char study_id[64];
	char started_at[40];
	size_t column_count;
	struct isca16_column columns[ISCA16_MAX_COLUMNS];
};

/*
 * Fills table from the runs tagged study=isca16 and study_id=ID (ID
 * "latest": the newest such study).  Returns 0, 1 when there is no such
 * study, -1 on a store error (message in err).
 */
int isca16_load(struct hvb_store *store, const char *study_id, struct isca16_table *table,
		char *err, size_t errlen);

/* Cells that are ok / all cells, over the columns of the table. */
size_t isca16_ok_cells(const struct isca16_table *table, size_t *total);

/* The table for a terminal (rows = operations, columns = arch x hypervisor). */
void isca16_print_text(FILE *out, const struct isca16_table *table);

/* The same as a markdown document: the table, one per-column provenance
 * line (run, guest SHA-256, versions) and the notes. */
void isca16_print_markdown(FILE *out, const struct isca16_table *table);

/* Draws DIR/isca16.{pdf,svg,png} (ns, log scale) with plots/bars.gp.
 * 0 when drawn, 1 when there was nothing to draw, -1 on error. */
int isca16_draw(const struct isca16_table *table, const char *dir);

/* A new study id: UTC time and process id, "20261204T041500Z-1234". */
void isca16_new_id(char *out, size_t size);

/* Every item of list ("all" or comma-separated) names a test-bed, so a
 * typo is an error rather than a silently smaller table: 0, or -1 (err). */
int isca16_check_testbeds(const char *list, char *err, size_t errlen);

/*
 * The backends of one study: the test-beds named in list ("all", or
 * comma-separated names) and, when include_host, this host's real
 * hypervisors that are usable (refhv on /dev/kvm, Xen in a real dom0).
 * Returns how many, or -1 with a message in err.
 */
int isca16_choose_backends(const struct backend_host *host, const char *list, bool include_host,
			   const struct backend **chosen, size_t max, char *err, size_t errlen);

/* Loads study_id from db_path, prints the table to out, writes
 * DIR/isca16.md and the figure.  0, 1 when there is no such study, -1 on
 * error (message on stderr). */
int isca16_report(const char *db_path, const char *study_id, const char *dir, FILE *out);

#endif
