/*
 * main.c - guest_main() of the benchmark guest: pick benchmarks, run them.
 *
 * "bench=a,b" on the command line selects benchmarks by name (every variant
 * of that name); without it, all run, in registry order.  An unknown name
 * or a bad option is an error record and a failed exit.  "insns=a,b" runs
 * an instruction list instead (insns.h, for labs/); "vmswitch=partner"
 * makes this guest vm-switch's other VM (vm_switch.h).
 */
#include "kernel.h"
#include "bench.h"
#include "hvb-abi.h"
#include "insns.h"
#include "report.h"
#include "runner.h"
#include "vm_switch.h"

#define MAX_BENCHES 64

/* Mark the benchmarks named in the list; false if a name is unknown. */
static bool select_named(struct str list, bool chosen[])
{
	struct str name;

	while (str_next_item(&list, ',', &name)) {
		bool known = false;
		for (size_t i = 0; i < bench_count; i++) {
			if (str_eq(name, bench_table[i].name)) {
				chosen[i] = true;
				known = true;
			}
		}
		if (!known)
			return false;
	}
	return true;
}

int guest_main(const struct guest_env *env)
{
	struct runner_config cfg;
	bool chosen[MAX_BENCHES] = { false };
	struct str list;
	unsigned ran = 0;

	if (cmdline_find(&env->cmdline, "insns", &list))
		return insns_main(env, list);
	/* the other VM of vm-switch (refhv --vm-switch, or a second Xen domU) */
	if (cmdline_find(&env->cmdline, "vmswitch", &list) && str_eq(list, "partner"))
		return vm_switch_partner(env);
	if (bench_count > MAX_BENCHES) {
		report_error("too-many-benchmarks");
		return HVB_GUEST_EXIT_FAIL;
	}
	if (runner_config_read(&env->cmdline, &cfg) != NULL) {
		report_error("bad-option");
		return HVB_GUEST_EXIT_FAIL;
	}
	cfg.env = env;
	if (cmdline_find(&env->cmdline, "bench", &list)) {
		if (!select_named(list, chosen)) {
			report_error("unknown-benchmark");
			return HVB_GUEST_EXIT_FAIL;
		}
	} else {
		for (size_t i = 0; i < bench_count; i++)
			chosen[i] = true;
	}

	for (size_t i = 0; i < bench_count; i++) {
		if (chosen[i]) {
			runner_run(&cfg, &bench_table[i]);
			ran++;
		}
	}
	report_done(ran);
	return HVB_GUEST_EXIT_OK;
}
