/*
 * iolat_log.c - the io-latency clock-matching log line (iolat_log.h).
 */
#include "iolat_log.h"
#include "console.h"
#include "line.h"

void iolat_log_offset(const char *who, const char *other, int64_t offset, uint64_t error,
		      const char *how)
{
	struct line l;

	line_init(&l);
	line_put(&l, who);
	line_put(&l, ": guest counter - ");
	line_put(&l, other);
	line_put(&l, offset < 0 ? " counter = -" : " counter = ");
	line_put_u64(&l, offset < 0 ? (uint64_t)0 - (uint64_t)offset : (uint64_t)offset);
	line_put(&l, " ticks, +-");
	line_put_u64(&l, error);
	line_put(&l, " (");
	line_put(&l, how);
	line_put(&l, ")");
	console_emit(&l);
}
