/*
 * report_line.c - the "ucall" report device's common half: the guest hands
 * refhv the guest-physical address of a struct hvb_report_line (x86: a
 * 32-bit write to HVB_PORT_REPORT, x86/report_port.c; arm64: a 64-bit write
 * to HVB_ARM64_REPORT, arm64/report_mmio.c) and refhv prints its text as
 * one console line: one exit per line instead of one per byte.  Bad
 * addresses, lengths and write sizes are refused and logged (the first few).
 */
#include "report_line.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "console.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define MAX_LOGGED_BAD_REPORTS 10

const char *report_result_str(enum report_result r)
{
	switch (r) {
	case REPORT_OK: return "ok";
	case REPORT_BAD_GPA: return "line not inside guest RAM";
	case REPORT_BAD_LEN: return "length over HVB_REPORT_MAX";
	}
	return "?";
}

static char printable(uint8_t c)
{
	return (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
}

enum report_result report_line_read(const struct guest_memory *mem, uint64_t gpa,
				    char text[HVB_REPORT_MAX], uint32_t *len)
{
	const uint8_t *line = gpa_to_host(mem, gpa, sizeof(struct hvb_report_line));
	uint32_t n;

	if (!line)
		return REPORT_BAD_GPA;
	memcpy(&n, line + offsetof(struct hvb_report_line, len), sizeof(n));
	if (n > HVB_REPORT_MAX)
		return REPORT_BAD_LEN;
	const uint8_t *src = line + offsetof(struct hvb_report_line, text);
	for (uint32_t i = 0; i < n; i++)
		text[i] = printable(src[i]);
	*len = n;
	return REPORT_OK;
}

void report_bad_write(struct vcpu *vcpu, unsigned size, uint64_t offset, unsigned want)
{
	if (vcpu->bad_reports++ < MAX_LOGGED_BAD_REPORTS)
		refhv_err("vcpu %u: report port: %u-byte write at offset %" PRIu64 " ignored "
			  "(needs a %u-bit write)", vcpu->id, size, offset, want * 8);
}

void report_deliver(struct vcpu *vcpu, uint64_t gpa)
{
	char text[HVB_REPORT_MAX];
	uint32_t len;
	enum report_result r = report_line_read(&vcpu->vm->mem, gpa, text, &len);

	if (r != REPORT_OK) {
		if (vcpu->bad_reports++ < MAX_LOGGED_BAD_REPORTS)
			refhv_err("vcpu %u: report port: gpa 0x%" PRIx64 ": %s", vcpu->id, gpa,
				  report_result_str(r));
		return;
	}
	console_put_line(&vcpu->console, text, len);
}
