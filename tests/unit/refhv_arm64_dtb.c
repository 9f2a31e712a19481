/*
 * refhv_arm64_dtb.c - unit tests for refhv's arm64 device tree: build one
 * for a 3-vCPU machine, then read it back with libfdt as a guest would
 * (memory, CPUs, PSCI, GIC, timer, UART, bootargs); and make sure a buffer
 * that is too small gives an error, not a truncated tree.
 */
#include <check.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arm64/fdt_build.h"
#include "arm64/layout.h"
#include "check_main.h"

#define NR_CPUS 3u
#define RAM_SIZE (256ull << 20)
#define BOOTARGS "console=report bench=hypercall batches=2"

static const struct arm64_machine machine = {
	.ram_base = ARM64_RAM_BASE,
	.ram_size = RAM_SIZE,
	.nr_cpus = NR_CPUS,
	.gic_dist_base = ARM64_GIC_DIST_BASE,
	.gic_dist_size = ARM64_GIC_DIST_SIZE,
	.gic_redist_base = ARM64_GIC_REDIST_BASE,
	.gic_redist_size = ARM64_GIC_REDIST_SIZE * NR_CPUS,
	.uart_base = ARM64_UART_BASE,
	.uart_size = ARM64_UART_SIZE,
	.uart_spi = ARM64_UART_SPI,
	.uart_clock_hz = ARM64_UART_CLOCK_HZ,
	.bootargs = BOOTARGS,
};

static uint8_t *dtb;

static void build(void)
{
	dtb = malloc(ARM64_DTB_MAX);
	ck_assert_ptr_nonnull(dtb);
	ck_assert_int_eq(arm64_fdt_build(&machine, dtb, ARM64_DTB_MAX), 0);
	ck_assert_int_eq(fdt_check_header(dtb), 0);
}

static void teardown(void)
{
	free(dtb);
	dtb = NULL;
}

static int node(const char *path)
{
	int off = fdt_path_offset(dtb, path);
	ck_assert_msg(off >= 0, "no node %s: %s", path, fdt_strerror(off));
	return off;
}

static const void *prop(const char *path, const char *name, int *len)
{
	const void *p = fdt_getprop(dtb, node(path), name, len);
	ck_assert_msg(p != NULL, "no property %s in %s", name, path);
	return p;
}

/* Property values are only 4-byte aligned: copy, do not dereference. */
static uint64_t cell64(const void *p, unsigned i)
{
	fdt64_t v;
	memcpy(&v, (const uint8_t *)p + 8 * i, sizeof(v));
	return fdt64_to_cpu(v);
}

START_TEST(memory_reg)
{
	int len;
	const void *reg = prop("/memory@80000000", "reg", &len);
	ck_assert_int_eq(len, 16);
	ck_assert_uint_eq(cell64(reg, 0), ARM64_RAM_BASE);
	ck_assert_uint_eq(cell64(reg, 1), RAM_SIZE);
	ck_assert_str_eq(prop("/memory@80000000", "device_type", &len), "memory");
}
END_TEST

START_TEST(cpu_count_and_enable_method)
{
	int cpus = node("/cpus"), n = 0, off, len;
	fdt_for_each_subnode(off, dtb, cpus) {
		const fdt32_t *reg = fdt_getprop(dtb, off, "reg", &len);
		ck_assert_ptr_nonnull(reg);
		ck_assert_uint_eq(fdt32_to_cpu(*reg), (unsigned)n);
		ck_assert_str_eq(fdt_getprop(dtb, off, "enable-method", NULL), "psci");
		ck_assert_str_eq(fdt_getprop(dtb, off, "device_type", NULL), "cpu");
		n++;
	}
	ck_assert_int_eq(n, NR_CPUS);
}
END_TEST

START_TEST(psci_method)
{
	int off = fdt_node_offset_by_compatible(dtb, -1, "arm,psci-0.2");
	ck_assert_int_ge(off, 0);
	ck_assert_str_eq(fdt_getprop(dtb, off, "method", NULL), "hvc");
}
END_TEST

