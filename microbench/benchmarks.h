/*
 * benchmarks.h - the run functions the registry points at.
 *
 * Each run function returns the ticks taken by `iters` operations (for the
 * latency benchmarks: the sum of the `iters` timed intervals); prepare and
 * check are the optional hooks of struct bench.
 */
#ifndef BENCHMARKS_H
#define BENCHMARKS_H

#include <stdbool.h>
#include <stdint.h>
#include "bench.h"

/* tlb.c (both arches): tlb-nested, one variant per guest page size and working set */
struct tlb_variant {
	uint64_t guest_page;     /* 4096 or 2 MiB */
	uint64_t bytes;          /* the working set */
};
bool bench_tlb_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal);
uint64_t bench_tlb_chase(uint64_t iters);

/* ARCH/io_latency.c (both): needs refhv's io-latency helper or, under Xen, our dom0 program */
bool bench_io_latency_out_prepare(const struct bench *b, const struct guest_env *env,
				  struct bench_refusal *refusal);
bool bench_io_latency_in_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal);
uint64_t bench_io_latency_out(uint64_t iters);
uint64_t bench_io_latency_in(uint64_t iters);
const char *bench_io_latency_check(void);

#if defined(__x86_64__)
uint64_t bench_cpuid(uint64_t iters);            /* cpuid leaf 0: exit handled in the kernel */
uint64_t bench_cpuid_empty(uint64_t iters);      /* its loop minus the cpuid */
/* arg: the port (uint16_t); refuses "target-claimed" unless it reads all-ones */
bool bench_port_prepare(const struct bench *b, const struct guest_env *env,
			struct bench_refusal *refusal);
uint64_t bench_pio_out_user(uint64_t iters);     /* outb to an unassigned port: exit to the VMM */
uint64_t bench_mmio_write_user(uint64_t iters);  /* store to unbacked memory: exit to the VMM */
uint64_t bench_pio_out_kernel(uint64_t iters);   /* outb to an ioeventfd port: done in the kernel */
uint64_t bench_mmio_write_kernel(uint64_t iters); /* store to an ioeventfd address */

/* hypercall.c */
bool bench_hypercall_prepare(const struct bench *b, const struct guest_env *env,
			     struct bench_refusal *refusal);
uint64_t bench_hypercall(uint64_t iters);
uint64_t bench_hypercall_empty(uint64_t iters);  /* the argument set-up alone */

/* apic.c: ic-trap (one run, two prepares: the APIC mode) and eoi */
bool bench_ic_trap_xapic_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal);
bool bench_ic_trap_x2apic_prepare(const struct bench *b, const struct guest_env *env,
				  struct bench_refusal *refusal);
uint64_t bench_ic_trap(uint64_t iters);
bool bench_eoi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal);
uint64_t bench_eoi(uint64_t iters);
const char *bench_eoi_check(void);

/* ipi.c: needs a second vCPU */
bool bench_ipi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal);
uint64_t bench_ipi_send(uint64_t iters);
uint64_t bench_ipi_roundtrip(uint64_t iters);
const char *bench_ipi_check(void);

/* timer.c */
bool bench_timer_latency_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal);
uint64_t bench_timer_latency(uint64_t iters);
const char *bench_timer_latency_check(void);

#endif

#if defined(__aarch64__)
/* aarch64/exits.c: one trip to the hypervisor each */
uint64_t bench_hypercall(uint64_t iters);         /* hvc (SMCCC_VERSION, or Xen's xen_version) */
uint64_t bench_hypercall_empty(uint64_t iters);   /* the argument set-up alone */
bool bench_hypercall_supported(const char **reason);
uint64_t bench_ic_trap(uint64_t iters);           /* read GICD_TYPER */
bool bench_gic_supported(const char **reason);
uint64_t bench_mmio_write_user(uint64_t iters);   /* store to HVB_ARM64_BENCH_USER */
uint64_t bench_mmio_write_kernel(uint64_t iters); /* store to HVB_ARM64_BENCH_KERNEL */
bool bench_mmio_prepare(const struct bench *b, const struct guest_env *env,
			struct bench_refusal *refusal);
const char *bench_mmio_note(void);                /* "data-abort-not-an-exit" or NULL */

/* aarch64/interrupts.c: GICv3 SGIs and the virtual timer */
bool bench_ipi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal);
uint64_t bench_ipi_send(uint64_t iters);
uint64_t bench_ipi_roundtrip(uint64_t iters);
const char *bench_ipi_check(void);
bool bench_eoi_prepare(const struct bench *b, const struct guest_env *env,
		       struct bench_refusal *refusal);
uint64_t bench_eoi(uint64_t iters);
const char *bench_eoi_check(void);
bool bench_timer_latency_prepare(const struct bench *b, const struct guest_env *env,
				 struct bench_refusal *refusal);
uint64_t bench_timer_latency(uint64_t iters);
const char *bench_timer_latency_check(void);
#endif

/* vm_switch.c, both architectures: half a round trip main -> partner -> main */
bool bench_vm_switch_prepare(const struct bench *b, const struct guest_env *env,
			     struct bench_refusal *refusal);
uint64_t bench_vm_switch(uint64_t iters);
const char *bench_vm_switch_check(void);

#endif
