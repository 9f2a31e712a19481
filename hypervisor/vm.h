/*
 * vm.h - one virtual machine: its KVM fds, RAM, vCPUs and the way it ends.
 *
 * There is no global state in refhv: everything hangs off struct vm, and
 * each vCPU thread gets its own struct vcpu pointing back here.
 */
#ifndef REFHV_VM_H
#define REFHV_VM_H

#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "arch_state.h"
#include "memory.h"
#include "options.h"

struct vcpu;
struct io_latency;
struct vm_switch;

#define VM_RUNNING (-1)

struct vm {
	const struct refhv_options *opts;
	int kvm_fd;
	int vm_fd;
	size_t run_size;             /* size of each vCPU's kvm_run mapping */
	struct guest_memory mem;
	struct vcpu *vcpus;
	unsigned nr_vcpus;           /* created so far */
	uint64_t boot_entry;         /* the guest's entry point, from arch_load_guest */
	int bench_eventfd;           /* behind the "kernel" bench port and MMIO */
	struct io_latency *io_latency;  /* the io-latency helper (io_latency.c), or NULL */
	struct vm_switch *vm_switch;    /* --vm-switch's shared page (vm_switch.h), or NULL */
	struct vm_arch arch;         /* what only this architecture keeps (ARCH/arch_state.h) */
	atomic_int exit_status;      /* VM_RUNNING, then a REFHV_EXIT_* status */
	sem_t stopped;               /* posted once, by whoever stops the VM */
};

/* Open KVM, create the VM and its RAM; on failure print why and return -1. */
int vm_create(struct vm *vm, const struct refhv_options *opts);
void vm_destroy(struct vm *vm);

/*
 * End the VM with a REFHV_EXIT_* status.  The first caller wins; later
 * calls change nothing.  Safe from any thread; does not wait.
 */
void vm_stop(struct vm *vm, int status);

static inline bool vm_is_stopping(struct vm *vm)
{
	return atomic_load_explicit(&vm->exit_status, memory_order_relaxed) != VM_RUNNING;
}

#endif
