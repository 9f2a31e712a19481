/*
 * xen.h - calling Xen from arm64: hvc #0xEA1 with the hypercall number in
 * x16 and the arguments in x0, x1, ...; the result comes back in x0
 * (xen/include/public/arch-arm.h).  The numbers are in xen-abi.h.
 */
#ifndef A64_XEN_H
#define A64_XEN_H

#include <stdint.h>
#include "xen-abi.h"

#define XEN_HYPERCALL_TAG 0xea1

/* A hypercall with up to two arguments; inline, benchmarks time it.
 * Xen may clobber the caller-saved registers (debug builds scramble them). */
/* The body with the instruction as a parameter: xen_hypercall2_setup (insn
 * "") loads the same registers without the hvc, the benchmarks' empty loop. */
#define XEN_HYPERCALL2(insn, ret, op, a0, a1)                                       \
	do {                                                                        \
		register uint64_t x0 __asm__("x0") = (a0);                          \
		register uint64_t x1 __asm__("x1") = (a1);                          \
		register uint64_t x16 __asm__("x16") = (op);                        \
		__asm__ volatile(insn : "+r"(x0), "+r"(x1), "+r"(x16)               \
				 : [tag] "i"(XEN_HYPERCALL_TAG)                     \
				 : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", \
				   "x11", "x12", "x13", "x14", "x15", "x17", "memory");    \
		(ret) = (long)x0;                                                   \
	} while (0)

static inline long xen_hypercall2(unsigned op, uint64_t a0, uint64_t a1)
{
	long ret;
	XEN_HYPERCALL2("hvc %[tag]", ret, op, a0, a1);
	return ret;
}

static inline long xen_hypercall2_setup(unsigned op, uint64_t a0, uint64_t a1)
{
	long ret;
	XEN_HYPERCALL2("", ret, op, a0, a1);
	return ret;
}

/* Three arguments (x0..x2), for vcpu_op(cmd, vcpu, arg); not timed. */
static inline long xen_hypercall3(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x16 __asm__("x16") = op;
	__asm__ volatile("hvc %[tag]" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x16)
			 : [tag] "i"(XEN_HYPERCALL_TAG)
			 : "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
			   "x14", "x15", "x17", "memory");
	return (long)x0;
}

#endif
