/*
 * run_testbed.c - one run through a script of testbeds/ (an emulated
 * test-bed's run.sh, or xl-run.sh on a real Xen dom0): build the test-bed
 * if needed, run the script once for every benchmark, and read its output,
 * where each benchmark's guest console is framed:
 *
 *   HVBTB start bench=B          a new guest boot for benchmark B
 *   HVB ...                      the guest's own records (a session each)
 *   HVBTB end bench=B status=N   0 ok, 124 the watchdog inside, else failed
 *   HVBTB info key=value ...     what the test-bed is (stored as testbed.*)
 *   HVBTB finished
 *
 * Anything else is test-bed noise (kernel, Xen), kept for error messages.
 *
 * A host-page sweep (tlb-nested) gets a boot of its own per host page
 * (refhv --backing inside a KVM test-bed; under Xen the one, "hxen"), with
 * the RAM and watchdog it needs; everything else shares one boot.  A
 * native benchmark (in_testbed: arm64 tlb-native) runs in a KVM
 * test-bed's Linux; a Xen dom0 is itself a guest, so there it is
 * unsupported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/interrupt.h"
#include "run/run.h"

#define TESTBED_BUILD_TIMEOUT_S (45 * 60)  /* first build downloads ~1 GB */
#define TESTBED_BOOT_S 120                 /* run.sh's own allowance to boot */
#define TESTBED_PER_BENCH_S 15
#define NOISE_KEEP 2048

struct testbed_reader {
	struct hvb_store *store;
	const struct run_plan *plan;
	struct run_outcome *run;
	struct bench_outcome *outcome;
	const struct host_page *host_page;    /* this boot's, for the variant names */
	const struct benchmark_info *bench;   /* the framed benchmark, or NULL */
	struct hvb_session *session;
	bool done[64];                        /* per plan->benches index */
	bool finished;
	char hypervisor_version[256];
	uint64_t xen_tick_hz;                 /* Xen's TSC frequency (x86), 0 unknown */
	char noise[NOISE_KEEP];               /* the last lines outside any frame */
	char died[160];                       /* run.sh's "test-bed NAME failed: WHY", the WHY */
};

static void keep_noise(struct testbed_reader *r, const char *line)
{
	size_t len = strlen(r->noise), add = strlen(line) + 1;
	if (add >= sizeof(r->noise))
		return;
	if (len + add >= sizeof(r->noise)) {   /* drop the oldest half */
		memmove(r->noise, r->noise + len / 2, len - len / 2 + 1);
		len = strlen(r->noise);
	}
	snprintf(r->noise + len, sizeof(r->noise) - len, "%s\n", line);
}

/* run.sh says on stderr why a test-bed died ("run.sh: test-bed NAME
 * failed: its kernel is stuck, ..."); the reason goes with the benchmarks it
 * never finished, printable characters only. */
static void keep_died(struct testbed_reader *r, const char *line)
{
	const char *why = strstr(line, " failed: ");
	if (strncmp(line, "run.sh: test-bed ", 17) != 0 || !why || r->died[0])
		return;
	why += strlen(" failed: ");
	size_t n = 0;
	for (; why[n] && n + 1 < sizeof(r->died); n++)
		r->died[n] = why[n] >= ' ' && why[n] <= '~' ? why[n] : '?';
	r->died[n] = '\0';
}

/* The value of key in "HVBTB word key=value ...", copied into out. */
static bool marker_value(const char *line, const char *key, char *out, size_t size)
{
	size_t key_len = strlen(key);
	for (const char *p = strchr(line, ' '); p; p = strchr(p + 1, ' ')) {
		if (strncmp(p + 1, key, key_len) == 0 && p[1 + key_len] == '=') {
			const char *value = p + 2 + key_len;
			snprintf(out, size, "%.*s", (int)strcspn(value, " "), value);
			return true;
		}
	}
	return false;
}

static int bench_index(const struct run_plan *plan, const char *name)
{
	for (size_t i = 0; i < plan->bench_count; i++)
		if (strcmp(plan->benches[i]->name, name) == 0)
			return (int)i;
	return -1;
}

