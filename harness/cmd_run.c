/*
 * cmd_run.c - `hvbench run`: parse the options into a run plan, pick the
 * backend(s), open the store and run each backend in turn.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/app_suite.h"
#include "commands.h"
#include "util/interrupt.h"
#include "host/pin_auto.h"
#include "run/run.h"
#include "study/isca16.h"

static const char run_usage[] =
	"usage: hvbench run [--backend B|all] [--testbed T|all] [--arch A] [--bench LIST] [--db FILE]\n"
	"                   [--vcpus N] [--pin CPUS] [--tag KEY=VALUE]... [--json]\n"
	"                   [--timeout SEC] [--batches N] [--mem MB] [--refhv PATH] [--guest PATH]\n"
	"                   [--suite micro|app] [--study isca16 [--out DIR]]\n"
	"  Boots the guest once per benchmark on a backend, stores the run, prints\n"
	"  a summary and the run id.\n"
	"  --suite app    application benchmarks (app-*) in a Linux guest plus their native\n"
	"                 baseline, normalised to native; --batches = repetitions (default 3);\n"
	"                 with --testbed xen-x86_64 the guest is a domU of the Xen test-bed\n"
	"  --study isca16 the four-way table of Dall et al. (ISCA 2016): hypercall, interrupt-\n"
	"                 controller trap, virtual IPI, IRQ completion, VM switch, I/O latency\n"
	"                 out and in, on every test-bed (or --testbed LIST) and on this host's\n"
	"                 usable KVM/Xen; prints the table, writes DIR/isca16.md and the figure\n"
	"                 DIR/isca16.{pdf,svg,png} (--out DIR, default results)\n"
	"  --backend B    refhv, qemu-kvm, qemu-tcg or all (every usable one);\n"
	"                 default: the best usable here\n"
	"  --testbed T    run on an emulated test-bed (kvm-x86_64, xen-x86_64, kvm-aarch64,\n"
	"                 kvm-aarch64-nvhe, xen-aarch64; from Debian 12, or from Debian 13\n"
	"                 as NAME@trixie) or all of them (all: Debian 12's, all@trixie);\n"
	"                 built on first use from Debian packages (see 'hvbench testbed\n"
	"                 list'); results are emulation costs and are marked emulated\n"
	"  --arch A       guest architecture (default: the host's)\n"
	"  --bench LIST   comma-separated benchmark names (default: all; see 'hvbench list')\n"
	"  --db FILE      results database (default: $HVBENCH_DB, else ./hvbench.db)\n"
	"  --vcpus N      vCPUs (default 1)\n"
	"  --pin CPUS     pin vCPUs to these host CPUs, e.g. 1 or 0-1, or 'auto' (one per\n"
	"                 core, chosen with hwloc, last cores first; default: not pinned)\n"
	"  --tag K=V      attach a tag to the run (repeatable)\n"
	"  --json         print the result as JSON\n"
	"  --timeout SEC  per-benchmark watchdog (default 60)\n"
	"  --batches N    measured batches per benchmark, 1..1000 (default 15)\n"
	"  --mem MB       guest RAM of every boot, 16..65536 (default: what each benchmark\n"
	"                 needs); tlb-nested refuses the working sets that do not fit\n"
	"                 (needs-more-ram), so a small value gives a reduced TLB sweep\n"
	"  --refhv PATH, --guest PATH  override the built refhv / guest image\n";

#ifdef __x86_64__
#define HOST_ARCH "x86_64"
#else
#define HOST_ARCH "aarch64"
#endif

static int usage_error(const char *fmt, const char *arg)
{
	return cli_usage_error("run", run_usage, fmt, arg);
}

/* Splits --bench's LIST and checks each name against the table. */
static bool known_anywhere(const char *name)
{
	return benchmark_find("x86_64", name) || benchmark_find("aarch64", name);
}

static int parse_bench_list(struct run_plan *plan, const char *list, bool any_arch)
{
	char copy[1024];
	if (snprintf(copy, sizeof(copy), "%s", list) >= (int)sizeof(copy))
		return usage_error("--bench list too long: %s", list);
	plan->bench_count = 0;
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		const struct benchmark_info *bench = benchmark_find(plan->arch, name);
		if (!bench && any_arch && known_anywhere(name))
			continue;   /* checked again per test-bed architecture */
		if (!bench) {
			char message[256];
			snprintf(message, sizeof(message),
				 "unknown benchmark '%%s' for %s (see 'hvbench list')", plan->arch);
			return cli_usage_error("run", run_usage, message, name);
		}
		if (plan->bench_count == sizeof(plan->benches) / sizeof(plan->benches[0]))
			return usage_error("too many benchmarks in %s", list);
		plan->benches[plan->bench_count++] = bench;
	}
	if (plan->bench_count == 0 && !any_arch)
		return usage_error("--bench needs at least one name, got '%s'", list);
	return 0;
}

