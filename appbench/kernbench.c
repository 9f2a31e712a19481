/*
 * kernbench.c - `appb kernbench JOBS ROUNDS CC SRCDIR OUTDIR`: a scaled-down
 * kernbench.  One round compiles every C file of SRCDIR to an object in OUTDIR
 * with the compiler CC (tcc in hvbench's root file system), at most JOBS at
 * a time (like make -jJOBS), then links them into one program; ROUNDS
 * rounds.  The work is CPU and memory bound
 * with many fork/exec/mmap/page faults, which is what makes a build slow
 * in a VM.  Result: wall time of all rounds (unit s, lower is better).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "appb.h"

#define MAX_SOURCES 64

struct source_list {
	char names[MAX_SOURCES][128];
	size_t count;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The C files of dir, sorted (so every run compiles the same order). */
static int list_sources(const char *dir, struct source_list *list)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	list->count = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len > 2 && len < sizeof(list->names[0]) && strcmp(e->d_name + len - 2, ".c") == 0 &&
		    list->count < MAX_SOURCES)
			snprintf(list->names[list->count++], sizeof(list->names[0]), "%s", e->d_name);
	}
	closedir(d);
	qsort(list->names, list->count, sizeof(list->names[0]), cmp_names);
	return list->count ? 0 : -1;
}

static void object_path(const char *out_dir, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%.*s.o", out_dir, (int)(strlen(name) - 2), name);
}

static pid_t compile(const char *cc, const char *src_dir, const char *out_dir, const char *name)
{
	char src[512], obj[512];
	snprintf(src, sizeof(src), "%s/%s", src_dir, name);
	object_path(out_dir, name, obj, sizeof(obj));
	pid_t pid = fork();
	if (pid == 0) {
		execlp(cc, cc, "-c", "-o", obj, src, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* cc -o OUTDIR/program OUTDIR/NAME.o ... */
static pid_t link_program(const char *cc, const char *out_dir, const struct source_list *list)
{
	static char objs[MAX_SOURCES][512];
	char program[512];
	char *args[MAX_SOURCES + 5];
	int n = 0;
	snprintf(program, sizeof(program), "%s/program", out_dir);
	args[n++] = (char *)cc;
	args[n++] = "-o";
	args[n++] = program;
	for (size_t i = 0; i < list->count; i++) {
		object_path(out_dir, list->names[i], objs[i], sizeof(objs[i]));
		args[n++] = objs[i];
	}
	args[n] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(cc, args);
		_exit(127);
	}
	return pid;
}

/* Waits for one compiler; returns 0 when it succeeded. */
static int reap_one(void)
{
	int status;
	if (wait(&status) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int appb_kernbench(int argc, char **argv)
{
	long jobs, rounds;
	if (argc != 6 || (jobs = appb_number(argv[1])) < 0 || (rounds = appb_number(argv[2])) < 0)
		return appb_fail("kernbench", "usage: JOBS ROUNDS CC SRCDIR OUTDIR", 0);
	const char *cc = argv[3], *src_dir = argv[4], *out_dir = argv[5];
	struct source_list list;
	if (list_sources(src_dir, &list) != 0)
		return appb_fail("kernbench", "no *.c files in SRCDIR", 0);
	double begin = appb_now();
	long running = 0;
	int failures = 0;
	for (long round = 0; round < rounds; round++) {
		for (size_t i = 0; i < list.count; i++) {
			if (running == jobs) {
				failures += reap_one() != 0;
				running--;
			}
			if (compile(cc, src_dir, out_dir, list.names[i]) < 0)
				return appb_fail("kernbench", "fork", 1);
			running++;
		}
		for (; running > 0; running--)
			failures += reap_one() != 0;
		if (link_program(cc, out_dir, &list) < 0)
			return appb_fail("kernbench", "fork", 1);
		failures += reap_one() != 0;
	}
	double seconds = appb_now() - begin;
	if (failures)
		return appb_fail("kernbench", "a compilation failed", 0);
	appb_result("app-kernbench", "s", "lower", seconds);
	return 0;
}
