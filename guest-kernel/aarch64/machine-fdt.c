/*
 * machine-fdt.c - fill struct machine from the device tree.
 *
 * What is read, and from where:
 *   RAM          /memory* nodes ("reg", several ranges allowed)
 *   bootargs     /chosen "bootargs"
 *   GICv3        compatible "arm,gic-v3": reg[0] distributor, then
 *                "#redistributor-regions" (default 1) redistributor regions
 *   UART         the first enabled compatible "arm,pl011" or "arm,sbsa-uart"
 *   PSCI         /psci "method" ("hvc" or "smc")
 *   CPUs         /cpus/cpu* nodes with device_type "cpu": "reg" is the MPIDR
 *   timer        compatible "arm,armv8-timer": the third "interrupts" triple
 *                is the virtual timer's PPI
 *   Xen          /hypervisor compatible "xen,xen", its reg (grant frames)
 *                and interrupts (the event-channel PPI)
 * Only top-level "reg" values are used as they are: the guest does not
 * translate through "ranges" (QEMU, kvmtool and Xen put these devices at
 * the top level with an identity mapping).  Nodes whose "status" is not
 * "okay" are skipped.
 */
#include "machine.h"
#include "fdt.h"
#include "kstring.h"

#define DEFAULT_VTIMER_PPI 27   /* the SBSA-recommended virtual timer INTID */
#define GIC_PPI_BASE       16
#define TIMER_IRQ_VIRT     2    /* order in "interrupts": secure, non-secure, virtual, hyp */

/* reg[index] of node: (base, size); false when the property is too short. */
static bool node_reg(const struct fdt *f, const struct fdt_node *n, unsigned index,
		     uint64_t *base, uint64_t *size)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, "reg", &len);
	uint32_t entry = 4 * (n->addr_cells + n->size_cells);

	if (p == NULL || entry == 0 || len / entry <= index)
		return false;
	p += entry * index;
	*base = fdt_read_cells(p, n->addr_cells);
	*size = fdt_read_cells(p + 4 * n->addr_cells, n->size_cells);
	return true;
}

static bool node_enabled(const struct fdt *f, const struct fdt_node *n)
{
	uint32_t len;

	if (fdt_prop(f, n, "status", &len) == NULL)
		return true;
	return fdt_prop_has_string(f, n, "status", "okay") ||
	       fdt_prop_has_string(f, n, "status", "ok");
}

static void read_memory(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint64_t base, size;

	for (unsigned i = 0; m->ram_count < MACHINE_MAX_RAM && node_reg(f, n, i, &base, &size); i++)
		if (size != 0)
			m->ram[m->ram_count++] = (struct mem_range){ base, size };
}

static void read_chosen(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, "bootargs", &len);
	uint32_t i;

	if (p == NULL)
		return;
	for (i = 0; i < len && i < CMDLINE_MAX - 1 && p[i] != '\0'; i++)
		m->bootargs[i] = (char)p[i];
	m->bootargs[i] = '\0';
	m->has_bootargs = true;
}

static void read_gic(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint64_t base, size;
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, "#redistributor-regions", &len);
	unsigned regions = (p != NULL && len == 4) ? (unsigned)fdt_read_cells(p, 1) : 1;

	if (!node_reg(f, n, 0, &base, &size))
		return;
	m->gic.dist = base;
	m->gic.redist_count = 0;
	for (unsigned i = 0; i < regions && i < GIC_MAX_REDIST_REGIONS; i++) {
		if (!node_reg(f, n, 1 + i, &base, &size))
			break;
		m->gic.redist[m->gic.redist_count++] = (struct gic_region){ base, size };
	}
}

static void read_psci(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	if (fdt_prop_has_string(f, n, "method", "hvc"))
		m->psci = PSCI_CONDUIT_HVC;
	else if (fdt_prop_has_string(f, n, "method", "smc"))
		m->psci = PSCI_CONDUIT_SMC;
}

