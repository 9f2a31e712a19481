/*
 * mmu.h - the identity map and a small API to change it.
 *
 * 4 KiB granule, 39-bit addresses (TTBR0 only, translation starts at
 * level 1: 1 GiB blocks, level 2: 2 MiB blocks, level 3: 4 KiB pages).
 * mmu_init() maps the whole 512 GiB as Device-nGnRnE (execute-never) in
 * 1 GiB blocks; RAM is then mapped as Normal write-back memory in 2 MiB
 * blocks where aligned and 4 KiB pages at the edges.  Blocks are split on
 * demand, so a benchmark can map single 4 KiB pages with mmu_map_4k().
 * Once the MMU is on, changes follow break-before-make; the guest image
 * itself (code, data, stacks, these tables) can never be remapped.
 */
#ifndef A64_MMU_H
#define A64_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define MMU_PAGE_4K      0x1000ull
#define MMU_BLOCK_2M     0x200000ull
#define MMU_VA_LIMIT     (1ull << 39)
#define MMU_TABLE_POOL   64     /* level 2 and 3 tables available for splits */
#define MMU_ENTRIES      512

enum mem_type {
	MEM_DEVICE,   /* Device-nGnRnE, never executed */
	MEM_NORMAL,   /* Normal, inner/outer write-back, inner shareable */
};

/* The register values that switch a CPU onto these tables. */
struct mmu_regs {
	uint64_t mair, tcr, ttbr0, sctlr;
};

struct mmu {
	uint64_t l1[MMU_ENTRIES] __attribute__((aligned(4096)));
	uint64_t pool[MMU_TABLE_POOL][MMU_ENTRIES] __attribute__((aligned(4096)));
	unsigned pool_used;
	bool enabled;
	uint64_t keep_start, keep_end;   /* the guest image: never remapped */
	struct mmu_regs regs;
};

/* Everything Device in 1 GiB blocks; [keep_start, keep_end) is protected later. */
void mmu_init(struct mmu *m, uint64_t keep_start, uint64_t keep_end);

/* Map [base, base + size) one to one as type (2 MiB blocks where possible). */
int mmu_map_range(struct mmu *m, uint64_t base, uint64_t size, enum mem_type type);

/* Map one 2 MiB block / one 4 KiB page va -> pa.  0, or -1 (range, pool, image). */
int mmu_map_2m(struct mmu *m, uint64_t va, uint64_t pa, enum mem_type type);
int mmu_map_4k(struct mmu *m, uint64_t va, uint64_t pa, enum mem_type type);

/*
 * Map [base, base + size) (2 MiB-aligned) one to one as type in 4 KiB pages,
 * with the level 3 tables the caller provides at tables (size / 2 MiB of
 * them, 4 KiB-aligned, in mapped Normal memory outside the range): for
 * ranges larger than the pool can split.  mmu_map_range() maps them back in
 * 2 MiB blocks (the caller's tables are then unused).  0, or -1.
 */
int mmu_map_4k_tables(struct mmu *m, uint64_t base, uint64_t size, uint64_t *tables,
		      enum mem_type type);

/* Turn the MMU and caches on for the calling CPU (the boot CPU). */
void mmu_enable(struct mmu *m);

/* Drop every TLB entry of this VM (all CPUs). */
void mmu_flush_all(void);

/* Cache maintenance by virtual address, to the point of coherency. */
void dcache_invalidate_range(uint64_t start, uint64_t end);
void dcache_clean_range(uint64_t start, uint64_t end);

#endif
