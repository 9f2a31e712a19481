/*
 * gic.c - the interrupt controller is a GICv3 emulated inside KVM
 * (KVM_CREATE_DEVICE, KVM_DEV_TYPE_ARM_VGIC_V3).  Two steps, because KVM
 * insists on an order:
 *
 *   before the vCPUs   create it, set the distributor and redistributor
 *                      addresses and the number of interrupts;
 *   after the vCPUs    KVM_DEV_ARM_VGIC_CTRL_INIT, which sizes the
 *                      redistributors for the vCPUs that exist and fails
 *                      if one of them has not done KVM_ARM_VCPU_INIT.
 *
 * The arch timer's PPIs and PSCI then work without refhv's help.
 */
#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../log.h"
#include "../vm.h"
#include "arm64.h"
#include "layout.h"

static int gic_set(int fd, uint32_t group, uint64_t attr, const void *value, const char *what)
{
	struct kvm_device_attr a = {
		.group = group,
		.attr = attr,
		.addr = (uintptr_t)value,
	};
	if (ioctl(fd, KVM_SET_DEVICE_ATTR, &a) < 0) {
		refhv_err("vGICv3: %s: %s", what, strerror(errno));
		return -1;
	}
	return 0;
}

int arm64_gic_create(struct vm *vm)
{
	struct kvm_create_device dev = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	uint64_t redist_size = ARM64_GIC_REDIST_SIZE * vm->opts->vcpus;

	if (ARM64_GIC_REDIST_BASE + redist_size > ARM64_GIC_REDIST_END) {
		refhv_err("vGICv3: no room for %u redistributors", vm->opts->vcpus);
		return -1;
	}
	if (ioctl(vm->vm_fd, KVM_CREATE_DEVICE, &dev) < 0) {
		refhv_err("KVM_CREATE_DEVICE (vGICv3): %s (does this host have a GICv3?)",
			  strerror(errno));
		return -1;
	}
	vm->arch.irqchip_fd = (int)dev.fd;

	uint64_t dist = ARM64_GIC_DIST_BASE, redist = ARM64_GIC_REDIST_BASE;
	uint32_t nr_irqs = ARM64_GIC_NR_IRQS;
	if (gic_set(vm->arch.irqchip_fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST, &dist,
		    "distributor address") ||
	    gic_set(vm->arch.irqchip_fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST,
		    &redist, "redistributor address") ||
	    gic_set(vm->arch.irqchip_fd, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs, "number of IRQs"))
		return -1;
	return 0;
}

int arm64_gic_init(struct vm *vm)
{
	return gic_set(vm->arch.irqchip_fd, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL,
		       "KVM_DEV_ARM_VGIC_CTRL_INIT");
}
