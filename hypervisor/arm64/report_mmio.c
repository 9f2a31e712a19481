/*
 * report_mmio.c - the arm64 report port: the guest writes (64 bits) the
 * guest-physical address of a struct hvb_report_line to HVB_ARM64_REPORT
 * and refhv prints its text as one console line, checked exactly like the
 * x86 report port (../report_line.c).
 */
#include <string.h>

#include "../report_line.h"
#include "../vcpu.h"
#include "arm64.h"

void report_mmio(struct vcpu *vcpu, struct mmio_access *mmio)
{
	uint64_t gpa;

	if (!mmio->is_write) {
		memset(mmio->data, 0xff, mmio->len);
		return;
	}
	if (mmio->len != sizeof(gpa) || mmio->offset != 0) {
		report_bad_write(vcpu, mmio->len, mmio->offset, sizeof(gpa));
		return;
	}
	memcpy(&gpa, mmio->data, sizeof(gpa));
	report_deliver(vcpu, gpa);
}
