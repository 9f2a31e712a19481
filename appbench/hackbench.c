/*
 * hackbench.c - `appb hackbench GROUPS FDS LOOPS`: scheduler and IPC
 * stress in the spirit of hackbench (and `perf bench sched messaging`).
 * Each group has FDS receiver and FDS sender processes; every sender sends
 * LOOPS 100-byte messages to every receiver of its group over UNIX stream
 * sockets.  All processes start together; the result is the wall time
 * until every receiver has read everything (unit s, lower is better).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "appb.h"

#define MESSAGE_BYTES 100

struct hackbench_shape {
	long groups, fds, loops;
};

/* The two pipes that start every process at once: each child writes a
 * byte to ready, then blocks reading start until the parent closes it. */
struct start_line {
	int ready[2], start[2];
};

static void wait_for_start(const struct start_line *line)
{
	char byte = 'r';
	close(line->start[1]);   /* else the read below never sees EOF */
	close(line->ready[0]);
	if (write(line->ready[1], &byte, 1) != 1)
		_exit(1);
	while (read(line->start[0], &byte, 1) < 0 && errno == EINTR)
		;
}

static void sender(const struct hackbench_shape *s, const int *out_fds, const struct start_line *line)
{
	char message[MESSAGE_BYTES] = { 0 };
	wait_for_start(line);
	for (long i = 0; i < s->loops; i++)
		for (long r = 0; r < s->fds; r++)
			if (appb_write_all(out_fds[r], message, sizeof(message)) != 0)
				_exit(1);
	_exit(0);
}

static void receiver(const struct hackbench_shape *s, int in_fd, const struct start_line *line)
{
	char message[MESSAGE_BYTES];
	wait_for_start(line);
	for (long i = 0; i < s->loops * s->fds; i++)
		if (appb_read_all(in_fd, message, sizeof(message)) != 0)
			_exit(1);
	_exit(0);
}

/* Forks one group's receivers and senders; returns the number of children or -1. */
static int start_group(const struct hackbench_shape *s, const struct start_line *line)
{
	int pairs[64][2];
	int out_fds[64];
	int children = 0;
	for (long r = 0; r < s->fds; r++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, pairs[r]) != 0)
			return -1;
		out_fds[r] = pairs[r][1];
	}
	for (long r = 0; r < s->fds; r++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			receiver(s, pairs[r][0], line);
		children++;
	}
	for (long i = 0; i < s->fds; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			sender(s, out_fds, line);
		children++;
	}
	for (long r = 0; r < s->fds; r++) {
		close(pairs[r][0]);
		close(pairs[r][1]);
	}
	return children;
}

int appb_hackbench(int argc, char **argv)
{
	struct hackbench_shape s;
	if (argc != 4 || (s.groups = appb_number(argv[1])) < 0 || (s.fds = appb_number(argv[2])) < 0 ||
	    (s.loops = appb_number(argv[3])) < 0 || s.fds > 64 || s.groups > 64)
		return appb_fail("hackbench", "usage: GROUPS(<=64) FDS(<=64) LOOPS", 0);
	struct start_line line;
	if (pipe(line.ready) != 0 || pipe(line.start) != 0)
		return appb_fail("hackbench", "pipe", 1);
	signal(SIGPIPE, SIG_IGN);
	long children = 0;
	for (long g = 0; g < s.groups; g++) {
		int n = start_group(&s, &line);
		if (n < 0) {
			kill(0, SIGTERM);
			return appb_fail("hackbench", "cannot start a group", 1);
		}
		children += n;
	}
	char byte;
	close(line.ready[1]);
	for (long i = 0; i < children; i++)
		if (appb_read_all(line.ready[0], &byte, 1) != 0)
			return appb_fail("hackbench", "a child died before the start", 0);
	double begin = appb_now();
	close(line.start[1]);
	int failures = 0, status;
	for (long i = 0; i < children; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failures++;
	double seconds = appb_now() - begin;
	if (failures)
		return appb_fail("hackbench", "some children failed", 0);
	appb_result("app-hackbench", "s", "lower", seconds);
	return 0;
}