/*
 * The default suite for an arch.  An emulated test-bed leaves out what
 * cannot run inside it: x86 tlb-native (it measures the real host), and
 * what needs more RAM than usual: the TLB sweep (large working sets inside
 * a TCG-emulated machine) and arm64's tlb-native in the test-bed's Linux;
 * --bench names them.
 */
static void all_benches(struct run_plan *plan, bool testbed)
{
	plan->bench_count = 0;
	for (size_t i = 0; i < benchmark_count() &&
	     plan->bench_count < sizeof(plan->benches) / sizeof(plan->benches[0]); i++) {
		const struct benchmark_info *b = benchmark_at(i);
		if (strcmp(b->arch, plan->arch) != 0)
			continue;
		if (testbed && ((b->on_host && !b->in_testbed) || b->mem_mb > BACKEND_DEFAULT_MEM_MB))
			continue;
		plan->benches[plan->bench_count++] = b;
	}
}

/* --bench's names that exist on arch (a list may mix architectures). */
static void filter_benches(struct run_plan *plan, const char *list, bool testbed)
{
	char copy[1024];
	snprintf(copy, sizeof(copy), "%s", list);
	plan->bench_count = 0;
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		const struct benchmark_info *b = benchmark_find(plan->arch, name);
		if (b && !(testbed && b->on_host && !b->in_testbed) &&
		    plan->bench_count < sizeof(plan->benches) / sizeof(plan->benches[0]))
			plan->benches[plan->bench_count++] = b;
	}
}

static void join_command_line(struct run_plan *plan, int argc, char **argv)
{
	size_t used = (size_t)snprintf(plan->command_line, sizeof(plan->command_line), "hvbench");
	for (int i = 0; i < argc && used < sizeof(plan->command_line); i++)
		used += (size_t)snprintf(plan->command_line + used, sizeof(plan->command_line) - used,
					 " %s", argv[i]);
}

#define RUN_HELP_SHOWN (-1) /* parse_options: --help was asked for */

struct run_request;
static int study_options(struct run_plan *plan, struct run_request *req);

struct run_request {
	const char *backend;   /* NULL: best; "all" */
	const char *testbed;   /* NULL: this host; a test-bed name or "all" */
	bool arch_given;
	const char *bench_list;
	const char *refhv, *guest;
	const char *suite;     /* NULL or "micro": the guest's benchmarks; "app" */
	bool batches_given;
	const char *study;     /* NULL or "isca16" (study/isca16.h) */
	const char *out_dir;   /* where a study writes its table and figure */
	char study_id[64];
	char study_tags[2][96];
	char study_benches[256];   /* the study's benchmarks this build has */
};

/* --study: its own benchmarks (every arch), every test-bed unless
 * --testbed says which, and two tags that tie its runs together. */
