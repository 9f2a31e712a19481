/*
 * arm64.h - arm64 pieces that arch.c puts together.
 */
#ifndef REFHV_ARM64_ARM64_H
#define REFHV_ARM64_ARM64_H

#include <stdint.h>

#include "../mmio.h"

struct vm;
struct vcpu;

/* gic.c: create the vGICv3 and place it (before any vCPU exists). */
int arm64_gic_create(struct vm *vm);
/* gic.c: initialise it (after every vCPU has done KVM_ARM_VCPU_INIT). */
int arm64_gic_init(struct vm *vm);

/* cpu.c: KVM_ARM_VCPU_INIT with PSCI 0.2; vCPUs other than 0 start off. */
int arm64_vcpu_init(struct vcpu *vcpu);
/* cpu.c: the boot vCPU at entry: PC, x0 = the DTB, EL1h with DAIF masked. */
int arm64_set_entry_state(struct vcpu *vcpu, uint64_t entry, uint64_t dtb_gpa);
/* cpu.c: the vCPU's PC, 0 if unreadable. */
uint64_t arm64_vcpu_pc(struct vcpu *vcpu);

/* boot.c: load the Image and write the DTB; sets vm->boot_entry. */
int arm64_load_guest(struct vm *vm, const char *path, const char *cmdline);

mmio_handler_fn pl011_mmio;        /* pl011.c */
mmio_handler_fn report_mmio;       /* report_mmio.c: HVB_ARM64_REPORT */
mmio_handler_fn vm_switch_mmio;    /* vm_switch_mmio.c: HVB_ARM64_VMSWITCH */

#endif