/* Ends the framed benchmark: stores its session as the guest left it. */
static void close_frame(struct testbed_reader *r, const struct boot_end *end)
{
	if (!r->session)
		return;
	hvb_session_finish(r->session);
	/* The run's hello is a guest's; a native runner's only when no guest spoke. */
	const struct hvb_hello *hello = hvb_session_hello(r->session);
	bool native = r->bench->in_testbed;
	if (hello && (!r->outcome->saw_hello || (r->outcome->hello_native && !native))) {
		r->outcome->saw_hello = true;
		r->outcome->hello = *hello;
		r->outcome->hello_native = native;
	}
	run_store_session(r->store, r->run, r->bench, r->host_page, r->session, end, r->outcome);
	size_t len = 0;
	const char *log = hvb_session_log(r->session, &len);
	if (log && len)
		hvb_store_add_log(r->store, r->run->run_id, HVB_LOG_GUEST, log, len);
	hvb_session_free(r->session);
	r->session = NULL;
	r->bench = NULL;
}

static void frame_end(struct testbed_reader *r, int status, struct boot_end *end)
{
	memset(end, 0, sizeof(*end));
	end->proc.outcome = PROC_EXITED;
	end->proc.status = status;
	end->timed_out = status == 124;
	end->verdict = status == 0 ? BACKEND_GUEST_OK :
		       status == 124 ? BACKEND_GUEST_TIMEOUT : BACKEND_GUEST_FAILED;
	if (end->timed_out)
		snprintf(end->describe, sizeof(end->describe), "the watchdog inside %s fired",
			 r->run->backend->testbed);
	else
		snprintf(end->describe, sizeof(end->describe), "the guest in %s ended with status %d",
			 r->run->backend->testbed, status);
}

uint64_t testbed_store_info(struct hvb_store *store, int64_t run_id, const char *arch,
			    const char *line, char *version, size_t size)
{
	char copy[PROC_LINE_MAX];
	uint64_t xen_tick_hz = 0;
	snprintf(copy, sizeof(copy), "%s", line + strlen("HVBTB info "));
	for (char *save = NULL, *pair = strtok_r(copy, " ", &save); pair;
	     pair = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(pair, '=');
		if (!eq || eq == pair)
			continue;
		*eq = '\0';
		char key[96];
		snprintf(key, sizeof(key), "testbed.%s", pair);
		hvb_store_add_env(store, run_id, key, eq + 1);
		if (strcmp(pair, "xen_version") == 0 || (strcmp(pair, "kernel") == 0 && !version[0]))
			snprintf(version, size, "%s%s", strcmp(pair, "kernel") == 0 ? "linux " : "", eq + 1);
		if (strcmp(pair, "xen_cpu_mhz") == 0 && strcmp(arch, "x86_64") == 0)
			xen_tick_hz = (uint64_t)(strtod(eq + 1, NULL) * 1e6);
	}
	return xen_tick_hz;
}

static void on_info(struct testbed_reader *r, const char *line)
{
	uint64_t hz = testbed_store_info(r->store, r->run->run_id, r->run->backend->arch, line,
					 r->hypervisor_version, sizeof(r->hypervisor_version));
	if (hz)
		r->xen_tick_hz = hz;
}

static void on_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
		    bool truncated)
{
	struct testbed_reader *r = ctx;
	char value[64];
	struct boot_end end;
	if (stream == PROC_STDERR) {
		keep_died(r, line);
		keep_noise(r, line);
		return;
	}
	if (strncmp(line, "HVBTB start ", 12) == 0 && marker_value(line, "bench", value, sizeof(value))) {
		frame_end(r, 1, &end);
		snprintf(end.describe, sizeof(end.describe), "%s started the next guest first",
			 r->run->backend->testbed);
		close_frame(r, &end);
		int index = bench_index(r->plan, value);
		if (index < 0 || r->done[index])
			return;   /* not ours, or twice: ignore its lines */
		r->done[index] = true;
		r->bench = r->plan->benches[index];
		r->session = hvb_session_new();
	} else if (strncmp(line, "HVBTB end ", 10) == 0 && marker_value(line, "status", value, sizeof(value))) {
		frame_end(r, atoi(value), &end);
		close_frame(r, &end);
	} else if (strncmp(line, "HVBTB info ", 11) == 0) {
		on_info(r, line);
	} else if (strcmp(line, "HVBTB finished") == 0) {
		r->finished = true;
	} else if (r->session) {
		hvb_session_feed_line(r->session, line, len);
	} else {
		keep_noise(r, line);
	}
	(void)truncated;
}

