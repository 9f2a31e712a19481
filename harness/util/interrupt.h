/*
 * interrupt.h - SIGINT and SIGTERM during `hvbench run`.  They are blocked
 * for the run, so they stay pending in the kernel: no handler and no flag
 * in a global variable.  proc_run() and the app suite's machine poll for
 * them, end every child they started and return; the run loop then stores
 * what was finished as a partial run and interrupt_end() lets the signal
 * end hvbench the way it would have (exit status 128 + signal number).
 */
#ifndef HVB_INTERRUPT_H
#define HVB_INTERRUPT_H

#include <signal.h>

/* Blocks SIGINT and SIGTERM; *saved gets the mask to restore. */
void interrupt_block(sigset_t *saved);
/* SIGINT or SIGTERM when one is pending (blocked and sent), else 0. */
int interrupt_pending(void);
/* A signalfd that becomes readable when one is pending (poll it, never
 * read it: the signal must stay pending); -1 when they are not blocked. */
int interrupt_fd(void);
/* For a child between fork and exec: the default mask and dispositions. */
void interrupt_reset_child(void);
/* Restores the mask; a pending SIGINT/SIGTERM is then delivered (with its
 * default action, so hvbench ends by it). */
void interrupt_end(const sigset_t *saved);
/* "interrupted by SIGTERM" */
const char *interrupt_name(int sig);

#endif
