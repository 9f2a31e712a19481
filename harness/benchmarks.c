/*
 * benchmarks.c - the table of benchmark names per architecture.
 */
#include "benchmarks.h"

#include <string.h>

#define TLB_VARIANTS "g4k|g2m x h4k|h2m x 4k..1g"
#define TLB_MEM_MB 1300 /* the 1 GiB working set, the guest and its page tables */
/* Building 1 GiB chases under a slow (nested, emulating) KVM took ~60 s here. */
#define TLB_TIMEOUT_S 900

static const struct benchmark_info benchmarks[] = {
	/* name, arch, variants, description, vcpus, mem MiB, host-page sweep, on host, min timeout */
	{ "cpuid",           "x86_64", "-", "CPUID: the classic bare exit to the hypervisor", 1, 0, false, false, 0 },
	{ "hypercall",       "x86_64", "-", "no-op hypercall round trip (vmcall/vmmcall, Xen: xen_version)", 1, 0, false, false, 0 },
	{ "ic-trap",         "x86_64", "xapic,x2apic", "trapping local-APIC register read (MMIO / MSR)", 1, 0, false, false, 0 },
	{ "ipi",             "x86_64", "send,roundtrip", "IPI from vCPU0 to vCPU1: ICR write / until acknowledged", 2, 0, false, false, 0 },
	{ "eoi",             "x86_64", "-", "EOI write in an interrupt handler", 1, 0, false, false, 0 },
	{ "pio-out-user",    "x86_64", "-", "OUT to an unassigned port, handled in the VMM's userspace", 1, 0, false, false, 0 },
	{ "pio-out-kernel",  "x86_64", "-", "OUT to a port completed in the kernel (ioeventfd)", 1, 0, false, false, 0 },
	{ "mmio-write-user", "x86_64", "-", "write to unbacked guest memory, handled in the VMM's userspace", 1, 0, false, false, 0 },
	{ "mmio-write-kernel", "x86_64", "-", "write to unbacked guest memory completed in the kernel (ioeventfd)", 1, 0, false, false, 0 },
	{ "io-latency-out",  "x86_64", "-", "guest port write until a host thread sees it (ioeventfd)", 1, 0, false, false, 0 },
	{ "io-latency-in",   "x86_64", "-", "host irqfd until the guest's handler runs", 1, 0, false, false, 0 },
	{ "timer-latency",   "x86_64", "-", "TSC-deadline timer: deadline to handler entry", 1, 0, false, false, 0 },
	{ "tlb-nested",      "x86_64", TLB_VARIANTS, "random pointer chase, cycles per access (nested paging)", 1, TLB_MEM_MB, true, false,
	  TLB_TIMEOUT_S },
	{ "tlb-native",      "x86_64", "4k|2m x 4k..1g", "the same pointer chase on the host (baseline)", 1, 0, false, true, 0 },

	{ "hypercall",       "aarch64", "-", "hvc SMCCC_VERSION (KVM), xen_version (Xen)", 1, 0, false, false, 0 },
	{ "ic-trap",         "aarch64", "-", "trapping GIC distributor register read", 1, 0, false, false, 0 },
	{ "ipi",             "aarch64", "send,roundtrip", "SGI from vCPU0 to vCPU1: ICC_SGI1R write / until acknowledged", 2, 0, false, false, 0 },
	{ "eoi",             "aarch64", "-", "ICC_EOIR1_EL1 write (no trap with a vGIC)", 1, 0, false, false, 0 },
	{ "mmio-write-user", "aarch64", "-", "write to unbacked guest memory, handled in the VMM's userspace", 1, 0, false, false, 0 },
	{ "mmio-write-kernel", "aarch64", "-", "write to unbacked guest memory completed in the kernel (ioeventfd)", 1, 0, false, false, 0 },
	{ "timer-latency",   "aarch64", "-", "virtual timer: deadline to handler entry", 1, 0, false, false, 0 },
};

size_t benchmark_count(void)
{
	return sizeof(benchmarks) / sizeof(benchmarks[0]);
}

const struct benchmark_info *benchmark_at(size_t index)
{
	return index < benchmark_count() ? &benchmarks[index] : NULL;
}

const struct benchmark_info *benchmark_find(const char *arch, const char *name)
{
	for (size_t i = 0; i < benchmark_count(); i++)
		if (strcmp(benchmarks[i].arch, arch) == 0 && strcmp(benchmarks[i].name, name) == 0)
			return &benchmarks[i];
	return NULL;
}
