/*
 * options.c - parse refhv's command line.
 *
 *   refhv [--vcpus N] [--mem SIZE] [--backing 4k|thp|hugetlb] [--pin CPUS]
 *         [--timeout SEC] [--stats] [--trace] [--vm-switch] [--cmdline STR] GUEST
 *   refhv --devices          (the port and MMIO map, no VM)
 */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvb-abi.h"
#include "log.h"

#define MAX_CPU_NUMBER 1024

const char *parse_result_str(enum parse_result r)
{
	switch (r) {
	case PARSE_OK: return "ok";
	case PARSE_EMPTY: return "empty value";
	case PARSE_NOT_A_NUMBER: return "not a number";
	case PARSE_BAD_SUFFIX: return "unknown suffix";
	case PARSE_TOO_SMALL: return "too small";
	case PARSE_TOO_LARGE: return "too large";
	case PARSE_NOT_ALIGNED: return "not a multiple of 2M";
	case PARSE_BAD_RANGE: return "bad range";
	case PARSE_TOO_MANY: return "too many entries";
	case PARSE_DUPLICATE: return "CPU listed twice";
	}
	return "?";
}

/* A decimal unsigned number at *s; advances *s.  No sign, no spaces. */
static enum parse_result parse_decimal(const char **s, uint64_t limit, uint64_t *value)
{
	const char *p = *s;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*p))
		return PARSE_NOT_A_NUMBER;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned digit = (unsigned)(*p - '0');
		if (v > (limit - digit) / 10)
			return PARSE_TOO_LARGE;
		v = v * 10 + digit;
	}
	*s = p;
	*value = v;
	return PARSE_OK;
}

enum parse_result parse_mem_size(const char *s, uint64_t *bytes)
{
	uint64_t n, shift;
	enum parse_result r;

	if (!s || !*s)
		return PARSE_EMPTY;
	r = parse_decimal(&s, REFHV_MAX_MEM, &n);
	if (r == PARSE_TOO_LARGE)
		return r;
	if (r != PARSE_OK)
		return r;
	switch (toupper((unsigned char)*s)) {
	case 'K': shift = 10; s++; break;
	case 'M': shift = 20; s++; break;
	case 'G': shift = 30; s++; break;
	case '\0': shift = 20; break;       /* bare number: MiB */
	default: return PARSE_BAD_SUFFIX;
	}
	if (*s == 'B' || *s == 'b')
		s++;
	if (*s)
		return PARSE_BAD_SUFFIX;
	if (n > (REFHV_MAX_MEM >> shift))
		return PARSE_TOO_LARGE;
	n <<= shift;
	if (n < REFHV_MIN_MEM)
		return PARSE_TOO_SMALL;
	if (n % (2u << 20))
		return PARSE_NOT_ALIGNED;
	*bytes = n;
	return PARSE_OK;
}

enum parse_result parse_cpu_list(const char *s, int *cpus, unsigned max_cpus, unsigned *count)
{
	unsigned n = 0;

	if (!s || !*s)
		return PARSE_EMPTY;
	for (;;) {
		uint64_t first, last;
		enum parse_result r = parse_decimal(&s, MAX_CPU_NUMBER - 1, &first);
		if (r != PARSE_OK)
			return r;
		last = first;
		if (*s == '-') {
			s++;
			r = parse_decimal(&s, MAX_CPU_NUMBER - 1, &last);
			if (r != PARSE_OK)
				return r;
			if (last < first)
				return PARSE_BAD_RANGE;
		}
		for (uint64_t cpu = first; cpu <= last; cpu++) {
			if (n == max_cpus)
				return PARSE_TOO_MANY;
			for (unsigned i = 0; i < n; i++)
				if (cpus[i] == (int)cpu)
					return PARSE_DUPLICATE;
			cpus[n++] = (int)cpu;
		}
		if (*s == '\0')
			break;
		if (*s != ',')
			return PARSE_NOT_A_NUMBER;
		s++;
	}
	*count = n;
	return PARSE_OK;
}

enum parse_result parse_timeout(const char *s, double *seconds)
{
	char *end;
	double v;

	if (!s || !*s)
		return PARSE_EMPTY;
	if (!isdigit((unsigned char)*s) && *s != '.')
		return PARSE_NOT_A_NUMBER;     /* no sign, no "inf", no "nan" */
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return PARSE_NOT_A_NUMBER;
	if (v > REFHV_MAX_TIMEOUT)
		return PARSE_TOO_LARGE;
	*seconds = v;
	return PARSE_OK;
}

enum parse_result parse_vcpus(const char *s, unsigned *vcpus)
{
	uint64_t n;
	enum parse_result r;

	if (!s || !*s)
		return PARSE_EMPTY;
	r = parse_decimal(&s, UINT32_MAX, &n);
	if (r != PARSE_OK)
		return r;
	if (*s)
		return PARSE_NOT_A_NUMBER;
	if (n < 1)
		return PARSE_TOO_SMALL;
	if (n > REFHV_MAX_VCPUS)
		return PARSE_TOO_LARGE;
	*vcpus = (unsigned)n;
	return PARSE_OK;
}

