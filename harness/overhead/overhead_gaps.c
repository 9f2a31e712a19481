/*
 * overhead_gaps.c - turns a tracefs text trace into per-exit userspace
 * gaps (see overhead_gaps.h for the events and what a gap is).  The trace
 * comes from the kernel but describes what a guest made its VMM do, so a
 * line that does not parse is skipped, never trusted.
 */
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvb-abi.h"
#include "overhead/overhead_gaps.h"

#define SYSCALL_IOCTL 16        /* x86-64 */

const char *ovh_gap_bench(enum ovh_gap_kind kind)
{
	return kind == OVH_GAP_PIO ? "pio-out-user" : "mmio-write-user";
}

void ovh_gaps_reset(struct ovh_gaps *g)
{
	memset(g->n, 0, sizeof(g->n));
	memset(g->dropped, 0, sizeof(g->dropped));
	g->untagged = 0;
	g->lost_events = 0;
	g->n_threads = 0;
}

/* The thread's state, a new one if unseen; NULL when the table is full. */
static struct ovh_gap_thread *thread_of(struct ovh_gaps *g, int tid)
{
	for (size_t i = 0; i < g->n_threads; i++)
		if (g->threads[i].tid == tid)
			return &g->threads[i];
	if (g->n_threads == OVH_GAP_THREADS)
		return NULL;
	struct ovh_gap_thread *t = &g->threads[g->n_threads++];
	*t = (struct ovh_gap_thread){ .tid = tid, .tag = -1, .exit_tag = -1 };
	return t;
}

/*
 * "   comm-with spaces-1234    [001] ..... 27357031000415: event: rest":
 * the tid is the number before " [", the timestamp the number after the
 * flags.  Returns the event name's start, or NULL.
 */
static const char *parse_head(const char *line, int *tid, uint64_t *ts)
{
	const char *bracket = strstr(line, " [");
	if (!bracket || bracket == line)
		return NULL;
	const char *p = bracket;
	while (p > line && p[-1] == ' ')
		p--;
	const char *digits_end = p;
	while (p > line && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == digits_end || p == line || p[-1] != '-')
		return NULL;
	*tid = atoi(p);
	const char *close = strchr(bracket, ']');
	if (!close)
		return NULL;
	p = close + 1;
	for (int field = 0; field < 2; field++) {   /* flags (if shown), then the timestamp */
		while (*p == ' ')
			p++;
		char *end;
		unsigned long long value = strtoull(p, &end, 10);
		if (end != p && end[0] == ':' && end[1] == ' ') {
			*ts = value;
			return end + 2;
		}
		p = strchr(p, ' ');
		if (!p)
			return NULL;
	}
	return NULL;
}

static void on_sys_enter(struct ovh_gaps *g, struct ovh_gap_thread *t, uint64_t ts,
			 const char *rest)
{
	long nr;
	unsigned long fd, cmd;
	if (sscanf(rest, "NR %ld (%lx, %lx", &nr, &fd, &cmd) != 3 || nr != SYSCALL_IOCTL ||
	    cmd != KVM_RUN)
		return;
	if (t->exited && ts >= t->exit_ts) {
		if (t->exit_tag < 0) {
			g->untagged++;
		} else if (g->n[t->exit_tag] < OVH_GAPS_MAX) {
			g->ticks[t->exit_tag][g->n[t->exit_tag]++] = ts - t->exit_ts;
		} else {
			g->dropped[t->exit_tag]++;
		}
	}
	t->in_run = true;
	t->exited = false;
	t->tag = -1;
}

static void on_sys_exit(struct ovh_gap_thread *t, uint64_t ts, const char *rest)
{
	long nr, ret;
	if (sscanf(rest, "NR %ld = %ld", &nr, &ret) != 2 || nr != SYSCALL_IOCTL || !t->in_run)
		return;
	t->in_run = false;
	t->exited = ret == 0;       /* EINTR and friends: no exit to handle */
	t->exit_tag = t->tag;
	t->exit_ts = ts;
}

static void on_pio(struct ovh_gap_thread *t, const char *rest)
{
	unsigned port;
	if (t->in_run && sscanf(rest, "pio_write at 0x%x", &port) == 1 &&
	    port == HVB_PORT_BENCH_USER)
		t->tag = OVH_GAP_PIO;
}

static void on_mmio(struct ovh_gap_thread *t, const char *rest)
{
	unsigned len;
	unsigned long long gpa;
	if (t->in_run && sscanf(rest, "mmio write len %u gpa 0x%llx", &len, &gpa) == 2 &&
	    gpa == HVB_MMIO_BENCH_USER)
		t->tag = OVH_GAP_MMIO;
}

/* "# entries-in-buffer/entries-written: 25359/25359 ..." and "CPU:1 [LOST 12 EVENTS]". */
static void on_header(struct ovh_gaps *g, const char *line)
{
	unsigned long long kept, written;
	int cpu;
	if (sscanf(line, "# entries-in-buffer/entries-written: %llu/%llu", &kept, &written) == 2 &&
	    written > kept)
		g->lost_events += written - kept;
	else if (sscanf(line, "CPU:%d [LOST %llu EVENTS]", &cpu, &written) == 2)
		g->lost_events += written;
}

void ovh_gaps_feed(struct ovh_gaps *g, const char *line)
{
	int tid;
	uint64_t ts;
	const char *event = parse_head(line, &tid, &ts);
	if (!event) {
		on_header(g, line);
		return;
	}
	struct ovh_gap_thread *t = thread_of(g, tid);
	if (!t)
		return;
	if (strncmp(event, "sys_enter: ", 11) == 0)
		on_sys_enter(g, t, ts, event + 11);
	else if (strncmp(event, "sys_exit: ", 10) == 0)
		on_sys_exit(t, ts, event + 10);
	else if (strncmp(event, "kvm_pio: ", 9) == 0)
		on_pio(t, event + 9);
	else if (strncmp(event, "kvm_mmio: ", 10) == 0)
		on_mmio(t, event + 10);
}
