/*
 * report_mmio.c - the arm64 report port: the guest writes (64 bits) the
 * guest-physical address of a struct hvb_report_line to HVB_ARM64_REPORT
 * and refhv prints its text as one console line, checked exactly like the
 * x86 report port (report_line_read() in ../report_port.c).
 */
#include <inttypes.h>
#include <string.h>

#include "../log.h"
#include "../report_port.h"
#include "../vcpu.h"
#include "../vm.h"
#include "arm64.h"

#define MAX_LOGGED_BAD_REPORTS 10

void report_mmio(struct vcpu *vcpu, struct mmio_access *mmio)
{
	char text[HVB_REPORT_MAX];
	uint64_t gpa;
	uint32_t len;

	if (!mmio->is_write) {
		memset(mmio->data, 0xff, mmio->len);
		return;
	}
	if (mmio->len != sizeof(gpa) || mmio->offset != 0) {
		if (vcpu->bad_reports++ < MAX_LOGGED_BAD_REPORTS)
			refhv_err("vcpu %u: report port: %u-byte write at offset %" PRIu64
				  " ignored (needs a 64-bit write)", vcpu->id, mmio->len,
				  mmio->offset);
		return;
	}
	memcpy(&gpa, mmio->data, sizeof(gpa));
	enum report_result r = report_line_read(&vcpu->vm->mem, gpa, text, &len);
	if (r != REPORT_OK) {
		if (vcpu->bad_reports++ < MAX_LOGGED_BAD_REPORTS)
			refhv_err("vcpu %u: report port: gpa 0x%" PRIx64 ": %s", vcpu->id, gpa,
				  report_result_str(r));
		return;
	}
	console_put_line(&vcpu->console, text, len);
}
