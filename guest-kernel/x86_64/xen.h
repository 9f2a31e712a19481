/*
 * xen.h - finding Xen and calling it: CPUID leaves and the hypercall page.
 *
 * Under Xen (HVM or PVH) the guest finds Xen's CPUID leaves at 0x40000000,
 * or 0x100 higher when Xen also offers Hyper-V's leaves.  Leaf base+2 names
 * an MSR: writing a page's physical address to it makes Xen fill that page
 * with 32-byte stubs, stub n making hypercall n (mov $n, %eax; vmcall or
 * vmmcall; ret).  Arguments go in rdi, rsi, rdx, the result comes back in
 * rax (a negative errno on failure).
 *
 * Facts from xen/include/public/arch-x86/cpuid.h and xen/include/public/xen.h.
 */
#ifndef X86_XEN_H
#define X86_XEN_H

#include <stdbool.h>
#include <stdint.h>
#include "xen-abi.h"   /* the hypercall numbers */

#define XEN_HC_STUB_SIZE       32

/* CPUID leaves, as offsets from the base leaf. */
#define XEN_LEAF_VERSION       1
#define XEN_LEAF_HYPERCALL     2   /* eax: pages, ebx: the MSR */
#define XEN_LEAF_TIME          3   /* subleaf 0, ecx: guest TSC frequency in kHz */

/* Filled by Xen once xen_detect() has found it; identity-mapped. */
extern uint8_t xen_hypercall_page[4096];

/*
 * Look for Xen and install the hypercall page (the work is done once).
 * True when running under Xen with working hypercalls.
 */
bool xen_detect(void);

/* Xen's base CPUID leaf, 0 when not under Xen (calls xen_detect()). */
uint32_t xen_cpuid_base(void);

/*
 * A hypercall with up to three arguments; inline, benchmarks time it.
 * XEN_HYPERCALL3(insn, ret, ...) is its body with the call instruction as
 * a parameter, so xen_hypercall3_setup (insn "") does the same register
 * set-up without the call: the benchmarks' empty loop.
 */
#define XEN_HYPERCALL3(insn, ret, op, a1, a2, a3)                                  \
	do {                                                                       \
		uint64_t a1_ = (a1), a2_ = (a2);                                   \
		register uint64_t rdx_ __asm__("rdx") = (a3);                      \
		/* Xen may clobber the argument registers (debug builds scramble them). */ \
		__asm__ volatile(insn                                              \
				 : "=a"(ret), "+D"(a1_), "+S"(a2_), "+r"(rdx_)     \
				 : [stub] "r"(xen_hypercall_page + (op) * XEN_HC_STUB_SIZE) \
				 : "rcx", "r8", "r9", "r10", "r11", "memory");     \
	} while (0)

static inline long xen_hypercall3(unsigned op, uint64_t a1, uint64_t a2, uint64_t a3)
{
	long ret;
	XEN_HYPERCALL3("call *%[stub]", ret, op, a1, a2, a3);
	return ret;
}

static inline long xen_hypercall3_setup(unsigned op, uint64_t a1, uint64_t a2, uint64_t a3)
{
	long ret;
	XEN_HYPERCALL3("", ret, op, a1, a2, a3);
	return ret;
}

#endif
