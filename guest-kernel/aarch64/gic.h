/*
 * gic.h - the GICv3 interrupt controller: distributor, redistributors and
 * the CPU interface (ICC_* system registers).
 *
 * SGIs (INTID 0-15) and PPIs (16-31) are configured in the redistributor
 * of the CPU that receives them; the few SPIs a benchmark uses (32 up) in
 * the distributor, routed to one CPU.  Everything is group 1 (non-secure),
 * one priority, no preemption.
 */
#ifndef A64_GIC_H
#define A64_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_MAX_REDIST_REGIONS 4
#define GIC_FIRST_SPECIAL      1020u  /* 1020-1023: spurious and special INTIDs */
#define GIC_LOCAL_IRQS         32     /* SGIs and PPIs */
#define GIC_HANDLED_IRQS       64     /* the guest handles INTIDs below this */

#define GICD_CTLR   0x0000
#define GICD_TYPER  0x0004

struct gic_region {
	uint64_t base, size;
};

struct gic {
	uint64_t dist;                     /* distributor base, 0 when absent */
	struct gic_region redist[GIC_MAX_REDIST_REGIONS];
	unsigned redist_count;
};

/* One CPU's redistributor (RD_base frame; SGI_base is the next 64 KiB). */
struct gic_cpu {
	uint64_t rd_base;
};

/* Enable the distributor (affinity routing, group 1). */
void gic_dist_init(const struct gic *g);

/*
 * Find the calling CPU's redistributor, wake it, make SGIs/PPIs group 1,
 * and enable the CPU interface.  False when no redistributor matches.
 */
bool gic_cpu_init(const struct gic *g, uint64_t mpidr, struct gic_cpu *out);

/* Enable one SGI or PPI in this CPU's redistributor. */
void gic_enable_local(const struct gic_cpu *c, unsigned intid);

/* Route SPI intid (32 <= intid < GIC_HANDLED_IRQS) to the CPU with this
 * MPIDR, edge- or level-triggered, and enable it.  False when out of range. */
bool gic_enable_spi(const struct gic *g, unsigned intid, uint64_t target_mpidr, bool edge);

/* Send SGI intid to the CPU with this MPIDR (ICC_SGI1R_EL1). */
void gic_send_sgi(uint64_t target_mpidr, unsigned intid);

/* The ICC_SGI1R_EL1 value for that SGI, for benchmarks that write it themselves. */
uint64_t gic_sgi1r_value(uint64_t target_mpidr, unsigned intid);

/* Acknowledge the highest pending interrupt (ICC_IAR1_EL1) / end it (ICC_EOIR1_EL1). */
unsigned gic_ack(void);
void gic_eoi(unsigned intid);

#endif