static int study_options(struct run_plan *plan, struct run_request *req)
{
	if (req->bench_list)
		return usage_error("--study runs its own benchmarks: leave out --bench %s", req->bench_list);
	if (req->suite && strcmp(req->suite, "micro") != 0)
		return usage_error("--study runs microbenchmarks, not --suite %s", req->suite);
	if (req->arch_given)
		return usage_error("--study runs both architectures: leave out --arch %s", plan->arch);
	if (plan->tag_count + 2 > RUN_MAX_TAGS)
		return usage_error("too many tags for --study%s", "");
	char why[256];
	if (req->testbed && isca16_check_testbeds(req->testbed, why, sizeof(why)) != 0)
		return usage_error("--testbed: %s", why);
	/* a row whose benchmark this build lacks stays in the table, "missing" */
	char all[256];
	size_t used = 0;
	snprintf(all, sizeof(all), "%s", isca16_bench_list());
	for (char *save = NULL, *name = strtok_r(all, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (known_anywhere(name))
			used += (size_t)snprintf(req->study_benches + used, sizeof(req->study_benches) - used,
						 "%s%s", used ? "," : "", name);
	req->bench_list = req->study_benches;
	isca16_new_id(req->study_id, sizeof(req->study_id));
	snprintf(req->study_tags[0], sizeof(req->study_tags[0]), "study=%s", req->study);
	snprintf(req->study_tags[1], sizeof(req->study_tags[1]), "study_id=%s", req->study_id);
	plan->tags[plan->tag_count++] = req->study_tags[0];
	plan->tags[plan->tag_count++] = req->study_tags[1];
	return 0;
}

static int parse_options(int argc, char **argv, struct run_plan *plan, struct run_request *req)
{
	enum { OPT_BACKEND = 256, OPT_TESTBED, OPT_ARCH, OPT_BENCH, OPT_DB, OPT_VCPUS, OPT_PIN, OPT_TAG,
	       OPT_JSON, OPT_TIMEOUT, OPT_BATCHES, OPT_REFHV, OPT_GUEST, OPT_SUITE, OPT_STUDY,
	       OPT_OUT, OPT_MEM };
	static const struct option options[] = {
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "testbed", required_argument, NULL, OPT_TESTBED },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "bench", required_argument, NULL, OPT_BENCH },
		{ "db", required_argument, NULL, OPT_DB },
		{ "vcpus", required_argument, NULL, OPT_VCPUS },
		{ "pin", required_argument, NULL, OPT_PIN },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "batches", required_argument, NULL, OPT_BATCHES },
		{ "mem", required_argument, NULL, OPT_MEM },
		{ "refhv", required_argument, NULL, OPT_REFHV },
		{ "guest", required_argument, NULL, OPT_GUEST },
		{ "suite", required_argument, NULL, OPT_SUITE },
		{ "study", required_argument, NULL, OPT_STUDY },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long value;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_BACKEND:
			if (strcmp(optarg, "all") != 0 && !backend_find(optarg, NULL))
				return usage_error("unknown backend '%s' (refhv, qemu-kvm, qemu-tcg or all)", optarg);
			req->backend = optarg;
			break;
		case OPT_TESTBED:
			if (!strchr(optarg, ',') && !backend_testbed_known(optarg))
				return usage_error("unknown test-bed '%s' (see 'hvbench testbed list'; "
						   "all, all@trixie)", optarg);
			req->testbed = optarg;
			break;
		case OPT_ARCH:
			req->arch_given = true;
			if (strcmp(optarg, "x86_64") != 0 && strcmp(optarg, "aarch64") != 0)
				return usage_error("unknown arch '%s' (x86_64 or aarch64)", optarg);
			plan->arch = optarg;
			break;
		case OPT_BENCH: req->bench_list = optarg; break;
		case OPT_DB:
			if (!*optarg)
				return usage_error("--db needs a file name%s", "");
			plan->db_path = optarg;
			break;
		case OPT_VCPUS:
			if (!cli_parse_ulong(optarg, 1, 64, &value))
				return usage_error("--vcpus wants 1..64, got '%s'", optarg);
			plan->vcpus = (unsigned)value;
			break;
		case OPT_PIN:
			if (strcmp(optarg, "auto") == 0) {
				plan->pin_auto = true;
				break;
			}
			plan->pin_auto = false;
			plan->pin_count = cli_parse_cpu_list(optarg, plan->pin_cpus, CLI_MAX_CPUS);
			if (plan->pin_count <= 0)
				return usage_error("--pin wants a CPU list such as 1 or 0-1,3, got '%s'", optarg);
			plan->pin = optarg;
			break;
		case OPT_TAG:
			if (!cli_valid_tag(optarg))
				return usage_error("--tag wants KEY=VALUE, got '%s'", optarg);
			if (plan->tag_count == RUN_MAX_TAGS)
				return usage_error("too many tags at '%s'", optarg);
			plan->tags[plan->tag_count++] = optarg;
			break;
		case OPT_JSON: plan->json = true; break;
		case OPT_TIMEOUT:
			if (!cli_parse_ulong(optarg, 1, 86400, &value))
				return usage_error("--timeout wants seconds 1..86400, got '%s'", optarg);
			plan->timeout_s = (unsigned)value;
			break;
		case OPT_BATCHES:
			if (!cli_parse_ulong(optarg, 1, 1000, &value))
				return usage_error("--batches wants 1..1000, got '%s'", optarg);
			plan->batches = (unsigned)value;
			req->batches_given = true;
			break;
		case OPT_MEM:
			if (!cli_parse_ulong(optarg, 16, 65536, &value))
				return usage_error("--mem wants MiB 16..65536, got '%s'", optarg);
			plan->mem_mb = (unsigned)value;
			break;
		case OPT_REFHV: req->refhv = optarg; break;
		case OPT_GUEST: req->guest = optarg; break;
		case OPT_SUITE:
			if (strcmp(optarg, "micro") != 0 && strcmp(optarg, "app") != 0)
				return usage_error("unknown suite '%s' (micro or app)", optarg);
			req->suite = optarg;
			break;
		case OPT_STUDY:
			if (strcmp(optarg, ISCA16_STUDY) != 0)
				return usage_error("unknown study '%s' (isca16)", optarg);
			req->study = optarg;
			break;
		case OPT_OUT:
			if (!*optarg)
				return usage_error("--out needs a directory%s", "");
			req->out_dir = optarg;
			break;
		case 'h': return RUN_HELP_SHOWN;
		case ':': return usage_error("option %s needs a value", argv[optind - 1]);
		default: return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (req->testbed && strchr(req->testbed, ',') && !req->study)
		return usage_error("--testbed takes one name or all (a list goes with --study), not '%s'",
				   req->testbed);
	if (plan->pin_auto) {
		char why[160];
		if (pin_auto_choose(plan->vcpus, plan->pin_cpus, CLI_MAX_CPUS, plan->pin_text,
				    sizeof(plan->pin_text), why, sizeof(why)) != 0)
			return usage_error("--pin auto: %s", why);
		plan->pin_count = (int)plan->vcpus;
		plan->pin = plan->pin_text;
	}
	if (req->study) {
		int status = study_options(plan, req);
		if (status != 0)
			return status;
	} else if (req->out_dir) {
		return usage_error("--out goes with --study%s", "");
	}
	if (req->suite && strcmp(req->suite, "app") == 0)
		return 0;   /* app_suite.c checks its own --bench names */
	if (req->bench_list)
		return parse_bench_list(plan, req->bench_list,
					(req->testbed || req->study) && !req->arch_given);
	all_benches(plan, req->testbed != NULL);
	if (plan->bench_count == 0)
		return usage_error("no benchmarks known for arch %s", plan->arch);
	return 0;
}