START_TEST(gic_regs)
{
	int off = fdt_node_offset_by_compatible(dtb, -1, "arm,gic-v3"), len;
	ck_assert_int_ge(off, 0);
	const void *reg = fdt_getprop(dtb, off, "reg", &len);
	ck_assert_int_eq(len, 32);
	ck_assert_uint_eq(cell64(reg, 0), ARM64_GIC_DIST_BASE);
	ck_assert_uint_eq(cell64(reg, 1), ARM64_GIC_DIST_SIZE);
	ck_assert_uint_eq(cell64(reg, 2), ARM64_GIC_REDIST_BASE);
	ck_assert_uint_eq(cell64(reg, 3), ARM64_GIC_REDIST_SIZE * NR_CPUS);
	ck_assert_ptr_nonnull(fdt_getprop(dtb, off, "interrupt-controller", NULL));
	const fdt32_t *cells = fdt_getprop(dtb, off, "#interrupt-cells", NULL);
	ck_assert_uint_eq(fdt32_to_cpu(*cells), 3);
	/* The root's interrupt-parent is this node. */
	const fdt32_t *parent = fdt_getprop(dtb, 0, "interrupt-parent", NULL);
	ck_assert_ptr_nonnull(parent);
	ck_assert_int_eq(fdt_node_offset_by_phandle(dtb, fdt32_to_cpu(*parent)), off);
}
END_TEST

START_TEST(timer_ppis)
{
	int off = fdt_node_offset_by_compatible(dtb, -1, "arm,armv8-timer"), len;
	ck_assert_int_ge(off, 0);
	const fdt32_t *irqs = fdt_getprop(dtb, off, "interrupts", &len);
	ck_assert_int_eq(len, 4 * 3 * 4);
	static const uint32_t ppis[] = { 13, 14, 11, 10 };
	for (unsigned i = 0; i < 4; i++) {
		ck_assert_uint_eq(fdt32_to_cpu(irqs[3 * i]), 1);   /* PPI */
		ck_assert_uint_eq(fdt32_to_cpu(irqs[3 * i + 1]), ppis[i]);
	}
}
END_TEST

START_TEST(uart_and_stdout_path)
{
	int len;
	ck_assert_int_eq(fdt_node_check_compatible(dtb, node("/pl011@9000000"), "arm,pl011"), 0);
	ck_assert_int_eq(fdt_node_check_compatible(dtb, node("/pl011@9000000"), "arm,primecell"), 0);
	const void *reg = prop("/pl011@9000000", "reg", &len);
	ck_assert_uint_eq(cell64(reg, 0), ARM64_UART_BASE);
	ck_assert_str_eq(prop("/chosen", "stdout-path", &len), "/pl011@9000000");
	/* Its clocks point at a fixed clock. */
	const fdt32_t *clk = prop("/pl011@9000000", "clocks", &len);
	int clock = fdt_node_offset_by_phandle(dtb, fdt32_to_cpu(clk[0]));
	ck_assert_int_eq(fdt_node_check_compatible(dtb, clock, "fixed-clock"), 0);
}
END_TEST

START_TEST(bootargs)
{
	int len;
	ck_assert_str_eq(prop("/chosen", "bootargs", &len), BOOTARGS);
	ck_assert_int_eq(len, (int)sizeof(BOOTARGS));
}
END_TEST

START_TEST(too_small_buffer_is_an_error)
{
	uint8_t small[256];
	ck_assert_int_eq(arm64_fdt_build(&machine, small, sizeof(small)), -FDT_ERR_NOSPACE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_arm64_dtb");
	TCase *tc = tcase_create("read back");
	tcase_add_checked_fixture(tc, build, teardown);
	tcase_add_test(tc, memory_reg);
	tcase_add_test(tc, cpu_count_and_enable_method);
	tcase_add_test(tc, psci_method);
	tcase_add_test(tc, gic_regs);
	tcase_add_test(tc, timer_ppis);
	tcase_add_test(tc, uart_and_stdout_path);
	tcase_add_test(tc, bootargs);
	tcase_add_test(tc, too_small_buffer_is_an_error);
	suite_add_tcase(s, tc);
	return check_run(s);
}
