/*
 * cmd_overhead.c - `hvbench overhead`: is refhv any slower than a bare
 * KVM_RUN loop?  Runs the rounds interleaved over kvm-floor, refhv and
 * qemu-kvm (overhead_boot.c), prints medians, spreads and the ratio to the
 * floor per benchmark, the start-up times and the userspace time per exit
 * (overhead_user.c); stores the runs (overhead_store.c).  See overhead.h for the method.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "overhead/overhead.h"
#include "stats/stats.h"

static const char overhead_usage[] =
	"usage: hvbench overhead [--rounds N] [--db FILE] [--batches N] [--batch-ticks N]\n"
	"                        [--pin CPUS] [--timeout SEC] [--refhv P] [--guest P] [--floor P]\n"
	"                        [--no-userspace]\n"
	"  Boots the same guest on kvm-floor (a bare KVM_RUN loop), refhv and qemu-kvm,\n"
	"  interleaved, once per round each, and compares pio-out-user, mmio-write-user\n"
	"  and cpuid (in-guest TSC, net of the empty loop) and the start-up time; a third\n"
	"  boot per round, under a kernel trace, gives each VMM's userspace time per exit.\n"
	"  --rounds N       rounds, 1..1000 (default 30)\n"
	"  --db FILE        results database (default: $HVBENCH_DB, else ./hvbench.db)\n"
	"  --batches N      measured batches per benchmark and round (default 10)\n"
	"  --batch-ticks N  TSC ticks a batch lasts at least (default 16777216)\n"
	"  --pin CPUS       pin every target's whole process to these CPUs\n"
	"  --timeout SEC    per-boot watchdog (default 60)\n"
	"  --refhv P, --guest P, --floor P  override the built refhv / guest / kvm-floor\n"
	"  --no-userspace   skip the traced boots (tracing needs root and tracefs)\n";

#define HELP_SHOWN (-1)

static int usage_error(const char *fmt, const char *arg)
{
	return cli_usage_error("overhead", overhead_usage, fmt, arg);
}

static int parse_options(int argc, char **argv, struct ovh_study *study)
{
	enum { OPT_ROUNDS = 256, OPT_DB, OPT_BATCHES, OPT_BATCH_TICKS, OPT_PIN, OPT_TIMEOUT,
	       OPT_REFHV, OPT_GUEST, OPT_FLOOR, OPT_NO_USERSPACE };
	static const struct option options[] = {
		{ "rounds", required_argument, NULL, OPT_ROUNDS },
		{ "db", required_argument, NULL, OPT_DB },
		{ "batches", required_argument, NULL, OPT_BATCHES },
		{ "batch-ticks", required_argument, NULL, OPT_BATCH_TICKS },
		{ "pin", required_argument, NULL, OPT_PIN },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "refhv", required_argument, NULL, OPT_REFHV },
		{ "guest", required_argument, NULL, OPT_GUEST },
		{ "floor", required_argument, NULL, OPT_FLOOR },
		{ "no-userspace", no_argument, NULL, OPT_NO_USERSPACE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long value;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_ROUNDS:
			if (!cli_parse_ulong(optarg, 1, OVH_MAX_ROUNDS, &value))
				return usage_error("--rounds wants 1..1000, got '%s'", optarg);
			study->rounds = (unsigned)value;
			break;
		case OPT_DB:
			if (!*optarg)
				return usage_error("--db needs a file name%s", "");
			study->db_path = optarg;
			break;
		case OPT_BATCHES:
			if (!cli_parse_ulong(optarg, 1, 1000, &value))
				return usage_error("--batches wants 1..1000, got '%s'", optarg);
			study->batches = (unsigned)value;
			break;
		case OPT_BATCH_TICKS:
			if (!cli_parse_ulong(optarg, 1, 1ul << 40, &value))
				return usage_error("--batch-ticks wants 1..2^40, got '%s'", optarg);
			study->batch_ticks = value;
			break;
		case OPT_PIN:
			study->pin_count = cli_parse_cpu_list(optarg, study->pin_cpus, CLI_MAX_CPUS);
			if (study->pin_count <= 0)
				return usage_error("--pin wants a CPU list such as 1 or 0-1, got '%s'", optarg);
			study->pin = optarg;
			break;
		case OPT_TIMEOUT:
			if (!cli_parse_ulong(optarg, 1, 86400, &value))
				return usage_error("--timeout wants seconds 1..86400, got '%s'", optarg);
			study->timeout_s = (unsigned)value;
			break;
		case OPT_REFHV: study->refhv_override = optarg; break;
		case OPT_GUEST: study->guest_override = optarg; break;
		case OPT_FLOOR: study->floor_override = optarg; break;
		case OPT_NO_USERSPACE: study->no_userspace = true; break;
		case 'h': return HELP_SHOWN;
		case ':': return usage_error("option %s needs a value", argv[optind - 1]);
		default: return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	return 0;
}

/* The floor sits beside hvbench (build/bin/kvm-floor) unless --floor says otherwise. */
static void locate_floor(struct ovh_study *study)
{
	int n = study->floor_override
		? snprintf(study->floor_path, sizeof(study->floor_path), "%s", study->floor_override)
		: snprintf(study->floor_path, sizeof(study->floor_path), "%s/kvm-floor",
			   study->paths.bin_dir);
	if (n < 0 || (size_t)n >= sizeof(study->floor_path))
		study->floor_path[0] = '\0';   /* too long: reported as not built */
}

