/*
 * harness_record.c - unit tests for the HVB record parser and the session
 * accumulator (harness/record/record.c, harness/record/record_session.c).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "check_main.h"

#define HELLO "HVB hello proto=1 arch=x86_64 build=6c1e0a tick=tsc tick_hz=2595124000 cpus=1 hv=kvm vendor=amd boot=pvh"

static int parse(const char *line, struct hvb_record *rec, char *err, size_t errlen)
{
	return hvb_record_parse(line, strlen(line), rec, err, errlen);
}

/* Asserts that `line` is rejected with a message containing `needle`. */
static void expect_reject(const char *line, const char *needle)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	int rc = parse(line, &rec, err, sizeof(err));
	ck_assert_msg(rc == -1, "accepted: %s", line);
	ck_assert_msg(strstr(err, needle) != NULL, "for '%s' got '%s', wanted '%s'", line, err, needle);
}

/* ---- single lines ------------------------------------------------------- */

START_TEST(log_lines)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	const char *lines[] = { "", "hello world", "HVB", "HVBhello", "hvb hello", " HVB hello",
				"Linux version 6.1 \x01\x02" };
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		ck_assert_int_eq(parse(lines[i], &rec, err, sizeof(err)), 0);
		ck_assert_int_eq(rec.type, HVB_REC_LOG);
	}
}
END_TEST

START_TEST(hello_valid)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	ck_assert_int_eq(parse(HELLO "\r\n", &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_HELLO);
	ck_assert_uint_eq(rec.u.hello.proto, 1);
	ck_assert_str_eq(rec.u.hello.arch, "x86_64");
	ck_assert_str_eq(rec.u.hello.build, "6c1e0a");
	ck_assert_str_eq(rec.u.hello.tick, "tsc");
	ck_assert_uint_eq(rec.u.hello.tick_hz, 2595124000ull);
	ck_assert_uint_eq(rec.u.hello.cpus, 1);
	ck_assert_str_eq(rec.u.hello.hv, "kvm");
	ck_assert_str_eq(rec.u.hello.vendor, "amd");
	ck_assert_str_eq(rec.u.hello.boot, "pvh");
}
END_TEST

