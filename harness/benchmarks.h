/*
 * benchmarks.h - the benchmarks the harness knows, per architecture.  The
 * names are a contract (DESIGN.md "Benchmark names"): the same name means
 * the same operation everywhere, so tables line up across architectures.
 */
#ifndef HVB_BENCHMARKS_H
#define HVB_BENCHMARKS_H

#include <stddef.h>

struct benchmark_info {
	const char *name;
	const char *arch;
	const char *variants;     /* comma-separated; "-" when there are none */
	const char *description;
};

size_t benchmark_count(void);
const struct benchmark_info *benchmark_at(size_t index);
/* The benchmark `name` on `arch`, or NULL when the harness does not know it there. */
const struct benchmark_info *benchmark_find(const char *arch, const char *name);

#endif
