/*
 * fdt_build.c - write the guest's device tree with libfdt's sequential
 * writer (fdt_create, fdt_begin_node, fdt_property, ...):
 *
 *   /                 compatible "linux,dummy-virt", #address/#size-cells 2
 *   /chosen           bootargs, stdout-path
 *   /memory@...       the one RAM region
 *   /cpus/cpu@N       arm,armv8, enable-method "psci" (CPU_ON starts them)
 *   /psci             arm,psci-0.2 over hvc (KVM implements it)
 *   /intc@...         arm,gic-v3: distributor + redistributors
 *   /timer            arm,armv8-timer: the 4 PPIs
 *   /apb-pclk         the fixed clock the PL011 binding asks for
 *   /pl011@...        arm,pl011 + arm,primecell
 *
 * Every libfdt call returns 0 or a negative error; TRY() passes the first
 * error up, so a too-small buffer is reported, never truncated.
 */
#include "fdt_build.h"

#include <libfdt.h>
#include <stdio.h>

#define PHANDLE_GIC 1u
#define PHANDLE_CLOCK 2u

/* GIC interrupt specifier: type, number, flags. */
#define GIC_SPI 0u
#define GIC_PPI 1u
#define IRQ_LEVEL_HIGH 4u

/* The architected timer's PPIs: secure, non-secure physical, virtual, hyp. */
static const uint32_t timer_ppis[] = { 13, 14, 11, 10 };

#define TRY(call) do { int err_ = (call); if (err_) return err_; } while (0)

static int prop_reg2(void *fdt, uint64_t a0, uint64_t s0, uint64_t a1, uint64_t s1, int n)
{
	fdt64_t reg[4] = { cpu_to_fdt64(a0), cpu_to_fdt64(s0), cpu_to_fdt64(a1),
			   cpu_to_fdt64(s1) };
	return fdt_property(fdt, "reg", reg, (int)sizeof(reg[0]) * 2 * n);
}

static int node_chosen(void *fdt, const struct arm64_machine *m, const char *uart_path)
{
	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", m->bootargs ? m->bootargs : ""));
	TRY(fdt_property_string(fdt, "stdout-path", uart_path));
	return fdt_end_node(fdt);
}

static int node_memory(void *fdt, const struct arm64_machine *m)
{
	char name[32];
	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)m->ram_base);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(prop_reg2(fdt, m->ram_base, m->ram_size, 0, 0, 1));
	return fdt_end_node(fdt);
}

static int node_cpus(void *fdt, const struct arm64_machine *m)
{
	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (unsigned i = 0; i < m->nr_cpus; i++) {
		char name[16];
		snprintf(name, sizeof(name), "cpu@%x", i);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
		TRY(fdt_property_u32(fdt, "reg", i));   /* MPIDR affinity 0 = vCPU id */
		TRY(fdt_property_string(fdt, "enable-method", "psci"));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

static int node_psci(void *fdt)
{
	TRY(fdt_begin_node(fdt, "psci"));
	TRY(fdt_property_string(fdt, "compatible", "arm,psci-0.2"));
	TRY(fdt_property_string(fdt, "method", "hvc"));
	return fdt_end_node(fdt);
}

static int node_gic(void *fdt, const struct arm64_machine *m)
{
	char name[32];
	snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)m->gic_dist_base);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(prop_reg2(fdt, m->gic_dist_base, m->gic_dist_size, m->gic_redist_base,
		      m->gic_redist_size, 2));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_GIC));
	return fdt_end_node(fdt);
}

static int node_timer(void *fdt)
{
	fdt32_t irqs[3 * 4];
	for (unsigned i = 0; i < 4; i++) {
		irqs[3 * i] = cpu_to_fdt32(GIC_PPI);
		irqs[3 * i + 1] = cpu_to_fdt32(timer_ppis[i]);
		irqs[3 * i + 2] = cpu_to_fdt32(IRQ_LEVEL_HIGH);
	}
	TRY(fdt_begin_node(fdt, "timer"));
	TRY(fdt_property_string(fdt, "compatible", "arm,armv8-timer"));
	TRY(fdt_property(fdt, "interrupts", irqs, (int)sizeof(irqs)));
	TRY(fdt_property(fdt, "always-on", NULL, 0));
	return fdt_end_node(fdt);
}

static int node_clock(void *fdt, const struct arm64_machine *m)
{
	TRY(fdt_begin_node(fdt, "apb-pclk"));
	TRY(fdt_property_string(fdt, "compatible", "fixed-clock"));
	TRY(fdt_property_u32(fdt, "#clock-cells", 0));
	TRY(fdt_property_u32(fdt, "clock-frequency", m->uart_clock_hz));
	TRY(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_CLOCK));
	return fdt_end_node(fdt);
}

/* A list of NUL-terminated strings is one property value. */
static const char pl011_compatible[] = "arm,pl011\0arm,primecell";
static const char pl011_clock_names[] = "uartclk\0apb_pclk";

static int node_uart(void *fdt, const struct arm64_machine *m, const char *name)
{
	fdt32_t irq[3] = { cpu_to_fdt32(GIC_SPI), cpu_to_fdt32(m->uart_spi),
			   cpu_to_fdt32(IRQ_LEVEL_HIGH) };
	fdt32_t clocks[2] = { cpu_to_fdt32(PHANDLE_CLOCK), cpu_to_fdt32(PHANDLE_CLOCK) };

	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property(fdt, "compatible", pl011_compatible, sizeof(pl011_compatible)));
	TRY(prop_reg2(fdt, m->uart_base, m->uart_size, 0, 0, 1));
	TRY(fdt_property(fdt, "interrupts", irq, sizeof(irq)));
	TRY(fdt_property(fdt, "clocks", clocks, sizeof(clocks)));
	TRY(fdt_property(fdt, "clock-names", pl011_clock_names, sizeof(pl011_clock_names)));
	return fdt_end_node(fdt);
}

int arm64_fdt_build(const struct arm64_machine *m, void *buf, size_t size)
{
	char uart_name[32], uart_path[40];

	if (size > INT32_MAX)
		size = INT32_MAX;
	snprintf(uart_name, sizeof(uart_name), "pl011@%llx", (unsigned long long)m->uart_base);
	snprintf(uart_path, sizeof(uart_path), "/%s", uart_name);

	void *fdt = buf;
	TRY(fdt_create(fdt, (int)size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
	TRY(fdt_property_string(fdt, "model", "refhv"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property_u32(fdt, "interrupt-parent", PHANDLE_GIC));
	TRY(node_chosen(fdt, m, uart_path));
	TRY(node_memory(fdt, m));
	TRY(node_cpus(fdt, m));
	TRY(node_psci(fdt));
	TRY(node_gic(fdt, m));
	TRY(node_timer(fdt));
	TRY(node_clock(fdt, m));
	TRY(node_uart(fdt, m, uart_name));
	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return 0;
}
