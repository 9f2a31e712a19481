/*
 * gic.c - GICv3 set-up and the CPU interface (see gic.h).
 *
 * Register offsets are from the GICv3 architecture specification (IHI 0069).
 * Each redistributor has two 64 KiB frames (RD_base, SGI_base), four with
 * GICv4 virtual LPIs; GICR_TYPER tells which CPU (affinity) a frame belongs
 * to and whether it is the last one of its region.
 */
#include "gic.h"
#include "sysreg.h"

#define GICD_CTLR_RWP        (1u << 31)
#define GICD_CTLR_ARE_NS     (1u << 4)
#define GICD_CTLR_GRP1A      (1u << 1)
#define GICD_CTLR_GRP1       (1u << 0)

#define GICD_IGROUPR         0x0080
#define GICD_ISENABLER       0x0100
#define GICD_IPRIORITYR      0x0400
#define GICD_ICFGR           0x0c00
#define GICD_IROUTER         0x6000

#define GICR_CTLR            0x0000
#define GICR_CTLR_RWP        (1u << 3)
#define GICR_TYPER           0x0008
#define GICR_TYPER_VLPIS     (1ull << 1)
#define GICR_TYPER_LAST      (1ull << 4)
#define GICR_WAKER           0x0014
#define GICR_WAKER_SLEEP     (1u << 1)
#define GICR_WAKER_ASLEEP    (1u << 2)
#define GICR_FRAME           0x10000
#define GICR_SGI_BASE        GICR_FRAME
#define GICR_IGROUPR0        0x0080
#define GICR_ISENABLER0      0x0100
#define GICR_ICENABLER0      0x0180
#define GICR_IPRIORITYR      0x0400

#define GIC_PRIORITY_ALL     0xa0a0a0a0u   /* one priority for every SGI/PPI */
#define GIC_PMR_ALLOW_ALL    0xff
#define ICC_SRE_SRE          1u

#define POLL_LIMIT           1000000

static void wait_clear(uint64_t reg, uint32_t bit)
{
	for (unsigned i = 0; i < POLL_LIMIT && (mmio_read32(reg) & bit); i++)
		;
}

void gic_dist_init(const struct gic *g)
{
	mmio_write32(g->dist + GICD_CTLR, GICD_CTLR_ARE_NS | GICD_CTLR_GRP1A | GICD_CTLR_GRP1);
	wait_clear(g->dist + GICD_CTLR, GICD_CTLR_RWP);
}

/* The affinity of an MPIDR as GICR_TYPER[63:32] encodes it: Aff3.Aff2.Aff1.Aff0. */
static uint32_t mpidr_affinity(uint64_t mpidr)
{
	return (uint32_t)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));
}

/* The affinity of an MPIDR as GICD_IROUTER takes it (Aff3 at 39:32, mode 0: that CPU). */
static uint64_t mpidr_affinity_route(uint64_t mpidr)
{
	return ((mpidr >> 32) & 0xff) << 32 | (mpidr & 0xffffff);
}

static uint64_t find_redist(const struct gic *g, uint64_t mpidr)
{
	uint32_t want = mpidr_affinity(mpidr);

	for (unsigned r = 0; r < g->redist_count; r++) {
		uint64_t addr = g->redist[r].base, end = addr + g->redist[r].size;
		while (addr < end) {
			uint64_t typer = mmio_read64(addr + GICR_TYPER);
			if ((uint32_t)(typer >> 32) == want)
				return addr;
			if (typer & GICR_TYPER_LAST)
				break;
			addr += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME : 2 * GICR_FRAME;
		}
	}
	return 0;
}

static bool cpu_interface_init(void)
{
	sysreg_write(ICC_SRE_EL1, sysreg_read(ICC_SRE_EL1) | ICC_SRE_SRE);
	isb();
	if (!(sysreg_read(ICC_SRE_EL1) & ICC_SRE_SRE))
		return false;   /* no system-register interface: legacy GICv2 mode only */
	sysreg_write(ICC_PMR_EL1, GIC_PMR_ALLOW_ALL);
	sysreg_write(ICC_BPR1_EL1, 0);
	sysreg_write(ICC_CTLR_EL1, 0);     /* EOImode 0: EOIR also deactivates */
	sysreg_write(ICC_IGRPEN1_EL1, 1);
	isb();
	return true;
}

