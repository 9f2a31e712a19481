/*
 * hypercall.c - the cheapest call into the hypervisor.
 *
 *   KVM  vmcall (Intel) / vmmcall (AMD) with rax = KVM_HC_VAPIC_POLL_IRQ,
 *        a documented no-op that just returns 0 to the guest.
 *   Xen  a call through the hypercall page the kernel installs at boot
 *        (guest-kernel/x86_64/xen.h): xen_version(XENVER_version, NULL).
 * Any other hypervisor (TCG, none): unsupported.
 *
 * A hypervisor's CPUID leaves may sit above 0x40000000 (behind Viridian's,
 * Hyper-V's), so the KVM signature is searched for in steps of 0x100.
 */
#include "bench.h"
#include "benchmarks.h"
#include "kernel.h"
#include "kstring.h"
#include "tick.h"
#include "x86_64/cpuid.h"
#include "x86_64/xen.h"

#define KVM_HC_VAPIC_POLL_IRQ 1
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

bool bench_hypercall_prepare(const struct bench *b, const struct guest_env *env,
			     struct bench_refusal *refusal)
{
	struct hypercall_bench *s = &hypercall_bench;

	*refusal = (struct bench_refusal){ "unsupported", "no-hypervisor" };
	s->kind = HC_NONE;
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR))
		return false;
	if (find_hypervisor("KVMKVMKVM\0\0\0")) {
		struct str vendor = { env->platform.vendor, strlen(env->platform.vendor) };
		s->kind = str_eq(vendor, "amd") ? HC_KVM_VMMCALL : HC_KVM_VMCALL;
	} else if (xen_cpuid_base() != 0) {
		if (!xen_detect()) {
			refusal->reason = "no-xen-hypercall-page";
			return false;
		}
		s->kind = HC_XEN_PAGE;
	}
	return s->kind != HC_NONE;
}

/* rax = the hypercall number, reloaded each time (the call returns in rax). */
#define KVM_HYPERCALL(insn)                                               \
	do {                                                              \
		uint64_t rax = KVM_HC_VAPIC_POLL_IRQ;                     \
		__asm__ volatile(insn : "+a"(rax) : : "memory");          \
	} while (0)

/*
 * The empty twin of each kind keeps the per-call set-up and drops only the
 * trap: for KVM the rax load, for Xen the argument registers and the
 * hypercall page's address (xen_hypercall3_setup), so the subtraction
 * leaves the hypercall alone.
 */
static inline __attribute__((always_inline)) uint64_t
hypercall_loop(uint64_t iters, bool with_call)
{
	enum hypercall_kind kind = hypercall_bench.kind;
	uint64_t start = tick_begin();

	switch (kind) {
	case HC_KVM_VMCALL:
		for (uint64_t i = 0; i < iters; i++) {
			if (with_call)
				KVM_HYPERCALL("vmcall");
			else
				KVM_HYPERCALL("");
		}
		break;
	case HC_KVM_VMMCALL:
		for (uint64_t i = 0; i < iters; i++) {
			if (with_call)
				KVM_HYPERCALL("vmmcall");
			else
				KVM_HYPERCALL("");
		}
		break;
	case HC_XEN_PAGE:
		for (uint64_t i = 0; i < iters; i++) {
			if (with_call)
				xen_hypercall3(XEN_HC_XEN_VERSION, XENVER_VERSION, 0, 0);
			else
				xen_hypercall3_setup(XEN_HC_XEN_VERSION, XENVER_VERSION, 0, 0);
		}
		break;
	case HC_NONE:
		break;
	}
	return tick_end() - start;
}

uint64_t bench_hypercall(uint64_t iters)
{
	return hypercall_loop(iters, true);
}

uint64_t bench_hypercall_empty(uint64_t iters)
{
	return hypercall_loop(iters, false);
}
