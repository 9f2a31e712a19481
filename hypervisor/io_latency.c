/*
 * io_latency.c - refhv's io-latency helper: a host thread that the guest
 * wakes through an ioeventfd and that interrupts the guest through an
 * irqfd, without the vCPU thread ever leaving KVM_RUN.
 *
 *   out: the guest writes the out doorbell; KVM signals out_fd; the
 *        thread wakes in poll(), reads the host counter, converts it to
 *        the guest's counter domain and publishes it in the shared page
 *        (out_tsc, then out_seq).
 *   in:  the guest writes the in doorbell; the thread stamps in_tsc,
 *        bumps in_seq, then writes irq_fd, which makes KVM raise the GSI
 *        (x86: an edge on an in-kernel IOAPIC pin; arm64: a vGIC SPI).
 *
 * Where the doorbells, the page and the GSI are is the platform's
 * (arch_platform()->iolat); the counter and how the guest's differs from
 * the host's is the architecture's (arch_host_counter, arch_clock_offset: x86/tsc_offset.c, arm64/counter_offset.c).
 * The guest only reads the page; it cannot make the thread do anything but
 * stamp and raise the interrupt, however fast or often it rings.
 */
#include "io_latency.h"

#include <errno.h>
#include <linux/kvm.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch.h"
#include "devices.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define IOLAT_MEMSLOT 16          /* clear of the RAM regions' slots */
#define IOLAT_PAGE_BYTES 4096
#define IOLAT_DOORBELL_LEN 4      /* arm64: the guest's 32-bit store */

static int map_page(struct vm *vm, struct io_latency *io, uint64_t gpa)
{
	void *p = mmap(NULL, IOLAT_PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (p == MAP_FAILED)
		return -1;
	struct kvm_userspace_memory_region slot = {
		.slot = IOLAT_MEMSLOT,
		.guest_phys_addr = gpa,
		.memory_size = IOLAT_PAGE_BYTES,
		.userspace_addr = (uintptr_t)p,
	};
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
		int err = errno;
		munmap(p, IOLAT_PAGE_BYTES);
		errno = err;
		return -1;
	}
	io->page = p;
	return 0;
}

/* Publish a stamp: the value first, then the sequence number the guest polls. */
static void publish(uint64_t *stamp, uint64_t *seq, uint64_t value)
{
	__atomic_store_n(stamp, value, __ATOMIC_RELAXED);
	__atomic_store_n(seq, *seq + 1, __ATOMIC_RELEASE);
}

static uint64_t guest_now(const struct io_latency *io)
{
	return arch_host_counter() + (uint64_t)io->offset;
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
		uint64_t now = guest_now(io);
		if (fds[2].revents)
			break;
		if (fds[0].revents && read(io->out_fd, &count, sizeof(count)) == sizeof(count))
			publish(&io->page->out_tsc, &io->page->out_seq, now);
		if (fds[1].revents && read(io->in_fd, &count, sizeof(count)) == sizeof(count)) {
			publish(&io->page->in_tsc, &io->page->in_seq, guest_now(io));
			if (write(io->irq_fd, &one, sizeof(one)) != sizeof(one))
				refhv_err("io-latency: irqfd write: %s", strerror(errno));
		}
	}
	return NULL;
}

static int bind_doorbell(struct vm *vm, const struct arch_iolat *w, unsigned i, int *fd)
{
	*fd = eventfd(0, EFD_CLOEXEC);
	if (*fd < 0)
		return -1;
	return ioeventfd_bind(vm, w->doorbell[i], w->pio, w->pio ? 1 : IOLAT_DOORBELL_LEN, *fd);
}

static int setup(struct vm *vm, struct io_latency *io)
{
	const struct arch_iolat *w = &arch_platform()->iolat;

	if (!io->page)
		return -1;   /* io_latency_map() said why */
	if (bind_doorbell(vm, w, 0, &io->out_fd) || bind_doorbell(vm, w, 1, &io->in_fd)) {
		refhv_err("warning: io-latency: ioeventfd: %s", strerror(errno));
		return -1;
	}
	io->irq_fd = eventfd(0, EFD_CLOEXEC);
	struct kvm_irqfd irqfd = { .fd = (uint32_t)io->irq_fd, .gsi = w->gsi };
	if (io->irq_fd < 0 || ioctl(vm->vm_fd, KVM_IRQFD, &irqfd)) {
		refhv_err("warning: io-latency: irqfd: %s", strerror(errno));
		return -1;
	}
	io->stop_fd = eventfd(0, EFD_CLOEXEC);
	if (io->stop_fd < 0)
		return -1;
	uint64_t error = 0;
	io->page->tsc_exact = arch_clock_offset(&vm->vcpus[0], &io->offset, &error);
	io->page->offset = io->offset;
	io->page->offset_error = error;
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

int io_latency_map(struct vm *vm)
{
	uint64_t gpa = arch_platform()->iolat.page;
	if (vm->io_latency || !gpa)
		return 0;
	struct io_latency *io = calloc(1, sizeof(*io));
	if (!io)
		return 0;
	io->out_fd = io->in_fd = io->irq_fd = io->stop_fd = -1;
	vm->io_latency = io;
	if (map_page(vm, io, gpa))
		refhv_err("warning: io-latency: shared page: %s", strerror(errno));
	return 0;
}

int io_latency_start(struct vm *vm)
{
	io_latency_map(vm);
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
		munmap(io->page, IOLAT_PAGE_BYTES);
	free(io);
	vm->io_latency = NULL;
}
