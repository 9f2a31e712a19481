/*
 * run_backend.c - one stored run: begin it (status incomplete), record the
 * environment and tags, boot the guest once per benchmark, settle the tick
 * frequency and finish the run (complete, or failed when nothing could be
 * measured).
 */
#include <stdio.h>
#include <string.h>

#include "util/interrupt.h"
#include "run/run.h"

static int store_tags(struct hvb_store *store, int64_t run_id, const struct run_plan *plan)
{
	for (size_t i = 0; i < plan->tag_count; i++) {
		char key[256];
		const char *eq = strchr(plan->tags[i], '=');
		snprintf(key, sizeof(key), "%.*s", (int)(eq - plan->tags[i]), plan->tags[i]);
		if (hvb_store_add_tag(store, run_id, key, eq + 1) != 0)
			return -1;
	}
	return 0;
}

static int store_run_context(struct hvb_store *store, int64_t run_id, const struct run_plan *plan,
			     const struct run_outcome *run)
{
	struct hvb_env_writer writer = { store, run_id, 0 };
	host_env_each(&plan->env, true, hvb_store_env_pair, &writer);
	hvb_store_env_pair(&writer, "backend.console", run->backend->console);
	hvb_store_env_pair(&writer, "pin.cpus", plan->pin ? plan->pin : "none");
	if (writer.failures)
		return -1;
	return store_tags(store, run_id, plan);
}

/*
 * The run's tick frequency: the guest's `hello` value when the guest found
 * one itself, else the host's TSC frequency.  The harness passes its own
 * value on the guest command line, so a hello that merely echoes it is
 * still the host's measurement and is recorded as such.
 */
static void settle_tick(const struct run_plan *plan, const struct bench_outcome *first,
			struct run_outcome *run)
{
	uint64_t guest_hz = first->saw_hello ? first->hello.tick_hz : 0;
	if (guest_hz && guest_hz != plan->env.tsc.hz) {
		run->tick_hz = guest_hz;
		snprintf(run->tick_source, sizeof(run->tick_source), "guest-%s", first->hello.tick);
	} else if (plan->env.tsc.hz) {
		run->tick_hz = plan->env.tsc.hz;
		snprintf(run->tick_source, sizeof(run->tick_source), "host-%s", plan->env.tsc.source);
	} else {
		run->tick_hz = 0;
		snprintf(run->tick_source, sizeof(run->tick_source), "unknown");
	}
}

static int begin_run(struct hvb_store *store, const struct run_plan *plan, struct run_outcome *run)
{
	const struct backend *b = run->backend;
	struct hvb_run_info info = {
		.hostname = plan->env.hostname,
		.cpu_model = plan->env.cpu_model,
		.arch = plan->arch,
		.backend = b->name,
		.hypervisor = b->hypervisor,
		.hypervisor_version = run->hypervisor_version,
		.testbed = b->testbed,
		.emulated = b->emulated,
		.guest_path = plan->paths.guest,
		.guest_sha256 = plan->guest_sha256,
		.tick_hz = 0, /* settled after the first boot */
		.vcpus = plan->vcpus,
		.pinned = run->pinned,
		.hvbench_version = HVB_VERSION,
		.command_line = plan->command_line,
	};
	return hvb_store_begin_run(store, &info, &run->run_id);
}

static const struct host_page refhv_host_pages[] = {
	{ "4k", "h4k" },
	{ "thp", "h2m" },
};

size_t run_host_pages(const struct backend *backend, const struct host_page **pages,
		      struct host_page *fixed)
{
	if (backend->host_backing) {
		*pages = refhv_host_pages;
		return sizeof(refhv_host_pages) / sizeof(refhv_host_pages[0]);
	}
	*fixed = (struct host_page){ NULL, backend->host_page_label };
	*pages = fixed;
	return backend->host_page_label ? 1 : 0;
}

