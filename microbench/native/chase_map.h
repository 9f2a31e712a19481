/*
 * chase_map.h - the working set of a native pointer chase (tlb-native):
 * an anonymous mapping, 2 MiB-aligned, with 4 KiB pages (MADV_NOHUGEPAGE)
 * or transparent 2 MiB pages (MADV_HUGEPAGE) over whole 2 MiB blocks, as
 * the guest maps its own working set.  Linux only: used by hvbench on the
 * host (harness/run/tlb_native.c) and by the native runner in a test-bed
 * (main.c).
 */
#ifndef CHASE_MAP_H
#define CHASE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct chase_map {
	void *base;          /* 2 MiB-aligned start of the working set */
	void *raw;           /* the mapping itself, for chase_unmap() */
	size_t raw_len;
	size_t span;         /* the working set rounded up to 2 MiB: what madvise() covered */
};

/* Maps bytes (> 0) with huge or small pages; false (errno set) when mmap fails. */
bool chase_map(struct chase_map *m, uint64_t bytes, bool huge);
void chase_unmap(struct chase_map *m);

/* KiB of the mapping that the kernel backs with huge pages (AnonHugePages
 * in /proc/self/smaps), once it is touched; -1 when it cannot tell. */
long chase_map_huge_kib(const struct chase_map *m);

#endif
