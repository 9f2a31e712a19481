/*
 * mmu.c - translation tables, break-before-make updates, MMU switch-on.
 *
 * Descriptor format (Arm ARM D8, VMSAv8-64, 4 KiB granule): bit 0 valid,
 * bit 1 "table" (levels 1-2) or "page" (level 3), AttrIndx in bits 4:2
 * selecting a MAIR_EL1 byte, SH in 9:8, AF in bit 10, PXN/UXN in 53/54.
 */
#include "mmu.h"
#include "sysreg.h"

#define DESC_VALID     (1ull << 0)
#define DESC_TABLE     (1ull << 1)    /* also "page" at level 3 */
#define DESC_ATTR(i)   ((uint64_t)(i) << 2)
#define DESC_SH_INNER  (3ull << 8)
#define DESC_AF        (1ull << 10)
#define DESC_PXN       (1ull << 53)
#define DESC_UXN       (1ull << 54)
#define DESC_ADDR      0x0000fffffffff000ull

#define MAIR_IDX_DEVICE 0
#define MAIR_IDX_NORMAL 1
#define MAIR_VALUE     (0x00ull << (8 * MAIR_IDX_DEVICE) | 0xffull << (8 * MAIR_IDX_NORMAL))

#define TCR_T0SZ       (64 - 39)
#define TCR_IRGN0_WB   (1ull << 8)
#define TCR_ORGN0_WB   (1ull << 10)
#define TCR_SH0_INNER  (3ull << 12)
#define TCR_EPD1       (1ull << 23)    /* no TTBR1 walks */
#define TCR_IPS_SHIFT  32
#define IPS_48_BITS    5               /* largest size without 52-bit descriptors */

#define SCTLR_RES1     0x30d00800ull
#define SCTLR_M        (1ull << 0)
#define SCTLR_C        (1ull << 2)
#define SCTLR_I        (1ull << 12)

#define L1_SHIFT 30
#define L2_SHIFT 21
#define L3_SHIFT 12

static uint64_t leaf_attrs(enum mem_type type)
{
	if (type == MEM_NORMAL)
		return DESC_VALID | DESC_ATTR(MAIR_IDX_NORMAL) | DESC_SH_INNER | DESC_AF;
	return DESC_VALID | DESC_ATTR(MAIR_IDX_DEVICE) | DESC_AF | DESC_PXN | DESC_UXN;
}

void mmu_flush_all(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" : : : "memory");
}

/* Store a descriptor; once the MMU is on, invalidate the old one first. */
static void write_desc(struct mmu *m, uint64_t *entry, uint64_t desc)
{
	if (m->enabled && (*entry & DESC_VALID)) {
		*entry = 0;
		mmu_flush_all();
	}
	*entry = desc;
	if (m->enabled) {
		dsb_ishst();
		isb();
	}
}

/*
 * The next-level table under *entry (at level 1 or 2).  A block there is
 * split into a table that maps the same memory the same way.
 */
static uint64_t *next_table(struct mmu *m, uint64_t *entry, unsigned level)
{
	if ((*entry & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE))
		return (uint64_t *)(uintptr_t)(*entry & DESC_ADDR);
	if (m->pool_used == MMU_TABLE_POOL)
		return 0;

	uint64_t *table = m->pool[m->pool_used++];
	uint64_t child = 1ull << (level == 1 ? L2_SHIFT : L3_SHIFT);
	uint64_t page_bit = level == 2 ? DESC_TABLE : 0;

	for (unsigned i = 0; i < MMU_ENTRIES; i++) {
		if (*entry & DESC_VALID)
			table[i] = ((*entry & DESC_ADDR) + i * child) | (*entry & ~DESC_ADDR) | page_bit;
		else
			table[i] = 0;
	}
	if (m->enabled)
		dsb_ishst();
	write_desc(m, entry, (uint64_t)(uintptr_t)table | DESC_VALID | DESC_TABLE);
	return table;
}

static bool may_map(const struct mmu *m, uint64_t va, uint64_t size)
{
	if (va >= MMU_VA_LIMIT || size > MMU_VA_LIMIT - va)
		return false;
	return !m->enabled || va + size <= m->keep_start || va >= m->keep_end;
}

void mmu_init(struct mmu *m, uint64_t keep_start, uint64_t keep_end)
{
	m->pool_used = 0;
	m->enabled = false;
	m->keep_start = keep_start;
	m->keep_end = keep_end;
	for (uint64_t i = 0; i < MMU_ENTRIES; i++)
		m->l1[i] = (i << L1_SHIFT) | leaf_attrs(MEM_DEVICE);
}