static void read_cpu(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, "reg", &len);

	if (p == NULL || n->addr_cells == 0 || len < 4 * n->addr_cells ||
	    !fdt_prop_has_string(f, n, "device_type", "cpu") ||
	    m->cpu_count == MACHINE_MAX_CPUS)
		return;
	m->cpu[m->cpu_count++].mpidr = fdt_read_cells(p, n->addr_cells);
}

static void read_timer(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, "interrupts", &len);
	const uint32_t triple = 12;

	if (p == NULL || len < triple * (TIMER_IRQ_VIRT + 1))
		return;
	p += triple * TIMER_IRQ_VIRT;
	if (fdt_read_cells(p, 1) == 1)   /* type 1: a PPI */
		m->vtimer_intid = GIC_PPI_BASE + (unsigned)fdt_read_cells(p + 4, 1);
}

static bool compatible(const struct fdt *f, const struct fdt_node *n, const char *s)
{
	return fdt_prop_has_string(f, n, "compatible", s);
}

/* Xen's node: its grant-table region and event-channel PPI (one triple). */
static void read_hypervisor(struct machine *m, const struct fdt *f, const struct fdt_node *n)
{
	uint32_t len;
	uint64_t size;

	m->is_xen = compatible(f, n, "xen,xen");
	if (!m->is_xen)
		return;
	if (!node_reg(f, n, 0, &m->xen_gnttab_base, &size) || size == 0)
		m->xen_gnttab_base = 0;
	const uint8_t *p = fdt_prop(f, n, "interrupts", &len);
	if (p != NULL && len >= 12 && fdt_read_cells(p, 1) == 1)   /* type 1: a PPI */
		m->xen_evtchn_intid = GIC_PPI_BASE + (unsigned)fdt_read_cells(p + 4, 1);
}

bool machine_from_fdt(struct machine *m, const void *dtb)
{
	struct fdt f;
	struct fdt_iter it;
	struct fdt_node n;
	bool in_cpus = false;

	if (!fdt_open(&f, dtb))
		return false;
	m->vtimer_intid = DEFAULT_VTIMER_PPI;
	m->psci = PSCI_CONDUIT_NONE;
	fdt_iter_init(&it);
	while (fdt_next_node(&f, &it, &n)) {
		if (n.depth == 0) {
			m->is_qemu_virt = compatible(&f, &n, "linux,dummy-virt");
			continue;
		}
		if (n.depth == 1)
			in_cpus = fdt_node_is(&n, "cpus");
		if (!node_enabled(&f, &n))
			continue;
		if (n.depth == 2 && in_cpus)
			read_cpu(m, &f, &n);
		else if (n.depth == 1 && (fdt_node_is(&n, "memory") ||
					  fdt_prop_has_string(&f, &n, "device_type", "memory")))
			read_memory(m, &f, &n);
		else if (n.depth == 1 && fdt_node_is(&n, "chosen"))
			read_chosen(m, &f, &n);
		else if (n.depth == 1 && fdt_node_is(&n, "psci"))
			read_psci(m, &f, &n);
		else if (n.depth == 1 && fdt_node_is(&n, "hypervisor"))
			read_hypervisor(m, &f, &n);
		else if (compatible(&f, &n, "arm,gic-v3") && m->gic.dist == 0)
			read_gic(m, &f, &n);
		else if (compatible(&f, &n, "arm,armv8-timer"))
			read_timer(m, &f, &n);
		else if (m->uart_base == 0 && (compatible(&f, &n, "arm,pl011") ||
					       compatible(&f, &n, "arm,sbsa-uart"))) {
			uint64_t size;
			if (node_reg(&f, &n, 0, &m->uart_base, &size))
				m->uart_is_pl011 = compatible(&f, &n, "arm,pl011");
		}
	}
	return m->ram_count > 0;
}

unsigned machine_cpus_online(const struct machine *m)
{
	unsigned n = 0;

	for (unsigned i = 0; i < m->cpu_count; i++)
		if (m->cpu[i].online)
			n++;
	return n;
}
