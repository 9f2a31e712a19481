/*
 * proc.c - spawn a child with captured output and a process-group watchdog.
 */
#include "util/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/interrupt.h"

struct line_buffer {
	int fd;                     /* -1 once EOF was seen */
	enum proc_stream stream;
	char text[PROC_LINE_MAX];
	size_t used;
	bool overflowed;            /* the current line already lost bytes */
	size_t *total;              /* bytes read from both streams */
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void emit_line(const struct proc_spec *spec, struct line_buffer *buf)
{
	buf->text[buf->used] = '\0';
	if (spec->on_line)
		spec->on_line(spec->ctx, buf->stream, buf->text, buf->used, buf->overflowed);
	buf->used = 0;
	buf->overflowed = false;
}

static void take_bytes(const struct proc_spec *spec, struct line_buffer *buf,
		       const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (bytes[i] == '\n') {
			if (buf->used > 0 && buf->text[buf->used - 1] == '\r')
				buf->used--;
			emit_line(spec, buf);
		} else if (buf->used < sizeof(buf->text) - 1) {
			buf->text[buf->used++] = bytes[i];
		} else {
			buf->overflowed = true;
		}
	}
}

/* Reads what is available; closes the descriptor at EOF and flushes a last partial line. */
static void drain(const struct proc_spec *spec, struct line_buffer *buf)
{
	char chunk[4096];
	ssize_t got = read(buf->fd, chunk, sizeof(chunk));
	if (got > 0) {
		*buf->total += (size_t)got;
		take_bytes(spec, buf, chunk, (size_t)got);
		return;
	}
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	close(buf->fd);
	buf->fd = -1;
	if (buf->used > 0)
		emit_line(spec, buf);
}

static void child_exec(const struct proc_spec *spec, int out_fd, int err_fd, int report_fd)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive hvbench (e.g. after Ctrl-C) */
	interrupt_reset_child();
	int in_fd = spec->stdin_path ? open(spec->stdin_path, O_RDONLY) : -1;
	if (in_fd < 0)
		in_fd = open("/dev/null", O_RDONLY);
	if (in_fd >= 0)
		dup2(in_fd, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(err_fd, STDERR_FILENO);
	signal(SIGPIPE, SIG_DFL);
	if (spec->cpu_count > 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		for (int i = 0; i < spec->cpu_count; i++)
			CPU_SET(spec->cpus[i], &set);
		if (sched_setaffinity(0, sizeof(set), &set) != 0)
			goto failed;
	}
	execvp(spec->argv[0], spec->argv);
failed:;
	int err = errno;
	ssize_t ignored = write(report_fd, &err, sizeof(err));
	(void)ignored;
	_exit(127);
}

