/*
 * probe.c - what the x86 guest can learn about its machine from CPUID.
 *
 *   hv:      CPUID.1:ECX bit 31 says "running under a hypervisor"; leaf
 *            0x40000000 then names it in EBX:ECX:EDX.  Xen may sit 0x100
 *            higher (behind Hyper-V's leaves): xen.c looks there too.
 *   vendor:  leaf 0's vendor string.
 *   tick_hz: under Xen, its time leaf (base + 3, subleaf 0, ECX in kHz);
 *            else the hypervisor's leaf 0x40000010 (EAX,
 *            in kHz) when its leaf range reaches that far, else from leaf
 *            0x15 (crystal Hz * EBX / EAX) when it gives one, else 0.
 *   cpus:    1: only the boot CPU is brought up (no SMP yet).
 */
#include "arch.h"
#include "cpuid.h"
#include "kstring.h"
#include "xen.h"

#define HV_LEAF_BASE   0x40000000u
#define HV_LEAF_TSC    0x40000010u
#define LEAF_TSC_INFO  0x15u
#define ECX_HYPERVISOR (1u << 31)

struct known_name {
	const char *signature;   /* 12 bytes, NUL-padded */
	const char *name;
};

static const struct known_name hypervisors[] = {
	{ "KVMKVMKVM\0\0\0", "kvm" },
	{ "XenVMMXenVMM", "xen" },
	{ "TCGTCGTCGTCG", "tcg" },
};

static const struct known_name vendors[] = {
	{ "AuthenticAMD", "amd" },
	{ "HygonGenuine", "amd" },
	{ "GenuineIntel", "intel" },
};

static const char *lookup(const char sig[12], const struct known_name *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (memcmp(sig, names[i].signature, 12) == 0)
			return names[i].name;
	return "other";
}

static void signature(char sig[12], uint32_t a, uint32_t b, uint32_t c)
{
	memcpy(sig, &a, 4);
	memcpy(sig + 4, &b, 4);
	memcpy(sig + 8, &c, 4);
}

/* The highest hypervisor leaf, or 0 when there is no hypervisor. */
static uint32_t probe_hypervisor(struct platform *p)
{
	char sig[12];

	if (!(cpuid(1, 0).ecx & ECX_HYPERVISOR)) {
		p->hv = "none";
		return 0;
	}
	struct cpuid_regs r = cpuid(HV_LEAF_BASE, 0);
	signature(sig, r.ebx, r.ecx, r.edx);
	p->hv = lookup(sig, hypervisors, sizeof(hypervisors) / sizeof(hypervisors[0]));
	if (xen_cpuid_base() != 0)
		p->hv = "xen";
	return r.eax;
}

/* Xen's time leaf: the guest's TSC frequency in kHz, 0 when not under Xen. */
static uint64_t xen_tsc_hz(void)
{
	uint32_t base = xen_cpuid_base();

	if (base == 0 || cpuid(base, 0).eax < base + XEN_LEAF_TIME)
		return 0;
	return (uint64_t)cpuid(base + XEN_LEAF_TIME, 0).ecx * 1000;
}

static uint64_t probe_tsc_hz(uint32_t max_leaf, uint32_t max_hv_leaf)
{
	uint64_t xen_hz = xen_tsc_hz();

	if (xen_hz != 0)
		return xen_hz;
	if (max_hv_leaf >= HV_LEAF_TSC) {
		uint32_t khz = cpuid(HV_LEAF_TSC, 0).eax;
		if (khz != 0)
			return (uint64_t)khz * 1000;
	}
	if (max_leaf >= LEAF_TSC_INFO) {
		struct cpuid_regs r = cpuid(LEAF_TSC_INFO, 0);
		if (r.eax != 0 && r.ebx != 0 && r.ecx != 0)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	return 0;
}

void arch_probe(struct platform *p)
{
	struct cpuid_regs r = cpuid(0, 0);
	char sig[12];

	p->arch = "x86_64";
	p->tick = "tsc";
	p->cpus = 1;
	signature(sig, r.ebx, r.edx, r.ecx);   /* the vendor is in EBX:EDX:ECX */
	p->vendor = lookup(sig, vendors, sizeof(vendors) / sizeof(vendors[0]));
	uint32_t max_hv_leaf = probe_hypervisor(p);
	p->tick_hz = probe_tsc_hz(r.eax, max_hv_leaf);
}
