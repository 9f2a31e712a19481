/*
 * caches.c - make sure RAM is cached.
 *
 * boot.S clears CR0.CD/NW.  A minimal loader (qboot under QEMU -M microvm,
 * for example) may also leave the MTRRs disabled, which makes all memory
 * uncacheable on hypervisors that honour guest MTRRs (Xen HVM/PVH does).
 * So when they are off, turn them on with write-back as the default type.
 * The MMIO range (3-4 GiB) stays uncached through PCD|PWT in the page
 * tables, which wins over the MTRR default.
 */
#include <stdint.h>
#include "caches.h"
#include "cpuid.h"

#define CPUID_EDX_MTRR      (1u << 12)
#define MSR_MTRR_DEF_TYPE   0x2ff
#define MTRR_ENABLE         (1u << 11)
#define MTRR_TYPE_WB        6u

void caches_enable(void)
{
	uint32_t lo, hi;

	if (!(cpuid(1, 0).edx & CPUID_EDX_MTRR))
		return;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_MTRR_DEF_TYPE));
	if (lo & MTRR_ENABLE)
		return;   /* the firmware set them up: keep its choice */
	lo = (lo & ~0xffu) | MTRR_ENABLE | MTRR_TYPE_WB;
	__asm__ volatile("wrmsr" : : "a"(lo), "d"(hi), "c"(MSR_MTRR_DEF_TYPE) : "memory");
}
