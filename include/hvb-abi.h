/*
 * hvb-abi.h - the fixed contract between the guest kernel, refhv and the harness.
 *
 * Everything the guest and the host must agree on lives here and nowhere
 * else: I/O port numbers, the unbacked MMIO address used by the benchmarks,
 * the report-port structure and the exit codes.  Both sides include this
 * file, so a change here is a protocol change: bump HVB_PROTO_VERSION.
 *
 * The report protocol itself (the "HVB ..." text lines) is described in
 * docs/report-protocol.md.
 */
#ifndef HVB_ABI_H
#define HVB_ABI_H

#define HVB_PROTO_VERSION 1

/* ---- x86 port I/O ---------------------------------------------------- */

/* 16550 UART (COM1); refhv emulates THR writes and the LSR "empty" bits. */
#define HVB_PORT_COM1 0x3f8
/* Bochs/QEMU debug console: every byte written is console output. */
#define HVB_PORT_DEBUGCON 0xe9
/*
 * Exit port, same convention as QEMU's isa-debug-exit (iobase=0xf4,
 * iosize=4): the guest writes a value v, the VM ends.  QEMU then exits
 * with status (v << 1) | 1; refhv exits with REFHV_EXIT_GUEST_OK when
 * v == 0 and REFHV_EXIT_GUEST_FAIL otherwise.
 */
#define HVB_PORT_EXIT 0xf4
/*
 * Report port (refhv only, "ucall" style): a 32-bit write of the
 * guest-physical address of a struct hvb_report_line.  refhv validates
 * the address and the length and prints the text as one console line.
 * One exit per line instead of one per byte.
 */
#define HVB_PORT_REPORT 0xf0
/* An unassigned port: writes exit to the VMM's userspace (pio-out-user). */
#define HVB_PORT_BENCH_USER 0x510
/* A port refhv binds to an ioeventfd: writes complete in the kernel. */
#define HVB_PORT_BENCH_KERNEL 0x512

/* ---- guest-physical addresses ---------------------------------------- */

/* Unbacked guest-physical address: writes exit to userspace (mmio-write-user). */
#define HVB_MMIO_BENCH_USER 0xd0000000u
/* Unbacked address refhv binds to an ioeventfd (mmio-write-kernel). */
#define HVB_MMIO_BENCH_KERNEL 0xd0001000u

/* ---- report port structure ------------------------------------------- */

#define HVB_REPORT_MAX 1024 /* longest line, without newline */

#ifndef __ASSEMBLER__
#include <stdint.h>
struct hvb_report_line {
	uint32_t len;                /* bytes used in text[], <= HVB_REPORT_MAX */
	char text[HVB_REPORT_MAX];   /* no newline, no NUL needed */
};
#endif

/* ---- guest exit values (written to HVB_PORT_EXIT) --------------------- */

#define HVB_GUEST_EXIT_OK 0
#define HVB_GUEST_EXIT_FAIL 1  /* the guest reported an error or took a fault */

/* ---- refhv process exit statuses -------------------------------------- */

#define REFHV_EXIT_GUEST_OK 0    /* guest wrote HVB_GUEST_EXIT_OK to the exit port */
#define REFHV_EXIT_GUEST_FAIL 1  /* guest wrote any other value */
#define REFHV_EXIT_USAGE 2       /* bad command line */
#define REFHV_EXIT_SETUP 3       /* KVM unusable, bad guest image, no memory ... */
#define REFHV_EXIT_CRASH 4       /* triple fault, internal error, failed entry */
#define REFHV_EXIT_TIMEOUT 5     /* --timeout expired */

#endif
