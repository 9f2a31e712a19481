/*
 * isca16_load.c - the four-way table from the store: the runs tagged with
 * one study id become the columns, their results for the seven benchmarks
 * the cells, their detected mechanisms (run_env mech.* / testbed.mech.*)
 * the column's notes.  Nothing is taken from anywhere but the stored runs.
 */
#include "study/isca16.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/benchmarks.h"
#include "store/store_query.h"
#include "util/errmsg.h"

static void copy_text(char *out, size_t size, const char *text)
{
	snprintf(out, size, "%s", text ? text : "");
}

/* ---- which study ------------------------------------------------------- */

static int first_text(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	(void)names;
	struct isca16_table *table = ctx;
	if (n >= 1)
		copy_text(table->study_id, sizeof(table->study_id), cells[0].text);
	return 1;
}

static int resolve_study(struct hvb_store *store, const char *wanted, struct isca16_table *table)
{
	if (strcmp(wanted, "latest") != 0) {
		copy_text(table->study_id, sizeof(table->study_id), wanted);
		return 0;
	}
	const char *params[] = { ISCA16_STUDY };
	table->study_id[0] = '\0';
	return hvb_store_query(store,
			       "SELECT i.value FROM run_tags i JOIN run_tags s ON s.run_id = i.run_id "
			       "AND s.key = 'study' AND s.value = ? WHERE i.key = 'study_id' "
			       "ORDER BY i.run_id DESC LIMIT 1",
			       params, 1, first_text, table);
}

/* ---- the columns: one per run ----------------------------------------- */

struct load_ctx {
	struct isca16_table *table;
	struct hvb_store *store;
	struct isca16_column *column;   /* the one whose rows are read */
	double tick_hz;
};

static const char *cell_text(const struct hvb_cell *cells, size_t n, size_t i)
{
	return i < n && cells[i].text ? cells[i].text : "";
}

static int add_column(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	(void)names;
	struct load_ctx *load = ctx;
	struct isca16_table *table = load->table;
	if (n < 10)
		return hvb_store_fail(load->store, "isca16: unexpected run columns");
	bool emulated = cells[6].number != 0;
	int rank = isca16_column_rank(cell_text(cells, n, 1), cell_text(cells, n, 3),
				      cell_text(cells, n, 5), emulated);
	if (rank < 0)
		return 0;   /* a run of the study that is no column (cannot happen today) */
	if (table->column_count == ISCA16_MAX_COLUMNS)
		return hvb_store_fail(load->store, "isca16: more than %d runs in one study",
				      ISCA16_MAX_COLUMNS);
	struct isca16_column *c = &table->columns[table->column_count++];
	memset(c, 0, sizeof(*c));
	c->rank = rank;
	c->run_id = (int64_t)cells[0].number;
	copy_text(c->arch, sizeof(c->arch), cell_text(cells, n, 1));
	copy_text(c->backend, sizeof(c->backend), cell_text(cells, n, 2));
	copy_text(c->hypervisor, sizeof(c->hypervisor), cell_text(cells, n, 3));
	copy_text(c->version, sizeof(c->version), cell_text(cells, n, 4));
	copy_text(c->testbed, sizeof(c->testbed), cell_text(cells, n, 5));
	c->emulated = emulated;
	copy_text(c->guest_sha256, sizeof(c->guest_sha256), cell_text(cells, n, 7));
	copy_text(c->run_status, sizeof(c->run_status), cell_text(cells, n, 8));
	if (!table->started_at[0])
		copy_text(table->started_at, sizeof(table->started_at), cell_text(cells, n, 9));
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		struct isca16_cell *cell = &c->cells[row];
		copy_text(cell->status, sizeof(cell->status), "missing");
		if (benchmark_find(c->arch, isca16_op(row)->bench))
			copy_text(cell->reason, sizeof(cell->reason), "no result stored (see the run's log)");
		else
			snprintf(cell->reason, sizeof(cell->reason), "no %s benchmark for %s in this build",
				 isca16_op(row)->bench, c->arch);
		cell->median = cell->p25 = cell->p75 = cell->cv = NAN;
		cell->median_ns = cell->p25_ns = cell->p75_ns = NAN;
	}
	return 0;
}

/* ---- the cells: one result per row ------------------------------------ */

static double to_ns(double ticks, double tick_hz)
{
	return tick_hz > 0 && !isnan(ticks) ? ticks * 1e9 / tick_hz : NAN;
}

static int add_cell(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	(void)names;
	struct load_ctx *load = ctx;
	struct isca16_column *c = load->column;
	if (n < 9)
		return hvb_store_fail(load->store, "isca16: unexpected result columns");
	const char *bench = cell_text(cells, n, 0), *variant = cell_text(cells, n, 1);
	bool arm = strcmp(c->arch, "aarch64") == 0;
	for (size_t row = 0; row < ISCA16_ROWS; row++) {
		const struct isca16_op *op = isca16_op(row);
		if (strcmp(op->bench, bench) != 0 ||
		    strcmp(arm ? op->variant_a64 : op->variant_x86, variant) != 0)
			continue;
		struct isca16_cell *cell = &c->cells[row];
		cell->present = true;
		cell->result_id = (int64_t)cells[8].number;
		copy_text(cell->status, sizeof(cell->status), cell_text(cells, n, 2));
		copy_text(cell->reason, sizeof(cell->reason), cell_text(cells, n, 3));
		cell->median = cells[4].is_number ? cells[4].number : NAN;
		cell->p25 = cells[5].is_number ? cells[5].number : NAN;
		cell->p75 = cells[6].is_number ? cells[6].number : NAN;
		cell->cv = cells[7].is_number ? cells[7].number : NAN;
		cell->median_ns = to_ns(cell->median, load->tick_hz);
		cell->p25_ns = to_ns(cell->p25, load->tick_hz);
		cell->p75_ns = to_ns(cell->p75, load->tick_hz);
		if (!c->unit[0])
			copy_text(c->unit, sizeof(c->unit), cell_text(cells, n, 9));
	}
	return 0;
}