START_TEST(begin_sample_end_done_valid)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];

	ck_assert_int_eq(parse("HVB begin bench=cpuid variant=- unit=cycles", &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_BEGIN);
	ck_assert_str_eq(rec.u.begin.bench, "cpuid");
	ck_assert_str_eq(rec.u.begin.variant, "-");
	ck_assert_str_eq(rec.u.begin.unit, "cycles");

	ck_assert_int_eq(parse("HVB sample bench=cpuid variant=- unit=cycles kind=op batch=3 iters=1024 value=3907.114",
			       &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_SAMPLE);
	ck_assert_int_eq(rec.u.sample.kind, HVB_SAMPLE_OP);
	ck_assert_uint_eq(rec.u.sample.batch, 3);
	ck_assert_uint_eq(rec.u.sample.iters, 1024);
	ck_assert_double_eq_tol(rec.u.sample.value, 3907.114, 1e-9);

	ck_assert_int_eq(parse("HVB sample bench=cpuid variant=- unit=ticks kind=empty batch=999 iters=4294967296 value=2",
			       &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.u.sample.kind, HVB_SAMPLE_EMPTY);
	ck_assert_uint_eq(rec.u.sample.batch, 999);
	ck_assert_uint_eq(rec.u.sample.iters, 4294967296ull);
	ck_assert_double_eq(rec.u.sample.value, 2.0);

	ck_assert_int_eq(parse("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=0.5",
			       &rec, err, sizeof(err)), 0);
	ck_assert_double_eq(rec.u.sample.value, 0.5);

	ck_assert_int_eq(parse("HVB end bench=cpuid variant=- status=ok", &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_END);
	ck_assert_int_eq(rec.u.end.status, HVB_BENCH_OK);
	ck_assert_str_eq(rec.u.end.reason, "");

	ck_assert_int_eq(parse("HVB end bench=ipi variant=send status=unsupported reason=no-second-vcpu",
			       &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.u.end.status, HVB_BENCH_UNSUPPORTED);
	ck_assert_str_eq(rec.u.end.reason, "no-second-vcpu");

	ck_assert_int_eq(parse("HVB done benches=14", &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_DONE);
	ck_assert_uint_eq(rec.u.done.benches, 14);
}
END_TEST

START_TEST(error_valid)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	ck_assert_int_eq(parse("HVB error msg=page-fault vector=0xe rip=ffffffff80001234", &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_ERROR);
	ck_assert_str_eq(rec.u.error.msg, "page-fault");
	ck_assert(rec.u.error.has_fault);
	ck_assert_uint_eq(rec.u.error.vector, 14);
	ck_assert_uint_eq(rec.u.error.rip, 0xffffffff80001234ull);

	ck_assert_int_eq(parse("HVB error msg=no-memory", &rec, err, sizeof(err)), 0);
	ck_assert(!rec.u.error.has_fault);
}
END_TEST

START_TEST(malformed_structure)
{
	expect_reject("HVB bogus a=1", "unknown record type 'bogus'");
	expect_reject("HVB begin", "missing key 'bench'");
	expect_reject("HVB begin ", "missing key 'bench'");
	expect_reject("HVB begin bench=a variant=b", "missing key 'unit'");
	expect_reject("HVB begin bench=a variant=b unit=cycles extra=1", "extra key 'extra'");
	expect_reject("HVB begin variant=b bench=a unit=cycles", "out of order");
	expect_reject("HVB begin bench=a bench=a unit=cycles", "duplicate key 'bench'");
	expect_reject("HVB begin bench=a colour=b unit=cycles", "unknown key 'colour'");
	expect_reject("HVB begin bench=a  variant=b unit=cycles", "empty field");
	expect_reject("HVB begin bench=a variant=b unit=cycles ", "trailing space");
	expect_reject("HVB begin bench= variant=b unit=cycles", "empty value");
	expect_reject("HVB begin bench variant=b unit=cycles", "not key=value");
	expect_reject("HVB begin Bench=a variant=b unit=cycles", "bad character in key");
	expect_reject("HVB begin bench=a=b variant=b unit=cycles", "bad character 0x3d");
	expect_reject("HVB begin bench=a;rm variant=b unit=cycles", "bad character 0x3b");
	expect_reject("HVB begin bench=a\tb variant=b unit=cycles", "control");
	expect_reject("HVB begin bench=caf\xc3\xa9 variant=b unit=cycles", "non-ASCII");
	expect_reject("HVB end bench=a variant=b", "missing key 'status'");
	expect_reject("HVB error msg=x vector=0xe", "missing key 'rip'");
}
END_TEST

START_TEST(malformed_values)
{
	expect_reject(HELLO " x=1", "extra key");
	expect_reject("HVB hello proto=2 arch=x86_64 build=ab tick=tsc tick_hz=0 cpus=1 hv=kvm vendor=amd boot=pvh", "proto 2 is out of range 1..1");
	expect_reject("HVB hello proto=1 arch=riscv build=ab tick=tsc tick_hz=0 cpus=1 hv=kvm vendor=amd boot=pvh", "not a valid arch");
	expect_reject("HVB hello proto=1 arch=x86_64 build=xyz tick=tsc tick_hz=0 cpus=1 hv=kvm vendor=amd boot=pvh", "not hex");
	expect_reject("HVB hello proto=1 arch=x86_64 build=ab tick=tsc tick_hz=0 cpus=0 hv=kvm vendor=amd boot=pvh", "cpus 0 is out of range");
	expect_reject("HVB hello proto=1 arch=x86_64 build=ab tick=tsc tick_hz=99999999999999999999999 cpus=1 hv=kvm vendor=amd boot=pvh", "out of range");
	expect_reject("HVB begin bench=a variant=b unit=furlongs", "not a valid unit");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=full batch=0 iters=1 value=1", "not a valid kind");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=1000 iters=1 value=1", "batch 1000 is out of range 0..999");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=0 value=1", "iters 0 is out of range 1..4294967296");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=4294967297 value=1", "out of range");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=-1 iters=1 value=1", "not a decimal number");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=-1", "not a non-negative decimal");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=1.2345", "more than 3 fraction digits");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=1e9", "not a non-negative decimal");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=nan", "not a non-negative decimal");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=1.", "no digits after the point");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=.5", "not a non-negative decimal");
	expect_reject("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=1000000000000000", "too large");
	expect_reject("HVB end bench=a variant=b status=timeout", "not a valid status");
	expect_reject("HVB done benches=257", "out of range");
	expect_reject("HVB error msg=x vector=0x100 rip=0", "out of range");
	expect_reject("HVB error msg=x vector=zz rip=0", "not a hex number");
}
END_TEST

