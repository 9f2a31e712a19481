/*
 * targets.h - the addresses the exit benchmarks write to, and who owns them
 * on a backend.
 *
 * pio-out-user and mmio-write-user claim to time an exit to an *unassigned*
 * port or address; the "kernel" targets and io-latency's doorbells are
 * unassigned everywhere except refhv, which binds them to ioeventfds.  A
 * device at one of them (QEMU's fw_cfg once sat at our port) would make the
 * benchmark time that device instead.  `hvbench targets` asks each backend
 * for its map (QEMU: "info mtree -f"; refhv: `refhv --devices`) and checks.
 */
#ifndef HVB_TARGETS_H
#define HVB_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum target_space { TARGET_PORT, TARGET_MMIO };

struct bench_target {
	const char *arch;          /* "x86_64" or "aarch64" */
	const char *benchmark;     /* the benchmark that writes there */
	enum target_space space;
	uint64_t addr;
	bool refhv_ioeventfd;      /* on refhv an ioeventfd must own it; else nothing may */
};

size_t target_count(void);
const struct bench_target *target_at(size_t i);

/*
 * The owner of addr in QEMU's "info mtree -f" output (the flat views): the
 * region name, or "" when only the view's root container covers it (an
 * unassigned port or address).  Returns 0, or -1 when the text holds no
 * flat view for that space (AS "I/O" for ports, AS "memory" for MMIO).
 */
int target_owner_qemu(const char *mtree, enum target_space space, uint64_t addr,
		      char *owner, size_t size);

/*
 * The owner of addr in `refhv --devices` output: the device's name, or ""
 * when unassigned; *ioeventfd tells whether an ioeventfd line names it.
 * Returns 0, or -1 when the text has no "port"/"mmio"/"ioeventfd" line at all.
 */
int target_owner_refhv(const char *map, enum target_space space, uint64_t addr,
		       char *owner, size_t size, bool *ioeventfd);

#endif