/* The test-bed rows asked for: one name, or "all" (optionally one arch). */
static int choose_testbeds(const struct run_request *req, const char *arch,
			   const struct backend **chosen, size_t max)
{
	size_t count = 0;
	for (size_t i = 0; i < backend_count() && count < max; i++) {
		const struct backend *b = backend_at(i);
		if (!backend_testbed_matches(b, req->testbed))
			continue;
		if (req->arch_given && strcmp(b->arch, arch) != 0)
			continue;
		if (req->backend && strcmp(req->backend, "all") != 0 && strcmp(req->backend, b->name) != 0)
			continue;
		chosen[count++] = b;
	}
	if (count == 0)
		fprintf(stderr, "hvbench run: no test-bed matches --testbed %s%s%s\n", req->testbed,
			req->backend ? " --backend " : "", req->backend ? req->backend : "");
	return count ? (int)count : -1;
}

/* The backends this invocation runs; returns how many, or -1 (message printed). */
static int choose_backends(const struct run_plan *plan, const struct run_request *req,
			   const struct backend **chosen, size_t max)
{
	char reason[BACKEND_REASON_MAX];
	const char *wanted = req->backend;
	if (req->study) {
		int count = isca16_choose_backends(&plan->host, req->testbed ? req->testbed : "all",
						   !req->testbed, chosen, max, reason, sizeof(reason));
		if (count < 0)
			fprintf(stderr, "hvbench run --study: %s\n", reason);
		return count;
	}
	if (req->testbed)
		return choose_testbeds(req, plan->arch, chosen, max);
	if (!wanted) {
		const struct backend *best = backend_best(&plan->host, plan->arch);
		if (!best) {
			fprintf(stderr, "hvbench run: no usable backend for %s here (see 'hvbench list')\n",
				plan->arch);
			return -1;
		}
		chosen[0] = best;
		return 1;
	}
	if (strcmp(wanted, "all") != 0) {
		const struct backend *b = backend_find(wanted, plan->arch);
		if (!b || b->testbed_script) {
			fprintf(stderr, "hvbench run: backend %s does not run %s guests on this host%s\n",
				wanted, plan->arch, b ? " (it is a test-bed: use --testbed)" : "");
			return -1;
		}
		if (!b->usable(b, &plan->host, reason, sizeof(reason))) {
			fprintf(stderr, "hvbench run: backend %s is not usable here: %s\n", b->name, reason);
			return -1;
		}
		chosen[0] = b;
		return 1;
	}
	size_t count = 0;
	for (size_t i = 0; i < backend_count() && count < max; i++) {
		const struct backend *b = backend_at(i);
		if (strcmp(b->arch, plan->arch) != 0 || b->testbed_script)
			continue;
		if (b->usable(b, &plan->host, reason, sizeof(reason)))
			chosen[count++] = b;
		else
			fprintf(stderr, "hvbench run: skipping backend %s: %s\n", b->name, reason);
	}
	if (count == 0)
		fprintf(stderr, "hvbench run: no usable backend for %s here (see 'hvbench list')\n",
			plan->arch);
	return count ? (int)count : -1;
}

