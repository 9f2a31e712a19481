/*
 * fuzz_record.c - libFuzzer target: the harness's HVB record parser and
 * session (harness/record/record.c, record_session.c) on arbitrary console bytes.
 *
 * Everything the guest prints is untrusted.  The input is fed twice: as one
 * line to hvb_record_parse(), and as a console stream to a session in
 * chunks whose sizes come from the input itself.  Whatever the session
 * accepts must respect the protocol's limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t cap)
{
	if (strnlen(s, cap) == cap)
		abort();   /* not NUL-terminated inside its buffer */
}

static void check_session(struct hvb_session *s)
{
	size_t n = hvb_session_result_count(s);

	if (n > HVB_MAX_BENCHES)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct hvb_bench_result *r = hvb_session_result(s, i);
		check_text(r->bench, sizeof(r->bench));
		check_text(r->variant, sizeof(r->variant));
		check_text(r->unit, sizeof(r->unit));
		check_text(r->reason, sizeof(r->reason));
		if (r->n_op + r->n_empty > HVB_MAX_SAMPLES)
			abort();
		for (size_t k = 0; k < r->n_op; k++)
			if (r->op[k].batch >= HVB_MAX_BATCH || r->op[k].iters == 0 ||
			    r->op[k].iters > HVB_MAX_ITERS || !(r->op[k].value >= 0))
				abort();
	}
	const struct hvb_hello *hello = hvb_session_hello(s);
	if (hello && (hello->cpus == 0 || hello->cpus > HVB_MAX_CPUS))
		abort();
	size_t log_len = 0;
	const char *log = hvb_session_log(s, &log_len);
	if (!log || strlen(log) != log_len)
		abort();
	check_text(hvb_session_error(s), HVB_ERR_MAX + 64);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hvb_record record;
	char err[HVB_ERR_MAX];

	hvb_record_parse((const char *)data, size, &record, err, sizeof(err));
	check_text(err, sizeof(err));

	struct hvb_session *s = hvb_session_new();
	if (!s)
		return 0;
	/* Chunk sizes: 1 + the low 6 bits of the byte that starts each chunk. */
	size_t pos = 0;
	while (pos < size) {
		size_t chunk = 1 + (data[pos] & 63);
		if (chunk > size - pos)
			chunk = size - pos;
		hvb_session_feed(s, (const char *)data + pos, chunk);
		pos += chunk;
	}
	hvb_session_finish(s);
	check_session(s);
	hvb_session_free(s);
	return 0;
}
