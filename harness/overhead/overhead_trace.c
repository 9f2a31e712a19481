/*
 * overhead_trace.c - the tracefs instance behind `hvbench overhead`'s
 * userspace table (overhead_trace.h says what it records).  An instance of
 * our own, so another tracer on the machine (perf, trace-cmd, a second
 * hvbench) neither sees nor disturbs ours.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hvb-abi.h"
#include "overhead/overhead_trace.h"

#define TRACEFS "/sys/kernel/tracing"
#define STRINGIFY(x) #x
#define AS_TEXT(x) STRINGIFY(x)
#define BUFFER_KB "16384"       /* per CPU: ~300k events, a boot writes ~4 per exit */

static int write_at(const struct ovh_tracer *tr, const char *file, const char *text)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/%s", tr->dir, file);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int failed = fputs(text, f) < 0;
	failed |= fclose(f) != 0;
	return failed ? -1 : 0;
}

/* tracefs is mounted where the kernel offers it, or we mount it there. */
static int ensure_tracefs(char *reason, size_t reason_len)
{
	struct stat st;
	if (stat(TRACEFS "/instances", &st) == 0)
		return 0;
	if (stat(TRACEFS, &st) != 0 || mount("nodev", TRACEFS, "tracefs", 0, NULL) != 0 ||
	    stat(TRACEFS "/instances", &st) != 0) {
		snprintf(reason, reason_len, "no tracefs at " TRACEFS " (%s)", strerror(errno));
		return -1;
	}
	return 0;
}

/* file, text: the instance's settings, in order. */
static const char *const settings[][2] = {
	{ "tracing_on", "0" },
	{ "trace_clock", "x86-tsc" },
	{ "buffer_size_kb", BUFFER_KB },
	{ "events/raw_syscalls/sys_enter/filter", "id == 16" },
	{ "events/raw_syscalls/sys_exit/filter", "id == 16" },
	{ "events/kvm/kvm_pio/filter", "port == " AS_TEXT(HVB_PORT_BENCH_USER) },
	{ "events/raw_syscalls/sys_enter/enable", "1" },
	{ "events/raw_syscalls/sys_exit/enable", "1" },
	{ "events/kvm/kvm_pio/enable", "1" },
	{ "events/kvm/kvm_mmio/enable", "1" },
	{ "options/event-fork", "1" },
};

/* An hvbench killed mid-study leaves its instance (and its buffers) behind:
 * remove those whose process is gone. */
static void remove_stale_instances(void)
{
	DIR *dir = opendir(TRACEFS "/instances");
	if (!dir)
		return;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		char *end;
		if (strncmp(entry->d_name, "hvbench-", 8) != 0)
			continue;
		long pid = strtol(entry->d_name + 8, &end, 10);
		if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof(path), TRACEFS "/instances/%s", entry->d_name);
		rmdir(path);
	}
	closedir(dir);
}

int ovh_tracer_open(struct ovh_tracer *tr, char *reason, size_t reason_len)
{
	tr->open = false;
	if (geteuid() != 0) {
		snprintf(reason, reason_len, "tracing needs root");
		return -1;
	}
	if (ensure_tracefs(reason, reason_len) != 0)
		return -1;
	remove_stale_instances();
	snprintf(tr->dir, sizeof(tr->dir), TRACEFS "/instances/hvbench-%ld", (long)getpid());
	if (mkdir(tr->dir, 0700) != 0 && errno != EEXIST) {
		snprintf(reason, reason_len, "mkdir %s: %s", tr->dir, strerror(errno));
		return -1;
	}
	tr->open = true;
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		if (write_at(tr, settings[i][0], settings[i][1]) != 0) {
			snprintf(reason, reason_len, "%s/%s: %s", tr->dir, settings[i][0],
				 strerror(errno));
			ovh_tracer_close(tr);
			return -1;
		}
	}
	char pid[32];
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	if (write_at(tr, "set_event_pid", pid) != 0) {
		snprintf(reason, reason_len, "set_event_pid: %s", strerror(errno));
		ovh_tracer_close(tr);
		return -1;
	}
	return 0;
}

int ovh_tracer_start(struct ovh_tracer *tr)
{
	return write_at(tr, "trace", "") == 0 && write_at(tr, "tracing_on", "1") == 0 ? 0 : -1;
}

int ovh_tracer_stop(struct ovh_tracer *tr)
{
	return write_at(tr, "tracing_on", "0");
}

int ovh_tracer_collect(struct ovh_tracer *tr, struct ovh_gaps *g)
{
	char path[PATH_MAX + 16], line[1024];
	snprintf(path, sizeof(path), "%s/trace", tr->dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	ovh_gaps_reset(g);
	while (fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			int c;   /* an over-long line: skip its rest, ignore it */
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		ovh_gaps_feed(g, line);
	}
	int failed = ferror(f);
	fclose(f);
	return failed ? -1 : 0;
}

void ovh_tracer_close(struct ovh_tracer *tr)
{
	if (!tr->open)
		return;
	write_at(tr, "tracing_on", "0");
	write_at(tr, "events/enable", "0");
	rmdir(tr->dir);
	tr->open = false;
}