/*
 * The plan for the architecture a backend runs: the same options, that
 * arch's guest image and its hash, and the benchmarks that exist there.
 * Returns 0, or -1 (message printed).
 */
static int plan_for_arch(struct run_plan *out, const struct run_plan *base, const char *arch,
			 const struct run_request *req)
{
	*out = *base;
	out->arch = arch;
	bool same_arch = strcmp(arch, base->arch) == 0;
	if (!same_arch) {
		/* --guest names the image of the arch asked for, not of the other one. */
		if (paths_locate(&out->paths, arch, req->refhv, NULL) != 0) {
			fprintf(stderr, "hvbench run: cannot read /proc/self/exe\n");
			return -1;
		}
		int hash_error = sha256_file_hex(out->paths.guest, out->guest_sha256);
		if (hash_error) {
			fprintf(stderr, "hvbench run: guest %s: %s (build it with 'make')\n",
				out->paths.guest, strerror(-hash_error));
			return -1;
		}
	}
	if (req->bench_list)
		filter_benches(out, req->bench_list, req->testbed != NULL);
	else
		all_benches(out, req->testbed != NULL);
	if (out->bench_count == 0) {
		fprintf(stderr, "hvbench run: none of the benchmarks asked for exist on %s\n", arch);
		return -1;
	}
	return 0;
}

/* The benchmarks that measure the host itself (on_host: tlb-native) are the
 * same whatever the backend: the first run of an invocation stores them. */
static bool has_host_benches(const struct run_plan *plan)
{
	for (size_t i = 0; i < plan->bench_count; i++)
		if (plan->benches[i]->on_host)
			return true;
	return false;
}

static void drop_host_benches(struct run_plan *plan)
{
	size_t kept = 0;
	for (size_t i = 0; i < plan->bench_count; i++)
		if (!plan->benches[i]->on_host)
			plan->benches[kept++] = plan->benches[i];
	plan->bench_count = kept;
}

/* Where run i went: the database, or the recovery file once the store
 * moved there (store.h). */
static const char *stored_where(const struct run_plan *plan, const char *recovery)
{
	return recovery ? recovery : plan->db_path;
}

