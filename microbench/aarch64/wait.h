/*
 * wait.h - bounded waits for the arm64 interrupt-driven benchmarks.
 *
 * Under some hypervisors an interrupt is late or never comes, so no
 * benchmark waits without a limit: wait_until() spins until done(arg) or
 * 100 ms of the virtual counter have passed (2^24 ticks without CNTFRQ);
 * wait_until_ms() with another limit (an answer from a host thread, which
 * a busy host may not schedule for a while).
 */
#ifndef A64_WAIT_H
#define A64_WAIT_H

#include <stdbool.h>

/* Spin until done(arg); false when the deadline passed first. */
bool wait_until(bool (*done)(const void *), const void *arg);
bool wait_until_ms(bool (*done)(const void *), const void *arg, unsigned ms);

#endif
