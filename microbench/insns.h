/*
 * insns.h - the guest's instruction list mode, for the trap-and-emulate lab
 * (labs/1-trap-and-emulate.md): "insns=cpuid,sgdt,out-user" on the
 * command line runs the named instructions instead of the benchmarks.
 *
 * For each name, in the order given, the guest prints
 *
 *   insn begin name=NAME
 *   (executes the instruction exactly once)
 *   insn timed name=NAME
 *   (executes it insn_iters times, timed, and the empty loop as often)
 *   insn result name=NAME iters=N op=TICKS empty=TICKS unit=cycles|ticks
 *
 * and "insn done name=-" at the end.  op and empty are per execution
 * (three decimals, as in the HVB records; cycles of the TSC on x86,
 * cntvct ticks on arm64),
 * each the least of three batches.  So a refhv --trace of the run shows,
 * between "begin" and "timed", the exits to userspace of one execution,
 * and --stats' KVM counters over a run of one instruction tell in-kernel
 * exits apart.  These lines are not HVB records: the harness ignores them.
 */
#ifndef INSNS_H
#define INSNS_H

#include <stdint.h>
#include "kernel.h"

struct insn_probe {
	const char *name;       /* as on the command line */
	const char *what;       /* one line for `insns=list` */
	uint64_t (*run)(uint64_t iters);   /* ticks for iters executions */
};

/* The architecture's list (x86_64/insns.c, aarch64/insns.c). */
extern const struct insn_probe insn_table[];
extern const unsigned insn_count;

/* Run the list named by insns= (or print the table for insns=list); an HVB_GUEST_EXIT_* code. */
int insns_main(const struct guest_env *env, struct str names);

#endif
