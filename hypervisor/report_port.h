/*
 * report_port.h - reading a struct hvb_report_line out of guest memory.
 *
 * A pure function over struct guest_memory, so unit tests can hand it
 * crafted addresses and lengths.
 */
#ifndef REFHV_REPORT_PORT_H
#define REFHV_REPORT_PORT_H

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

#endif
