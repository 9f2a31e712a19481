/*
 * start.c - first C code on arm64: machine, MMU, interrupts, CPUs, kernel.
 *
 * head.S calls arm64_start() at EL1 with the MMU off, on the boot stack,
 * with the device tree's address and the EL the loader entered at.  This
 * reads the device tree (with the MMU off, hence -mstrict-align), maps RAM
 * and turns the MMU on, sets up the GIC for this CPU, starts the other
 * CPUs and hands over to the common kernel_main().  Without a usable
 * device tree there is no console and no way to power off: the CPU parks
 * and the harness's watchdog ends the run.
 */
#include "kernel.h"
#include "machine.h"
#include "smp.h"
#include "sysreg.h"

#define MPIDR_AFFINITY_MASK 0xff00ffffffull

extern char __image_start[], __image_end[];
void arm64_start(const void *dtb, uint64_t entry_el);

/* The machine description: written during boot only, then read through arm64_machine(). */
static struct machine machine;

const struct machine *arm64_machine(void)
{
	return &machine;
}

struct mmu *arm64_mmu(void)
{
	return &machine.mmu;
}

static _Noreturn void park(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

static void map_memory(struct machine *m)
{
	mmu_init(&m->mmu, (uint64_t)(uintptr_t)__image_start, (uint64_t)(uintptr_t)__image_end);
	for (unsigned i = 0; i < m->ram_count; i++)
		mmu_map_range(&m->mmu, m->ram[i].base, m->ram[i].size, MEM_NORMAL);
	mmu_enable(&m->mmu);
}

/* The end of the RAM range holding addr, 0 when none does. */
static uint64_t ram_end_of(uint64_t addr, const struct machine *m)
{
	for (unsigned i = 0; i < m->ram_count; i++)
		if (addr >= m->ram[i].base && addr - m->ram[i].base < m->ram[i].size)
			return m->ram[i].base + m->ram[i].size;
	return 0;
}

/* Which machine->cpu[] is us; added to the list when the device tree lacks it. */
static unsigned find_boot_cpu(struct machine *m)
{
	uint64_t self = sysreg_read(mpidr_el1) & MPIDR_AFFINITY_MASK;

	for (unsigned i = 0; i < m->cpu_count; i++)
		if (m->cpu[i].mpidr == self)
			return i;
	if (m->cpu_count == MACHINE_MAX_CPUS)
		m->cpu_count--;   /* make room: the boot CPU matters most */
	m->cpu[m->cpu_count].mpidr = self;
	return m->cpu_count++;
}

void arm64_start(const void *dtb, uint64_t entry_el)
{
	struct machine *m = &machine;
	struct boot_info boot = { "image", NULL, 0 };

	m->entry_el = (unsigned)entry_el;
	m->tick_hz = sysreg_read(cntfrq_el0) & 0xffffffffu;
	if (!machine_from_fdt(m, dtb))
		park();
	map_memory(m);

	m->boot_cpu = find_boot_cpu(m);
	struct machine_cpu *cpu = &m->cpu[m->boot_cpu];
	sysreg_write(tpidr_el1, cpu);
	cpu->online = true;
	if (m->gic.dist != 0)
		gic_dist_init(&m->gic);
	cpu_interrupts_init(m, cpu);
	smp_start_secondaries(m);

	if (m->has_bootargs)
		boot.cmdline = m->bootargs;
	boot.ram_end = ram_end_of((uint64_t)(uintptr_t)__image_start, m);
	kernel_main(&boot);
}
