/*
 * report_port.c - the x86 report port: a 32-bit write to HVB_PORT_REPORT
 * carries the guest-physical address of a struct hvb_report_line, which
 * ../report_line.c reads, checks and prints as one console line.
 */
#include <string.h>

#include "../report_line.h"
#include "../vcpu.h"
#include "x86.h"

void report_port_io(struct vcpu *vcpu, struct io_access *io)
{
	uint32_t gpa;

	if (!io->is_write) {
		memset(io->data, 0xff, io->size);
		return;
	}
	if (io->size != sizeof(gpa) || io->offset != 0) {
		report_bad_write(vcpu, io->size, io->offset, sizeof(gpa));
		return;
	}
	memcpy(&gpa, io->data, sizeof(gpa));
	report_deliver(vcpu, gpa);
}
