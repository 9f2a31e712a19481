/*
 * iolat_log.h - one console log line (not a record) saying how io-latency
 * matched the two clocks: the offset and its error, in guest ticks.
 */
#ifndef IOLAT_LOG_H
#define IOLAT_LOG_H

#include <stdint.h>

/* "<who>: guest counter - <other> counter = OFFSET ticks, +-ERROR (<how>)" */
void iolat_log_offset(const char *who, const char *other, int64_t offset, uint64_t error,
		      const char *how);

#endif
