/*
 * benchmarks.h - the benchmarks the harness knows, per architecture, from
 * the table the guest is built from too (include/hvb-benchmarks.def).  The
 * names are a contract (docs/design.md "Benchmark names"): the same name
 * means the same operation everywhere, so tables line up across
 * architectures.
 *
 * Each row also says what its guest boot needs: at least `vcpus` vCPUs and
 * `mem_mb` MiB of RAM (0: the backend's default), and whether the harness
 * repeats it for each host page size (refhv --backing 4k and thp), which
 * is how tlb-nested gets its "hXX" half of the variant name.
 */
#ifndef HVB_BENCHMARKS_H
#define HVB_BENCHMARKS_H

#include <stdbool.h>
#include <stddef.h>

struct benchmark_info {
	const char *name;
	const char *arch;
	const char *variants;     /* as shown: comma-separated, "-" when there are none */
	const char *unit;         /* the arch's counter: "cycles" (x86 TSC), "ticks" (arm64) */
	const char *description;
	unsigned vcpus;           /* vCPUs the boot needs (1 for most) */
	unsigned mem_mb;          /* RAM the boot needs; 0: default */
	bool host_page_sweep;     /* boot once per host backing (refhv) */
	bool two_vms;             /* needs a partner VM on the same CPU (vm-switch) */
	bool on_host;             /* runs in hvbench itself, no guest (tlb-native), on a host of its arch */
	bool in_testbed;          /* a KVM test-bed runs it natively in its own Linux (arm64 tlb-native) */
	unsigned min_timeout_s;   /* a boot's watchdog is at least this long (0: none) */
};

size_t benchmark_count(void);
const struct benchmark_info *benchmark_at(size_t index);
/* The benchmark `name` on `arch`, or NULL when the harness does not know it there. */
const struct benchmark_info *benchmark_find(const char *arch, const char *name);

/* The variants the guest runs (its X86()/A64() rows), for the table's checks. */
struct benchmark_variant {
	const char *arch, *name, *variant;
};
size_t benchmark_variant_count(void);
const struct benchmark_variant *benchmark_variant_at(size_t index);

#endif
