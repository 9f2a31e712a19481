/*
 * runner.h - run a fully set-up VM: one thread per vCPU, wait for the end
 * (or the timeout), stop and join every thread.
 */
#ifndef REFHV_RUNNER_H
#define REFHV_RUNNER_H

struct vm;

/* Returns the VM's REFHV_EXIT_* status. */
int vm_run(struct vm *vm);

/* Sleep until the VM stops or --timeout expires (then stop it: TIMEOUT). */
void watchdog_wait(struct vm *vm);

#endif
