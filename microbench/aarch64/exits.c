/*
 * exits.c - arm64 benchmarks that each cost one trip to the hypervisor.
 *
 * All share one shape: read the counter, run the body `iters` times, read
 * the counter again; the empty loop (../empty_loop.c) has the same shape
 * with no body.
 *
 *   hypercall          hvc #0 with x0 = SMCCC_VERSION (KVM answers it in the
 *                      kernel; QEMU TCG's PSCI code; the guest's own EL2 stub
 *                      when it was entered at EL2); under Xen hvc #0xEA1 with
 *                      x16 = __HYPERVISOR_xen_version, x0 = XENVER_version
 *                      (xen_hypercall2, aarch64/xen.h).
 *   ic-trap            a 32-bit read of GICD_TYPER: a trapping distributor
 *                      access, emulated by the hypervisor's GIC model.
 *   mmio-write-user    a 32-bit store to HVB_ARM64_BENCH_USER, unbacked:
 *                      an MMIO exit to the VMM's userspace.
 *   mmio-write-kernel  the same at HVB_ARM64_BENCH_KERNEL, which refhv
 *                      binds to an ioeventfd (elsewhere: as the previous).
 * Where the platform answers the store with a data abort (QEMU TCG, Xen),
 * the abort is fixed up (fault-fixup.h), the cost includes it, and the
 * result says so: status ok with reason data-abort-not-an-exit.
 */
#include "bench.h"
#include "benchmarks.h"
#include "fault-fixup.h"
#include "hvb-abi.h"
#include "machine.h"
#include "sysreg.h"
#include "tick.h"
#include "xen.h"

/* SMCCC 1.0 callees may clobber x0-x17: list them all. */
#define HVC_CLOBBERS "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", \
	"x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"

/* x0 = the function id, reloaded each time (the call returns in x0). */
#define SMCCC_CALL(insn)                                                  \
	do {                                                              \
		register uint64_t x0 __asm__("x0") = SMCCC_VERSION;       \
		__asm__ volatile(insn : "+r"(x0) : : HVC_CLOBBERS);       \
	} while (0)

/* with_call false: the empty twin, the same register set-up without the hvc. */
static inline __attribute__((always_inline)) uint64_t
hypercall_loop(uint64_t iters, bool with_call)
{
	bool xen = arm64_machine()->is_xen;
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++) {
		if (xen && with_call)
			xen_hypercall2(XEN_HC_XEN_VERSION, XENVER_VERSION, 0);
		else if (xen)
			xen_hypercall2_setup(XEN_HC_XEN_VERSION, XENVER_VERSION, 0);
		else if (with_call)
			SMCCC_CALL("hvc #0");
		else
			SMCCC_CALL("");
	}
	return tick_end() - start;
}

uint64_t bench_hypercall(uint64_t iters)
{
	return hypercall_loop(iters, true);
}

uint64_t bench_hypercall_empty(uint64_t iters)
{
	return hypercall_loop(iters, false);
}

/* hvc is UNDEFINED at EL1 unless something runs at EL2 to take it. */
bool bench_hypercall_supported(const char **reason)
{
	const struct machine *m = arm64_machine();

	if (m->is_xen || m->psci == PSCI_CONDUIT_HVC || m->entry_el == 2)
		return true;
	*reason = "no-hvc";
	return false;
}

uint64_t bench_ic_trap(uint64_t iters)
{
	uint64_t typer = arm64_machine()->gic.dist + GICD_TYPER;
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		(void)mmio_read32(typer);
	return tick_end() - start;
}

bool bench_gic_supported(const char **reason)
{
	if (arm64_machine()->gic.dist != 0)
		return true;
	*reason = "no-gicv3";
	return false;
}

/* Data aborts the current MMIO benchmark's stores took (reset by prepare). */
static uint64_t mmio_aborts;

bool bench_mmio_prepare(const struct bench *b, const struct guest_env *env,
			struct bench_refusal *refusal)
{
	mmio_aborts = 0;
	return true;
}

/* The numbers then time an injected abort and our handler, not an exit. */
const char *bench_mmio_note(void)
{
	return mmio_aborts ? "data-abort-not-an-exit" : NULL;
}

static uint64_t store_loop(uint64_t addr, uint64_t iters)
{
	fault_fixup_arm(addr, addr + 4);
	uint64_t start = tick_begin();
	for (uint64_t i = 0; i < iters; i++)
		mmio_write32(addr, 0);
	uint64_t ticks = tick_end() - start;
	mmio_aborts += fault_fixup_count();
	fault_fixup_disarm();
	return ticks;
}

uint64_t bench_mmio_write_user(uint64_t iters)
{
	return store_loop(HVB_ARM64_BENCH_USER, iters);
}

uint64_t bench_mmio_write_kernel(uint64_t iters)
{
	return store_loop(HVB_ARM64_BENCH_KERNEL, iters);
}
