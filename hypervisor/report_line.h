/*
 * report_line.h - the report device's common half (report_line.c): read a
 * struct hvb_report_line out of guest memory and print it, for the x86
 * report port and the arm64 report MMIO register alike.
 *
 * report_line_read() is a pure function over struct guest_memory, so unit
 * tests can hand it crafted addresses and lengths.
 */
#ifndef REFHV_REPORT_LINE_H
#define REFHV_REPORT_LINE_H

#include <stdint.h>

#include "hvb-abi.h"
#include "memory.h"

enum report_result {
	REPORT_OK = 0,
	REPORT_BAD_GPA,    /* the struct is not wholly inside guest RAM */
	REPORT_BAD_LEN,    /* len > HVB_REPORT_MAX */
};

const char *report_result_str(enum report_result r);

/*
 * Copy the line at gpa into text (*len bytes, no newline), replacing
 * control characters and non-ASCII bytes with '?'.  The guest may change
 * the struct while we read it: len is read exactly once.
 */
enum report_result report_line_read(const struct guest_memory *mem, uint64_t gpa,
				    char text[HVB_REPORT_MAX], uint32_t *len);

struct vcpu;

/* Read the line at gpa and print it on the vCPU's console, or log why not. */
void report_deliver(struct vcpu *vcpu, uint64_t gpa);

/* Log a write of the wrong size (size bytes at offset; want bytes needed). */
void report_bad_write(struct vcpu *vcpu, unsigned size, uint64_t offset, unsigned want);

#endif
