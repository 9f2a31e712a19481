/*
 * io_latency.h - the io-latency helper thread (see hvb-abi.h for what the
 * guest sees, io_latency.c for how it works).
 */
#ifndef REFHV_IO_LATENCY_H
#define REFHV_IO_LATENCY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "hvb-abi.h"

struct vm;

struct io_latency {
	struct hvb_iolat_page *page;   /* host mapping of HVB_IOLAT_PAGE */
	int out_fd;                    /* ioeventfd on HVB_PORT_IOLAT_OUT */
	int in_fd;                     /* ioeventfd on HVB_PORT_IOLAT_IN */
	int irq_fd;                    /* irqfd on HVB_IOLAT_GSI */
	int stop_fd;                   /* written once to end the thread */
	int64_t tsc_offset;            /* guest TSC = host TSC + tsc_offset */
	pthread_t thread;
	bool running;
};

/*
 * After the vCPUs exist (the TSC offset is vCPU 0's): bind the eventfds,
 * start the thread (x86: the page was mapped before the irqchip, see
 * x86/x86.h).  An x86 VM without it still runs (the
 * guest then reports the benchmarks unsupported): a failure is only a
 * warning.  Always returns 0.
 */
int io_latency_start(struct vm *vm);

/* End the thread and release everything (safe if never started). */
void io_latency_stop(struct vm *vm);

#endif
