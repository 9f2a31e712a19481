/*
 * kvm_probe.h - can this process use KVM?  Opens /dev/kvm, checks the API
 * version and creates (and drops) one VM, so "usable" means usable.
 */
#ifndef HVB_KVM_PROBE_H
#define HVB_KVM_PROBE_H

#include <stdbool.h>
#include <stddef.h>

/* True when KVM works here; otherwise reason gets e.g. "/dev/kvm: permission denied". */
bool kvm_probe(char *reason, size_t size);

#endif
