/*
 * isca16_ops.c - the rows of the four-way table (which hvbench benchmark
 * measures each of the paper's seven operations) and its columns (which
 * test-bed or backend stands for "ARM KVM", "x86 Xen", ...).
 */
#include "study/isca16.h"

#include <stdio.h>
#include <string.h>

static const struct isca16_op ops[ISCA16_ROWS] = {
	{ "Hypercall", "hypercall", "-", "-",
	  "no-op hypercall, VM to hypervisor and back" },
	{ "Interrupt controller trap", "ic-trap", "xapic", "-",
	  "a trapping interrupt-controller register read (x86: xAPIC MMIO, ARM: GIC distributor)" },
	{ "Virtual IPI", "ipi", "roundtrip", "roundtrip",
	  "IPI from vCPU 0 until vCPU 1's handler has run and answered" },
	{ "Virtual IRQ completion", "eoi", "-", "-",
	  "EOI of a virtual interrupt in its handler" },
	{ "VM switch", "vm-switch", "-", "-",
	  "last instruction of one VM to the first of another on the same CPU" },
	{ "I/O latency out", "io-latency-out", "-", "-",
	  "guest notification until the host-side backend sees it" },
	{ "I/O latency in", "io-latency-in", "-", "-",
	  "host-side backend's notification until the guest's handler runs" },
};

const struct isca16_op *isca16_op(size_t row)
{
	return row < ISCA16_ROWS ? &ops[row] : NULL;
}

const char *isca16_bench_list(void)
{
	return "hypercall,ic-trap,ipi,eoi,vm-switch,io-latency-out,io-latency-in";
}

/* The paper's column order, the nVHE column beside ARM KVM, the test-beds
 * (emulated) first, this host's real hypervisors after them. */
int isca16_column_rank(const char *arch, const char *hypervisor, const char *testbed,
		       bool emulated)
{
	bool arm = strcmp(arch, "aarch64") == 0;
	bool kvm = strcmp(hypervisor, "kvm") == 0, xen = strcmp(hypervisor, "xen") == 0;
	if (!kvm && !xen)
		return -1;   /* qemu-tcg is no hypervisor: not a column of this table */
	if (!emulated)
		return 10 + (arm ? 0 : 2) + (kvm ? 0 : 1);
	bool nvhe = testbed && strstr(testbed, "nvhe") != NULL;
	if (arm)
		return kvm ? (nvhe ? 1 : 0) : 2;
	return kvm ? 3 : 4;
}

void isca16_column_title(char *out, size_t size, const char *arch, const char *hypervisor,
			 const char *testbed, const char *kvm_mode, bool emulated)
{
	bool arm = strcmp(arch, "aarch64") == 0;
	bool kvm = strcmp(hypervisor, "kvm") == 0;
	const char *mode = "";
	if (arm && kvm && kvm_mode && strcmp(kvm_mode, "vhe") == 0)
		mode = " (VHE)";
	else if (arm && kvm && kvm_mode && strcmp(kvm_mode, "nvhe") == 0)
		mode = " (nVHE)";
	else if (arm && kvm && kvm_mode && strcmp(kvm_mode, "protected") == 0)
		mode = " (pKVM)";
	else if (arm && kvm)
		mode = testbed && strstr(testbed, "nvhe") ? " (nVHE?)" : " (VHE?)";
	const char *release = testbed ? strchr(testbed, '@') : NULL;   /* "kvm-x86_64@trixie" */
	snprintf(out, size, "%s %s%s%s%s", arm ? "ARM" : "x86", kvm ? "KVM" : "Xen", mode,
		 release ? release : "", emulated ? " [emulated]" : " [this host]");
}
