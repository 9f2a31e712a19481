/*
 * report.c - build and emit the HVB records (see report.h).
 */
#include "report.h"
#include "build-id.h"
#include "console.h"
#include "hvb-abi.h"
#include "line.h"

static void record_start(struct line *l, const char *type)
{
	line_init(l);
	line_put(l, "HVB ");
	line_put(l, type);
}

static void put_bench(struct line *l, const struct report_bench *b)
{
	line_put_kv(l, "bench", b->name);
	line_put_kv(l, "variant", b->variant);
}

void report_hello(const struct platform *p, const char *boot)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *id;
	size_t id_len = build_id(&id);
	struct line l;

	record_start(&l, "hello");
	line_put_kv_u64(&l, "proto", HVB_PROTO_VERSION);
	line_put_kv(&l, "arch", p->arch);
	line_put(&l, " build=");
	if (id_len == 0)
		line_put(&l, "0");
	for (size_t i = 0; i < id_len; i++) {
		line_put_char(&l, hex[id[i] >> 4]);
		line_put_char(&l, hex[id[i] & 0xf]);
	}
	line_put_kv(&l, "tick", p->tick);
	line_put_kv_u64(&l, "tick_hz", p->tick_hz);
	line_put_kv_u64(&l, "cpus", p->cpus);
	line_put_kv(&l, "hv", p->hv);
	line_put_kv(&l, "vendor", p->vendor);
	line_put_kv(&l, "boot", boot);
	console_emit(&l);
}

void report_begin(const struct report_bench *b)
{
	struct line l;

	record_start(&l, "begin");
	put_bench(&l, b);
	line_put_kv(&l, "unit", b->unit);
	console_emit(&l);
}

void report_sample(const struct report_bench *b, const char *kind, unsigned batch,
		   uint64_t iters, uint64_t value_milli)
{
	struct line l;

	record_start(&l, "sample");
	put_bench(&l, b);
	line_put_kv(&l, "unit", b->unit);
	line_put_kv(&l, "kind", kind);
	line_put_kv_u64(&l, "batch", batch);
	line_put_kv_u64(&l, "iters", iters);
	line_put(&l, " value=");
	line_put_milli(&l, value_milli);
	console_emit(&l);
}

void report_end(const struct report_bench *b, const char *status, const char *reason)
{
	struct line l;

	record_start(&l, "end");
	put_bench(&l, b);
	line_put_kv(&l, "status", status);
	if (reason != NULL)
		line_put_kv(&l, "reason", reason);
	console_emit(&l);
}

void report_done(unsigned benches)
{
	struct line l;

	record_start(&l, "done");
	line_put_kv_u64(&l, "benches", benches);
	console_emit(&l);
}

void report_error(const char *msg)
{
	struct line l;

	record_start(&l, "error");
	line_put_kv(&l, "msg", msg);
	console_emit(&l);
}

void report_exception(unsigned vector, uint64_t rip)
{
	struct line l;

	record_start(&l, "error");
	line_put_kv(&l, "msg", "exception");
	line_put(&l, " vector=");
	line_put_hex(&l, vector, 2);
	line_put(&l, " rip=");
	line_put_hex(&l, rip, 1);
	console_emit(&l);
}
