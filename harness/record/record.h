/*
 * record.h - parse the guest's "HVB ..." report lines and follow a whole
 * console session (docs/report-protocol.md, protocol version 1).
 *
 * Two layers:
 *   hvb_record_parse()  one line -> one struct hvb_record, strictly checked;
 *   struct hvb_session  feeds lines (or raw console bytes) in order, checks
 *                       the sequence and collects every benchmark's samples.
 *
 * Nothing the guest sends is trusted: every text field is copied into a
 * fixed-size buffer after its length and characters were checked, every
 * number is range-checked, and counts are never used to size anything.
 */
#ifndef HVB_RECORD_H
#define HVB_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hvb-abi.h"

#define HVB_NAME_MAX 64        /* bench/variant/unit/tokens, including the NUL */
#define HVB_BUILD_MAX 129      /* build id: up to 128 hex digits, plus NUL */
#define HVB_MSG_MAX 256        /* error record msg, including the NUL */
#define HVB_MAX_BATCH 1000     /* batch numbers are 0 .. HVB_MAX_BATCH-1 */
#define HVB_MAX_SAMPLES 2000   /* sample records (op + empty) per benchmark+variant */
#define HVB_MAX_BENCHES 256    /* begin records per session */
#define HVB_MAX_ITERS 4294967296ull  /* iters is 1 .. 2^32 */
#define HVB_MAX_VALUE 1e15     /* sample value: at most 15 integer digits */
#define HVB_MAX_CPUS 4096      /* hello cpus is 1 .. HVB_MAX_CPUS */
#define HVB_MAX_TICK_HZ 100000000000ull /* hello tick_hz is 0 .. 1e11 */
#define HVB_ERR_MAX 256        /* size of the error message buffers */

enum hvb_record_type {
	HVB_REC_LOG,     /* not a record: a console line that does not start "HVB " */
	HVB_REC_HELLO,
	HVB_REC_BEGIN,
	HVB_REC_SAMPLE,
	HVB_REC_END,
	HVB_REC_DONE,
	HVB_REC_ERROR,
};

/* Status of one benchmark.  The guest's `end` record only carries OK,
 * UNSUPPORTED or FAILED; INCOMPLETE means "begun, never ended" (the session
 * reports it; the caller decides TIMEOUT or FAILED before storing). */
enum hvb_bench_status {
	HVB_BENCH_OK,
	HVB_BENCH_UNSUPPORTED,
	HVB_BENCH_TIMEOUT,
	HVB_BENCH_FAILED,
	HVB_BENCH_INCOMPLETE,
};

enum hvb_sample_kind { HVB_SAMPLE_OP, HVB_SAMPLE_EMPTY };

struct hvb_hello {
	unsigned proto;                /* always 1 (HVB_PROTO_VERSION) */
	char arch[HVB_NAME_MAX];       /* "x86_64" or "aarch64" */
	char build[HVB_BUILD_MAX];     /* lower-case hex build id */
	char tick[HVB_NAME_MAX];       /* "tsc", "cntvct", ... */
	uint64_t tick_hz;              /* 0 when the guest does not know */
	unsigned cpus;                 /* 1 .. HVB_MAX_CPUS */
	char hv[HVB_NAME_MAX];
	char vendor[HVB_NAME_MAX];
	char boot[HVB_NAME_MAX];
};

struct hvb_begin {
	char bench[HVB_NAME_MAX];
	char variant[HVB_NAME_MAX];    /* "-" when there is none */
	char unit[HVB_NAME_MAX];       /* "cycles" or "ticks" */
};

struct hvb_sample {
	char bench[HVB_NAME_MAX];
	char variant[HVB_NAME_MAX];
	char unit[HVB_NAME_MAX];
	enum hvb_sample_kind kind;
	uint32_t batch;                /* 0 .. HVB_MAX_BATCH-1 */
	uint64_t iters;                /* 1 .. 2^32 */
	double value;                  /* finite, >= 0, <= 3 fraction digits, at most 15 integer digits (<= HVB_MAX_VALUE) */
};

struct hvb_end {
	char bench[HVB_NAME_MAX];
	char variant[HVB_NAME_MAX];
	enum hvb_bench_status status;  /* OK, UNSUPPORTED or FAILED */
	char reason[HVB_NAME_MAX];     /* "" when absent */
};

struct hvb_done {
	unsigned benches;
};

struct hvb_error {
	char msg[HVB_MSG_MAX];
	bool has_fault;                /* vector and rip were given (both or neither) */
	uint32_t vector;
	uint64_t rip;
};

