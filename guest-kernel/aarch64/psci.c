/*
 * psci.c - SMCCC calls through hvc or smc (see psci.h).
 *
 * SMCCC 1.0 lets the callee clobber x0-x17, so all of them are declared
 * clobbered (x4-x17 as clobbers, x0-x3 as outputs).
 */
#include "psci.h"

#define SMCCC_CLOBBERS "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
	"x13", "x14", "x15", "x16", "x17", "memory"

struct smccc_result smccc_call(enum psci_conduit conduit, uint64_t fn,
			       uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	switch (conduit) {
	case PSCI_CONDUIT_HVC:
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SMCCC_CLOBBERS);
		break;
	case PSCI_CONDUIT_SMC:
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SMCCC_CLOBBERS);
		break;
	case PSCI_CONDUIT_NONE:
		x0 = (uint64_t)SMCCC_NOT_SUPPORTED;
		break;
	}
	return (struct smccc_result){ x0, x1, x2, x3 };
}

int64_t psci_cpu_on(enum psci_conduit conduit, uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return (int64_t)smccc_call(conduit, PSCI_CPU_ON_64, mpidr, entry, context).a0;
}

void psci_system_off(enum psci_conduit conduit)
{
	smccc_call(conduit, PSCI_SYSTEM_OFF, 0, 0, 0);
}
