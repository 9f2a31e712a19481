/*
 * xen.c - find Xen's CPUID leaves and install the hypercall page (see xen.h).
 *
 * Xen puts its leaves at 0x40000000, or at 0x40000100 when it also offers
 * Hyper-V's (Viridian) leaves at 0x40000000; a few more steps of 0x100 are
 * looked at, as Linux does, but only while CPUID.1 says "hypervisor".
 */
#include "xen.h"
#include "cpuid.h"
#include "kstring.h"
#include "msr.h"

#define HV_LEAF_FIRST          0x40000000u
#define HV_LEAF_STEP           0x100u
#define HV_LEAF_TRIES          4
#define CPUID1_ECX_HYPERVISOR  (1u << 31)

uint8_t xen_hypercall_page[4096] __attribute__((aligned(4096)));

/* What xen_detect() found: asked once at boot, then only read. */
struct xen_state {
	bool probed;
	uint32_t base;        /* 0: not Xen */
	bool hypercalls;      /* the hypercall page is installed */
};

static struct xen_state xen_state;

static bool is_xen_leaf(uint32_t leaf)
{
	struct cpuid_regs r = cpuid(leaf, 0);
	char sig[12];

	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	/* eax: the highest leaf, which must reach the hypercall leaf */
	return memcmp(sig, "XenVMMXenVMM", 12) == 0 && r.eax >= leaf + XEN_LEAF_HYPERCALL;
}

static uint32_t find_base(void)
{
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR))
		return 0;
	for (uint32_t i = 0; i < HV_LEAF_TRIES; i++)
		if (is_xen_leaf(HV_LEAF_FIRST + i * HV_LEAF_STEP))
			return HV_LEAF_FIRST + i * HV_LEAF_STEP;
	return 0;
}

bool xen_detect(void)
{
	struct xen_state *s = &xen_state;

	if (s->probed)
		return s->hypercalls;
	s->probed = true;
	s->base = find_base();
	if (s->base == 0)
		return false;
	struct cpuid_regs r = cpuid(s->base + XEN_LEAF_HYPERCALL, 0);   /* eax: pages, ebx: MSR */
	if (r.eax == 0)
		return false;
	/* identity-mapped: the page's address is its guest-physical address (page 0 of 1) */
	wrmsr(r.ebx, (uint64_t)(uintptr_t)xen_hypercall_page);
	s->hypercalls = true;
	return true;
}

uint32_t xen_cpuid_base(void)
{
	xen_detect();
	return xen_state.base;
}
