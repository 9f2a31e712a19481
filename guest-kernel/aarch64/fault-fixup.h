/*
 * fault-fixup.h - let a benchmark survive the data abort it expects.
 *
 * Some platforms answer a store to an unbacked address with a synchronous
 * external abort instead of an exit to the VMM (QEMU TCG does, and so does
 * Xen for a domU).  A benchmark that stores there arms a fix-up for one
 * address range; a data abort from EL1 whose FAR lies inside it is then
 * counted and the faulting instruction skipped.  Every other exception
 * stays fatal.  Only one range is armed at a time (benchmarks run one
 * after another on the boot CPU).
 */
#ifndef A64_FAULT_FIXUP_H
#define A64_FAULT_FIXUP_H

#include <stdbool.h>
#include <stdint.h>
#include "exception.h"

/* Expect data aborts on [start, end); disarm with fault_fixup_disarm(). */
void fault_fixup_arm(uint64_t start, uint64_t end);
void fault_fixup_disarm(void);

/* Data aborts fixed up since the last arm. */
uint64_t fault_fixup_count(void);

/* Called by exception_sync(): true when the fault was expected and skipped. */
bool fault_fixup_try(struct exception_frame *f, uint64_t esr, uint64_t far);

#endif
