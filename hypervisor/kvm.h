/*
 * kvm.h - the KVM device itself: open /dev/kvm, check the API version and
 * the capabilities refhv relies on.
 */
#ifndef REFHV_KVM_H
#define REFHV_KVM_H

#include <stddef.h>

/* Open /dev/kvm and check it; returns the fd or -1 (message printed). */
int kvm_open(void);

/* Size of each vCPU's shared kvm_run mapping; 0 on error. */
size_t kvm_vcpu_run_size(int kvm_fd);

/* KVM_CHECK_EXTENSION, on the /dev/kvm or VM fd; <= 0 means "no". */
int kvm_has_cap(int fd, long cap);

#endif
