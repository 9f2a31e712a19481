/*
 * devices.h - what common code knows of the devices: the benchmark targets'
 * ioeventfds.  The devices themselves belong to an architecture's table:
 * x86's port devices are declared in x86/x86.h, arm64's MMIO devices in
 * arm64/arm64.h.
 */
#ifndef REFHV_DEVICES_H
#define REFHV_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "ioport.h"
#include "mmio.h"

struct vm;


/* bench_ports.c: complete the "kernel" bench port/MMIO in KVM (ioeventfd). */
int bench_kernel_bind(struct vm *vm);

/* bench_ports.c: signal eventfd fd when the guest writes len bytes to port /
 * address addr (len 0: any size, else 4 where KVM wants one).  0, or -1 (errno). */
int ioeventfd_bind(struct vm *vm, uint64_t addr, bool pio, uint32_t len, int fd);

#endif