enum parse_result parse_backing(const char *s, enum mem_backing *backing)
{
	if (!s || !*s)
		return PARSE_EMPTY;
	if (!strcmp(s, "4k"))
		*backing = BACKING_4K;
	else if (!strcmp(s, "thp"))
		*backing = BACKING_THP;
	else if (!strcmp(s, "hugetlb"))
		*backing = BACKING_HUGETLB;
	else
		return PARSE_BAD_SUFFIX;
	return PARSE_OK;
}

void options_usage(bool to_stdout)
{
	fprintf(to_stdout ? stdout : stderr,
		"usage: refhv [OPTIONS] GUEST\n"
		"Run one guest (an x86-64 PVH ELF) on KVM. Its console goes to stdout.\n"
		"\n"
		"  --vcpus N          vCPUs, 1..%d (default 1)\n"
		"  --mem SIZE         guest RAM, e.g. 256M, 1G (default 256M; bare number = MiB)\n"
		"  --backing KIND     4k | thp | hugetlb (default 4k)\n"
		"  --pin CPUS         pin vCPU i to the i-th CPU listed, e.g. 0,1 or 0-1\n"
		"  --timeout SEC      stop the guest after SEC seconds (fractions allowed; 0 = never)\n"
		"  --stats            print exit statistics on stderr at the end\n"
		"  --devices          print which ports and addresses refhv claims, then exit\n"
		"  --trace            print one line per exit to userspace on stderr (reason,\n"
		"                     port or address, value, pc, instruction)\n"
		"  --cmdline STR      the guest's command line\n"
		"  --vm-switch        also run a partner VM of the same guest (its command line\n"
		"                     plus vmswitch=partner, its stdout discarded) sharing the\n"
		"                     vm-switch page; every vCPU of both runs on one CPU (the\n"
		"                     first of --pin, else the last one allowed)\n"
		"  --help             this text\n"
		"\n"
		"exit status: 0 guest ok, 1 guest failed, 2 usage, 3 setup, 4 crash, 5 timeout\n",
		REFHV_MAX_VCPUS);
}

static int bad_option(const char *option, const char *value, enum parse_result r)
{
	refhv_err("%s '%s': %s", option, value, parse_result_str(r));
	return REFHV_EXIT_USAGE;
}

int options_parse(int argc, char **argv, struct refhv_options *opts, bool *exit_now)
{
	static const struct option long_options[] = {
		{ "vcpus", required_argument, NULL, 'v' },
		{ "mem", required_argument, NULL, 'm' },
		{ "backing", required_argument, NULL, 'b' },
		{ "pin", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 't' },
		{ "stats", no_argument, NULL, 's' },
		{ "devices", no_argument, NULL, 'D' },
		{ "trace", no_argument, NULL, 'T' },
		{ "vm-switch", no_argument, NULL, 'W' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *pin_list = NULL;
	unsigned pin_count = 0;
	enum parse_result r;
	int c;

	*opts = (struct refhv_options){
		.vcpus = 1, .mem_size = 256ull << 20, .backing = BACKING_4K, .cmdline = "",
	};
	*exit_now = false;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", long_options, NULL)) != -1) {
		switch (c) {
		case 'v':
			if ((r = parse_vcpus(optarg, &opts->vcpus)))
				return bad_option("--vcpus", optarg, r);
			break;
		case 'm':
			if ((r = parse_mem_size(optarg, &opts->mem_size)))
				return bad_option("--mem", optarg, r);
			break;
		case 'b':
			if ((r = parse_backing(optarg, &opts->backing)))
				return bad_option("--backing", optarg, PARSE_BAD_SUFFIX);
			break;
		case 'p':
			pin_list = optarg;
			if ((r = parse_cpu_list(optarg, opts->pin_cpus, REFHV_MAX_VCPUS, &pin_count)))
				return bad_option("--pin", optarg, r);
			break;
		case 't':
			if ((r = parse_timeout(optarg, &opts->timeout_sec)))
				return bad_option("--timeout", optarg, r);
			break;
		case 's':
			opts->stats = true;
			break;
		case 'D':
			opts->devices = true;
			break;
		case 'T':
			opts->trace = true;
			break;
		case 'W':
			opts->vm_switch = true;
			break;
		case 'c':
			if (strlen(optarg) > REFHV_MAX_CMDLINE) {
				refhv_err("--cmdline: longer than %d bytes", REFHV_MAX_CMDLINE);
				return REFHV_EXIT_USAGE;
			}
			opts->cmdline = optarg;
			break;
		case 'h':
			options_usage(true);
			*exit_now = true;
			return 0;
		default:
			refhv_err("unknown or incomplete option '%s'", argv[optind - 1]);
			options_usage(false);
			return REFHV_EXIT_USAGE;
		}
	}
	if (opts->devices && optind == argc) {
		*exit_now = true;   /* no guest needed: main prints the map */
		return 0;
	}
	if (optind != argc - 1) {
		refhv_err(optind == argc ? "no guest image given" : "more than one guest image given");
		options_usage(false);
		return REFHV_EXIT_USAGE;
	}
	opts->guest_path = argv[optind];
	if (pin_list) {
		if (pin_count < opts->vcpus) {
			refhv_err("--pin '%s' lists %u CPUs for %u vCPUs", pin_list, pin_count, opts->vcpus);
			return REFHV_EXIT_USAGE;
		}
		opts->pin = true;
	}
	return 0;
}