START_TEST(value_precision_and_bounds)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	ck_assert_int_eq(parse("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=999999999999999.999",
			       &rec, err, sizeof(err)), 0);
	ck_assert(rec.u.sample.value <= HVB_MAX_VALUE); /* 15 integer digits, may round up to 1e15 */
	ck_assert_double_eq_tol(rec.u.sample.value, 999999999999999.999, 1.0);
	ck_assert_int_eq(parse("HVB sample bench=a variant=b unit=ticks kind=op batch=0 iters=1 value=0.001",
			       &rec, err, sizeof(err)), 0);
	ck_assert_double_eq_tol(rec.u.sample.value, 0.001, 1e-12);
}
END_TEST

START_TEST(long_values_and_lines)
{
	char line[2 * HVB_REPORT_MAX];
	char name[HVB_NAME_MAX + 1];
	struct hvb_record rec;
	char err[HVB_ERR_MAX];

	memset(name, 'a', HVB_NAME_MAX - 1);
	name[HVB_NAME_MAX - 1] = '\0';
	snprintf(line, sizeof(line), "HVB begin bench=%s variant=- unit=ticks", name);
	ck_assert_int_eq(parse(line, &rec, err, sizeof(err)), 0);
	ck_assert_str_eq(rec.u.begin.bench, name);

	memset(name, 'a', HVB_NAME_MAX);
	name[HVB_NAME_MAX] = '\0';
	snprintf(line, sizeof(line), "HVB begin bench=%s variant=- unit=ticks", name);
	expect_reject(line, "too long");

	/* exactly HVB_REPORT_MAX bytes is fine (as a log-ish error record) */
	memset(line, 'm', sizeof(line));
	memcpy(line, "HVB error msg=", 14);
	line[HVB_REPORT_MAX] = '\0';
	ck_assert_int_eq(parse(line, &rec, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "too long") != NULL, "%s", err); /* msg buffer is smaller */
	line[HVB_REPORT_MAX] = 'm';
	line[HVB_REPORT_MAX + 1] = '\0';
	expect_reject(line, "longer than 1024 bytes");

	/* a long log line stays a log line */
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	ck_assert_int_eq(parse(line, &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(rec.type, HVB_REC_LOG);

	/* embedded NUL inside a record */
	ck_assert_int_eq(hvb_record_parse("HVB done benches=1\0x", 20, &rec, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "0x00") != NULL, "%s", err);
}
END_TEST

START_TEST(truncated_lines)
{
	const char *full = "HVB sample bench=cpuid variant=- unit=cycles kind=op batch=0 iters=1024 value=3907.114";
	struct hvb_record rec;
	char err[HVB_ERR_MAX];
	size_t len = strlen(full);
	/* every prefix longer than "HVB " either fails or (never) parses as sample */
	for (size_t cut = 4; cut < len; cut++) {
		int rc = hvb_record_parse(full, cut, &rec, err, sizeof(err));
		if (rc == 0)
			ck_assert_msg(rec.type == HVB_REC_SAMPLE && cut > len - 8,
				      "prefix of %zu bytes accepted as type %d", cut, rec.type);
		else
			ck_assert_msg(err[0] != '\0', "no message for prefix %zu", cut);
	}
	/* "value=3907.1" is a valid shorter value: truncation inside the value is undetectable */
	ck_assert_int_eq(hvb_record_parse(full, len, &rec, err, sizeof(err)), 0);
}
END_TEST

START_TEST(status_names)
{
	enum hvb_bench_status st;
	ck_assert_str_eq(hvb_bench_status_name(HVB_BENCH_OK), "ok");
	ck_assert_str_eq(hvb_bench_status_name(HVB_BENCH_TIMEOUT), "timeout");
	ck_assert_str_eq(hvb_bench_status_name(HVB_BENCH_INCOMPLETE), "incomplete");
	ck_assert_ptr_null(hvb_bench_status_name((enum hvb_bench_status)42));
	ck_assert_int_eq(hvb_bench_status_parse("unsupported", &st), 0);
	ck_assert_int_eq(st, HVB_BENCH_UNSUPPORTED);
	ck_assert_int_eq(hvb_bench_status_parse("fine", &st), -1);
}
END_TEST

/* ---- sessions ------------------------------------------------------------- */

static struct hvb_session *feed_all(const char *const *lines, size_t n)
{
	struct hvb_session *s = hvb_session_new();
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++)
		hvb_session_feed_line(s, lines[i], strlen(lines[i]));
	hvb_session_finish(s);
	return s;
}

#define FEED(...) feed_all((const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static void expect_session_error(struct hvb_session *s, const char *needle)
{
	ck_assert(hvb_session_rejected(s));
	ck_assert_msg(strstr(hvb_session_error(s), needle) != NULL, "got '%s', wanted '%s'",
		      hvb_session_error(s), needle);
	hvb_session_free(s);
}

START_TEST(session_complete)
{
	struct hvb_session *s = FEED(
		"booting...",
		HELLO,
		"HVB begin bench=cpuid variant=- unit=cycles",
		"HVB sample bench=cpuid variant=- unit=cycles kind=empty batch=0 iters=1024 value=2.031",
		"HVB sample bench=cpuid variant=- unit=cycles kind=op batch=0 iters=1024 value=3907.114",
		"HVB sample bench=cpuid variant=- unit=cycles kind=empty batch=1 iters=1024 value=2.5",
		"HVB sample bench=cpuid variant=- unit=cycles kind=op batch=1 iters=2048 value=3900",
		"HVB end bench=cpuid variant=- status=ok",
		"HVB begin bench=ipi variant=send unit=cycles",
		"HVB end bench=ipi variant=send status=unsupported reason=no-second-vcpu",
		"HVB done benches=2",
		"guest halted");
	ck_assert(!hvb_session_rejected(s));
	ck_assert_str_eq(hvb_session_error(s), "");
	ck_assert(hvb_session_done(s));
	ck_assert(!hvb_session_incomplete(s));
	ck_assert_ptr_null(hvb_session_guest_error(s));
	ck_assert_uint_eq(hvb_session_lines(s), 12);
	ck_assert_ptr_nonnull(hvb_session_hello(s));
	ck_assert_uint_eq(hvb_session_hello(s)->tick_hz, 2595124000ull);
	ck_assert_uint_eq(hvb_session_result_count(s), 2);

	const struct hvb_bench_result *r = hvb_session_result(s, 0);
	ck_assert_str_eq(r->bench, "cpuid");
	ck_assert_str_eq(r->variant, "-");
	ck_assert_str_eq(r->unit, "cycles");
	ck_assert_int_eq(r->status, HVB_BENCH_OK);
	ck_assert_uint_eq(r->line_begin, 3);
	ck_assert_uint_eq(r->n_op, 2);
	ck_assert_uint_eq(r->n_empty, 2);
	ck_assert_uint_eq(r->op[1].iters, 2048);
	ck_assert_double_eq(r->op[1].value, 3900.0);
	ck_assert_double_eq_tol(r->empty[0].value, 2.031, 1e-9);

	r = hvb_session_result(s, 1);
	ck_assert_int_eq(r->status, HVB_BENCH_UNSUPPORTED);
	ck_assert_str_eq(r->reason, "no-second-vcpu");
	ck_assert_uint_eq(r->n_op, 0);
	ck_assert_ptr_null(hvb_session_result(s, 2));

	size_t len;
	const char *log = hvb_session_log(s, &len);
	ck_assert_str_eq(log, "booting...\nguest halted\n");
	ck_assert_uint_eq(len, strlen(log));
	hvb_session_free(s);
}
END_TEST

START_TEST(session_incomplete_benchmark)
{
	struct hvb_session *s = FEED(
		HELLO,
		"HVB begin bench=hypercall variant=- unit=cycles",
		"HVB sample bench=hypercall variant=- unit=cycles kind=empty batch=0 iters=16 value=2");
	ck_assert(!hvb_session_rejected(s));
	ck_assert(!hvb_session_done(s));
	ck_assert(hvb_session_incomplete(s));
	ck_assert_uint_eq(hvb_session_result_count(s), 1);
	ck_assert_int_eq(hvb_session_result(s, 0)->status, HVB_BENCH_INCOMPLETE);
	ck_assert_uint_eq(hvb_session_result(s, 0)->n_empty, 1);
	hvb_session_free(s);
}
END_TEST

START_TEST(session_guest_error)
{
	struct hvb_session *s = FEED(
		HELLO,
		"HVB begin bench=ic-trap variant=- unit=cycles",
		"HVB error msg=triple-fault vector=0xd rip=1000",
		"dying");
	ck_assert(!hvb_session_rejected(s));
	ck_assert_ptr_nonnull(hvb_session_guest_error(s));
	ck_assert_str_eq(hvb_session_guest_error(s)->msg, "triple-fault");
	ck_assert(hvb_session_incomplete(s));
	hvb_session_free(s);

	s = FEED(HELLO, "HVB error msg=x", "HVB done benches=0");
	expect_session_error(s, "line 3: record after the guest's error record");
	/* an error before hello is accepted */
	s = FEED("HVB error msg=early-fault");
	ck_assert(!hvb_session_rejected(s));
	ck_assert_ptr_null(hvb_session_hello(s));
	hvb_session_free(s);
}
END_TEST

START_TEST(session_sequence_errors)
{
	expect_session_error(FEED("HVB begin bench=a variant=- unit=ticks"), "line 1: record before hello");
	expect_session_error(FEED("log", HELLO, HELLO), "line 3: second hello");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB begin bench=b variant=- unit=ticks"),
			     "line 3: begin of b/- while a/- (line 2) has not ended");
	expect_session_error(FEED(HELLO, "HVB sample bench=a variant=- unit=ticks kind=op batch=0 iters=1 value=1"),
			     "line 2: sample of a/- outside any benchmark");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB sample bench=b variant=- unit=ticks kind=op batch=0 iters=1 value=1"),
			     "line 3: sample of b/- inside a/- (line 2)");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=x unit=ticks",
				  "HVB sample bench=a variant=y unit=ticks kind=op batch=0 iters=1 value=1"),
			     "inside a/x");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB sample bench=a variant=- unit=cycles kind=op batch=0 iters=1 value=1"),
			     "line 3: sample unit 'cycles' differs from begin's 'ticks'");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB sample bench=a variant=- unit=ticks kind=op batch=1 iters=1 value=1",
				  "HVB sample bench=a variant=- unit=ticks kind=op batch=1 iters=1 value=1"),
			     "line 4: op batch 1 repeated or out of order");
	expect_session_error(FEED(HELLO, "HVB end bench=a variant=- status=ok"), "end of a/- outside any benchmark");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB end bench=b variant=- status=ok"), "end of b/- inside a/-");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks",
				  "HVB end bench=a variant=- status=ok",
				  "HVB begin bench=a variant=- unit=ticks"), "line 4: a/- already ran (line 2)");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks", "HVB done benches=1"),
			     "line 3: done while a/- (line 2) has not ended");
	expect_session_error(FEED(HELLO, "HVB done benches=3"), "done says 3 benchmarks, 0 were reported");
	expect_session_error(FEED(HELLO, "HVB done benches=0", "HVB done benches=0"), "line 3: record after done");
	expect_session_error(FEED(HELLO, "HVB begin bench=a variant=- unit=ticks", "HVB bogus"),
			     "line 3: unknown record type 'bogus'");
}
END_TEST