/* Waits up to grace seconds for the child; returns true when it was reaped. */
static bool reap_within(pid_t pid, double grace, int *wstatus)
{
	double until = now_seconds() + grace;
	for (;;) {
		pid_t got = waitpid(pid, wstatus, WNOHANG);
		if (got == pid)
			return true;
		if (got < 0 && errno != EINTR)
			return true;
		if (now_seconds() >= until)
			return false;
		struct timespec nap = { 0, 10 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
}

/* SIGTERM the group, then SIGKILL it after the grace period; returns the signal that ended it. */
static int stop_group(pid_t pid, double grace, int *wstatus)
{
	kill(-pid, SIGTERM);
	if (reap_within(pid, grace, wstatus)) {
		kill(-pid, SIGKILL); /* stragglers that kept the pipes open */
		return SIGTERM;
	}
	kill(-pid, SIGKILL);
	while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
		;
	return SIGKILL;
}

static int spawn_failed(struct proc_result *result, int err)
{
	result->outcome = PROC_SPAWN_FAILED;
	result->status = err;
	return -1;
}

int proc_run(const struct proc_spec *spec, struct proc_result *result)
{
	int out_pipe[2], err_pipe[2], report_pipe[2];
	double started = now_seconds();
	memset(result, 0, sizeof(*result));
	int sig = interrupt_pending();
	if (sig) {   /* the run is being stopped: start nothing more */
		result->outcome = PROC_INTERRUPTED;
		result->status = sig;
		return 0;
	}
	if (pipe2(out_pipe, O_CLOEXEC) != 0)
		return spawn_failed(result, errno);
	if (pipe2(err_pipe, O_CLOEXEC) != 0) {
		int err = errno;
		close(out_pipe[0]);
		close(out_pipe[1]);
		return spawn_failed(result, err);
	}
	if (pipe2(report_pipe, O_CLOEXEC) != 0) {
		int err = errno;
		close(out_pipe[0]); close(out_pipe[1]);
		close(err_pipe[0]); close(err_pipe[1]);
		return spawn_failed(result, err);
	}
	pid_t pid = fork();
	if (pid == 0)
		child_exec(spec, out_pipe[1], err_pipe[1], report_pipe[1]);
	int fork_errno = errno;
	close(out_pipe[1]);
	close(err_pipe[1]);
	close(report_pipe[1]);
	if (pid < 0) {
		close(out_pipe[0]); close(err_pipe[0]); close(report_pipe[0]);
		return spawn_failed(result, fork_errno);
	}
	setpgid(pid, pid); /* also in the child: whichever runs first wins */

	int exec_errno = 0;
	ssize_t got = read(report_pipe[0], &exec_errno, sizeof(exec_errno));
	close(report_pipe[0]);
	if (got == (ssize_t)sizeof(exec_errno)) {
		int ignored;
		close(out_pipe[0]);
		close(err_pipe[0]);
		while (waitpid(pid, &ignored, 0) < 0 && errno == EINTR)
			;
		return spawn_failed(result, exec_errno);
	}

	size_t total = 0;
	struct line_buffer bufs[2] = {
		{ .fd = out_pipe[0], .stream = PROC_STDOUT, .total = &total },
		{ .fd = err_pipe[0], .stream = PROC_STDERR, .total = &total },
	};
	double deadline = spec->timeout_s > 0 ? started + spec->timeout_s : 0;
	bool timed_out = false;
	enum proc_outcome stopped = PROC_EXITED;   /* or why we ended the child early */
	int stop_fd = interrupt_fd();
	while (bufs[0].fd >= 0 || bufs[1].fd >= 0) {
		int wait_ms = -1;
		if (deadline > 0) {
			double left = deadline - now_seconds();
			if (left <= 0) {
				timed_out = true;
				break;
			}
			wait_ms = (int)(left * 1000) + 1;
		}
		struct pollfd fds[3];
		nfds_t count = 0;
		struct line_buffer *owners[2];
		for (int i = 0; i < 2; i++) {
			if (bufs[i].fd < 0)
				continue;
			fds[count] = (struct pollfd){ .fd = bufs[i].fd, .events = POLLIN };
			owners[count++] = &bufs[i];
		}
		nfds_t streams = count;
		if (stop_fd >= 0)
			fds[count++] = (struct pollfd){ .fd = stop_fd, .events = POLLIN };
		int ready = poll(fds, count, wait_ms);
		if (ready < 0 && errno != EINTR)
			break;
		for (nfds_t i = 0; ready > 0 && i < streams; i++)
			if (fds[i].revents)
				drain(spec, owners[i]);
		if ((sig = interrupt_pending()) != 0) {
			stopped = PROC_INTERRUPTED;
			break;
		}
		if (spec->max_output && total > spec->max_output) {
			stopped = PROC_FLOODED;
			break;
		}
	}
	if (stop_fd >= 0)
		close(stop_fd);

	int wstatus = 0;
	double grace = spec->kill_grace_s > 0 ? spec->kill_grace_s : 1.0;
	if (stopped != PROC_EXITED) {
		stop_group(pid, grace, &wstatus);
		timed_out = true;   /* the outcome is set here, not from wstatus */
		result->outcome = stopped;
		result->status = stopped == PROC_INTERRUPTED ? sig :
			(int)(spec->max_output > INT32_MAX ? INT32_MAX : spec->max_output);
	} else if (timed_out && waitpid(pid, &wstatus, WNOHANG) == pid) {
		/* The child itself ended in time; only a descendant held the pipes. */
		kill(-pid, SIGKILL);
		timed_out = false;
	} else if (timed_out) {
		result->outcome = PROC_TIMED_OUT;
		result->status = stop_group(pid, grace, &wstatus);
	} else {
		while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
			;
	}
	for (int i = 0; i < 2; i++) {
		if (bufs[i].fd < 0)
			continue;
		if (bufs[i].used > 0)
			emit_line(spec, &bufs[i]);
		close(bufs[i].fd);
	}
	if (!timed_out) {
		if (WIFSIGNALED(wstatus)) {
			result->outcome = PROC_SIGNALLED;
			result->status = WTERMSIG(wstatus);
		} else {
			result->outcome = PROC_EXITED;
			result->status = WEXITSTATUS(wstatus);
		}
	}
	result->seconds = now_seconds() - started;
	return 0;
}

void proc_describe(const struct proc_result *result, char *out, size_t size)
{
	switch (result->outcome) {
	case PROC_EXITED:
		snprintf(out, size, "exited with status %d", result->status);
		break;
	case PROC_SIGNALLED:
		snprintf(out, size, "killed by signal %d (%s)", result->status,
			 strsignal(result->status));
		break;
	case PROC_TIMED_OUT:
		snprintf(out, size, "timed out after %.1f s (stopped with %s)", result->seconds,
			 result->status == SIGKILL ? "SIGKILL" : "SIGTERM");
		break;
	case PROC_SPAWN_FAILED:
		snprintf(out, size, "could not be started: %s", strerror(result->status));
		break;
	case PROC_INTERRUPTED:
		snprintf(out, size, "stopped: hvbench was interrupted by %s", interrupt_name(result->status));
		break;
	case PROC_FLOODED:
		snprintf(out, size, "stopped: console flood (more than %d bytes of output)", result->status);
		break;
	}
}

struct first_line {
	char *out;
	size_t size;
	bool have;
};

static void keep_first_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
			    bool truncated)
{
	struct first_line *first = ctx;
	if (stream != PROC_STDOUT || first->have || len == 0)
		return;
	snprintf(first->out, first->size, "%s", line);
	first->have = true;
}

int proc_first_line(char *const *argv, double timeout_s, char *out, size_t size)
{
	struct first_line first = { out, size, false };
	struct proc_spec spec = { .argv = argv, .timeout_s = timeout_s,
				  .on_line = keep_first_line, .ctx = &first };
	struct proc_result result;
	if (size > 0)
		out[0] = '\0';
	if (proc_run(&spec, &result) != 0)
		return -1;
	return result.outcome == PROC_EXITED && result.status == 0 && first.have ? 0 : -1;
}
