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
/*
 * The benchmark ports, 0x700..0x707: a block no device claims on any
 * backend.  QEMU's fw_cfg sits at 0x510-0x511 and 0x514-0x51b (microvm, pc
 * and q35 alike), so the old choice 0x510 measured fw_cfg's selector;
 * 0x700-0x70f is unassigned in QEMU microvm, pc and q35 (`hvbench targets`
 * reads QEMU's memory tree to check), has no Xen PVH handler (Xen emulates
 * only its ACPI blocks at 0xaf00-0xb00f there), and refhv leaves it
 * unassigned apart from the ioeventfds below.
 *
 * HVB_PORT_BENCH_USER: unassigned everywhere; a write exits to the VMM's
 * userspace (pio-out-user), a read returns all-ones.
 */
#define HVB_PORT_BENCH_USER 0x700
/* A port refhv binds to an ioeventfd: writes complete in the kernel
 * (elsewhere unassigned, as the previous). */
#define HVB_PORT_BENCH_KERNEL 0x702

/* ---- guest-physical addresses ---------------------------------------- */

/* Unbacked guest-physical address: writes exit to userspace (mmio-write-user).
 * Below QEMU microvm's and Xen PVH's devices (0xfe..., 0xfee00000), above
 * any RAM the benchmarks ask for (refhv's RAM hole starts at 3 GiB). */
#define HVB_MMIO_BENCH_USER 0xd0000000u
/* Unbacked address refhv binds to an ioeventfd (mmio-write-kernel). */
#define HVB_MMIO_BENCH_KERNEL 0xd0001000u

/*
 * io-latency helper (refhv; the arm64 addresses are below).  refhv runs a host thread that owns
 * two ioeventfds and an irqfd and shares one page with the guest:
 *   HVB_PORT_IOLAT_OUT  a write wakes the helper, which stamps out_tsc and
 *                       bumps out_seq (io-latency-out);
 *   HVB_PORT_IOLAT_IN   a write asks the helper to stamp in_tsc, bump
 *                       in_seq and then raise GSI HVB_IOLAT_GSI through an
 *                       irqfd (io-latency-in; an edge on that IOAPIC pin).
 * The stamps are in the guest's TSC domain: refhv adds vCPU 0's TSC offset
 * to its own rdtsc.  The page lies in the MMIO hole, so it is absent under
 * other hypervisors; the guest looks for HVB_IOLAT_MAGIC before using it.
 */
#define HVB_PORT_IOLAT_OUT 0x704
#define HVB_PORT_IOLAT_IN 0x706
#define HVB_IOLAT_GSI 17
#define HVB_IOLAT_PAGE 0xd0002000u
#define HVB_IOLAT_MAGIC 0x314c54414f494248ull   /* "HBIOATL1", little-endian */

/*
 * vm-switch (refhv only, `refhv --vm-switch`).  refhv runs two VMs of the
 * same guest, "main" and "partner", both vCPU threads on one host CPU, and
 * maps one page into both at HVB_VMSWITCH_PAGE (arm64: HVB_ARM64_VMSWITCH_PAGE).
 * A write to the doorbell, HVB_PORT_VMSWITCH (arm64: a store to
 * HVB_ARM64_VMSWITCH), exits to refhv, which gives the CPU away
 * (sched_yield) until the page's `turn` differs from what it was at the
 * exit (or 50 ms passed, or the VM stops).  The guests hand the CPU to each
 * other by bumping `turn`: even is the main VM's turn, odd the partner's.
 */
#define HVB_PORT_VMSWITCH 0x708
#define HVB_VMSWITCH_PAGE 0xd0004000u
#define HVB_VMSWITCH_MAGIC 0x3148435753564248ull   /* "HBVSWCH1", little-endian */

/* ---- arm64 guest-physical addresses ----------------------------------- */
/*
 * RAM, the GICv3, the PL011 and PSCI are described in the DTB refhv (or
 * QEMU, or Xen) hands the guest in x0; the guest must read them there.
 * The addresses below are refhv-aarch64's fixed choices, kept clear of
 * QEMU virt's devices so the same guest works there too.
 */
/* Report port (refhv only): a 64-bit write of the gpa of a struct hvb_report_line. */
#define HVB_ARM64_REPORT 0x09010000u
/* Unbacked addresses: writes exit to userspace / complete in KVM (ioeventfd). */
#define HVB_ARM64_BENCH_USER 0x0b000000u
#define HVB_ARM64_BENCH_KERNEL 0x0b001000u
/*
 * The io-latency helper on arm64 (refhv), as HVB_PORT_IOLAT_* on x86: 32-bit
 * writes to the two doorbells, the page (64 KiB aligned for any host page
 * size), and the SPI (INTID; edge-triggered, the guest configures it) the
 * helper's irqfd raises.  Stamps are in the guest's cntvct_el0 domain.
 */
#define HVB_ARM64_IOLAT_OUT 0x0b002000u
#define HVB_ARM64_IOLAT_IN 0x0b002008u
#define HVB_ARM64_IOLAT_PAGE 0x0b010000u
#define HVB_ARM64_IOLAT_SPI 34u

