/*
 * insns.c - the x86 instructions the guest's insns= list can run (see
 * ../insns.h), chosen for the trap-and-emulate lab: innocuous ones, the
 * "sensitive but unprivileged" ones that break Popek and Goldberg's
 * condition on classic x86 (sgdt, smsw), privileged ones hardware
 * virtualization lets through (CR0 reads, some MSRs) or intercepts
 * (cpuid, other MSRs), and the ones that leave KVM for the VMM's
 * userspace (port I/O, MMIO).  Each function runs its instruction iters
 * times between two counter reads, like the benchmarks.
 *
 * Not every instruction is safe everywhere: vmcall/vmmcall never return on
 * some nested KVMs (the development host), write-cr3 flushes the TLB.
 */
#include "insns.h"

#include "hvb-abi.h"
#include "tick.h"

#define TIMED(body)                                                  \
	do {                                                         \
		uint64_t start = tick_begin();                       \
		for (uint64_t i = 0; i < iters; i++) {               \
			body;                                        \
		}                                                    \
		return tick_end() - start;                           \
	} while (0)

#define KVM_HC_VAPIC_POLL_IRQ 1
#define MSR_IA32_TSC 0x10u
#define MSR_FS_BASE 0xc0000100u
#define MSR_EFER 0xc0000080u
#define UNASSIGNED_PORT 0x80    /* the POST port: nobody claims it on refhv */

static uint64_t rdmsr_loop(uint32_t msr, uint64_t iters)
{
	TIMED(uint32_t lo; uint32_t hi;
	      __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory"));
}

static uint64_t run_nop(uint64_t iters) { TIMED(__asm__ volatile("nop" ::: "memory")); }

static uint64_t run_add(uint64_t iters)
{
	uint64_t x = 1;
	TIMED(__asm__ volatile("add $3, %0" : "+r"(x) : : "memory"));
}

static uint64_t run_rdtsc(uint64_t iters)
{
	TIMED(uint32_t lo; uint32_t hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory"));
}

static uint64_t run_sgdt(uint64_t iters)
{
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } gdtr;
	TIMED(__asm__ volatile("sgdt %0" : "=m"(gdtr) : : "memory"));
}

static uint64_t run_smsw(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("smsw %0" : "=r"(v) : : "memory"));
}

static uint64_t run_pushf(uint64_t iters)
{
	TIMED(uint64_t f; __asm__ volatile("pushfq; popq %0" : "=r"(f) : : "memory"));
}

static uint64_t run_read_cr0(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v) : : "memory"));
}

static uint64_t run_write_cr3(uint64_t iters)
{
	TIMED(uint64_t v; __asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(v) : : "memory"));
}

static uint64_t run_invlpg(uint64_t iters)
{
	static volatile uint8_t page[64];
	TIMED(__asm__ volatile("invlpg (%0)" : : "r"(page) : "memory"));
}

static uint64_t run_cpuid(uint64_t iters)
{
	TIMED(uint32_t a = 0; uint32_t b; uint32_t c = 0; uint32_t d;
	      __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d) : : "memory"));
}

static uint64_t run_rdmsr_tsc(uint64_t iters) { return rdmsr_loop(MSR_IA32_TSC, iters); }
static uint64_t run_rdmsr_fsbase(uint64_t iters) { return rdmsr_loop(MSR_FS_BASE, iters); }
static uint64_t run_rdmsr_efer(uint64_t iters) { return rdmsr_loop(MSR_EFER, iters); }

static uint64_t run_out_user(uint64_t iters)
{
	TIMED(__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(HVB_PORT_BENCH_USER) : "memory"));
}

static uint64_t run_out_kernel(uint64_t iters)
{
	TIMED(__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(HVB_PORT_BENCH_KERNEL) : "memory"));
}

static uint64_t run_in_unassigned(uint64_t iters)
{
	TIMED(uint8_t v; __asm__ volatile("inb %%dx, %0" : "=a"(v) : "d"(UNASSIGNED_PORT) : "memory"));
}

static uint64_t run_mmio_store_user(uint64_t iters)
{
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)HVB_MMIO_BENCH_USER;
	TIMED(__asm__ volatile("movl %1, %0" : "=m"(*reg) : "r"(0u) : "memory"));
}

static uint64_t run_mmio_load_user(uint64_t iters)
{
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)HVB_MMIO_BENCH_USER;
	TIMED(uint32_t v; __asm__ volatile("movl %1, %0" : "=r"(v) : "m"(*reg) : "memory"));
}

static uint64_t run_mmio_store_kernel(uint64_t iters)
{
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)HVB_MMIO_BENCH_KERNEL;
	TIMED(__asm__ volatile("movl %1, %0" : "=m"(*reg) : "r"(0u) : "memory"));
}

static uint64_t run_vmcall(uint64_t iters)
{
	TIMED(uint64_t r = KVM_HC_VAPIC_POLL_IRQ; __asm__ volatile("vmcall" : "+a"(r) : : "memory"));
}

static uint64_t run_vmmcall(uint64_t iters)
{
	TIMED(uint64_t r = KVM_HC_VAPIC_POLL_IRQ; __asm__ volatile("vmmcall" : "+a"(r) : : "memory"));
}

const struct insn_probe insn_table[] = {
	{ "nop", "nop: innocuous", run_nop },
	{ "add", "add $3,reg: innocuous arithmetic", run_add },
	{ "pushf", "pushfq;popq: reads RFLAGS.IF (sensitive, unprivileged)", run_pushf },
	{ "sgdt", "sgdt: reads the GDT base (sensitive, unprivileged)", run_sgdt },
	{ "smsw", "smsw: reads CR0's low bits (sensitive, unprivileged)", run_smsw },
	{ "rdtsc", "rdtsc: reads the time-stamp counter (offset by hardware)", run_rdtsc },
	{ "read-cr0", "mov %cr0: privileged read (a read shadow on VT-x)", run_read_cr0 },
	{ "write-cr3", "mov %cr3 (same value): privileged, flushes the TLB", run_write_cr3 },
	{ "invlpg", "invlpg: privileged TLB flush of one page", run_invlpg },
	{ "cpuid", "cpuid leaf 0: intercepted unconditionally", run_cpuid },
	{ "rdmsr-tsc", "rdmsr 0x10 (IA32_TSC)", run_rdmsr_tsc },
	{ "rdmsr-fsbase", "rdmsr 0xc0000100 (FS_BASE)", run_rdmsr_fsbase },
	{ "rdmsr-efer", "rdmsr 0xc0000080 (EFER)", run_rdmsr_efer },
	{ "out-user", "outb to port 0x700, unassigned: refhv's userspace", run_out_user },
	{ "out-kernel", "outb to port 0x702, an ioeventfd", run_out_kernel },
	{ "in-unassigned", "inb from port 0x80, nobody's", run_in_unassigned },
	{ "mmio-store-user", "movl to 0xd0000000, unbacked", run_mmio_store_user },
	{ "mmio-load-user", "movl from 0xd0000000, unbacked", run_mmio_load_user },
	{ "mmio-store-kernel", "movl to 0xd0001000, an ioeventfd", run_mmio_store_kernel },
	{ "vmcall", "vmcall KVM_HC_VAPIC_POLL_IRQ (Intel's hypercall)", run_vmcall },
	{ "vmmcall", "vmmcall KVM_HC_VAPIC_POLL_IRQ (AMD's hypercall)", run_vmmcall },
};

const unsigned insn_count = sizeof(insn_table) / sizeof(insn_table[0]);