static int run_all(struct run_plan *plan, const struct run_request *req,
		   const struct backend **chosen, size_t count)
{
	struct hvb_store *store;
	char err[1024];
	if (hvb_store_open_writer(plan->db_path, &store, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench run: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	if (hvb_store_recovery_path(store)) {
		hvb_store_recovery_notice(store, err, sizeof(err));
		progress_message(plan->progress, "hvbench run: %s", err);
	}
	struct run_outcome outcomes[16];
	const char *where[16] = { NULL };
	struct run_plan *arch_plan = malloc(sizeof(*arch_plan));
	int status = CLI_EXIT_OK;
	bool host_measured = false;   /* tlb-native & co: once per invocation */
	size_t ran = 0;               /* fewer than count when interrupted */
	for (size_t i = 0; i < count && arch_plan && !interrupt_pending(); i++) {
		ran = i + 1;
		memset(&outcomes[i], 0, sizeof(outcomes[i]));
		outcomes[i].backend = chosen[i];
		if (plan_for_arch(arch_plan, plan, chosen[i]->arch, req) != 0) {
			status = CLI_EXIT_FAIL;
			continue;
		}
		if (chosen[i]->batch_script) {
			/* a test-bed's natives (in_testbed) are its own, measured in each */
		} else if (host_measured) {
			drop_host_benches(arch_plan);
		} else {
			host_measured = has_host_benches(arch_plan);
		}
		if (arch_plan->bench_count == 0) {
			progress_message(plan->progress, "hvbench run: %s: nothing left to run (the host's own benchmarks "
				"are stored once, with the first run)", chosen[i]->name);
			continue;
		}
		if (run_backend(store, arch_plan, chosen[i], &outcomes[i]) != 0 ||
		    outcomes[i].status != HVB_RUN_COMPLETE)
			status = CLI_EXIT_FAIL;
		where[i] = stored_where(plan, hvb_store_recovery_path(store));
		progress_clear(plan->progress);
		if (!plan->json && outcomes[i].run_id > 0)
			run_print_table(store, arch_plan, &outcomes[i]);
		fflush(stdout);
	}
	free(arch_plan);
	progress_clear(plan->progress);
	if (plan->json)
		run_print_json(store, plan, outcomes, ran);
	for (size_t i = 0; i < ran; i++)
		if (where[i] && outcomes[i].run_id > 0)
			fprintf(plan->json ? stderr : stdout, "run %lld %s in %s\n",
				(long long)outcomes[i].run_id,
				outcomes[i].status == HVB_RUN_INCOMPLETE ? "(partial) stored" : "stored",
				where[i]);
	if (hvb_store_recovery_path(store)) {
		hvb_store_recovery_notice(store, err, sizeof(err));
		fprintf(stderr, "hvbench run: %s\n", err);
		status = CLI_EXIT_NOT_STORED;
	}
	hvb_store_close(store);
	return status;
}

/* --suite app: application benchmarks in a Linux guest (app_suite.c). */
static int run_app_suite(struct run_plan *plan, const struct run_request *req)
{
	struct app_request app = { req->backend, req->testbed, req->bench_list,
				   req->batches_given ? plan->batches : APP_DEFAULT_REPS };
	if (app.reps > APP_MAX_REPS)
		return usage_error("--suite app takes at most 20 repetitions (--batches)%s", "");
	if (paths_locate(&plan->paths, plan->arch, req->refhv, NULL) != 0) {
		fprintf(stderr, "hvbench run: cannot read /proc/self/exe\n");
		return CLI_EXIT_FAIL;
	}
	backend_host_probe(&plan->host, plan->paths.refhv, plan->paths.testbeds);
	return app_suite_run(plan, &app);
}

int hvb_cmd_run(int argc, char **argv)
{
	struct run_plan *plan = calloc(1, sizeof(*plan));
	struct run_request req = { 0 };
	if (!plan) {
		fprintf(stderr, "hvbench run: out of memory\n");
		return CLI_EXIT_FAIL;
	}
	plan->arch = HOST_ARCH;
	plan->db_path = hvb_default_db_path();
	plan->vcpus = 1;
	plan->timeout_s = RUN_DEFAULT_TIMEOUT_S;
	plan->batches = RUN_DEFAULT_BATCHES;
	join_command_line(plan, argc, argv);

	int status = parse_options(argc, argv, plan, &req);
	struct progress progress;
	progress_init(&progress, stderr, plan->json);
	plan->progress = &progress;
	if (status != 0) {
		free(plan);
		if (status == RUN_HELP_SHOWN)
			fputs(run_usage, stdout);
		return status == RUN_HELP_SHOWN ? CLI_EXIT_OK : status;
	}
	/* SIGINT/SIGTERM from here on: children ended, the finished benchmarks
	 * stored as a partial run, then the signal ends hvbench (interrupt.h). */
	sigset_t saved_mask;
	interrupt_block(&saved_mask);
	if (req.suite && strcmp(req.suite, "app") == 0) {
		status = run_app_suite(plan, &req);
		free(plan);
		interrupt_end(&saved_mask);
		return status;
	}
	status = CLI_EXIT_FAIL;
	const struct backend *chosen[16];
	int count;
	int hash_error;
	if (paths_locate(&plan->paths, plan->arch, req.refhv, req.guest) != 0) {
		fprintf(stderr, "hvbench run: cannot read /proc/self/exe\n");
	} else if ((hash_error = sha256_file_hex(plan->paths.guest, plan->guest_sha256)) != 0) {
		fprintf(stderr, "hvbench run: guest %s: %s%s\n", plan->paths.guest, strerror(-hash_error),
			req.guest ? "" : " (build it with 'make')");
	} else {
		backend_host_probe(&plan->host, plan->paths.refhv, plan->paths.testbeds);
		count = choose_backends(plan, &req, chosen, sizeof(chosen) / sizeof(chosen[0]));
		if (count > 0) {
			host_env_capture(&plan->env);
			status = run_all(plan, &req, chosen, (size_t)count);
			host_env_free(&plan->env);
			if (req.study && isca16_report(plan->db_path, req.study_id,
						       req.out_dir ? req.out_dir : "results", stdout) != 0)
				status = CLI_EXIT_FAIL;
		}
	}
	free(plan);
	interrupt_end(&saved_mask);
	return status;
}