static void choose_targets(struct ovh_study *study)
{
	const char *names[OVH_TARGETS] = { OVH_FLOOR_NAME, "refhv", "qemu-kvm" };
	for (size_t t = 0; t < OVH_TARGETS; t++) {
		struct ovh_target *target = &study->targets[t];
		target->name = names[t];
		target->backend = t ? backend_find(names[t], "x86_64") : NULL;
		if (target->backend) {
			target->usable = target->backend->usable(target->backend, &study->host,
								 target->reason, sizeof(target->reason));
		} else if (!paths_is_executable(study->floor_path)) {
			snprintf(target->reason, sizeof(target->reason), "%.200s not built", study->floor_path);
		} else if (!study->host.kvm_usable) {
			snprintf(target->reason, sizeof(target->reason), "%s", study->host.kvm_reason);
		} else {
			target->usable = true;
		}
		if (!target->usable)
			fprintf(stderr, "hvbench overhead: skipping %s: %s\n", target->name, target->reason);
	}
}

static void run_rounds(struct ovh_study *study)
{
	for (unsigned round = 0; round < study->rounds; round++) {
		fprintf(stderr, "\rhvbench overhead: round %u/%u", round + 1, study->rounds);
		for (size_t t = 0; t < OVH_TARGETS; t++)
			if (study->targets[t].usable)
				ovh_measure_round(study, t, round);
	}
	fprintf(stderr, "\n");
}

/* The median of the rounds' op values (the loop's overhead included). */
static double gross_median(const struct ovh_study *study, size_t t, size_t b)
{
	double op[OVH_MAX_ROUNDS], median;
	size_t n = ovh_valid(study->series[t][b].op, study->rounds, op);
	return n && hvb_median(op, n, &median) == 0 ? median : NAN;
}

/* The per-round ratios op(t) / op(floor), gross, summarised: the rounds are
 * interleaved, so each pair shares the machine's state of that moment,
 * which the ratio of two medians does not use. */
static int paired_ratio(const struct ovh_study *study, size_t t, size_t b, struct hvb_stats *out)
{
	double ratio[OVH_MAX_ROUNDS];
	size_t n = 0;
	const double *op = study->series[t][b].op, *floor_op = study->series[0][b].op;
	for (unsigned r = 0; r < study->rounds; r++)
		if (op[r] > 0 && floor_op[r] > 0)
			ratio[n++] = op[r] / floor_op[r];
	return n ? hvb_stats_compute(ratio, n, out) : -1;
}

