/*
 * devices.h - the emulated devices, each in its own file, as the port and
 * MMIO tables (ioport.c, mmio.c) see them.
 */
#ifndef REFHV_DEVICES_H
#define REFHV_DEVICES_H

#include "ioport.h"
#include "mmio.h"

struct vm;

io_handler_fn uart_io;          /* uart.c: 16550 at HVB_PORT_COM1 */
io_handler_fn debugcon_io;      /* debugcon.c: HVB_PORT_DEBUGCON */
io_handler_fn exit_port_io;     /* exit_port.c: HVB_PORT_EXIT */
io_handler_fn report_port_io;   /* report_port.c: HVB_PORT_REPORT */

/* bench_ports.c: complete the "kernel" bench port/MMIO in KVM (ioeventfd). */
int bench_kernel_bind(struct vm *vm);

#endif
