/*
 * guest_protocol.c - the guest's own report, line and command-line code
 * (guest-kernel/report.c, line.c, cmdline.c, kstring.c), built for the host,
 * against the harness's parser (harness/record/) and the harness's guest
 * command line (run_guest_cmdline): protocol drift between the two sides
 * fails here, without booting a guest.
 *
 * The guest files are compiled with their libc-named helpers renamed
 * (memcpy -> guest_memcpy, ...; see the Makefile) so they do not clash with
 * the host's C library; the console is this file's buffer.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "record/record.h"
#include "run/run.h"

/* the guest side, as the guest-kernel headers declare it */
#include "build-id.h"
#include "cmdline.h"
#include "console.h"
#include "kernel.h"
#include "report.h"

/* ---- the guest's world, stubbed: a console that keeps every line ------------ */
static char console_text[16384];
static size_t console_used;

void console_emit(const struct line *l)
{
	ck_assert(console_used + l->len + 1 < sizeof(console_text));
	memcpy(console_text + console_used, l->text, l->len);
	console_used += l->len;
	console_text[console_used++] = '\n';
	console_text[console_used] = '\0';
}

size_t build_id(const uint8_t **id)
{
	static const uint8_t bytes[] = { 0x6c, 0x1e, 0x00, 0xff, 0x42 };
	*id = bytes;
	return sizeof(bytes);
}

/* The n-th line (0-based) the guest emitted, parsed by the harness. */
static struct hvb_record parse_line(unsigned n)
{
	const char *p = console_text;
	for (unsigned i = 0; i < n; i++) {
		p = strchr(p, '\n');
		ck_assert_ptr_nonnull(p);
		p++;
	}
	size_t len = strcspn(p, "\n");
	struct hvb_record rec;
	char err[256] = "";
	ck_assert_msg(hvb_record_parse(p, len, &rec, err, sizeof(err)) == 0, "%.*s: %s",
		      (int)len, p, err);
	return rec;
}

static void reset(void)
{
	console_used = 0;
	console_text[0] = '\0';
}

START_TEST(every_record_parses_back)
{
	reset();
	struct platform pf = { "x86_64", "tsc", 2595124000ull, 2, "kvm", "amd" };
	struct report_bench b = { "pio-out-user", "-", "cycles" };
	report_hello(&pf, "pvh");
	report_begin(&b);
	report_sample(&b, "empty", 0, 1024, 2031);
	report_sample(&b, "op", 14, 4294967296ull, 123456789012345ull);
	report_end(&b, "ok", NULL);
	report_end(&b, "unsupported", "needs-2-vcpus");
	report_done(1);
	report_error("no-such-bench");
	report_exception(14, 0xffffffff81000000ull);

	struct hvb_record r = parse_line(0);
	ck_assert_int_eq(r.type, HVB_REC_HELLO);
	ck_assert_uint_eq(r.u.hello.proto, 1);
	ck_assert_str_eq(r.u.hello.arch, "x86_64");
	ck_assert_str_eq(r.u.hello.build, "6c1e00ff42");
	ck_assert_uint_eq(r.u.hello.tick_hz, 2595124000ull);
	ck_assert_uint_eq(r.u.hello.cpus, 2);
	ck_assert_str_eq(r.u.hello.boot, "pvh");

	r = parse_line(1);
	ck_assert_int_eq(r.type, HVB_REC_BEGIN);
	ck_assert_str_eq(r.u.begin.bench, "pio-out-user");
	ck_assert_str_eq(r.u.begin.unit, "cycles");

	r = parse_line(2);
	ck_assert_int_eq(r.type, HVB_REC_SAMPLE);
	ck_assert_int_eq(r.u.sample.kind, HVB_SAMPLE_EMPTY);
	ck_assert_uint_eq(r.u.sample.iters, 1024);
	ck_assert_double_eq_tol(r.u.sample.value, 2.031, 1e-9);

	r = parse_line(3);   /* the largest iteration count, a 12-digit value */
	ck_assert_int_eq(r.u.sample.kind, HVB_SAMPLE_OP);
	ck_assert_uint_eq(r.u.sample.batch, 14);
	ck_assert_uint_eq(r.u.sample.iters, 4294967296ull);
	ck_assert_double_eq_tol(r.u.sample.value, 123456789012.345, 1e-3);

	r = parse_line(4);
	ck_assert_int_eq(r.type, HVB_REC_END);
	ck_assert_int_eq(r.u.end.status, HVB_BENCH_OK);
	ck_assert_str_eq(r.u.end.reason, "");
	r = parse_line(5);
	ck_assert_int_eq(r.u.end.status, HVB_BENCH_UNSUPPORTED);
	ck_assert_str_eq(r.u.end.reason, "needs-2-vcpus");

	r = parse_line(6);
	ck_assert_int_eq(r.type, HVB_REC_DONE);
	ck_assert_uint_eq(r.u.done.benches, 1);
	r = parse_line(7);
	ck_assert_int_eq(r.type, HVB_REC_ERROR);
	ck_assert_str_eq(r.u.error.msg, "no-such-bench");
	ck_assert(!r.u.error.has_fault);
	r = parse_line(8);
	ck_assert(r.u.error.has_fault);
	ck_assert_uint_eq(r.u.error.vector, 14);
	ck_assert_uint_eq(r.u.error.rip, 0xffffffff81000000ull);
}
END_TEST

