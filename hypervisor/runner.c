/*
 * runner.c - start a thread per vCPU (pinned if asked), wait, then stop
 * them all: immediate_exit for a thread about to enter the guest, SIGUSR1
 * for a thread already in KVM_RUN, then join.
 */
#include "runner.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "hvb-abi.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define KICK_SIGNAL SIGUSR1
#define KICK_INTERVAL_MS 50
#define GIVE_UP_AFTER_KICKS 100   /* 5 s */

/* The signal only has to interrupt KVM_RUN; the handler does nothing. */
static void on_kick(int sig)
{
	(void)sig;
}

static int install_kick_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;   /* no SA_RESTART: KVM_RUN returns EINTR */
	sigemptyset(&sa.sa_mask);
	return sigaction(KICK_SIGNAL, &sa, NULL);
}

static int check_pin_cpus(const struct refhv_options *opts)
{
	cpu_set_t allowed;

	if (!opts->pin)
		return 0;
	if (sched_getaffinity(0, sizeof(allowed), &allowed)) {
		refhv_err("sched_getaffinity: %s", strerror(errno));
		return REFHV_EXIT_SETUP;
	}
	for (unsigned i = 0; i < opts->vcpus; i++) {
		if (opts->pin_cpus[i] >= CPU_SETSIZE || !CPU_ISSET(opts->pin_cpus[i], &allowed)) {
			refhv_err("--pin: CPU %d is not available to this process", opts->pin_cpus[i]);
			return REFHV_EXIT_USAGE;
		}
	}
	return 0;
}

static int start_thread(struct vm *vm, struct vcpu *vcpu)
{
	pthread_attr_t attr;
	int err;

	pthread_attr_init(&attr);
	if (vm->opts->pin) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(vm->opts->pin_cpus[vcpu->id], &set);
		pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	}
	err = pthread_create(&vcpu->thread, &attr, vcpu_thread, vcpu);
	pthread_attr_destroy(&attr);
	if (err) {
		refhv_err("cannot start vcpu %u's thread: %s", vcpu->id, strerror(err));
		return -1;
	}
	vcpu->thread_started = true;
	return 0;
}

static void kick_all(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i].thread_started)
			pthread_kill(vm->vcpus[i].thread, KICK_SIGNAL);
}

/* Join every thread, kicking again while any still runs. */
static int join_all(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *vcpu = &vm->vcpus[i];
		unsigned kicks = 0;
		if (!vcpu->thread_started)
			continue;
		for (;;) {
			struct timespec deadline;
			clock_gettime(CLOCK_REALTIME, &deadline);
			deadline.tv_nsec += KICK_INTERVAL_MS * 1000000L;
			if (deadline.tv_nsec >= 1000000000L) {
				deadline.tv_sec++;
				deadline.tv_nsec -= 1000000000L;
			}
			if (pthread_timedjoin_np(vcpu->thread, NULL, &deadline) == 0)
				break;
			if (++kicks == GIVE_UP_AFTER_KICKS) {
				refhv_err("vcpu %u does not stop; giving up", vcpu->id);
				return -1;
			}
			pthread_kill(vcpu->thread, KICK_SIGNAL);
		}
		vcpu->thread_started = false;
	}
	return 0;
}

int vm_run(struct vm *vm)
{
	int status = check_pin_cpus(vm->opts);
	if (status)
		return status;
	if (install_kick_handler()) {
		refhv_err("sigaction: %s", strerror(errno));
		return REFHV_EXIT_SETUP;
	}
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		if (start_thread(vm, &vm->vcpus[i])) {
			vm_stop(vm, REFHV_EXIT_SETUP);
			break;
		}
	}
	watchdog_wait(vm);
	kick_all(vm);
	if (join_all(vm))
		return -1;   /* threads still own the VM: caller must not free it */
	return atomic_load(&vm->exit_status);
}
