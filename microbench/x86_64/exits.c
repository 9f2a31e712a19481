/*
 * exits.c - x86 benchmarks that each cost one VM exit (the empty loop
 * they are measured against is ../empty_loop.c).
 *
 * All these functions have the same shape: read the counter, run the body
 * `iters` times, read the counter again.  Only the body differs, so the
 * empty loop measures exactly the overhead the others share.
 */
#include "bench.h"
#include "benchmarks.h"
#include "hvb-abi.h"
#include "tick.h"
#include "x86_64/io.h"

/*
 * cpuid leaf 0, subleaf 0 (eax = ecx = 0: the highest basic leaf and the
 * vendor string).  Every hypervisor must intercept cpuid; KVM answers leaf
 * 0 from the table the VMM set (KVM_SET_CPUID2) inside the kernel, with no
 * trip to the VMM, so this is the cheapest full exit.  The registers are
 * loaded every iteration (cpuid overwrites them): the empty twin loads them
 * too, with the instruction string empty, so only `cpuid` is subtracted.
 */
#define CPUID_LEAF0(insn)                                                                  \
	do {                                                                               \
		uint32_t a = 0, b, c = 0, d;                                               \
		__asm__ volatile(insn : "+a"(a), "=b"(b), "+c"(c), "=d"(d) : : "memory"); \
	} while (0)

uint64_t bench_cpuid(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		CPUID_LEAF0("cpuid");
	return tick_end() - start;
}

uint64_t bench_cpuid_empty(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		CPUID_LEAF0("");
	return tick_end() - start;
}

/* outb to a port nobody claims (hvb-abi.h; bench_port_prepare checks it
 * reads all-ones): the exit goes out to the VMM's userspace. */
uint64_t bench_pio_out_user(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(HVB_PORT_BENCH_USER) : "memory");
	return tick_end() - start;
}

/*
 * A port no device claims reads all-ones on every backend (QEMU's and
 * refhv's empty bus, Xen's null handler).  A device answers otherwise (QEMU's
 * fw_cfg selector, once our target, reads 0): then the benchmark would time
 * that device, so it refuses.  `hvbench targets` checks the maps themselves.
 */
bool bench_port_prepare(const struct bench *b, const struct guest_env *env,
			struct bench_refusal *refusal)
{
	uint16_t port = *(const uint16_t *)b->arg;

	(void)env;
	if (inb(port) == 0xff)
		return true;
	*refusal = (struct bench_refusal){ "failed", "target-claimed" };
	return false;
}

/* A 32-bit store to unbacked guest-physical memory: an MMIO exit to the VMM. */
uint64_t bench_mmio_write_user(uint64_t iters)
{
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)HVB_MMIO_BENCH_USER;
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("movl %1, %0" : "=m"(*reg) : "r"(0u) : "memory");
	return tick_end() - start;
}

/* outb to the port refhv binds to an ioeventfd: KVM completes it in the kernel. */
uint64_t bench_pio_out_kernel(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(HVB_PORT_BENCH_KERNEL) : "memory");
	return tick_end() - start;
}

/* A store to the address refhv binds to an ioeventfd: an MMIO exit KVM completes itself. */
uint64_t bench_mmio_write_kernel(uint64_t iters)
{
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)HVB_MMIO_BENCH_KERNEL;
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("movl %1, %0" : "=m"(*reg) : "r"(0u) : "memory");
	return tick_end() - start;
}