static void print_bench_table(const struct ovh_study *study)
{
	double mhz = (double)study->env.tsc.hz / 1e6;
	printf("\nexit cost, in-guest TSC (%.1f MHz), net of the empty loop; median of round medians\n",
	       mhz);
	printf("%-16s %-10s %6s %10s %9s %19s %6s %6s %7s %9s %7s %7s %13s\n", "benchmark", "backend",
	       "rounds", "median cyc", "median us", "p25-p75 us", "IQR%", "CV%", "ratio", "gross cyc",
	       "gross", "paired", "p25-p75");
	for (size_t b = 0; b < OVH_BENCHES; b++) {
		struct hvb_stats floor_stats;
		bool have_floor = ovh_net_stats(study, 0, b, &floor_stats) == 0;
		for (size_t t = 0; t < OVH_TARGETS; t++) {
			struct hvb_stats s;
			if (!study->targets[t].usable || ovh_net_stats(study, t, b, &s) != 0) {
				printf("%-16s %-10s %6s %10s\n", ovh_bench_names[b], study->targets[t].name,
				       "0", "-");
				continue;
			}
			char ratio[16] = "-", gross_ratio[16] = "-";
			double gross = gross_median(study, t, b), floor_gross = gross_median(study, 0, b);
			if (have_floor && floor_stats.median > 0)
				snprintf(ratio, sizeof(ratio), "%.3f", s.median / floor_stats.median);
			if (floor_gross > 0)
				snprintf(gross_ratio, sizeof(gross_ratio), "%.3f", gross / floor_gross);
			char iqr[32], paired[16] = "-", paired_iqr[32] = "-";
			snprintf(iqr, sizeof(iqr), "%.3f-%.3f", s.p25 / mhz, s.p75 / mhz);
			struct hvb_stats pairs;
			if (paired_ratio(study, t, b, &pairs) == 0) {
				snprintf(paired, sizeof(paired), "%.3f", pairs.median);
				snprintf(paired_iqr, sizeof(paired_iqr), "%.3f-%.3f", pairs.p25, pairs.p75);
			}
			printf("%-16s %-10s %6zu %10.1f %9.3f %19s %6.1f %6.1f %7s %9.1f %7s %7s %13s\n",
			       ovh_bench_names[b], study->targets[t].name, s.n, s.median, s.median / mhz,
			       iqr, 100.0 * (s.p75 - s.p25) / s.median, 100.0 * s.cv, ratio, gross,
			       gross_ratio, paired, paired_iqr);
		}
	}
}

static void print_startup_cells(const double *values, unsigned rounds)
{
	double valid[OVH_MAX_ROUNDS];
	struct hvb_stats s;
	size_t n = ovh_valid(values, rounds, valid);
	if (n == 0 || hvb_stats_compute(valid, n, &s) != 0) {
		printf(" %9s %17s", "-", "-");
		return;
	}
	char iqr[32];
	snprintf(iqr, sizeof(iqr), "%.2f-%.2f", s.p25 / 1e3, s.p75 / 1e3);
	printf(" %9.2f %17s", s.median / 1e3, iqr);
}

static void print_startup_table(const struct ovh_study *study)
{
	printf("\nstart-up, from launch (ms; median and p25-p75 over the rounds)\n");
	printf("%-10s %9s %17s %9s %17s\n", "backend", "to hello", "p25-p75", "to exit", "p25-p75");
	for (size_t t = 0; t < OVH_TARGETS; t++) {
		if (!study->targets[t].usable)
			continue;
		printf("%-10s", study->targets[t].name);
		print_startup_cells(study->startup[t].first_record_us, study->rounds);
		print_startup_cells(study->startup[t].exit_us, study->rounds);
		printf("\n");
	}
	for (size_t t = 0; t < OVH_TARGETS; t++)
		if (study->targets[t].usable && study->failed_boots[t])
			printf("%s: %u of %u rounds had a failed boot (left out)\n",
			       study->targets[t].name, study->failed_boots[t], study->rounds);
}

