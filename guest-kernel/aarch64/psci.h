/*
 * psci.h - SMCCC calls and the PSCI functions the guest uses.
 *
 * The conduit (hvc or smc) comes from the device tree's /psci "method".
 * Under a hypervisor it is hvc; QEMU with virtualization=on emulates EL3
 * firmware, so there it is smc.
 */
#ifndef A64_PSCI_H
#define A64_PSCI_H

#include <stdint.h>

enum psci_conduit {
	PSCI_CONDUIT_NONE,
	PSCI_CONDUIT_HVC,
	PSCI_CONDUIT_SMC,
};

#define SMCCC_VERSION              0x80000000u
#define SMCCC_VENDOR_HYP_CALL_UID  0x8600ff01u
#define SMCCC_NOT_SUPPORTED        (-1l)

#define PSCI_VERSION               0x84000000u
#define PSCI_SYSTEM_OFF            0x84000008u
#define PSCI_CPU_ON_64             0xc4000003u

struct smccc_result {
	uint64_t a0, a1, a2, a3;
};

/* One SMCCC fast call through the conduit; a0 = NOT_SUPPORTED without one. */
struct smccc_result smccc_call(enum psci_conduit conduit, uint64_t fn,
			       uint64_t a1, uint64_t a2, uint64_t a3);

/* Start the CPU with this MPIDR at the physical address entry, x0 = context. */
int64_t psci_cpu_on(enum psci_conduit conduit, uint64_t mpidr, uint64_t entry, uint64_t context);

/* Power the machine off; returns only if that failed. */
void psci_system_off(enum psci_conduit conduit);

#endif
