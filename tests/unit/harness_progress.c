/*
 * harness_progress.c - unit tests for harness/run/progress.c: on a non-terminal
 * every step is a whole line; on a terminal one status line is rewritten
 * and erased before anything else; --json silences steps, not messages.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/progress.h"
#include "check_main.h"

/* Everything written to f so far, as a string (static buffer). */
static const char *contents(FILE *f)
{
	static char text[4096];
	fflush(f);
	long end = ftell(f);
	rewind(f);
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fseek(f, end, SEEK_SET);
	return text;
}

START_TEST(pipe_gets_whole_lines)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	struct progress p;
	progress_init(&p, f, false);
	ck_assert(!p.terminal);
	progress_step(&p, "hvbench run: %s: %s ...", "refhv", "cpuid");
	progress_step(&p, "hvbench run: %s ...", "eoi");
	progress_message(&p, "warning: %d", 7);
	progress_clear(&p);
	ck_assert_str_eq(contents(f), "hvbench run: refhv: cpuid ...\nhvbench run: eoi ...\nwarning: 7\n");
	fclose(f);
}
END_TEST

START_TEST(terminal_rewrites_one_line)
{
	FILE *f = tmpfile();
	struct progress p;
	progress_init(&p, f, false);
	p.terminal = true;   /* as isatty() would say */
	progress_step(&p, "step one");
	ck_assert(p.line_open);
	progress_step(&p, "step two");
	progress_message(&p, "failed: %s", "why");
	ck_assert(!p.line_open);
	progress_step(&p, "step three");
	progress_clear(&p);
	ck_assert(!p.line_open);
	progress_clear(&p);   /* nothing open: writes nothing */
	ck_assert_str_eq(contents(f), "step one\r\033[Kstep two\r\033[Kfailed: why\n"
			 "step three\r\033[K");
	fclose(f);
}
END_TEST

START_TEST(quiet_keeps_messages)
{
	FILE *f = tmpfile();
	struct progress p;
	progress_init(&p, f, true);
	progress_step(&p, "not shown");
	progress_message(&p, "shown");
	ck_assert_str_eq(contents(f), "shown\n");
	fclose(f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("progress");
	TCase *t = tcase_create("progress");
	tcase_add_test(t, pipe_gets_whole_lines);
	tcase_add_test(t, terminal_rewrites_one_line);
	tcase_add_test(t, quiet_keeps_messages);
	suite_add_tcase(s, t);
	return check_run(s);
}
