/*
 * app_machine.c - run an application-suite machine in the background and
 * read its console file line by line (see app_machine.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "apps/app_machine.h"
#include "util/interrupt.h"

#define POLL_INTERVAL_NS 50000000L /* 50 ms */
#define STOP_GRACE_S 3.0
#define MAX_ARGS 64

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(void)
{
	struct timespec ts = { 0, POLL_INTERVAL_NS };
	nanosleep(&ts, NULL);
}

int app_machine_start(struct app_machine *m, char *const argv[], unsigned timeout_s)
{
	memset(m, 0, sizeof(*m));
	const char *tmp = getenv("TMPDIR");
	snprintf(m->console_path, sizeof(m->console_path), "%s/hvbench-app-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	int write_fd = mkstemp(m->console_path);
	if (write_fd < 0) {
		fprintf(stderr, "hvbench run: cannot create %s: %s\n", m->console_path, strerror(errno));
		return -1;
	}
	m->console_fd = open(m->console_path, O_RDONLY | O_CLOEXEC);
	char seconds[16];
	snprintf(seconds, sizeof(seconds), "%u", timeout_s);
	char *args[MAX_ARGS + 5] = { "timeout", "-s", "KILL", seconds };
	size_t n = 4;
	for (size_t i = 0; argv[i] && n < MAX_ARGS + 4; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	m->deadline = now_s() + timeout_s;
	pid_t pid = m->console_fd < 0 ? -1 : fork();
	if (pid == 0) {
		setpgid(0, 0);
		interrupt_reset_child();
		int null_fd = open("/dev/null", O_RDONLY);
		dup2(null_fd, STDIN_FILENO);
		dup2(write_fd, STDOUT_FILENO);
		dup2(write_fd, STDERR_FILENO);
		execvp(args[0], args);
		_exit(127);
	}
	close(write_fd);
	if (pid < 0) {
		fprintf(stderr, "hvbench run: cannot start %s: %s\n", argv[0], strerror(errno));
		if (m->console_fd >= 0)
			close(m->console_fd);
		unlink(m->console_path);
		return -1;
	}
	setpgid(pid, pid);   /* also here, so stop() never races the child's own call */
	m->pid = pid;
	return 0;
}

/* Splits newly read bytes into lines; returns the wait result a line asks
 * for, or -1 when none did. */
static int feed(struct app_machine *m, const char *data, size_t len, app_line_fn fn, void *ctx)
{
	int result = -1;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (c != '\n' && c != '\r') {
			if (m->partial_len + 1 < sizeof(m->partial))
				m->partial[m->partial_len++] = c;
			continue;
		}
		if (m->partial_len == 0)
			continue;
		m->partial[m->partial_len] = 0;
		m->partial_len = 0;
		fn(ctx, m->partial);
		if (strcmp(m->partial, "APPB ready") == 0)
			result = APP_WAIT_READY;
		else if (strcmp(m->partial, "APPB done") == 0)
			result = APP_WAIT_DONE;
	}
	return result;
}

/* Reads what the console file has; the wait result a line asked for, or -1. */
static int drain(struct app_machine *m, app_line_fn fn, void *ctx)
{
	char buf[4096];
	ssize_t n;
	int result = -1;
	while ((n = read(m->console_fd, buf, sizeof(buf))) > 0) {
		m->console_bytes += (size_t)n;
		int r = feed(m, buf, (size_t)n, fn, ctx);
		if (r >= 0 && result < 0)
			result = r;
	}
	return result;
}

enum app_wait app_machine_wait(struct app_machine *m, app_line_fn fn, void *ctx)
{
	for (;;) {
		int r = drain(m, fn, ctx);
		if (r >= 0)
			return (enum app_wait)r;
		if (m->pid > 0 && waitpid(m->pid, NULL, WNOHANG) == m->pid) {
			m->pid = 0;
			r = drain(m, fn, ctx);
			return r >= 0 ? (enum app_wait)r : APP_WAIT_EXITED;
		}
		if (m->pid == 0)
			return APP_WAIT_EXITED;
		if (interrupt_pending())
			return APP_WAIT_INTERRUPTED;
		if (m->console_bytes > APP_CONSOLE_MAX)
			return APP_WAIT_FLOODED;
		if (now_s() > m->deadline)
			return APP_WAIT_TIMEOUT;
		nap();
	}
}

void app_machine_stop(struct app_machine *m)
{
	if (m->pid > 0) {
		kill(-m->pid, SIGTERM);
		double give_up = now_s() + STOP_GRACE_S;
		while (waitpid(m->pid, NULL, WNOHANG) == 0 && now_s() < give_up)
			nap();
		kill(-m->pid, SIGKILL);
		waitpid(m->pid, NULL, 0);
		m->pid = 0;
	}
	if (m->console_fd >= 0)
		close(m->console_fd);
	m->console_fd = -1;
	unlink(m->console_path);
}
