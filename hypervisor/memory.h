/*
 * memory.h - guest RAM: how it is backed, where it sits in guest-physical
 * space, and the ONE way to turn a guest-physical address into a host
 * pointer.
 *
 * Every device that touches guest memory goes through gpa_to_host(), which
 * refuses any range that is not wholly inside one RAM region.  The guest
 * controls the addresses it hands us; this is where they are checked.
 */
#ifndef REFHV_MEMORY_H
#define REFHV_MEMORY_H

#include <stddef.h>
#include <stdint.h>

enum mem_backing {
	BACKING_4K,       /* plain mmap, MADV_NOHUGEPAGE */
	BACKING_THP,      /* 2 MiB-aligned mmap, MADV_HUGEPAGE */
	BACKING_HUGETLB,  /* MAP_HUGETLB | MAP_HUGE_2MB */
};

const char *mem_backing_name(enum mem_backing backing);

#define GUEST_MAX_REGIONS 2

/* One contiguous piece of guest RAM, one KVM memslot. */
struct guest_region {
	uint64_t gpa;
	uint64_t size;
	uint8_t *host;
};

struct guest_memory {
	struct guest_region regions[GUEST_MAX_REGIONS];
	unsigned nr_regions;
	uint64_t size;             /* total RAM, sum of the regions */
	enum mem_backing backing;
	void *mapping;             /* the one host mapping behind all regions */
	size_t mapping_size;
};

/*
 * Host pointer for guest-physical [gpa, gpa + len), or NULL when any byte
 * of it is outside RAM or the range straddles two regions.
 */
void *gpa_to_host(const struct guest_memory *mem, uint64_t gpa, uint64_t len);

/* Map size bytes with the given backing and split it per the arch layout. */
int guest_memory_create(struct guest_memory *mem, uint64_t size, enum mem_backing backing);
void guest_memory_destroy(struct guest_memory *mem);

#endif