/* ---- the notes: what the run detected --------------------------------- */

static int add_env(void *ctx, size_t n, const char *const *names, const struct hvb_cell *cells)
{
	(void)names;
	struct isca16_mechanisms *mech = ctx;
	if (n < 2)
		return 0;
	const char *key = cell_text(cells, n, 0), *value = cell_text(cells, n, 1);
	/* mech.K / testbed.mech.K, and what KVM told init.sh: testbed.apicv_* */
	const char *name = strstr(key, "mech.");
	if (name)
		name += strlen("mech.");
	else if (strncmp(key, "testbed.apicv_", strlen("testbed.apicv_")) == 0)
		name = key + strlen("testbed.");
	if (strcmp(key, "testbed.kernel") == 0 || strcmp(key, "testbed.dom0_kernel") == 0 ||
	    (strcmp(key, "kernel") == 0 && !mech->kernel[0]))
		copy_text(mech->kernel, sizeof(mech->kernel), value);
	if (name && mech->count < ISCA16_MAX_MECHANISMS) {
		copy_text(mech->key[mech->count], sizeof(mech->key[0]), name);
		copy_text(mech->value[mech->count], sizeof(mech->value[0]), value);
		mech->count++;
	}
	return 0;
}

static int load_column_details(struct load_ctx *load, struct isca16_column *c)
{
	char run_id[24];
	snprintf(run_id, sizeof(run_id), "%lld", (long long)c->run_id);
	const char *params[] = { run_id, c->testbed };
	double tick_hz = 0;
	if (hvb_store_query_number(load->store, "SELECT tick_hz FROM runs WHERE run_id = ?", params, 1,
				   &tick_hz) < 0)
		return -1;
	load->tick_hz = tick_hz;
	load->column = c;
	if (hvb_store_query(load->store,
			    "SELECT benchmark, variant, status, reason, median, p25, p75, cv, result_id, unit "
			    "FROM results WHERE run_id = ? ORDER BY result_id",
			    params, 1, add_cell, load) != 0)
		return -1;
	struct isca16_mechanisms mech = { .count = 0 };
	/* a test-bed's own mechanisms (testbed.mech.*), the host's for a real backend */
	if (hvb_store_query(load->store,
			    "SELECT key, value FROM run_env WHERE run_id = ? AND "
			    "(CASE WHEN ?2 = 'host' THEN key LIKE 'mech.%' OR key = 'kernel' "
			    "ELSE key LIKE 'testbed.mech.%' OR key LIKE 'testbed.apicv_%' "
			    "OR key IN ('testbed.kernel', 'testbed.dom0_kernel') END) "
			    "ORDER BY key",
			    params, 2, add_env, &mech) != 0)
		return -1;
	copy_text(c->kernel, sizeof(c->kernel), mech.kernel);
	isca16_notes(c->notes, sizeof(c->notes), c->arch, c->hypervisor, &mech);
	const char *mode = isca16_mechanism(&mech, "kvm_mode");
	isca16_column_title(c->title, sizeof(c->title), c->arch, c->hypervisor, c->testbed,
			    mode && strcmp(mode, "-") != 0 ? mode : NULL, c->emulated);
	return 0;
}

static int by_rank(const void *a, const void *b)
{
	const struct isca16_column *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->run_id < y->run_id ? -1 : x->run_id > y->run_id;
}

int isca16_load(struct hvb_store *store, const char *study_id, struct isca16_table *table,
		char *err, size_t errlen)
{
	memset(table, 0, sizeof(*table));
	if (resolve_study(store, study_id, table) != 0)
		return errmsg_fail(err, errlen, "%s", hvb_store_error(store));
	if (!table->study_id[0]) {
		errmsg_fail(err, errlen, "no %s study in the database", ISCA16_STUDY);
		return 1;
	}
	struct load_ctx load = { .table = table, .store = store };
	const char *params[] = { table->study_id, ISCA16_STUDY };
	if (hvb_store_query(store,
			    "SELECT r.run_id, r.arch, r.backend, coalesce(r.hypervisor, ''), "
			    "coalesce(r.hypervisor_version, ''), r.testbed, r.emulated, "
			    "coalesce(r.guest_sha256, ''), r.status, r.started_at "
			    "FROM runs r JOIN run_tags i ON i.run_id = r.run_id AND i.key = 'study_id' "
			    "AND i.value = ?1 JOIN run_tags s ON s.run_id = r.run_id AND s.key = 'study' "
			    "AND s.value = ?2 ORDER BY r.run_id",
			    params, 2, add_column, &load) != 0)
		return errmsg_fail(err, errlen, "%s", hvb_store_error(store));
	if (table->column_count == 0) {
		errmsg_fail(err, errlen, "no runs of study %s", table->study_id);
		return 1;
	}
	for (size_t i = 0; i < table->column_count; i++)
		if (load_column_details(&load, &table->columns[i]) != 0)
			return errmsg_fail(err, errlen, "%s", hvb_store_error(store));
	qsort(table->columns, table->column_count, sizeof(table->columns[0]), by_rank);
	return 0;
}

size_t isca16_ok_cells(const struct isca16_table *table, size_t *total)
{
	size_t ok = 0;
	*total = table->column_count * ISCA16_ROWS;
	for (size_t i = 0; i < table->column_count; i++)
		for (size_t row = 0; row < ISCA16_ROWS; row++)
			ok += strcmp(table->columns[i].cells[row].status, "ok") == 0;
	return ok;
}