bool gic_cpu_init(const struct gic *g, uint64_t mpidr, struct gic_cpu *out)
{
	uint64_t rd = find_redist(g, mpidr);

	if (rd == 0)
		return false;
	out->rd_base = rd;
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	wait_clear(rd + GICR_WAKER, GICR_WAKER_ASLEEP);

	uint64_t sgi = rd + GICR_SGI_BASE;
	mmio_write32(sgi + GICR_ICENABLER0, 0xffffffffu);
	wait_clear(rd + GICR_CTLR, GICR_CTLR_RWP);
	mmio_write32(sgi + GICR_IGROUPR0, 0xffffffffu);
	for (unsigned i = 0; i < GIC_LOCAL_IRQS / 4; i++)
		mmio_write32(sgi + GICR_IPRIORITYR + 4 * i, GIC_PRIORITY_ALL);
	return cpu_interface_init();
}

bool gic_enable_spi(const struct gic *g, unsigned intid, uint64_t target_mpidr, bool edge)
{
	if (intid < GIC_LOCAL_IRQS || intid >= GIC_HANDLED_IRQS || g->dist == 0)
		return false;
	uint64_t word = 4 * (intid / 32), bit = 1u << (intid % 32);
	uint64_t cfg = g->dist + GICD_ICFGR + 4 * (intid / 16);
	uint32_t cfg_bit = 2u << (2 * (intid % 16));   /* Int_config[1]: 1 edge, 0 level */

	mmio_write32(g->dist + GICD_IGROUPR + word, mmio_read32(g->dist + GICD_IGROUPR + word) | bit);
	mmio_write32(cfg, edge ? mmio_read32(cfg) | cfg_bit : mmio_read32(cfg) & ~cfg_bit);
	mmio_write8(g->dist + GICD_IPRIORITYR + intid, (uint8_t)GIC_PRIORITY_ALL);
	mmio_write64(g->dist + GICD_IROUTER + 8 * intid, mpidr_affinity_route(target_mpidr));
	mmio_write32(g->dist + GICD_ISENABLER + word, (uint32_t)bit);
	wait_clear(g->dist + GICD_CTLR, GICD_CTLR_RWP);
	return true;
}

void gic_enable_local(const struct gic_cpu *c, unsigned intid)
{
	if (intid < GIC_LOCAL_IRQS)
		mmio_write32(c->rd_base + GICR_SGI_BASE + GICR_ISENABLER0, 1u << intid);
}

uint64_t gic_sgi1r_value(uint64_t target_mpidr, unsigned intid)
{
	uint64_t aff0 = target_mpidr & 0xff;

	return ((target_mpidr >> 32) & 0xff) << 48 |     /* Aff3 */
	       ((target_mpidr >> 16) & 0xff) << 32 |     /* Aff2 */
	       (uint64_t)(intid & 0xf) << 24 |
	       ((target_mpidr >> 8) & 0xff) << 16 |      /* Aff1 */
	       (aff0 >> 4) << 44 |                       /* RS: which 16 Aff0 values */
	       1ull << (aff0 & 0xf);                     /* target list */
}

void gic_send_sgi(uint64_t target_mpidr, unsigned intid)
{
	dsb_ishst();   /* memory written before the SGI is visible to its handler */
	sysreg_write(ICC_SGI1R_EL1, gic_sgi1r_value(target_mpidr, intid));
	isb();
}

unsigned gic_ack(void)
{
	unsigned intid = (unsigned)sysreg_read(ICC_IAR1_EL1) & 0xffffff;

	dsb_ish();
	return intid;
}

void gic_eoi(unsigned intid)
{
	sysreg_write(ICC_EOIR1_EL1, intid);
	isb();
}
