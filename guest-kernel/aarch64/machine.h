/*
 * machine.h - what the arm64 guest knows about its machine.
 *
 * Filled once at boot from the device tree (machine-fdt.c) and from the
 * CPU, then only read.  The benchmarks reach it through arm64_machine().
 */
#ifndef A64_MACHINE_H
#define A64_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include "cmdline.h"
#include "gic.h"
#include "mmu.h"
#include "psci.h"

#define MACHINE_MAX_RAM   8
#define MACHINE_MAX_CPUS  8

struct mem_range {
	uint64_t base, size;
};

struct machine_cpu {
	uint64_t mpidr;          /* the "reg" of its /cpus node (affinity fields) */
	volatile bool online;    /* set by the CPU itself once it runs C code */
	struct gic_cpu gic;      /* its redistributor */
};

struct machine {
	/* from the device tree */
	struct mem_range ram[MACHINE_MAX_RAM];
	unsigned ram_count;
	char bootargs[CMDLINE_MAX];
	bool has_bootargs;
	uint64_t uart_base;      /* PL011 / SBSA UART, 0 when none */
	bool uart_is_pl011;      /* full PL011 (may be programmed), not just SBSA */
	struct gic gic;          /* gic.dist == 0 when there is no GICv3 */
	enum psci_conduit psci;
	bool is_xen;             /* /hypervisor compatible "xen,xen" */
	uint64_t xen_gnttab_base;  /* /hypervisor reg: where grant frames may go, 0: none */
	unsigned xen_evtchn_intid; /* /hypervisor interrupts: the event-channel PPI, 0: none */
	bool is_qemu_virt;       /* root compatible "linux,dummy-virt" (QEMU virt, kvmtool) */
	unsigned vtimer_intid;   /* the virtual timer's PPI (INTID) */
	struct machine_cpu cpu[MACHINE_MAX_CPUS];
	unsigned cpu_count;      /* CPUs in the device tree (capped at MACHINE_MAX_CPUS) */
	unsigned boot_cpu;       /* index of the CPU that booted */

	/* from the CPU */
	unsigned entry_el;       /* 1 or 2: where the loader entered the guest */
	uint64_t tick_hz;        /* CNTFRQ_EL0 */
	struct mmu mmu;
};

/* Read the DTB at dtb into m; false when the DTB is unusable. */
bool machine_from_fdt(struct machine *m, const void *dtb);

/* The machine the guest booted on (read-only after boot). */
const struct machine *arm64_machine(void);

/* The page tables, for benchmarks that remap memory (e.g. 4 KiB pages). */
struct mmu *arm64_mmu(void);

/* How many CPUs run (the boot CPU included). */
unsigned machine_cpus_online(const struct machine *m);

#endif
