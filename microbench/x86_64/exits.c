/*
 * exits.c - x86 benchmarks that each cost one VM exit, and the empty loop.
 *
 * All these functions have the same shape: read the counter, run the body
 * `iters` times, read the counter again.  Only the body differs, so the
 * empty loop measures exactly the overhead the others share.
 */
#include "bench.h"
#include "benchmarks.h"
#include "hvb-abi.h"
#include "tick.h"

uint64_t bench_empty_loop(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("" : : : "memory");
	return tick_end() - start;
}

/* cpuid leaf 0: KVM handles it in the kernel, no trip to the VMM. */
uint64_t bench_cpuid(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++) {
		uint32_t a = 0, b, c = 0, d;
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d) : : "memory");
	}
	return tick_end() - start;
}

/* outb to a port nobody claims: the exit goes out to the VMM's userspace. */
uint64_t bench_pio_out_user(uint64_t iters)
{
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(HVB_PORT_BENCH_USER) : "memory");
	return tick_end() - start;
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
