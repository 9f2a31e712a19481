/*
 * sysreg.h - access to arm64 system registers, barriers and MMIO.
 *
 * sysreg_read(name)/sysreg_write(name, v) expand to mrs/msr with the
 * register name pasted in, so every register reads as its architectural
 * name.  MMIO goes through plain ldr/str in inline assembly: a compiler
 * might otherwise pick an addressing mode with write-back, which a
 * hypervisor cannot decode when the access traps (ESR_EL2.ISV = 0).
 */
#ifndef A64_SYSREG_H
#define A64_SYSREG_H

#include <stdint.h>

#define sysreg_read(name) ({                                          \
	uint64_t sysreg_value_;                                       \
	__asm__ volatile("mrs %0, " #name : "=r"(sysreg_value_));     \
	sysreg_value_;                                                \
})

#define sysreg_write(name, value)                                     \
	__asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(value)) : "memory")

/* GICv3 CPU-interface registers by encoding (older assemblers lack some names). */
#define ICC_SRE_EL1    s3_0_c12_c12_5
#define ICC_PMR_EL1    s3_0_c4_c6_0
#define ICC_BPR1_EL1   s3_0_c12_c12_3
#define ICC_CTLR_EL1   s3_0_c12_c12_4
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7
#define ICC_IAR1_EL1   s3_0_c12_c12_0
#define ICC_EOIR1_EL1  s3_0_c12_c12_1
#define ICC_SGI1R_EL1  s3_0_c12_c11_5

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" : : : "memory");
}

static inline void dsb_ishst(void)
{
	__asm__ volatile("dsb ishst" : : : "memory");
}

static inline void dmb_ish(void)
{
	__asm__ volatile("dmb ish" : : : "memory");
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
	__asm__ volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

/* The virtual counter, ordered after everything before it. */
static inline uint64_t counter_now(void)
{
	isb();
	return sysreg_read(cntvct_el0);
}

#endif
