/*
 * proc.h - run a child program with its stdout and stderr captured line by
 * line through pipes, under a watchdog: when the deadline passes the child's
 * whole process group gets SIGTERM, then SIGKILL.  Guests can hang (vmcall
 * never returns under some KVMs), so every guest run goes through here.
 */
#ifndef HVB_PROC_H
#define HVB_PROC_H

#include <stdbool.h>
#include <stddef.h>

#define PROC_LINE_MAX 4096 /* longer lines are cut and flagged truncated */

enum proc_stream { PROC_STDOUT, PROC_STDERR };

/* Called once per complete line, without its newline and NUL-terminated. */
typedef void (*proc_line_fn)(void *ctx, enum proc_stream stream, const char *line,
			     size_t len, bool truncated);

struct proc_spec {
	char *const *argv;        /* argv[0] is looked up in PATH */
	double timeout_s;         /* <= 0: no watchdog */
	double kill_grace_s;      /* SIGTERM -> SIGKILL delay; 0 means 1 s */
	const int *cpus;          /* pin the child to these CPUs before exec ... */
	int cpu_count;            /* ... when cpu_count > 0 */
	proc_line_fn on_line;     /* may be NULL */
	void *ctx;
	const char *stdin_path;   /* the child's stdin; NULL: /dev/null */
	size_t max_output;        /* > 0: more bytes than this (stdout + stderr)
				     ends the child as PROC_FLOODED */
};

enum proc_outcome {
	PROC_EXITED,       /* status = exit code */
	PROC_SIGNALLED,    /* status = signal number */
	PROC_TIMED_OUT,    /* the watchdog fired; status = signal that ended it */
	PROC_SPAWN_FAILED, /* status = errno (fork, pipe, exec or affinity) */
	PROC_INTERRUPTED,  /* SIGINT/SIGTERM pending (interrupt.h): the child's group
			      was ended, or it was never started; status = that signal */
	PROC_FLOODED,      /* it wrote more than max_output bytes; its group was ended */
};

struct proc_result {
	enum proc_outcome outcome;
	int status;
	double seconds; /* wall time from spawn to reap */
};

/* Runs the child to completion; returns 0, or -1 when it could not be started.
 * The child starts with SIGINT/SIGTERM unblocked whatever hvbench blocks. */
int proc_run(const struct proc_spec *spec, struct proc_result *result);

/* "exited with status 3", "killed by signal 9", "timed out", ... */
void proc_describe(const struct proc_result *result, char *out, size_t size);

/* Runs argv and keeps the first line of its stdout; returns 0 when it exited 0. */
int proc_first_line(char *const *argv, double timeout_s, char *out, size_t size);

#endif