/* build.sh's lines (which package, which step) as progress. */
static void build_progress(void *ctx, enum proc_stream stream, const char *line, size_t len,
			   bool truncated)
{
	progress_step(ctx, "hvbench run: %.*s", (int)len, line);
	(void)stream, (void)truncated;
}

int testbed_build(const struct hvb_paths *paths, const struct backend *backend,
		  struct progress *progress)
{
	char script[PATH_MAX + 16];
	snprintf(script, sizeof(script), "%s/build.sh", paths->testbeds);
	char *argv[] = { script, (char *)backend->testbed_script, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = TESTBED_BUILD_TIMEOUT_S,
				  .on_line = build_progress, .ctx = progress };
	struct proc_result result;
	if (proc_run(&spec, &result) != 0 || result.outcome != PROC_EXITED || result.status != 0) {
		char how[128];
		proc_describe(&result, how, sizeof(how));
		progress_message(progress, "hvbench run: cannot build test-bed %s: build.sh %s",
			backend->testbed_script, how);
		return -1;
	}
	progress_clear(progress);
	return 0;
}

/* One boot of the test-bed for every benchmark of plan, host_page's backing. */
static int boot_testbed(struct hvb_store *store, const struct run_plan *plan, struct run_outcome *run,
			const struct host_page *host_page, struct bench_outcome *outcome)
{
	struct testbed_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	*r = (struct testbed_reader){ .store = store, .plan = plan, .run = run, .outcome = outcome,
				      .host_page = host_page };
	const char *names[64];
	size_t named = 0;
	for (size_t i = 0; i < plan->bench_count && i < 64; i++) {
		if (run_skip_unsupported(store, run, plan->benches[i], outcome))
			r->done[i] = true;
		else
			names[named++] = plan->benches[i]->name;
	}
	/* One boot serves every benchmark: give it the most vCPUs, RAM and
	 * watchdog any needs. */
	unsigned vcpus = plan->vcpus, mem_mb = 0, timeout_s = plan->timeout_s;
	for (size_t i = 0; i < plan->bench_count; i++) {
		const struct benchmark_info *b = plan->benches[i];
		vcpus = b->vcpus > vcpus ? b->vcpus : vcpus;
		mem_mb = b->mem_mb > mem_mb ? b->mem_mb : mem_mb;
		unsigned t = run_boot_timeout(plan, b);
		timeout_s = t > timeout_s ? t : timeout_s;
	}
	if (plan->mem_mb)
		mem_mb = plan->mem_mb;
	char cmdline[256];
	run_guest_cmdline(cmdline, sizeof(cmdline), NULL, plan->batches, vcpus, 0);
	struct backend_launch launch = {
		.guest = plan->paths.guest, .cmdline = cmdline, .vcpus = vcpus, .mem_mb = mem_mb,
		.backing = host_page ? host_page->backing : NULL,
		.timeout_s = timeout_s, .testbeds = plan->paths.testbeds,
		.pin = plan->pin_count >= (int)vcpus ? plan->pin : NULL,
		.benches = names, .bench_count = named,
	};
	struct backend_argv args;
	backend_argv_init(&args);
	run->backend->build_argv(run->backend, &launch, &args);

	struct boot_end end = { 0 };
	if (args.overflow) {
		snprintf(end.describe, sizeof(end.describe), "test-bed command line too long");
	} else if (run->backend->testbed_script && testbed_build(&plan->paths, run->backend, plan->progress) != 0) {
		snprintf(end.describe, sizeof(end.describe), "test-bed %s could not be built",
			 run->backend->testbed_script);
		if (interrupt_pending())
			end.proc.outcome = PROC_INTERRUPTED;
	} else {
		struct proc_spec spec = {
			.argv = args.argv,
			.timeout_s = TESTBED_BOOT_S + (double)plan->bench_count *
				     (timeout_s + TESTBED_PER_BENCH_S) + RUN_WATCHDOG_GRACE_S,
			.on_line = on_line, .ctx = r,
			.max_output = RUN_TESTBED_CONSOLE_MAX,
		};
		proc_run(&spec, &end.proc);
		/* what the script's status says (run.sh: non-zero when the test-bed
		 * died), so a benchmark it never reached is not "unknown to the guest" */
		end.verdict = end.proc.outcome == PROC_EXITED ? run->backend->verdict(end.proc.status)
							      : BACKEND_ERROR;
		char how[160];
		proc_describe(&end.proc, how, sizeof(how));
		end.timed_out = end.proc.outcome == PROC_TIMED_OUT;
		/* run_store_session keeps only what finished when interrupted */
		snprintf(end.describe, sizeof(end.describe), "test-bed %s %s%s", run->backend->testbed,
			 how, r->finished ? "" : " before it finished");
		size_t used = strlen(end.describe);
		if (r->died[0] && used + 3 < sizeof(end.describe))   /* cut to fit, if need be */
			snprintf(end.describe + used, sizeof(end.describe) - used, ": %.*s",
				 (int)(sizeof(end.describe) - used - 3), r->died);
	}
	close_frame(r, &end);   /* a guest still framed when the test-bed died */
	for (size_t i = 0; i < plan->bench_count && i < 64; i++) {
		if (r->done[i])
			continue;
		struct hvb_session *never = hvb_session_new();
		if (!never)
			break;
		hvb_session_finish(never);
		run_store_session(store, run, plan->benches[i], host_page, never, &end, outcome);
		hvb_session_free(never);
	}
	if (r->noise[0])
		hvb_store_add_log(store, run->run_id, HVB_LOG_HARNESS, r->noise, strlen(r->noise));
	if (!r->finished && end.proc.outcome != PROC_INTERRUPTED)
		progress_message(plan->progress, "hvbench run: %s: %s\n%s", run->backend->testbed, end.describe, r->noise);
	if (r->hypervisor_version[0]) {
		snprintf(run->hypervisor_version, sizeof(run->hypervisor_version), "%s",
			 r->hypervisor_version);
		hvb_store_run_set_hypervisor_version(store, run->run_id, r->hypervisor_version);
	}
	/* The counter: the guest's own value, else what Xen calibrated (x86). */
	uint64_t guest_hz = outcome->saw_hello ? outcome->hello.tick_hz : 0;
	if (guest_hz) {
		run->tick_hz = guest_hz;
		snprintf(run->tick_source, sizeof(run->tick_source), "guest-%s", outcome->hello.tick);
	} else if (r->xen_tick_hz) {
		run->tick_hz = r->xen_tick_hz;
		snprintf(run->tick_source, sizeof(run->tick_source), "testbed-xen-cpu_mhz");
	} else {
		snprintf(run->tick_source, sizeof(run->tick_source), "unknown");
	}
	free(r);
	return 0;
}

