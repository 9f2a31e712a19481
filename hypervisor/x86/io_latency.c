/*
 * io_latency.c - refhv's io-latency helper: a host thread that the guest
 * wakes through an ioeventfd and that interrupts the guest through an
 * irqfd, without the vCPU thread ever leaving KVM_RUN.
 *
 *   out: the guest writes HVB_PORT_IOLAT_OUT; KVM signals out_fd; the
 *        thread wakes in poll(), reads the TSC, converts it to the guest's
 *        TSC domain and publishes it in the shared page (out_tsc, then
 *        out_seq).
 *   in:  the guest writes HVB_PORT_IOLAT_IN; the thread stamps in_tsc,
 *        bumps in_seq, then writes irq_fd, which makes KVM raise GSI
 *        HVB_IOLAT_GSI (an edge on that in-kernel IOAPIC pin).
 *
 * The TSC domains: KVM runs the guest with guest TSC = host TSC + offset
 * (no scaling, refhv does not set a TSC frequency); x86/tsc_offset.c
 * finds the offset, exactly or as an estimate, and page->tsc_exact says
 * which.
 *
 * x86 only (port I/O doorbells, the IOAPIC, rdtsc); arm64/io_latency.c
 * says why arm64 has none yet.
 */
#include "../io_latency.h"

#include "../arch.h"

#include <errno.h>
#include <linux/kvm.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../log.h"
#include "../vcpu.h"
#include "../vm.h"
#include "x86.h"

#define IOLAT_MEMSLOT 16          /* clear of the RAM regions' slots */

static int bind_doorbell(struct vm *vm, uint16_t port, int *fd)
{
	*fd = eventfd(0, EFD_CLOEXEC);
	if (*fd < 0)
		return -1;
	struct kvm_ioeventfd ev = {
		.addr = port,
		.len = 1,                 /* the guest writes one byte */
		.fd = *fd,
		.flags = KVM_IOEVENTFD_FLAG_PIO,
	};
	return ioctl(vm->vm_fd, KVM_IOEVENTFD, &ev);
}

static int map_page(struct vm *vm, struct io_latency *io)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	struct kvm_userspace_memory_region slot = {
		.slot = IOLAT_MEMSLOT,
		.guest_phys_addr = HVB_IOLAT_PAGE,
		.memory_size = 4096,
		.userspace_addr = (uintptr_t)p,
	};
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
		int err = errno;
		munmap(p, 4096);
		errno = err;
		return -1;
	}
	io->page = p;
	return 0;
}

/* Publish a stamp: the value first, then the sequence number the guest polls. */
static void publish(uint64_t *tsc, uint64_t *seq, uint64_t value)
{
	__atomic_store_n(tsc, value, __ATOMIC_RELAXED);
	__atomic_store_n(seq, *seq + 1, __ATOMIC_RELEASE);
}

static void *helper_thread(void *arg)
{
	struct io_latency *io = arg;
	struct pollfd fds[3] = {
		{ .fd = io->out_fd, .events = POLLIN },
		{ .fd = io->in_fd, .events = POLLIN },
		{ .fd = io->stop_fd, .events = POLLIN },
	};
	uint64_t count, one = 1;

	for (;;) {
		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		uint64_t now = x86_host_tsc() + (uint64_t)io->tsc_offset;
		if (fds[2].revents)
			break;
		if (fds[0].revents && read(io->out_fd, &count, sizeof(count)) == sizeof(count))
			publish(&io->page->out_tsc, &io->page->out_seq, now);
		if (fds[1].revents && read(io->in_fd, &count, sizeof(count)) == sizeof(count)) {
			publish(&io->page->in_tsc, &io->page->in_seq,
				x86_host_tsc() + (uint64_t)io->tsc_offset);
			if (write(io->irq_fd, &one, sizeof(one)) != sizeof(one))
				refhv_err("io-latency: irqfd write: %s", strerror(errno));
		}
	}
	return NULL;
}

static int setup(struct vm *vm, struct io_latency *io)
{
	if (!io->page)
		return -1;   /* x86_io_latency_map() said why */
	if (bind_doorbell(vm, HVB_PORT_IOLAT_OUT, &io->out_fd) ||
	    bind_doorbell(vm, HVB_PORT_IOLAT_IN, &io->in_fd)) {
		refhv_err("warning: io-latency: ioeventfd: %s", strerror(errno));
		return -1;
	}
	io->irq_fd = eventfd(0, EFD_CLOEXEC);
	struct kvm_irqfd irqfd = { .fd = (uint32_t)io->irq_fd, .gsi = HVB_IOLAT_GSI };
	if (io->irq_fd < 0 || ioctl(vm->vm_fd, KVM_IRQFD, &irqfd)) {
		refhv_err("warning: io-latency: irqfd: %s", strerror(errno));
		return -1;
	}
	io->stop_fd = eventfd(0, EFD_CLOEXEC);
	if (io->stop_fd < 0)
		return -1;
	bool exact = arch_clock_offset(&vm->vcpus[0], &io->tsc_offset);
	io->page->tsc_exact = exact;
	int err = pthread_create(&io->thread, NULL, helper_thread, io);
	if (err) {
		refhv_err("warning: io-latency: thread: %s", strerror(err));
		return -1;
	}
	io->running = true;
	/* Last: the guest trusts the page once it sees the magic. */
	__atomic_store_n(&io->page->magic, HVB_IOLAT_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

int x86_io_latency_map(struct vm *vm)
{
	struct io_latency *io = calloc(1, sizeof(*io));
	if (!io)
		return 0;
	io->out_fd = io->in_fd = io->irq_fd = io->stop_fd = -1;
	vm->io_latency = io;
	if (map_page(vm, io))
		refhv_err("warning: io-latency: shared page: %s", strerror(errno));
	return 0;
}

int io_latency_start(struct vm *vm)
{
	struct io_latency *io = vm->io_latency;
	if (!io)
		return 0;
	if (setup(vm, io))
		refhv_err("warning: io-latency-out/in will be unsupported in this guest");
	return 0;
}

void io_latency_stop(struct vm *vm)
{
	struct io_latency *io = vm->io_latency;
	uint64_t one = 1;

	if (!io)
		return;
	if (io->running && write(io->stop_fd, &one, sizeof(one)) == sizeof(one))
		pthread_join(io->thread, NULL);
	int fds[] = { io->out_fd, io->in_fd, io->irq_fd, io->stop_fd };
	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (io->page)
		munmap(io->page, 4096);
	free(io);
	vm->io_latency = NULL;
}
