/*
 * seccomp.h - confine a vCPU thread to the few system calls it needs.
 *
 * The guest is hostile.  If it ever found a bug in refhv's exit path, the
 * thread it would control is the vCPU thread; after this filter that
 * thread can only re-enter the guest, print, wake the main thread and end.
 */
#ifndef REFHV_SECCOMP_H
#define REFHV_SECCOMP_H

/*
 * Install the filter on the calling thread (and only on it: the main
 * thread, which sets up the VM and prints --stats, stays unfiltered).  Any
 * other system call kills the whole process with SIGSYS.  Returns 0, or -1
 * with a message printed.
 */
int seccomp_confine_vcpu_thread(void);

#endif