/* A native benchmark where the test-bed has no native Linux to run it. */
static void store_no_native(struct hvb_store *store, const struct run_outcome *run,
			    const struct benchmark_info *bench, struct bench_outcome *outcome)
{
	char reason[160];
	snprintf(reason, sizeof(reason), "no native Linux in %s: its dom0 is a guest of %s too",
		 run->backend->testbed, run->backend->hypervisor);
	run_store_unsupported(store, run, bench, reason, outcome);
}

int run_testbed(struct hvb_store *store, const struct run_plan *plan, struct run_outcome *run,
		struct bench_outcome *outcome)
{
	struct run_plan *part = malloc(sizeof(*part));
	if (!part)
		return -1;
	bool native_ok = strcmp(run->backend->hypervisor, "kvm") == 0 && run->backend->testbed_script;
	const struct host_page *pages;
	struct host_page fixed;
	size_t n_pages = run_host_pages(run->backend, &pages, &fixed);
	int status = 0;
	/* pass 0: the shared boot; pass 1..n_pages: the sweep, one boot per host page */
	for (size_t pass = 0; pass <= (n_pages ? n_pages : 1) && !interrupt_pending(); pass++) {
		bool sweep = pass > 0;
		*part = *plan;
		part->bench_count = 0;
		for (size_t i = 0; i < plan->bench_count; i++) {
			const struct benchmark_info *b = plan->benches[i];
			if (!sweep && b->in_testbed && !native_ok)
				store_no_native(store, run, b, outcome);
			else if (b->host_page_sweep == sweep)
				part->benches[part->bench_count++] = b;
		}
		if (part->bench_count == 0)
			continue;
		const struct host_page *page = sweep && n_pages ? &pages[pass - 1] : NULL;
		if (sweep)
			progress_step(plan->progress, "hvbench run: %s: %s%s%s ...", run->backend->testbed,
				      part->benches[0]->name, page && page->backing ? " --backing " : "",
				      page && page->backing ? page->backing : "");
		if (boot_testbed(store, part, run, page, outcome) != 0)
			status = -1;
	}
	free(part);
	return status;
}
