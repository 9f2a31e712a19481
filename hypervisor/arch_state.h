/*
 * arch_state.h - struct vcpu_arch and struct vm_arch, the fields only one
 * architecture needs, from the architecture refhv is built for
 * (x86/arch_state.h, arm64/arch_state.h).
 */
#ifndef REFHV_ARCH_STATE_H
#define REFHV_ARCH_STATE_H

#if defined(__aarch64__)
#include "arm64/arch_state.h"
#else
#include "x86/arch_state.h"
#endif

#endif
