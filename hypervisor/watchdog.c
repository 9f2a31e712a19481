/*
 * watchdog.c - the main thread's wait: until a vCPU stops the VM, or until
 * --timeout seconds have passed, whichever comes first.  A guest that
 * spins forever (or sits on an instruction that never completes, like
 * vmcall under some nested KVMs) still ends on time.
 */
#include <errno.h>
#include <semaphore.h>
#include <time.h>

#include "hvb-abi.h"
#include "log.h"
#include "runner.h"
#include "vm.h"

void watchdog_wait(struct vm *vm)
{
	double timeout = vm->opts->timeout_sec;

	if (timeout <= 0) {
		while (sem_wait(&vm->stopped) && errno == EINTR)
			;
		return;
	}

	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	time_t whole = (time_t)timeout;   /* timeout > 0: truncation is floor */
	deadline.tv_sec += whole;
	deadline.tv_nsec += (long)((timeout - (double)whole) * 1e9);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	for (;;) {
		if (sem_clockwait(&vm->stopped, CLOCK_MONOTONIC, &deadline) == 0)
			return;
		if (errno == ETIMEDOUT)
			break;
		if (errno != EINTR)
			break;
	}
	if (!vm_is_stopping(vm))
		refhv_err("timeout: guest still running after %g s, stopping it", timeout);
	vm_stop(vm, REFHV_EXIT_TIMEOUT);
}