int mmu_map_2m(struct mmu *m, uint64_t va, uint64_t pa, enum mem_type type)
{
	va &= ~(MMU_BLOCK_2M - 1);
	if (!may_map(m, va, MMU_BLOCK_2M))
		return -1;
	uint64_t *l2 = next_table(m, &m->l1[(va >> L1_SHIFT) % MMU_ENTRIES], 1);
	if (l2 == 0)
		return -1;
	write_desc(m, &l2[(va >> L2_SHIFT) % MMU_ENTRIES],
		   (pa & DESC_ADDR & ~(MMU_BLOCK_2M - 1)) | leaf_attrs(type));
	return 0;
}

int mmu_map_4k(struct mmu *m, uint64_t va, uint64_t pa, enum mem_type type)
{
	va &= ~(MMU_PAGE_4K - 1);
	if (!may_map(m, va, MMU_PAGE_4K))
		return -1;
	uint64_t *l2 = next_table(m, &m->l1[(va >> L1_SHIFT) % MMU_ENTRIES], 1);
	uint64_t *l3 = l2 ? next_table(m, &l2[(va >> L2_SHIFT) % MMU_ENTRIES], 2) : 0;
	if (l3 == 0)
		return -1;
	write_desc(m, &l3[(va >> L3_SHIFT) % MMU_ENTRIES],
		   (pa & DESC_ADDR) | leaf_attrs(type) | DESC_TABLE);
	return 0;
}

int mmu_map_4k_tables(struct mmu *m, uint64_t base, uint64_t size, uint64_t *tables,
		      enum mem_type type)
{
	if (((base | size) & (MMU_BLOCK_2M - 1)) || ((uintptr_t)tables & (MMU_PAGE_4K - 1)) ||
	    !may_map(m, base, size))
		return -1;
	for (uint64_t off = 0; off < size; off += MMU_BLOCK_2M, tables += MMU_ENTRIES) {
		uint64_t va = base + off;
		uint64_t *l2 = next_table(m, &m->l1[(va >> L1_SHIFT) % MMU_ENTRIES], 1);
		if (l2 == 0)
			return -1;
		for (unsigned i = 0; i < MMU_ENTRIES; i++)
			tables[i] = ((va + i * MMU_PAGE_4K) & DESC_ADDR) | leaf_attrs(type) | DESC_TABLE;
		if (m->enabled)
			dsb_ishst();   /* the table is complete before the walker can see it */
		write_desc(m, &l2[(va >> L2_SHIFT) % MMU_ENTRIES],
			   (uint64_t)(uintptr_t)tables | DESC_VALID | DESC_TABLE);
	}
	return 0;
}

int mmu_map_range(struct mmu *m, uint64_t base, uint64_t size, enum mem_type type)
{
	uint64_t addr = base & ~(MMU_PAGE_4K - 1);
	uint64_t end = (base + size + MMU_PAGE_4K - 1) & ~(MMU_PAGE_4K - 1);

	while (addr < end) {
		bool block = (addr & (MMU_BLOCK_2M - 1)) == 0 && end - addr >= MMU_BLOCK_2M;
		int rc = block ? mmu_map_2m(m, addr, addr, type) : mmu_map_4k(m, addr, addr, type);
		if (rc != 0)
			return rc;
		addr += block ? MMU_BLOCK_2M : MMU_PAGE_4K;
	}
	return 0;
}

static uint64_t dcache_line(void)
{
	return 4ull << ((sysreg_read(ctr_el0) >> 16) & 0xf);
}

void dcache_invalidate_range(uint64_t start, uint64_t end)
{
	uint64_t line = dcache_line();

	for (uint64_t a = start & ~(line - 1); a < end; a += line)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb_ish();
}

void dcache_clean_range(uint64_t start, uint64_t end)
{
	uint64_t line = dcache_line();

	for (uint64_t a = start & ~(line - 1); a < end; a += line)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb_ish();
}

void mmu_enable(struct mmu *m)
{
	uint64_t ips = sysreg_read(id_aa64mmfr0_el1) & 0xf;

	if (ips > IPS_48_BITS)
		ips = IPS_48_BITS;
	m->regs.mair = MAIR_VALUE;
	m->regs.tcr = TCR_T0SZ | TCR_IRGN0_WB | TCR_ORGN0_WB | TCR_SH0_INNER | TCR_EPD1 |
		      ips << TCR_IPS_SHIFT;
	m->regs.ttbr0 = (uint64_t)(uintptr_t)m->l1;
	m->regs.sctlr = SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I;

	/* The tables were written with the MMU off: drop stale cache lines over them. */
	dcache_invalidate_range(m->keep_start, m->keep_end);
	sysreg_write(mair_el1, m->regs.mair);
	sysreg_write(tcr_el1, m->regs.tcr);
	sysreg_write(ttbr0_el1, m->regs.ttbr0);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
	sysreg_write(sctlr_el1, m->regs.sctlr);
	isb();
	__asm__ volatile("ic iallu\n\tdsb nsh\n\tisb" : : : "memory");
	m->enabled = true;
}
