/*
 * app_target.c - the run step of the application suite, for one target:
 * pick its ports, start the machine (native chroot, guest, or test-bed),
 * collect the in-machine results, drive the servers from the host, stop
 * the machine.  Everything it sees goes into a struct app_measured (the
 * results and the console log); it never touches the store: app_store.c
 * stores it afterwards.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "apps/app_internal.h"
#include "apps/app_machine.h"
#include "util/interrupt.h"

/* Appends one line to the measured log, up to the store's per-run cap. */
static void log_line(struct app_measured *m, const char *line)
{
	size_t len = strlen(line);
	if (m->log_len + len + 1 > HVB_STORE_LOG_MAX) {
		m->log_truncated = true;
		return;
	}
	if (m->log_len + len + 2 > m->log_cap) {
		size_t cap = m->log_cap ? m->log_cap : 64 * 1024;
		while (cap < m->log_len + len + 2)
			cap *= 2;
		char *grown = realloc(m->log, cap);
		if (!grown) {
			m->log_truncated = true;
			return;
		}
		m->log = grown;
		m->log_cap = cap;
	}
	memcpy(m->log + m->log_len, line, len);
	m->log_len += len;
	m->log[m->log_len++] = '\n';
	m->log[m->log_len] = '\0';
}

/* Every machine line goes to the collector and the log (a test-bed's
 * "HVBTB info" lines are read back from the log when it is stored). */
static void machine_line(void *ctx, const char *line)
{
	struct app_measured *m = ctx;
	app_collect_line(&m->collect, line);
	log_line(m, line);
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(addr);
	int port = -1;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&addr, &len) == 0)
		port = ntohs(addr.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* Ports for the load generators, chosen just before the machine starts. */
static int pick_ports(struct app_target *t)
{
	for (int i = 0; i < APP_PORTS; i++)
		if ((t->host_ports[i] = free_port()) < 0)
			return -1;
	return 0;
}

/* One load generator run; its result line (or wrk's Requests/sec) is collected. */
struct driver_run {
	struct app_measured *m;
	const struct app_workload *workload;
	bool bad_responses;
	double wrk_rate;
};

static void driver_line(void *ctx, enum proc_stream stream, const char *line, size_t len, bool truncated)
{
	struct driver_run *d = ctx;
	log_line(d->m, line);
	if (strncmp(line, "APPB result ", 12) == 0)   /* not the chroot's "APPB info" */
		app_collect_line(&d->m->collect, line);
	double rate;
	if (strncmp(line, "Non-2xx", 7) == 0 || strncmp(line, "Socket errors", 13) == 0)
		d->bad_responses = true;
	else if (sscanf(line, "Requests/sec: %lf", &rate) == 1)
		d->wrk_rate = rate;
}

static void drive(const struct app_context *ctx, struct app_measured *m, const struct app_target *t,
		  const struct app_workload *w)
{
	for (unsigned rep = 0; rep < ctx->req->reps && !interrupt_pending(); rep++) {
		struct backend_argv args;
		app_driver_argv(ctx, w, t->host_ports[w->port], &args);
		struct driver_run d = { .m = m, .workload = w };
		struct proc_spec spec = {
			.argv = args.argv,
			.timeout_s = w->seconds + APP_DRIVER_SLACK_S,
			.on_line = driver_line,
			.ctx = &d,
		};
		struct proc_result result;
		char why[128];
		if (args.overflow || proc_run(&spec, &result) != 0) {
			app_collect_fail(&m->collect, w, "load generator could not be started");
			return;
		}
		if (result.outcome == PROC_INTERRUPTED)
			return;   /* a partial run: this repetition is not counted */
		if (result.outcome != PROC_EXITED || result.status != 0) {
			proc_describe(&result, why, sizeof(why));
			char reason[192];
			snprintf(reason, sizeof(reason), "load generator %s", why);
			app_collect_fail(&m->collect, w, reason);
			return;
		}
		if (strcmp(w->driver, "wrk") == 0) {
			if (d.bad_responses || !(d.wrk_rate > 0)) {
				app_collect_fail(&m->collect, w, "wrk saw errors or no rate");
				return;
			}
			app_collect_add(&m->collect, w, d.wrk_rate);
		}
	}
}

/* The whole session's budget (run.sh --timeout for a test-bed). */
static unsigned session_timeout(const struct app_context *ctx)
{
	unsigned seconds = APP_BOOT_TIMEOUT_S;
	for (size_t i = 0; i < ctx->count; i++)
		seconds += ctx->selected[i]->kind == APP_IN_MACHINE ? ctx->plan->timeout_s :
			(ctx->selected[i]->seconds + APP_DRIVER_SLACK_S) * ctx->req->reps;
	return seconds;
}

static const char *wait_problem(enum app_wait w)
{
	switch (w) {
	case APP_WAIT_EXITED: return "the machine ended before its servers were ready";
	case APP_WAIT_TIMEOUT: return "the machine timed out";
	case APP_WAIT_FLOODED: return "console flood: the machine wrote more than 64 MiB";
	default: return NULL;
	}
}

/* Starts the machine, collects, drives; the console goes to the run log. */
static void exercise(const struct app_context *ctx, struct app_target *t, struct app_measured *m,
		     const char *plan)
{
	struct backend_argv args;
	unsigned session_s = session_timeout(ctx);
	app_machine_argv(ctx, t, plan, session_s, &args);
	struct app_machine machine;
	char who[96];
	app_backend_label(t->backend, who, sizeof(who));
	unsigned watchdog_s = session_s + (app_target_in_testbed(t) ? APP_TESTBED_BOOT_S : 0);
	if (args.overflow || app_machine_start(&machine, args.argv, watchdog_s) != 0) {
		for (size_t i = 0; i < ctx->count; i++)
			app_collect_fail(&m->collect, ctx->selected[i], "the machine could not be started");
		return;
	}
	progress_step(ctx->plan->progress, "hvbench run: %s: machine started (%s)", who, plan);
	enum app_wait waited = app_machine_wait(&machine, machine_line, m);
	if (waited == APP_WAIT_READY) {
		for (size_t i = 0; i < ctx->count && !interrupt_pending(); i++) {
			const struct app_workload *w = ctx->selected[i];
			if (w->kind != APP_HOST_DRIVEN)
				continue;
			progress_step(ctx->plan->progress, "hvbench run: %s: %s ...", who, w->bench);
			drive(ctx, m, t, w);
		}
	} else if (wait_problem(waited)) {
		fprintf(stderr, "hvbench run: %s: %s\n", who, wait_problem(waited));
		for (size_t i = 0; i < ctx->count; i++)
			app_collect_fail(&m->collect, ctx->selected[i], wait_problem(waited));
	}
	app_machine_stop(&machine);
}

void app_target_run(const struct app_context *ctx, struct app_target *t, struct app_measured *m)
{
	app_collect_init(&m->collect, ctx->selected, ctx->count);
	if (pick_ports(t) != 0) {
		for (size_t i = 0; i < ctx->count; i++)
			app_collect_fail(&m->collect, ctx->selected[i], "no free port for the load generators");
		return;
	}
	app_plan_text(ctx, app_server_ports(t), m->plan, sizeof(m->plan));
	exercise(ctx, t, m, m->plan);
}

void app_measured_free(struct app_measured *m)
{
	free(m->log);
	m->log = NULL;
	m->log_len = m->log_cap = 0;
}
