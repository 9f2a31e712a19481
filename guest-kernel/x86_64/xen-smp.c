/*
 * xen-smp.c - bring up a secondary vCPU through Xen's vcpu_op (see xen-smp.h).
 *
 * In 64-bit mode Xen gives the new vCPU flat 64-bit segments with null
 * selectors and no GDT of ours, so its first act is to load the kernel's
 * GDT (the IDT's gates name GDT_KERNEL_CS) and reload the segment
 * registers.  Facts from xen/include/public/vcpu.h and
 * hvm/hvm_vcpu.h.
 */
#include "xen-smp.h"
#include "gdt.h"
#include "idt.h"
#include "msr.h"
#include "tsc.h"
#include "xen.h"

#define VCPUOP_INITIALISE  0
#define VCPUOP_UP          1
#define VCPU_HVM_MODE_64B  1
#define MSR_EFER           0xc0000080u
#define RFLAGS_RESERVED    0x2u          /* bit 1 is always set; IF stays clear */

/* struct vcpu_hvm_context with its 64-bit register set. */
struct vcpu_hvm_context {
	uint32_t mode;
	uint32_t pad;
	union {
		struct {
			uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
			uint64_t rip, rflags;
			uint64_t cr0, cr3, cr4, efer;
		} x86_64;
		uint8_t x86_32[120];   /* the 32-bit set, the larger of the two */
	} regs;
};
_Static_assert(sizeof(struct vcpu_hvm_context) == 128, "Xen's vcpu_hvm_context is 128 bytes");

/* What the starting vCPU reads; one start at a time. */
struct xen_ap_boot {
	smp_ap_fn *fn;
	void *arg;
	volatile uint32_t checked_in;
};

static struct xen_ap_boot xen_ap_boot;
static __attribute__((aligned(16))) uint8_t xen_ap_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE];

/* Where Xen starts the vCPU: rsp as after a call, interrupts off. */
static _Noreturn void xen_ap_entry(void)
{
	struct xen_ap_boot *b = &xen_ap_boot;
	smp_ap_fn *fn = b->fn;
	void *arg = b->arg;

	gdt_load();
	idt_load();
	__atomic_store_n(&b->checked_in, 1, __ATOMIC_RELEASE);
	fn(arg);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static uint64_t read_cr(int n)
{
	uint64_t v = 0;

	switch (n) {
	case 0: __asm__ volatile("mov %%cr0, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("mov %%cr3, %0" : "=r"(v)); break;
	case 4: __asm__ volatile("mov %%cr4, %0" : "=r"(v)); break;
	}
	return v;
}

bool xen_start_vcpu(unsigned vcpu_id, smp_ap_fn *fn, void *arg, uint64_t budget)
{
	struct xen_ap_boot *b = &xen_ap_boot;
	struct vcpu_hvm_context ctx = { .mode = VCPU_HVM_MODE_64B };

	if (vcpu_id == 0 || vcpu_id >= SMP_MAX_CPUS || !xen_detect())
		return false;
	b->fn = fn;
	b->arg = arg;
	__atomic_store_n(&b->checked_in, 0, __ATOMIC_RELEASE);

	/* the entry "was called": rsp + 8 is 16-byte aligned, as the ABI expects */
	ctx.regs.x86_64.rsp = (uint64_t)(uintptr_t)(xen_ap_stacks[vcpu_id] + SMP_STACK_SIZE) - 8;
	ctx.regs.x86_64.rip = (uint64_t)(uintptr_t)xen_ap_entry;
	ctx.regs.x86_64.rflags = RFLAGS_RESERVED;
	ctx.regs.x86_64.cr0 = read_cr(0);
	ctx.regs.x86_64.cr3 = read_cr(3);
	ctx.regs.x86_64.cr4 = read_cr(4);
	ctx.regs.x86_64.efer = rdmsr(MSR_EFER);

	if (xen_hypercall3(XEN_HC_VCPU_OP, VCPUOP_INITIALISE, vcpu_id, (uint64_t)(uintptr_t)&ctx) != 0 ||
	    xen_hypercall3(XEN_HC_VCPU_OP, VCPUOP_UP, vcpu_id, 0) != 0)
		return false;

	uint64_t start = rdtsc();
	while (!__atomic_load_n(&b->checked_in, __ATOMIC_ACQUIRE)) {
		if (rdtsc() - start > budget)
			return false;
		cpu_relax();
	}
	return true;
}
