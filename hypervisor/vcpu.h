/*
 * vcpu.h - one virtual CPU, run by one host thread.
 */
#ifndef REFHV_VCPU_H
#define REFHV_VCPU_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "arch_state.h"
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
	/* how many bad report-port writes it made (only the first few are
	 * logged); per vCPU, so the exit path needs no lock */
	unsigned bad_reports;
	struct vcpu_arch arch;       /* what only this architecture keeps (ARCH/arch_state.h) */
	struct exit_stats *stats;    /* NULL unless --stats */
	struct exit_counter *stat_slot;  /* where the current exit is counted */
	int kernel_stats_fd;         /* -1 unless --stats and KVM has them */
};

/* Create vCPU number id of the VM (KVM fd, kvm_run mapping, arch setup). */
int vcpu_create(struct vm *vm, struct vcpu *vcpu, unsigned id);
void vcpu_destroy(struct vcpu *vcpu);

/* The thread body: KVM_RUN until the VM stops. */
void *vcpu_thread(void *arg);

/* What an exit handler tells the vCPU loop. */
enum vcpu_action {
	VCPU_CONTINUE,   /* handled: KVM_RUN again */
	VCPU_STOP,       /* the VM is ending */
	VCPU_UNHANDLED,  /* arch_handle_exit(): not this architecture's exit either */
};

/* A malformed exit (what: "port I/O", "MMIO"): log it, end the VM as crashed. */
enum vcpu_action vcpu_malformed_exit(struct vcpu *vcpu, const char *what);

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
