/*
 * entry_state.c - the boot vCPU's registers at the PVH entry point:
 * 32-bit protected mode, paging off, flat 4 GiB code and data segments,
 * CR0 = PE | ET, RFLAGS = 2 (interrupts off), RIP = entry, RBX = the
 * address of hvm_start_info.  The guest sets up its own GDT, IDT, stack
 * and page tables.
 */
#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../log.h"
#include "../vcpu.h"
#include "boot.h"
#include "layout.h"

#define CR0_PE 0x1u
#define CR0_ET 0x10u

#define SEG_TYPE_CODE_EXEC_READ_ACCESSED 0xb
#define SEG_TYPE_DATA_READ_WRITE_ACCESSED 0x3

/* A flat 4 GiB, 32-bit, ring-0 segment. */
static struct kvm_segment flat_segment(uint16_t selector, uint8_t type)
{
	return (struct kvm_segment){
		.base = 0,
		.limit = 0xffffffff,
		.selector = selector,
		.type = type,
		.present = 1,
		.dpl = 0,
		.db = 1,      /* 32-bit */
		.s = 1,       /* code/data, not system */
		.l = 0,
		.g = 1,       /* limit in pages */
	};
}

int pvh_set_entry_state(struct vcpu *vcpu, uint32_t entry)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	if (ioctl(vcpu->fd, KVM_GET_SREGS, &sregs) < 0) {
		refhv_err("KVM_GET_SREGS: %s", strerror(errno));
		return -1;
	}
	sregs.cs = flat_segment(0x10, SEG_TYPE_CODE_EXEC_READ_ACCESSED);
	sregs.ds = flat_segment(0x18, SEG_TYPE_DATA_READ_WRITE_ACCESSED);
	sregs.es = sregs.ds;
	sregs.fs = sregs.ds;
	sregs.gs = sregs.ds;
	sregs.ss = sregs.ds;
	sregs.cr0 = CR0_PE | CR0_ET;
	sregs.cr3 = 0;
	sregs.cr4 = 0;
	sregs.efer = 0;
	if (ioctl(vcpu->fd, KVM_SET_SREGS, &sregs) < 0) {
		refhv_err("KVM_SET_SREGS: %s", strerror(errno));
		return -1;
	}

	memset(&regs, 0, sizeof(regs));
	regs.rflags = 0x2;
	regs.rip = entry;
	regs.rbx = X86_START_INFO_GPA;
	if (ioctl(vcpu->fd, KVM_SET_REGS, &regs) < 0) {
		refhv_err("KVM_SET_REGS: %s", strerror(errno));
		return -1;
	}
	return 0;
}
