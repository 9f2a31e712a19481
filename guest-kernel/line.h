/*
 * line.h - assemble one console line in a buffer before it is emitted.
 *
 * Lines are built piece by piece (text, decimal and hex numbers) and then
 * handed to the console whole, so a record is never interleaved or split.
 * A line longer than HVB_REPORT_MAX is cut at HVB_REPORT_MAX bytes.
 */
#ifndef LINE_H
#define LINE_H

#include <stddef.h>
#include <stdint.h>
#include "hvb-abi.h"

struct line {
	size_t len;
	char text[HVB_REPORT_MAX];
};

void line_init(struct line *l);
void line_put(struct line *l, const char *s);
void line_put_n(struct line *l, const char *s, size_t n);
void line_put_char(struct line *l, char c);
void line_put_u64(struct line *l, uint64_t v);
/* "0x" then v in lower-case hex, at least min_digits digits. */
void line_put_hex(struct line *l, uint64_t v, unsigned min_digits);
/* A number of thousandths as a decimal with three fraction digits: 1234 -> "1.234". */
void line_put_milli(struct line *l, uint64_t milli);
/* " key=value" for a text value and for a decimal value. */
void line_put_kv(struct line *l, const char *key, const char *value);
void line_put_kv_u64(struct line *l, const char *key, uint64_t value);

#endif
