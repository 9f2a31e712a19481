/*
 * bench_ports.c - the benchmark targets.
 *
 * "user": HVB_PORT_BENCH_USER and HVB_MMIO_BENCH_USER (arm64:
 * HVB_ARM64_BENCH_USER) belong to no device on purpose: the exit reaches
 * refhv's userspace, the port or MMIO table finds nothing and the access is
 * completed as on an empty bus (ioport.c, mmio.c).  Their cost is the round
 * trip through userspace to an unassigned address, as the benchmark names
 * say, and `refhv --devices` lists them as unclaimed.
 * "kernel": HVB_PORT_BENCH_KERNEL and HVB_MMIO_BENCH_KERNEL (on arm64
 * HVB_ARM64_BENCH_KERNEL, see arch_platform()) are bound to an ioeventfd,
 * so KVM completes the write without leaving the kernel.
 */
#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include "arch.h"
#include "devices.h"
#include "log.h"
#include "vm.h"

/* Length 0 means "any access size" (for PIO too, since Linux 4.4ish);
 * older KVMs want an exact size: the 32 bits the benchmarks write. */
int ioeventfd_bind(struct vm *vm, uint64_t addr, bool pio, uint32_t len, int fd)
{
	struct kvm_ioeventfd ev = {
		.addr = addr,
		.len = len,
		.fd = fd,
		.flags = pio ? KVM_IOEVENTFD_FLAG_PIO : 0,
	};
	int rc = ioctl(vm->vm_fd, KVM_IOEVENTFD, &ev);
	if (rc == 0 || len)
		return rc;
	ev.len = 4;
	return ioctl(vm->vm_fd, KVM_IOEVENTFD, &ev);
}

int bench_kernel_bind(struct vm *vm)
{
	/* Nobody reads the eventfd; its counter just grows (2^64 writes). */
	vm->bench_eventfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (vm->bench_eventfd < 0) {
		refhv_err("eventfd: %s", strerror(errno));
		return -1;
	}
	const struct arch_platform *p = arch_platform();
	if (p->bench_kernel_port >= 0 && ioeventfd_bind(vm, (uint64_t)p->bench_kernel_port, true, 0, vm->bench_eventfd))
		refhv_err("warning: no ioeventfd for port 0x%x (%s): pio-out-kernel will exit "
			  "to userspace", p->bench_kernel_port, strerror(errno));
	if (p->bench_kernel_mmio && ioeventfd_bind(vm, p->bench_kernel_mmio, false, 0, vm->bench_eventfd))
		refhv_err("warning: no ioeventfd for MMIO 0x%llx (%s): mmio-write-kernel will exit "
			  "to userspace", (unsigned long long)p->bench_kernel_mmio, strerror(errno));
	return 0;
}
