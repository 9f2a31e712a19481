/*
 * memory.c - allocate guest RAM with the requested backing and translate
 * guest-physical addresses to host pointers, with bounds checks.
 *
 * All of RAM is one host mapping; the architecture decides how it is laid
 * out in guest-physical space (x86: below 3 GiB, the rest above 4 GiB).
 */
#include "memory.h"

#include <errno.h>
#include <linux/mman.h>
#include <string.h>
#include <sys/mman.h>

#include "arch.h"
#include "log.h"

#define HUGE_2M (2ul << 20)

const char *mem_backing_name(enum mem_backing backing)
{
	switch (backing) {
	case BACKING_4K: return "4k";
	case BACKING_THP: return "thp";
	case BACKING_HUGETLB: return "hugetlb";
	}
	return "?";
}

void *gpa_to_host(const struct guest_memory *mem, uint64_t gpa, uint64_t len)
{
	for (unsigned i = 0; i < mem->nr_regions; i++) {
		const struct guest_region *r = &mem->regions[i];
		if (gpa < r->gpa)
			continue;
		uint64_t offset = gpa - r->gpa;
		if (offset > r->size || len > r->size - offset)
			continue;
		return r->host + offset;
	}
	return NULL;
}

/* mmap with room to align the start to 2 MiB, then trim the slack. */
static void *map_aligned_2m(size_t size)
{
	size_t padded = size + HUGE_2M;
	uint8_t *raw = mmap(NULL, padded, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		return MAP_FAILED;
	uintptr_t start = ((uintptr_t)raw + HUGE_2M - 1) & ~(uintptr_t)(HUGE_2M - 1);
	size_t head = start - (uintptr_t)raw;
	if (head)
		munmap(raw, head);
	munmap((uint8_t *)start + size, padded - head - size);
	return (void *)start;
}

static void *map_ram(size_t size, enum mem_backing backing)
{
	void *p;

	switch (backing) {
	case BACKING_4K:
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p != MAP_FAILED && madvise(p, size, MADV_NOHUGEPAGE))
			refhv_err("warning: madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
		return p;
	case BACKING_THP:
		p = map_aligned_2m(size);
		if (p != MAP_FAILED && madvise(p, size, MADV_HUGEPAGE))
			refhv_err("warning: madvise(MADV_HUGEPAGE): %s (is THP disabled?)",
				  strerror(errno));
		return p;
	case BACKING_HUGETLB:
		/* No MAP_NORESERVE: fail now, not with SIGBUS in the guest. */
		return mmap(NULL, size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB, -1, 0);
	}
	errno = EINVAL;
	return MAP_FAILED;
}

int guest_memory_create(struct guest_memory *mem, uint64_t size, enum mem_backing backing)
{
	memset(mem, 0, sizeof(*mem));
	void *p = map_ram(size, backing);
	if (p == MAP_FAILED) {
		if (backing == BACKING_HUGETLB)
			refhv_err("cannot map %llu MiB of 2 MiB huge pages: %s "
				  "(reserve some: echo N > /proc/sys/vm/nr_hugepages)",
				  (unsigned long long)(size >> 20), strerror(errno));
		else
			refhv_err("cannot map %llu MiB of guest RAM: %s",
				  (unsigned long long)(size >> 20), strerror(errno));
		return -1;
	}
	mem->mapping = p;
	mem->mapping_size = size;
	mem->size = size;
	mem->backing = backing;

	arch_ram_layout(size, mem->regions, &mem->nr_regions);
	uint64_t host_offset = 0;
	for (unsigned i = 0; i < mem->nr_regions; i++) {
		mem->regions[i].host = (uint8_t *)p + host_offset;
		host_offset += mem->regions[i].size;
	}
	return 0;
}

void guest_memory_destroy(struct guest_memory *mem)
{
	if (mem->mapping)
		munmap(mem->mapping, mem->mapping_size);
	memset(mem, 0, sizeof(*mem));
}
