/*
 * store_import.h - merge the runs of another hvbench database into this
 * one (`hvbench import`).
 *
 * Runs are identified by runs.run_uuid: a run already present is skipped,
 * so importing twice adds nothing.  Hosts are merged by fingerprint.  The
 * other file is never modified: it is copied to a private temporary file
 * (with its -wal), which is checked (application id, schema version, SQLite
 * quick_check) and upgraded there if older, then attached read-only in
 * spirit; the whole merge is one transaction.
 */
#ifndef HVB_STORE_IMPORT_H
#define HVB_STORE_IMPORT_H

#include <stddef.h>

#include "store/store.h"

struct hvb_import_result {
	size_t runs_imported, runs_skipped, results_imported, samples_imported;
};

/* 0, or -1 with the reason in hvb_store_error(st) (nothing changed). */
int hvb_store_import(struct hvb_store *st, const char *other_path, struct hvb_import_result *out);

#endif
