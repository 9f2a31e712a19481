/*
 * insns.c - the arm64 instructions the guest's insns= list can run (see
 * ../insns.h): a no-op, system register reads KVM lets through (the
 * virtual counter, MIDR_EL1 from VPIDR_EL2) or traps (ACTLR_EL1 under
 * HCR_EL2.TACR), and hvc SMCCC_VERSION, a call KVM answers in the kernel.
 * Each function runs its instruction iters times between counter reads.
 */
#include "insns.h"

#include "tick.h"

#define TIMED(body)                                                  \
	do {                                                         \
		uint64_t start = tick_begin();                       \
		for (uint64_t i = 0; i < iters; i++) {               \
			body;                                        \
		}                                                    \
		return tick_end() - start;                           \
	} while (0)

#define SMCCC_VERSION 0x80000000u

static uint64_t run_nop(uint64_t iters) { TIMED(__asm__ volatile("nop" ::: "memory")); }

static uint64_t run_mrs_cntvct(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("mrs %0, cntvct_el0" : "=r"(v) : : "memory"));
}

static uint64_t run_mrs_midr(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("mrs %0, midr_el1" : "=r"(v) : : "memory"));
}

static uint64_t run_mrs_actlr(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("mrs %0, actlr_el1" : "=r"(v) : : "memory"));
}

static uint64_t run_hvc(uint64_t iters)
{
	TIMED(register uint64_t x0 __asm__("x0") = SMCCC_VERSION;
	      __asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
			       "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16",
			       "x17", "memory"));
}

const struct insn_probe insn_table[] = {
	{ "nop", "nop: innocuous", run_nop },
	{ "mrs-cntvct", "mrs cntvct_el0: the virtual counter (not trapped)", run_mrs_cntvct },
	{ "mrs-midr", "mrs midr_el1: reads VPIDR_EL2 (not trapped)", run_mrs_midr },
	{ "mrs-actlr", "mrs actlr_el1: trapped by HCR_EL2.TACR", run_mrs_actlr },
	{ "hvc", "hvc #0 SMCCC_VERSION: a call into the hypervisor", run_hvc },
};

const unsigned insn_count = sizeof(insn_table) / sizeof(insn_table[0]);
