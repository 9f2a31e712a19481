/*
 * trace.c - format and print the --trace line of one exit (see trace.h).
 *
 * The program counter is read with the same ioctl the crash messages use
 * (allowed by the vCPU threads' seccomp filter) and the bytes there are
 * read through the guest's RAM taken as guest-physical: the hvbench guest
 * runs on an identity map, so for it the two agree; for another guest the
 * bytes may be unrelated (then "bytes=?" when the address is not RAM).
 */
#include "trace.h"

#include <inttypes.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "log.h"
#include "memory.h"
#include "vcpu.h"
#include "vm.h"

#define TRACE_BYTES 8

/* Append printf output to buf at *len, keeping it NUL-terminated. */
__attribute__((format(printf, 4, 5)))
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

/* Little-endian value of the first len (<= 8) bytes. */
static uint64_t value_of(const uint8_t *data, unsigned len)
{
	uint64_t v = 0;

	for (unsigned i = len; i-- > 0;)
		v = (v << 8) | data[i];
	return v;
}

static void put_what(const struct vcpu *vcpu, char *buf, size_t size, size_t *len)
{
	const struct kvm_run *run = vcpu->run;

	switch (run->exit_reason) {
	case KVM_EXIT_IO: {
		unsigned io_size = run->io.size;
		bool in_page = io_size <= 8 && run->io.data_offset >= sizeof(*run) &&
			       run->io.data_offset + io_size <= vcpu->vm->run_size;
		put(buf, size, len, " dir=%s port=0x%x size=%u count=%u",
		    run->io.direction == KVM_EXIT_IO_OUT ? "out" : "in", run->io.port, io_size,
		    run->io.count);
		if (run->io.direction == KVM_EXIT_IO_OUT && in_page)
			put(buf, size, len, " value=0x%" PRIx64,
			    value_of((const uint8_t *)run + run->io.data_offset, io_size));
		break;
	}
	case KVM_EXIT_MMIO: {
		unsigned mmio_len = run->mmio.len <= 8 ? run->mmio.len : 8;
		put(buf, size, len, " dir=%s addr=0x%" PRIx64 " len=%u",
		    run->mmio.is_write ? "write" : "read", (uint64_t)run->mmio.phys_addr,
		    run->mmio.len);
		if (run->mmio.is_write)
			put(buf, size, len, " value=0x%" PRIx64, value_of(run->mmio.data, mmio_len));
		break;
	}
	default:
		break;
	}
}

/* Does an instruction called name make an exit of this reason? */
static bool fits_exit(const char *name, unsigned reason)
{
	if (reason == KVM_EXIT_IO)
		return !strncmp(name, "in", 2) || !strncmp(name, "out", 3) || !strncmp(name, "rep-", 4);
	if (reason == KVM_EXIT_MMIO)
		return !strncmp(name, "mov", 3) || !strcmp(name, "stos") || !strcmp(name, "load") ||
		       !strcmp(name, "store");
	return true;
}

static void put_bytes(char *buf, size_t size, size_t *len, const uint8_t *b, size_t n)
{
	put(buf, size, len, " bytes=");
	for (size_t i = 0; i < n; i++)
		put(buf, size, len, "%02x", b[i]);
}

static void put_insn(struct vcpu *vcpu, char *buf, size_t size, size_t *len)
{
	uint64_t pc = arch_vcpu_pc(vcpu);
	unsigned reason = vcpu->run->exit_reason;
	const uint8_t *at = gpa_to_host(&vcpu->vm->mem, pc, TRACE_BYTES);
	size_t n;

	put(buf, size, len, " pc=0x%" PRIx64, pc);
	if (!at) {
		put(buf, size, len, " insn=? bytes=?");
		return;
	}
	const char *name = arch_insn_name(at, TRACE_BYTES, &n);
	if (name && fits_exit(name, reason)) {
		put(buf, size, len, " insn=%s at=pc", name);
		put_bytes(buf, size, len, at, n);
		return;
	}
	for (size_t back = 1; back <= TRACE_BYTES && back <= pc; back++) {
		const uint8_t *b = gpa_to_host(&vcpu->vm->mem, pc - back, back);
		if (!b)
			break;
		name = arch_insn_name(b, back, &n);
		if (name && n == back && fits_exit(name, reason)) {
			put(buf, size, len, " insn=%s at=pc-%zu", name, back);
			put_bytes(buf, size, len, b, n);
			return;
		}
	}
	put(buf, size, len, " insn=?");
	put_bytes(buf, size, len, at, TRACE_BYTES);
}

void trace_exit(struct vcpu *vcpu)
{
	char buf[400];
	size_t len = 0;

	buf[0] = '\0';
	put(buf, sizeof(buf), &len, "trace vcpu=%u exit=%s", vcpu->id,
	    exit_reason_name(vcpu->run->exit_reason));
	put_what(vcpu, buf, sizeof(buf), &len);
	put_insn(vcpu, buf, sizeof(buf), &len);
	refhv_err("%s", buf);
}
