/*
 * vm.c - create the VM: KVM fds, RAM and its memslots, the arch's
 * interrupt controller and the in-kernel bench devices; and stop it.
 */
#include "vm.h"

#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "arch.h"
#include "devices.h"
#include "io_latency.h"
#include "hvb-abi.h"
#include "kvm.h"
#include "log.h"
#include "vcpu.h"

static int add_memslots(struct vm *vm)
{
	for (unsigned i = 0; i < vm->mem.nr_regions; i++) {
		const struct guest_region *r = &vm->mem.regions[i];
		struct kvm_userspace_memory_region slot = {
			.slot = i,
			.guest_phys_addr = r->gpa,
			.memory_size = r->size,
			.userspace_addr = (uintptr_t)r->host,
		};
		if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
			refhv_err("KVM_SET_USER_MEMORY_REGION (slot %u): %s", i, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int vm_create(struct vm *vm, const struct refhv_options *opts)
{
	memset(vm, 0, sizeof(*vm));
	vm->opts = opts;
	vm->kvm_fd = -1;
	vm->vm_fd = -1;
	vm->bench_eventfd = -1;
	arch_vm_state_init(vm);
	atomic_init(&vm->exit_status, VM_RUNNING);
	if (sem_init(&vm->stopped, 0, 0)) {
		refhv_err("sem_init: %s", strerror(errno));
		return -1;
	}

	vm->kvm_fd = kvm_open();
	if (vm->kvm_fd < 0)
		return -1;
	vm->run_size = kvm_vcpu_run_size(vm->kvm_fd);
	if (!vm->run_size)
		return -1;
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		refhv_err("KVM_CREATE_VM: %s", strerror(errno));
		return -1;
	}
	vm->vcpus = calloc(opts->vcpus, sizeof(*vm->vcpus));
	if (!vm->vcpus) {
		refhv_err("out of memory");
		return -1;
	}
	if (guest_memory_create(&vm->mem, opts->mem_size, opts->backing))
		return -1;
	if (add_memslots(vm) || arch_vm_init(vm) || bench_kernel_bind(vm))
		return -1;
	return 0;
}

void vm_destroy(struct vm *vm)
{
	io_latency_stop(vm);
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		vcpu_destroy(&vm->vcpus[i]);
	free(vm->vcpus);
	vm->vcpus = NULL;
	if (vm->bench_eventfd >= 0)
		close(vm->bench_eventfd);
	arch_vm_state_release(vm);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	guest_memory_destroy(&vm->mem);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	sem_destroy(&vm->stopped);
}

void vm_stop(struct vm *vm, int status)
{
	int running = VM_RUNNING;

	if (!atomic_compare_exchange_strong(&vm->exit_status, &running, status))
		return;
	/*
	 * A vCPU about to call KVM_RUN sees immediate_exit and returns at once;
	 * one already inside is kicked out by a signal from the main thread,
	 * which wakes up on the semaphore (see runner.c).
	 */
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i].run)
			__atomic_store_n(&vm->vcpus[i].run->immediate_exit, 1, __ATOMIC_SEQ_CST);
	sem_post(&vm->stopped);
}
