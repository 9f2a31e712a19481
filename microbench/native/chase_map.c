/*
 * chase_map.c - map a native chase's working set (see chase_map.h) and
 * ask the kernel how much of it became huge pages.
 */
#include "chase_map.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_2M (2ull << 20)

bool chase_map(struct chase_map *m, uint64_t bytes, bool huge)
{
	memset(m, 0, sizeof(*m));
	if (bytes == 0 || bytes > SIZE_MAX - 2 * HUGE_2M)
		return false;
	m->span = (size_t)((bytes + HUGE_2M - 1) & ~(HUGE_2M - 1));
	m->raw_len = m->span + HUGE_2M;
	m->raw = mmap(NULL, m->raw_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->raw == MAP_FAILED) {
		m->raw = NULL;
		return false;
	}
	uintptr_t base = ((uintptr_t)m->raw + HUGE_2M - 1) & ~(uintptr_t)(HUGE_2M - 1);
	m->base = (void *)base;
	/* advice only: a kernel without THP keeps 4 KiB pages, which chase_map_huge_kib() shows */
	(void)madvise(m->base, m->span, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	return true;
}

void chase_unmap(struct chase_map *m)
{
	if (m->raw)
		munmap(m->raw, m->raw_len);
	memset(m, 0, sizeof(*m));
}

/* smaps: a header line "start-end perms ..." per mapping, then "Key: value kB" lines. */
long chase_map_huge_kib(const struct chase_map *m)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	bool inside = false;
	long kib = -1;
	uintptr_t want = (uintptr_t)m->base;
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end, value;
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' ')) {
			if (inside)
				break;   /* past our mapping */
			inside = want >= start && want < end;
			continue;
		}
		if (inside && sscanf(line, "AnonHugePages: %lu kB", &value) == 1) {
			kib = (long)value;
			break;
		}
	}
	fclose(f);
	return kib;
}
