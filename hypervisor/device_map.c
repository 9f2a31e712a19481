/*
 * device_map.c - `refhv --devices`: what this build of refhv puts at each
 * port and guest-physical address, without creating a VM.
 *
 * One line per claim, for `hvbench targets` to check that the benchmarks'
 * "unassigned" targets really are unassigned here:
 *   port BASE LEN NAME          a port device (ioport.c), exits to refhv
 *   mmio BASE LEN NAME          an MMIO device (arch_platform, mmio.c)
 *   ioeventfd port|mmio ADDR NAME   completed inside KVM, never exits
 * Everything else is unassigned: reads all-ones, writes dropped.
 */
#include <inttypes.h>
#include <stdio.h>

#include "arch.h"
#include "device_map.h"
#include "ioport.h"
#include "mmio.h"

void device_map_print(FILE *out)
{
	const struct io_device *io;
	for (unsigned slot = 0; (io = ioport_device(slot)) != NULL && io->handle; slot++)
		fprintf(out, "port 0x%x %u %s\n", io->base, io->len, io->name);

	const struct mmio_device *mmio;
	for (unsigned slot = 0; (mmio = mmio_device(slot)) != NULL && mmio->handle; slot++)
		fprintf(out, "mmio 0x%" PRIx64 " %" PRIu64 " %s\n", mmio->base, mmio->len, mmio->name);

	const struct arch_platform *p = arch_platform();
	if (p->bench_kernel_port >= 0)
		fprintf(out, "ioeventfd port 0x%x bench-kernel\n", p->bench_kernel_port);
	if (p->bench_kernel_mmio)
		fprintf(out, "ioeventfd mmio 0x%" PRIx64 " bench-kernel\n", p->bench_kernel_mmio);
	for (unsigned i = 0; p->iolat.page && i < 2; i++)
		fprintf(out, "ioeventfd %s 0x%" PRIx64 " io-latency\n", p->iolat.pio ? "port" : "mmio",
			p->iolat.doorbell[i]);
}