struct hvb_record {
	enum hvb_record_type type;
	union {
		struct hvb_hello hello;
		struct hvb_begin begin;
		struct hvb_sample sample;
		struct hvb_end end;
		struct hvb_done done;
		struct hvb_error error;
	} u;
};

/*
 * Parse one console line of `len` bytes (no NUL needed; embedded NULs are
 * rejected in records).  One trailing "\n", "\r\n" or "\r" is ignored.
 * Returns 0 and fills *out (type HVB_REC_LOG for a non-record line), or -1
 * with a message in err (at most errlen bytes, always NUL-terminated) for a
 * malformed record: unknown type, missing/extra/duplicate/out-of-order key,
 * bad characters, empty or too long value, value out of range, a record
 * line longer than HVB_REPORT_MAX bytes.  The message does not name a line
 * number; the session adds it.
 */
int hvb_record_parse(const char *line, size_t len, struct hvb_record *out,
		     char *err, size_t errlen);

/* "ok", "unsupported", "timeout", "failed", "incomplete" (the strings the
 * store uses); NULL for an invalid value. */
const char *hvb_bench_status_name(enum hvb_bench_status status);
/* Inverse of hvb_bench_status_name; returns -1 for an unknown name. */
int hvb_bench_status_parse(const char *name, enum hvb_bench_status *out);

/* ---- session: a whole console, in order --------------------------------- */

struct hvb_batch {
	uint32_t batch;
	uint64_t iters;
	double value;                  /* mean per operation, in the unit */
};

/* One benchmark+variant as collected from its begin .. end records. */
struct hvb_bench_result {
	char bench[HVB_NAME_MAX];
	char variant[HVB_NAME_MAX];
	char unit[HVB_NAME_MAX];
	enum hvb_bench_status status;  /* INCOMPLETE while/if no `end` was seen */
	char reason[HVB_NAME_MAX];     /* from `end`; "" when none */
	unsigned line_begin;           /* line number of its `begin` (1-based) */
	size_t n_op, n_empty;
	struct hvb_batch *op;          /* n_op entries, in batch order */
	struct hvb_batch *empty;       /* n_empty entries, in batch order */
};

struct hvb_session;

/* A new, empty session; NULL when out of memory. */
struct hvb_session *hvb_session_new(void);
void hvb_session_free(struct hvb_session *s);

/*
 * Feed raw console bytes in any chunking; the session splits them into
 * lines itself (an over-long line is cut and, if it is a record, rejected),
 * so a caller can pass whatever read() returned.  Returns 0, or -1 once the
 * session is rejected (further input is then ignored).
 */
int hvb_session_feed(struct hvb_session *s, const char *bytes, size_t len);

/* Feed exactly one line (without or with its newline).  Same return. */
int hvb_session_feed_line(struct hvb_session *s, const char *line, size_t len);

/*
 * End of input: flushes a trailing line without newline, marks a benchmark
 * begun but not ended as INCOMPLETE.  Returns 0, or -1 if rejected.  Call it
 * once, after the guest's console closed (or the watchdog fired).
 */
int hvb_session_finish(struct hvb_session *s);

/* True once a malformed record or a sequence error was seen. */
bool hvb_session_rejected(const struct hvb_session *s);
/* The rejection message, "line N: what was wrong"; "" when not rejected. */
const char *hvb_session_error(const struct hvb_session *s);

/* The `hello` record, or NULL when none was seen yet. */
const struct hvb_hello *hvb_session_hello(const struct hvb_session *s);
/* True when `done` was seen (and its benches count matched). */
bool hvb_session_done(const struct hvb_session *s);
/* The guest's `error` record, or NULL when it sent none. */
const struct hvb_error *hvb_session_guest_error(const struct hvb_session *s);
/* True when some benchmark was begun and never ended (after finish). */
bool hvb_session_incomplete(const struct hvb_session *s);

/* Lines seen so far (records and log). */
unsigned hvb_session_lines(const struct hvb_session *s);

/* The collected benchmarks, in the order they began. */
size_t hvb_session_result_count(const struct hvb_session *s);
const struct hvb_bench_result *hvb_session_result(const struct hvb_session *s, size_t i);

/*
 * The console's log lines (every line that is not a record), joined with
 * "\n", bounded: the first HVB_SESSION_LOG_HEAD bytes and the last
 * HVB_SESSION_LOG_TAIL bytes are kept, with a "[... N bytes dropped ...]"
 * marker between them.  Returns a NUL-terminated string owned by the
 * session (valid until the next feed/free); *len gets its length if non-NULL.
 */
#define HVB_SESSION_LOG_HEAD (192 * 1024)
#define HVB_SESSION_LOG_TAIL (64 * 1024)
const char *hvb_session_log(struct hvb_session *s, size_t *len);

#endif
