/*
 * vcpu.h - one virtual CPU, run by one host thread.
 */
#ifndef REFHV_VCPU_H
#define REFHV_VCPU_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "console.h"
#include "stats.h"

struct vm;

struct vcpu {
	struct vm *vm;
	unsigned id;
	int fd;
	struct kvm_run *run;         /* shared with KVM, vm->run_size bytes */
	pthread_t thread;
	bool thread_started;
	struct console_line console;
	/*
	 * Device state that is per vCPU so the exit path needs no lock: the
	 * UART's LCR.DLAB as this vCPU last wrote it, and how many bad report
	 * port writes it made (only the first few are logged).
	 */
	bool uart_dlab;
	unsigned bad_reports;
	struct exit_stats *stats;    /* NULL unless --stats */
	struct exit_counter *stat_slot;  /* where the current exit is counted */
	int kernel_stats_fd;         /* -1 unless --stats and KVM has them */
};

/* Create vCPU number id of the VM (KVM fd, kvm_run mapping, arch setup). */
int vcpu_create(struct vm *vm, struct vcpu *vcpu, unsigned id);
void vcpu_destroy(struct vcpu *vcpu);

/* The thread body: KVM_RUN until the VM stops. */
void *vcpu_thread(void *arg);

/*
 * Handle the exit described in vcpu->run (device emulation, crash
 * messages); false when the vCPU must stop.  Touches no KVM fd on the
 * device paths, so the fuzz target (fuzz/exit_dispatch.c) calls it with a
 * fake kvm_run page.
 */
bool vcpu_handle_exit(struct vcpu *vcpu);

/* For messages and the --stats table. */
const char *exit_reason_name(unsigned reason);

#endif