static void join_command_line(struct ovh_study *study, int argc, char **argv)
{
	size_t used = (size_t)snprintf(study->command_line, sizeof(study->command_line), "hvbench");
	for (int i = 0; i < argc && used < sizeof(study->command_line); i++)
		used += (size_t)snprintf(study->command_line + used,
					 sizeof(study->command_line) - used, " %s", argv[i]);
}

/* The traced boots need the tracer and a TSC rate to turn its ticks into ns. */
static void open_tracer(struct ovh_study *study)
{
	char *reason = study->trace_reason;
	size_t len = sizeof(study->trace_reason);
	if (study->no_userspace)
		snprintf(reason, len, "--no-userspace");
	else if (study->env.tsc.hz == 0)
		snprintf(reason, len, "the TSC rate is unknown");
	else if (!study->gaps || !study->scratch)
		snprintf(reason, len, "out of memory");
	else
		study->traced = ovh_tracer_open(&study->tracer, reason, len) == 0;
	if (!study->traced)
		fprintf(stderr, "hvbench overhead: no userspace table: %s\n", reason);
}

static int run_study(struct ovh_study *study)
{
	struct hvb_store *store;
	char err[512];
	int hash_error = sha256_file_hex(study->paths.guest, study->guest_sha256);
	if (hash_error != 0) {
		fprintf(stderr, "hvbench overhead: guest %s: %s (build it with 'make')\n",
			study->paths.guest, strerror(-hash_error));
		return CLI_EXIT_FAIL;
	}
	locate_floor(study);
	backend_host_probe(&study->host, study->paths.refhv, study->paths.testbeds);
	choose_targets(study);
	if (!study->targets[0].usable || !study->targets[1].usable) {
		fprintf(stderr, "hvbench overhead: needs kvm-floor and refhv\n");
		return CLI_EXIT_FAIL;
	}
	if (hvb_store_open(study->db_path, &store, err, sizeof(err)) != 0) {
		fprintf(stderr, "hvbench overhead: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	host_env_capture(&study->env);
	open_tracer(study);
	run_rounds(study);
	if (study->traced)
		ovh_tracer_close(&study->tracer);
	print_bench_table(study);
	print_startup_table(study);
	ovh_print_userspace(study);
	int status = ovh_store(store, study) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
	host_env_free(&study->env);
	hvb_store_close(store);
	return status;
}

int hvb_cmd_overhead(int argc, char **argv)
{
	struct ovh_study *study = calloc(1, sizeof(*study));
	if (!study) {
		fprintf(stderr, "hvbench overhead: out of memory\n");
		return CLI_EXIT_FAIL;
	}
	study->rounds = 30;
	study->batches = 10;
	study->batch_ticks = 1ul << 24;
	study->timeout_s = 60;
	study->db_path = hvb_default_db_path();
	join_command_line(study, argc, argv);
	int status = parse_options(argc, argv, study);
	if (status == HELP_SHOWN) {
		fputs(overhead_usage, stdout);
		status = CLI_EXIT_OK;
	} else if (status == 0 && paths_locate(&study->paths, "x86_64", study->refhv_override,
						   study->guest_override) != 0) {
		fprintf(stderr, "hvbench overhead: cannot read /proc/self/exe\n");
		status = CLI_EXIT_FAIL;
	} else if (status == 0) {
		study->gaps = malloc(sizeof(*study->gaps));
		study->scratch = malloc(OVH_GAPS_MAX * sizeof(*study->scratch));
		status = run_study(study);
	}
	free(study->gaps);
	free(study->scratch);
	free(study);
	return status;
}