START_TEST(session_rejection_sticks)
{
	struct hvb_session *s = FEED(HELLO, "HVB begin bench=a variant=- unit=ticks extra=1",
				     "HVB begin bench=b variant=- unit=ticks", "after");
	ck_assert(hvb_session_rejected(s));
	ck_assert_str_eq(hvb_session_error(s), "line 2: begin: extra key 'extra'");
	ck_assert_uint_eq(hvb_session_result_count(s), 0);
	ck_assert_int_eq(hvb_session_feed_line(s, "x", 1), -1);
	/* log lines after the rejection are still kept */
	ck_assert_str_eq(hvb_session_log(s, NULL), "after\n");
	hvb_session_free(s);
}
END_TEST

START_TEST(session_sample_cap)
{
	struct hvb_session *s = hvb_session_new();
	char line[256];
	ck_assert_int_eq(hvb_session_feed_line(s, HELLO, strlen(HELLO)), 0);
	const char *begin = "HVB begin bench=a variant=- unit=ticks";
	ck_assert_int_eq(hvb_session_feed_line(s, begin, strlen(begin)), 0);
	for (int i = 0; i < HVB_MAX_SAMPLES; i++) {
		snprintf(line, sizeof(line), "HVB sample bench=a variant=- unit=ticks kind=%s batch=%d iters=1 value=%d",
			 i % 2 ? "empty" : "op", i / 2, i);
		ck_assert_int_eq(hvb_session_feed_line(s, line, strlen(line)), 0);
	}
	const struct hvb_bench_result *r = hvb_session_result(s, 0);
	ck_assert_uint_eq(r->n_op, HVB_MAX_SAMPLES / 2);
	ck_assert_uint_eq(r->n_empty, HVB_MAX_SAMPLES / 2);
	ck_assert_double_eq(r->op[999].value, 1998.0);
	/* one more (even a valid batch number) is refused */
	snprintf(line, sizeof(line), "HVB sample bench=a variant=- unit=ticks kind=op batch=999 iters=1 value=1");
	ck_assert_int_eq(hvb_session_feed_line(s, "HVB end bench=a variant=- status=ok", 35), 0);
	ck_assert_int_eq(hvb_session_feed_line(s, "HVB begin bench=b variant=- unit=ticks", 38), 0);
	for (int i = 0; i < HVB_MAX_SAMPLES; i++) {
		snprintf(line, sizeof(line), "HVB sample bench=b variant=- unit=ticks kind=%s batch=%d iters=1 value=1",
			 i % 2 ? "empty" : "op", i / 2);
		hvb_session_feed_line(s, line, strlen(line));
	}
	ck_assert(!hvb_session_rejected(s));
	snprintf(line, sizeof(line), "HVB sample bench=b variant=- unit=ticks kind=op batch=999 iters=1 value=1");
	ck_assert_int_eq(hvb_session_feed_line(s, line, strlen(line)), -1);
	ck_assert_msg(strstr(hvb_session_error(s), "more than 2000 samples for b/-"), "%s", hvb_session_error(s));
	hvb_session_free(s);
}
END_TEST

