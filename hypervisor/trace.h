/*
 * trace.h - refhv --trace: one stderr line per exit to userspace, written
 * before refhv handles it, with the exit reason and what the exit is about
 * (port, direction, size and value; MMIO address, length and value; else
 * the reason), the guest's program counter and the instruction that
 * made the exit: its address, bytes and name when the architecture can
 * name it.  KVM may report the PC at that instruction or already past it
 * (on the development host's nested KVM, past it); when the bytes at the
 * PC are not an instruction of the exit's kind, the trace looks back for
 * one that ends exactly at the PC ("at=pc-2").
 *
 *   refhv: trace vcpu=0 exit=IO dir=out port=0x700 size=1 count=1 value=0x0 pc=0x1010a9 insn=out-dx at=pc-1 bytes=ee
 *
 * Exits KVM completes in the kernel (cpuid, ioeventfd, LAPIC, ...) never
 * reach refhv and so never appear: compare with --stats' KVM counters.
 */
#ifndef REFHV_TRACE_H
#define REFHV_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct vcpu;

/* Print the trace line for the exit vcpu->run describes. */
void trace_exit(struct vcpu *vcpu);

/*
 * The architecture's name for the instruction starting with bytes[0..n)
 * ("out-dx", "mov-store", "hvc", ...) and its length in *length, or NULL
 * when it has none (or it does not fit in n bytes); the bytes are the
 * guest's, so anything may be there.
 */
const char *arch_insn_name(const uint8_t *bytes, size_t n, size_t *length);

#endif
