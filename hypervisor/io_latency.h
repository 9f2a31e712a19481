/*
 * io_latency.h - the io-latency helper thread (see hvb-abi.h for what the
 * guest sees, io_latency.c for how it works, x86/ and arm64/io_latency.c
 * for the counter each architecture stamps with).
 */
#ifndef REFHV_IO_LATENCY_H
#define REFHV_IO_LATENCY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "hvb-abi.h"

struct vm;
struct vcpu;

struct io_latency {
	struct hvb_iolat_page *page;   /* host mapping of the platform's iolat.page */
	int out_fd;                    /* ioeventfd on the out doorbell */
	int in_fd;                     /* ioeventfd on the in doorbell */
	int irq_fd;                    /* irqfd on the platform's iolat.gsi */
	int stop_fd;                   /* written once to end the thread */
	int64_t offset;                /* guest counter = host counter + offset */
	pthread_t thread;
	bool running;
};

/*
 * The helper's state and its shared page's memslot.  x86 calls it before
 * the irqchip exists (a memslot added after KVM_CREATE_IRQCHIP took a
 * median 4 ms there, before it 30 us); io_latency_start() calls it when
 * nobody did.  A failure is only a warning (the helper is then absent):
 * always returns 0.
 */
int io_latency_map(struct vm *vm);

/*
 * After the vCPUs exist (the counter offset is vCPU 0's) and the irqchip
 * is initialised: bind the eventfds, start the thread.  A VM without it
 * still runs (the guest then reports the benchmarks unsupported): a
 * failure is only a warning.  Always returns 0.
 */
int io_latency_start(struct vm *vm);

/* End the thread and release everything (safe if never started). */
void io_latency_stop(struct vm *vm);

/* The counters are the architecture's: arch_host_counter() and
 * arch_clock_offset() (arch.h). */

#endif