START_TEST(session_benchmark_cap)
{
	struct hvb_session *s = hvb_session_new();
	char line[128];
	hvb_session_feed_line(s, HELLO, strlen(HELLO));
	for (int i = 0; i <= HVB_MAX_BENCHES; i++) {
		snprintf(line, sizeof(line), "HVB begin bench=b%d variant=- unit=ticks", i);
		int rc = hvb_session_feed_line(s, line, strlen(line));
		snprintf(line, sizeof(line), "HVB end bench=b%d variant=- status=ok", i);
		hvb_session_feed_line(s, line, strlen(line));
		ck_assert_int_eq(rc, i < HVB_MAX_BENCHES ? 0 : -1);
	}
	ck_assert_msg(strstr(hvb_session_error(s), "more than 256 benchmarks"), "%s", hvb_session_error(s));
	ck_assert_uint_eq(hvb_session_result_count(s), HVB_MAX_BENCHES);
	hvb_session_free(s);
}
END_TEST

START_TEST(session_byte_stream)
{
	const char *stream = "boot\r\n" HELLO "\r\nHVB begin bench=a variant=- unit=ticks\n"
			     "HVB sample bench=a variant=- unit=ticks kind=op batch=0 iters=8 value=12.5\n"
			     "HVB end bench=a variant=- status=ok\nHVB done benches=1\nbye";
	struct hvb_session *s = hvb_session_new();
	/* one byte at a time: chunking must not matter */
	for (size_t i = 0; stream[i]; i++)
		ck_assert_int_eq(hvb_session_feed(s, &stream[i], 1), 0);
	ck_assert_int_eq(hvb_session_finish(s), 0);
	ck_assert(hvb_session_done(s));
	ck_assert_uint_eq(hvb_session_result(s, 0)->n_op, 1);
	ck_assert_double_eq(hvb_session_result(s, 0)->op[0].value, 12.5);
	ck_assert_str_eq(hvb_session_log(s, NULL), "boot\nbye\n");
	ck_assert_uint_eq(hvb_session_lines(s), 7);
	hvb_session_free(s);
}
END_TEST