START_TEST(a_whole_console_is_one_good_session)
{
	reset();
	struct platform pf = { "aarch64", "cntvct", 62500000, 1, "kvm", "arm" };
	struct report_bench b = { "eoi", "-", "ticks" };
	report_hello(&pf, "image");
	report_begin(&b);
	for (unsigned batch = 0; batch < 3; batch++) {
		report_sample(&b, "empty", batch, 64, 1000);
		report_sample(&b, "op", batch, 64, 25000 + batch);
	}
	report_end(&b, "ok", NULL);
	report_done(1);

	struct hvb_session *s = hvb_session_new();
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(hvb_session_feed(s, console_text, console_used), 0);
	ck_assert_int_eq(hvb_session_finish(s), 0);
	ck_assert_msg(!hvb_session_rejected(s), "%s", hvb_session_error(s));
	ck_assert(hvb_session_done(s));
	ck_assert_str_eq(hvb_session_hello(s)->arch, "aarch64");
	hvb_session_free(s);
}
END_TEST

START_TEST(the_harness_command_line_reads_back)
{
	char text[256];
	ck_assert_int_eq(run_guest_cmdline(text, sizeof(text), "cpuid,ipi", 12, 2, 2595124000ull), 0);
	struct cmdline c;
	cmdline_init(&c, text);
	struct str value;
	ck_assert(cmdline_find(&c, "bench", &value));
	ck_assert(str_eq(value, "cpuid,ipi"));
	uint64_t n;
	ck_assert_int_eq(cmdline_u64(&c, "batches", 1, 1000, &n), OPT_OK);
	ck_assert_uint_eq(n, 12);
	ck_assert_int_eq(cmdline_u64(&c, "cpus", 1, 64, &n), OPT_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(cmdline_u64(&c, "tick_hz", 1, UINT64_MAX, &n), OPT_OK);
	ck_assert_uint_eq(n, 2595124000ull);

	/* a test-bed boot names no benchmark and no frequency */
	ck_assert_int_eq(run_guest_cmdline(text, sizeof(text), NULL, 5, 1, 0), 0);
	cmdline_init(&c, text);
	ck_assert(!cmdline_find(&c, "bench", &value));
	ck_assert_int_eq(cmdline_u64(&c, "tick_hz", 1, UINT64_MAX, &n), OPT_ABSENT);
	ck_assert_int_eq(run_guest_cmdline(text, 8, "cpuid", 5, 1, 0), -1);   /* does not fit */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("guest_protocol");
	TCase *t = tcase_create("guest_protocol");
	tcase_add_test(t, every_record_parses_back);
	tcase_add_test(t, a_whole_console_is_one_good_session);
	tcase_add_test(t, the_harness_command_line_reads_back);
	suite_add_tcase(s, t);
	return check_run(s);
}
