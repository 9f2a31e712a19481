/*
 * benchmarks.c - the table of benchmark names per architecture.
 */
#include "benchmarks.h"

#include <string.h>

static const struct benchmark_info benchmarks[] = {
	{ "cpuid",           "x86_64", "-", "CPUID: the classic bare exit to the hypervisor" },
	{ "pio-out-user",    "x86_64", "-", "OUT to an unassigned port, handled in the VMM's userspace" },
	{ "mmio-write-user", "x86_64", "-", "write to unbacked guest memory, handled in the VMM's userspace" },
};

size_t benchmark_count(void)
{
	return sizeof(benchmarks) / sizeof(benchmarks[0]);
}

const struct benchmark_info *benchmark_at(size_t index)
{
	return index < benchmark_count() ? &benchmarks[index] : NULL;
}

const struct benchmark_info *benchmark_find(const char *arch, const char *name)
{
	for (size_t i = 0; i < benchmark_count(); i++)
		if (strcmp(benchmarks[i].arch, arch) == 0 && strcmp(benchmarks[i].name, name) == 0)
			return &benchmarks[i];
	return NULL;
}