/* vm-switch: the shared page and the doorbell (see HVB_PORT_VMSWITCH). */
#define HVB_ARM64_VMSWITCH_PAGE 0x0b020000u   /* clear of the io-latency page */
#define HVB_ARM64_VMSWITCH 0x0b021000u

/* ---- report port structure ------------------------------------------- */

#define HVB_REPORT_MAX 1024 /* longest line, without newline */

#ifndef __ASSEMBLER__
#include <stdint.h>
struct hvb_report_line {
	uint32_t len;                /* bytes used in text[], <= HVB_REPORT_MAX */
	char text[HVB_REPORT_MAX];   /* no newline, no NUL needed */
};

/* The io-latency helper's shared page at HVB_IOLAT_PAGE / HVB_ARM64_IOLAT_PAGE
 * (host writes, guest reads).  "tsc": the counter (x86 TSC, arm64 cntvct_el0). */
struct hvb_iolat_page {
	uint64_t magic;      /* HVB_IOLAT_MAGIC while a helper serves the page */
	uint64_t out_seq;    /* out doorbells seen so far; written after out_tsc */
	uint64_t out_tsc;    /* guest counter when the helper woke for the last one */
	uint64_t in_seq;     /* in requests served so far; written after in_tsc */
	uint64_t in_tsc;     /* guest counter just before the helper raised the irqfd */
	uint64_t tsc_exact;  /* 1: counter offset read from KVM; 0: estimated */
	int64_t offset;      /* guest counter - host counter, as the helper uses it */
	uint64_t offset_error; /* +- this many ticks (0 when exact) */
};
#endif

/*
 * io-latency under Xen: the guest grants dom0 one page (grant reference
 * HVB_XEN_IOLAT_GREF) laid out as struct hvb_xen_iolat_page, and offers an
 * unbound event channel (its number in the page).  Our dom0 program
 * (dom0/xen_iolat.c) maps the page, binds the port, and serves requests:
 *   SYNC  (polled, no event) stamp its counter at once: the clock
 *         calibration, before any event;
 *   OUT   (with an event) stamp when the event woke it;
 *   IN    (with an event) stamp, then send an event back;
 *   RESYNC (with an event) acknowledge, then serve SYNCs again until DONE:
 *         the guest recalibrates before every batch, since the two
 *         counters need not tick at exactly the same rate (Xen may emulate
 *         a domU's TSC).
 * Stamps are dom0's counter (x86 TSC, arm64 cntvct_el0); the guest turns
 * them into its own with the offset the SYNC round trips gave.
 */
#define HVB_XEN_IOLAT_GREF 16            /* grant refs 0-7 belong to the tool stack */
#define HVB_XEN_IOLAT_MAGIC 0x314e4558544c4948ull   /* "HILTXEN1", little-endian */
#define HVB_XEN_IOLAT_SYNC 1u
#define HVB_XEN_IOLAT_OUT 2u
#define HVB_XEN_IOLAT_IN 3u
#define HVB_XEN_IOLAT_DONE 4u            /* calibration over: wait for events */
#define HVB_XEN_IOLAT_RESYNC 5u

#ifndef __ASSEMBLER__
struct hvb_xen_iolat_page {
	uint64_t magic;      /* guest: HVB_XEN_IOLAT_MAGIC once port is valid */
	uint32_t port;       /* guest: its event channel, unbound for dom0 */
	uint32_t req;        /* guest: HVB_XEN_IOLAT_*, written before req_seq */
	uint64_t bound;      /* dom0: 1 once it bound the port */
	uint64_t req_seq;    /* guest: one more per request */
	uint64_t ack_seq;    /* dom0: req_seq of the request served, after stamp */
	uint64_t stamp;      /* dom0: its counter when it served it */
};

/*
 * The vm-switch page, shared by both VMs and both refhv processes.  refhv
 * writes magic and the clock fields before either guest runs and only ever
 * reads `turn` (to compare it); everything else belongs to the guests, who
 * can write anything anywhere in it.  The clock fields put both guests'
 * counters into the host's: host counter = guest counter - offset[vm].
 */
struct hvb_vmswitch_page {
	uint64_t magic;        /* HVB_VMSWITCH_MAGIC once refhv set the page up */
	int64_t offset[2];     /* [0] main VM, [1] partner: guest counter - host counter */
	uint64_t exact[2];     /* 1: offset read from KVM; 0: estimated around a register read */
	uint64_t ready[2];     /* 1 once offset[i] is written */
	uint64_t turn;         /* even: the main VM's turn, odd: the partner's */
	uint64_t partner_first; /* the partner's counter when it saw its turn */
	uint64_t partner_last;  /* the partner's counter just before it handed back */
	uint64_t stop;         /* the main VM sets 1 when it is done; the partner exits */
	uint64_t partner_up;   /* the partner's guest sets 1 once it serves turns */
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
