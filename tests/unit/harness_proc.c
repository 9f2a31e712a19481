/*
 * harness_proc.c - unit tests for harness/util/proc.c, the child runner: line capture on stdout and
 * stderr, exit statuses, signals, spawn failures and the watchdog that
 * stops a hanging child (and its process group) with SIGTERM, then SIGKILL.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/proc.h"
#include "check_main.h"

struct captured {
	char out[8][128];
	int out_count;
	char err[8][128];
	int err_count;
	bool any_truncated;
};

static void capture_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
			 bool truncated)
{
	struct captured *c = ctx;
	if (truncated)
		c->any_truncated = true;
	if (stream == PROC_STDOUT && c->out_count < 8)
		snprintf(c->out[c->out_count++], 128, "%s", line);
	if (stream == PROC_STDERR && c->err_count < 8)
		snprintf(c->err[c->err_count++], 128, "%s", line);
}

static struct proc_result run_shell(const char *script, double timeout_s, struct captured *c)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = timeout_s, .kill_grace_s = 0.5,
				  .on_line = capture_line, .ctx = c };
	struct proc_result result;
	ck_assert_int_eq(proc_run(&spec, &result), 0);
	return result;
}

START_TEST(captures_lines_and_exit_status)
{
	struct captured c = { 0 };
	struct proc_result r = run_shell("echo one; echo two >&2; printf 'three\\r\\nfour'; exit 3", 10, &c);
	ck_assert_int_eq(r.outcome, PROC_EXITED);
	ck_assert_int_eq(r.status, 3);
	ck_assert_int_eq(c.out_count, 3);
	ck_assert_str_eq(c.out[0], "one");
	ck_assert_str_eq(c.out[1], "three");
	ck_assert_str_eq(c.out[2], "four"); /* a last line without newline is kept */
	ck_assert_int_eq(c.err_count, 1);
	ck_assert_str_eq(c.err[0], "two");
}
END_TEST

START_TEST(reports_a_signal)
{
	struct captured c = { 0 };
	struct proc_result r = run_shell("kill -SEGV $$", 10, &c);
	ck_assert_int_eq(r.outcome, PROC_SIGNALLED);
	ck_assert_int_eq(r.status, SIGSEGV);
}
END_TEST

START_TEST(watchdog_stops_a_sleeping_child)
{
	char *argv[] = { "/bin/sleep", "30", NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = 0.3, .kill_grace_s = 0.5 };
	struct proc_result r;
	ck_assert_int_eq(proc_run(&spec, &r), 0);
	ck_assert_int_eq(r.outcome, PROC_TIMED_OUT);
	ck_assert_int_eq(r.status, SIGTERM);
	ck_assert(r.seconds < 20); /* far below the sleep: only "it was stopped" is checked */
}
END_TEST

START_TEST(watchdog_kills_a_child_that_ignores_sigterm)
{
	struct captured c = { 0 };
	/* The shell ignores TERM and waits on a grandchild that holds the pipes. */
	struct proc_result r = run_shell("trap '' TERM; echo started; sleep 30 & wait; sleep 30", 0.5, &c);
	ck_assert_int_eq(r.outcome, PROC_TIMED_OUT);
	ck_assert_int_eq(r.status, SIGKILL);
	ck_assert_int_eq(c.out_count, 1);
	ck_assert_str_eq(c.out[0], "started");
}
END_TEST

START_TEST(spawn_failure_names_errno)
{
	char *argv[] = { "/nonexistent/refhv", NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = 5 };
	struct proc_result r;
	ck_assert_int_eq(proc_run(&spec, &r), -1);
	ck_assert_int_eq(r.outcome, PROC_SPAWN_FAILED);
	ck_assert_int_eq(r.status, ENOENT);
	char text[128];
	proc_describe(&r, text, sizeof(text));
	ck_assert_ptr_nonnull(strstr(text, "could not be started"));
}
END_TEST

START_TEST(overlong_lines_are_cut_and_flagged)
{
	struct captured c = { 0 };
	struct proc_result r = run_shell("head -c 10000 /dev/zero | tr '\\0' x; echo; echo short", 10, &c);
	ck_assert_int_eq(r.outcome, PROC_EXITED);
	ck_assert(c.any_truncated);
	ck_assert_int_eq(c.out_count, 2);
	ck_assert_str_eq(c.out[1], "short");
}
END_TEST

START_TEST(first_line_helper)
{
	char line[64];
	char *argv[] = { "/bin/echo", "hello", NULL };
	ck_assert_int_eq(proc_first_line(argv, 5, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "hello");
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_pipeline_proc");
	TCase *tc = tcase_create("proc");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, captures_lines_and_exit_status);
	tcase_add_test(tc, reports_a_signal);
	tcase_add_test(tc, watchdog_stops_a_sleeping_child);
	tcase_add_test(tc, watchdog_kills_a_child_that_ignores_sigterm);
	tcase_add_test(tc, spawn_failure_names_errno);
	tcase_add_test(tc, overlong_lines_are_cut_and_flagged);
	tcase_add_test(tc, first_line_helper);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
