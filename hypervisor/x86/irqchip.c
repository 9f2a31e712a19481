/*
 * irqchip.c - the interrupt controllers live in the kernel:
 * KVM_CREATE_IRQCHIP (a local APIC per vCPU, an IOAPIC and the legacy PICs).
 * With the in-kernel LAPIC, the vCPUs other than 0 wait for INIT-SIPI-SIPI
 * inside KVM_RUN, and HLT never reaches refhv.
 *
 * No PIT (KVM_CREATE_PIT2): the guest's timers are the LAPIC timer and the
 * TSC, and creating one cost a median 2-3 ms of start-up on a busy host
 * (KVM starts a kernel thread for it).  Ports 0x40-0x43 reach refhv's port
 * table like any unknown port.
 *
 * Intel VMX also needs three pages for a real-mode TSS and, without
 * unrestricted guest, one for an identity page table; both go in the
 * 3-4 GiB hole where no RAM is.
 */
#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../kvm.h"
#include "../log.h"
#include "../vm.h"
#include "layout.h"
#include "x86.h"

int x86_create_irqchip(struct vm *vm)
{
	if (kvm_has_cap(vm->vm_fd, KVM_CAP_SET_TSS_ADDR) > 0 &&
	    ioctl(vm->vm_fd, KVM_SET_TSS_ADDR, (unsigned long)X86_TSS_GPA) < 0) {
		refhv_err("KVM_SET_TSS_ADDR: %s", strerror(errno));
		return -1;
	}
	if (kvm_has_cap(vm->vm_fd, KVM_CAP_SET_IDENTITY_MAP_ADDR) > 0) {
		uint64_t addr = X86_IDENTITY_MAP_GPA;
		if (ioctl(vm->vm_fd, KVM_SET_IDENTITY_MAP_ADDR, &addr) < 0) {
			refhv_err("KVM_SET_IDENTITY_MAP_ADDR: %s", strerror(errno));
			return -1;
		}
	}
	if (ioctl(vm->vm_fd, KVM_CREATE_IRQCHIP, 0) < 0) {
		refhv_err("KVM_CREATE_IRQCHIP: %s", strerror(errno));
		return -1;
	}
	return 0;
}
