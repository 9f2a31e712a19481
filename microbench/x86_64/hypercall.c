/*
 * hypercall.c - the cheapest call into the hypervisor.
 *
 *   KVM  vmcall (Intel) / vmmcall (AMD) with rax = KVM_HC_VAPIC_POLL_IRQ,
 *        a documented no-op that just returns 0 to the guest.
 *   Xen  the hypercall page: CPUID leaf base+2 names the MSR to which the
 *        guest writes the physical address of a page; Xen fills it with
 *        32-byte stubs, stub n making hypercall n.  The call made is
 *        xen_version(XENVER_version, NULL).
 * Any other hypervisor (TCG, none): unsupported.
 *
 * Xen's CPUID leaves move to 0x40000100 when it also offers Viridian
 * (Hyper-V) leaves, so the signature is searched for in steps of 0x100.
 */
#include "bench.h"
#include "benchmarks.h"
#include "kernel.h"
#include "kstring.h"
#include "tick.h"
#include "x86_64/cpuid.h"
#include "x86_64/msr.h"

#define KVM_HC_VAPIC_POLL_IRQ 1
#define XEN_HC_XEN_VERSION    17
#define XENVER_VERSION        0
#define XEN_STUB_SIZE         32
#define CPUID1_ECX_HYPERVISOR (1u << 31)

enum hypercall_kind {
	HC_NONE,
	HC_KVM_VMCALL,
	HC_KVM_VMMCALL,
	HC_XEN_PAGE,
};

struct hypercall_bench {
	enum hypercall_kind kind;
};

static struct hypercall_bench hypercall_bench;

/* Xen writes its stubs here; identity-mapped, so this is also its gpa. */
static __attribute__((aligned(4096))) uint8_t xen_hypercall_page[4096];

static bool signature_is(uint32_t leaf, const char sig[12])
{
	struct cpuid_regs r = cpuid(leaf, 0);
	char got[12];

	memcpy(got, &r.ebx, 4);
	memcpy(got + 4, &r.ecx, 4);
	memcpy(got + 8, &r.edx, 4);
	return memcmp(got, sig, 12) == 0;
}

/* The base leaf with the given signature, or 0. */
static uint32_t find_hypervisor(const char sig[12])
{
	for (uint32_t leaf = 0x40000000u; leaf < 0x40010000u; leaf += 0x100)
		if (signature_is(leaf, sig))
			return leaf;
	return 0;
}

static bool setup_xen(uint32_t base)
{
	struct cpuid_regs r = cpuid(base + 2, 0);   /* eax: pages, ebx: MSR */

	if (r.eax == 0)
		return false;
	wrmsr(r.ebx, (uint64_t)(uintptr_t)xen_hypercall_page);   /* page 0 */
	return true;
}

bool bench_hypercall_prepare(const struct bench *b, const struct guest_env *env,
			     struct bench_refusal *refusal)
{
	struct hypercall_bench *s = &hypercall_bench;
	uint32_t xen;

	*refusal = (struct bench_refusal){ "unsupported", "no-hypervisor" };
	s->kind = HC_NONE;
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR))
		return false;
	if (find_hypervisor("KVMKVMKVM\0\0\0")) {
		struct str vendor = { env->platform.vendor, strlen(env->platform.vendor) };
		s->kind = str_eq(vendor, "amd") ? HC_KVM_VMMCALL : HC_KVM_VMCALL;
	} else if ((xen = find_hypervisor("XenVMMXenVMM")) != 0) {
		if (!setup_xen(xen)) {
			refusal->reason = "no-xen-hypercall-page";
			return false;
		}
		s->kind = HC_XEN_PAGE;
	}
	return s->kind != HC_NONE;
}

static inline void kvm_vmcall(void)
{
	uint64_t rax = KVM_HC_VAPIC_POLL_IRQ;
	__asm__ volatile("vmcall" : "+a"(rax) : : "memory");
}

static inline void kvm_vmmcall(void)
{
	uint64_t rax = KVM_HC_VAPIC_POLL_IRQ;
	__asm__ volatile("vmmcall" : "+a"(rax) : : "memory");
}

/* Xen's 64-bit ABI: rdi, rsi, ... in, rax out; debug builds scramble the argument registers. */
static inline void xen_version(void)
{
	uint64_t rax, rdi = XENVER_VERSION, rsi = 0;
	__asm__ volatile("call *%[stub]"
			 : "=a"(rax), "+D"(rdi), "+S"(rsi)
			 : [stub] "r"(xen_hypercall_page + XEN_HC_XEN_VERSION * XEN_STUB_SIZE)
			 : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory");
}

uint64_t bench_hypercall(uint64_t iters)
{
	enum hypercall_kind kind = hypercall_bench.kind;
	uint64_t start = tick_begin();

	switch (kind) {
	case HC_KVM_VMCALL:
		for (uint64_t i = 0; i < iters; i++)
			kvm_vmcall();
		break;
	case HC_KVM_VMMCALL:
		for (uint64_t i = 0; i < iters; i++)
			kvm_vmmcall();
		break;
	case HC_XEN_PAGE:
		for (uint64_t i = 0; i < iters; i++)
			xen_version();
		break;
	case HC_NONE:
		break;
	}
	return tick_end() - start;
}
