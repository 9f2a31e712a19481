/*
 * run_unsupported.c - benchmarks a backend cannot run at all, stored as
 * `unsupported` with the reason instead of booting a guest that would only
 * find out: a BENCH_TWO_VMS benchmark (vm-switch) on a backend that boots
 * one VM (QEMU; Xen on a real dom0, whose xl-run.sh creates one domU).
 */
#include <stdio.h>

#include "run/run.h"

bool run_skip_unsupported(struct hvb_store *store, const struct run_outcome *run,
			  const struct benchmark_info *bench, struct bench_outcome *outcome)
{
	if (!bench->two_vms || run->backend->two_vms)
		return false;
	char reason[160];
	snprintf(reason, sizeof(reason), "needs two VMs on one CPU; %s boots one", run->backend->name);
	struct hvb_result_input input = {
		.benchmark = bench->name, .variant = "-", .unit = bench->unit,
		.status = HVB_BENCH_UNSUPPORTED, .reason = reason,
	};
	if (hvb_store_add_result(store, run->run_id, &input, NULL) == 0)
		outcome->stored++;
	return true;
}
