/*
 * arch_tick.h - tick_begin()/tick_end() of the architecture being built
 * (x86_64/tick.h: the TSC; aarch64/tick.h: cntvct_el0), for the code in
 * microbench/ that both architectures share.
 */
#ifndef ARCH_TICK_H
#define ARCH_TICK_H

#if defined(__x86_64__)
#include "x86_64/tick.h"
#elif defined(__aarch64__)
#include "aarch64/tick.h"
#else
#error "arch_tick.h: unsupported architecture"
#endif

#endif