int run_backend(struct hvb_store *store, const struct run_plan *plan,
		const struct backend *backend, struct run_outcome *run)
{
	memset(run, 0, sizeof(*run));
	run->backend = backend;
	run->status = HVB_RUN_FAILED;
	run->pinned = plan->pin != NULL;
	backend->version(backend, run->hypervisor_version, sizeof(run->hypervisor_version));
	if (begin_run(store, plan, run) != 0) {
		progress_message(plan->progress, "hvbench run: %s: cannot begin a run: %s", backend->name,
			hvb_store_error(store));
		run->run_id = 0;
		return -1;
	}
	if (store_run_context(store, run->run_id, plan, run) != 0)
		progress_message(plan->progress, "hvbench run: warning: environment not fully stored: %s",
			hvb_store_error(store));

	size_t measured = 0, stored = 0;
	bool tick_settled = false;
	if (backend->batch_script) {
		/* One script run (a test-bed boot, or xl on a dom0) runs every benchmark. */
		struct bench_outcome all = { 0 };
		run_testbed(store, plan, run, &all);
		measured = all.stored_ok;
		stored = all.stored;
		if (all.saw_hello)
			hvb_store_run_set_hello(store, run->run_id, &all.hello);
		if (run->tick_hz)
			hvb_store_run_set_tick(store, run->run_id, run->tick_hz, run->tick_source);
		tick_settled = true;
	}
	size_t finished = plan->bench_count;   /* benchmarks booted to their end */
	for (size_t i = 0; !backend->batch_script && i < plan->bench_count; i++) {
		if (interrupt_pending()) {
			finished = i;
			break;
		}
		const struct benchmark_info *info = plan->benches[i];
		struct bench_outcome bench = { 0 };
		/* refhv can back guest RAM with 4 KiB or 2 MiB host pages: sweep
		 * both for the benchmarks that care (tlb-nested). */
		const struct host_page *pages;
		struct host_page fixed;
		size_t n_pages = info->host_page_sweep ? run_host_pages(backend, &pages, &fixed) : 0;
		size_t boots = n_pages ? n_pages : 1;
		for (size_t p = 0; p < boots; p++) {
			const struct host_page *page = n_pages ? &pages[p] : NULL;
			if (!plan->json)
				progress_step(plan->progress, "hvbench run: %s: %s%s%s ...", backend->name, info->name,
					page && page->backing ? " --backing " : "",
					page && page->backing ? page->backing : "");
			if (run_skip_unsupported(store, run, info, &bench))
				break;
			if (info->on_host)
				run_on_host(store, plan, run, info, &bench);
			else
				run_benchmark(store, plan, run, info, page, &bench);
		}
		if (interrupt_pending()) {   /* this boot was cut short: not counted */
			finished = i;
			break;
		}
		measured += bench.stored_ok;
		stored += bench.stored;
		if (!tick_settled && (bench.saw_hello || i + 1 == plan->bench_count)) {
			settle_tick(plan, &bench, run);
			if (bench.saw_hello)
				hvb_store_run_set_hello(store, run->run_id, &bench.hello);
			if (run->tick_hz)
				hvb_store_run_set_tick(store, run->run_id, run->tick_hz, run->tick_source);
			tick_settled = true;
		}
	}
	run->status = measured > 0 ? HVB_RUN_COMPLETE : HVB_RUN_FAILED;
	char message[160];
	snprintf(message, sizeof(message), "no benchmark could be measured (%zu of %zu stored)",
		 stored, plan->bench_count);
	int sig = interrupt_pending();
	if (sig) {
		/* A partial run: what finished is stored; 'incomplete' with a
		 * finish time and this message (a killed hvbench leaves none). */
		run->status = HVB_RUN_INCOMPLETE;
		if (backend->batch_script)
			finished = stored;
		snprintf(message, sizeof(message), "partial run: interrupted by %s after %zu of %zu "
			 "benchmarks", interrupt_name(sig), finished, plan->bench_count);
		hvb_store_add_env(store, run->run_id, "run.interrupted", interrupt_name(sig));
	}
	if (hvb_store_finish_run(store, run->run_id, run->status,
				 run->status == HVB_RUN_COMPLETE ? NULL : message) != 0) {
		progress_message(plan->progress, "hvbench run: cannot finish run %lld: %s", (long long)run->run_id,
			hvb_store_error(store));
		return -1;
	}
	return 0;
}