START_TEST(session_oversized_stream_line)
{
	struct hvb_session *s = hvb_session_new();
	size_t big = 5000;
	char *line = malloc(big + 1);
	memset(line, '1', big);
	memcpy(line, "HVB done benches=", 17);
	line[big] = '\n';
	hvb_session_feed(s, HELLO "\n", strlen(HELLO) + 1);
	ck_assert_int_eq(hvb_session_feed(s, line, big + 1), -1);
	ck_assert_msg(strstr(hvb_session_error(s), "line 2: record longer than 1024 bytes"), "%s",
		      hvb_session_error(s));
	free(line);
	hvb_session_free(s);

	/* a 1024-byte record with CRLF is not over-long */
	s = hvb_session_new();
	char rec[HVB_REPORT_MAX + 3];
	memset(rec, 'm', sizeof(rec));
	memcpy(rec, "HVB error msg=", 14);
	memcpy(rec + HVB_REPORT_MAX, "\r\n", 2);
	hvb_session_feed(s, rec, HVB_REPORT_MAX + 2);
	ck_assert(hvb_session_rejected(s));
	ck_assert_msg(strstr(hvb_session_error(s), "too long (1010 bytes"), "%s", hvb_session_error(s));
	hvb_session_free(s);
}
END_TEST

START_TEST(session_log_bounded)
{
	struct hvb_session *s = hvb_session_new();
	char line[1000];
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	size_t lines = (HVB_SESSION_LOG_HEAD + 3 * HVB_SESSION_LOG_TAIL) / sizeof(line) + 1;
	for (size_t i = 0; i < lines; i++) {
		snprintf(line, 8, "%06zu", i);
		line[6] = 'x';
		hvb_session_feed_line(s, line, sizeof(line) - 1);
	}
	size_t len;
	const char *log = hvb_session_log(s, &len);
	ck_assert(len <= HVB_SESSION_LOG_HEAD + HVB_SESSION_LOG_TAIL + 80);
	ck_assert(len >= HVB_SESSION_LOG_HEAD + HVB_SESSION_LOG_TAIL);
	ck_assert(strncmp(log, "000000x", 7) == 0);
	ck_assert_ptr_nonnull(strstr(log, "bytes dropped ...]"));
	char last[16];
	snprintf(last, sizeof(last), "\n%06zux", lines - 1);
	ck_assert_ptr_nonnull(strstr(log, last));
	ck_assert_int_eq(log[len - 1], '\n');
	hvb_session_free(s);
}
END_TEST

static Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *t = tcase_create("parse");
	tcase_add_test(t, log_lines);
	tcase_add_test(t, hello_valid);
	tcase_add_test(t, begin_sample_end_done_valid);
	tcase_add_test(t, error_valid);
	tcase_add_test(t, malformed_structure);
	tcase_add_test(t, malformed_values);
	tcase_add_test(t, value_precision_and_bounds);
	tcase_add_test(t, long_values_and_lines);
	tcase_add_test(t, truncated_lines);
	tcase_add_test(t, status_names);
	suite_add_tcase(s, t);

	t = tcase_create("session");
	tcase_add_test(t, session_complete);
	tcase_add_test(t, session_incomplete_benchmark);
	tcase_add_test(t, session_guest_error);
	tcase_add_test(t, session_sequence_errors);
	tcase_add_test(t, session_rejection_sticks);
	tcase_add_test(t, session_sample_cap);
	tcase_add_test(t, session_benchmark_cap);
	tcase_add_test(t, session_byte_stream);
	tcase_add_test(t, session_oversized_stream_line);
	tcase_add_test(t, session_log_bounded);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(record_suite());
}
