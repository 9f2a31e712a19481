/*
 * cli.c - option-value parsing shared by the hvbench subcommands.
 */
#include "util/cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cli_parse_ulong(const char *text, unsigned long min, unsigned long max,
		     unsigned long *out)
{
	if (!text || !isdigit((unsigned char)text[0]))
		return false;
	errno = 0;
	char *end;
	unsigned long value = strtoul(text, &end, 10);
	if (errno || *end != '\0' || value < min || value > max)
		return false;
	*out = value;
	return true;
}

/* Reads one CPU number at *p, advancing *p; -1 when there is none. */
static long read_cpu_number(const char **p)
{
	if (!isdigit((unsigned char)**p))
		return -1;
	long value = 0;
	while (isdigit((unsigned char)**p)) {
		value = value * 10 + (**p - '0');
		if (value >= CLI_MAX_CPUS)
			return -1;
		(*p)++;
	}
	return value;
}

int cli_parse_cpu_list(const char *text, int *cpus, int max)
{
	bool seen[CLI_MAX_CPUS] = { false };
	const char *p = text;
	if (!p || !*p)
		return -1;
	for (;;) {
		long first = read_cpu_number(&p);
		if (first < 0)
			return -1;
		long last = first;
		if (*p == '-') {
			p++;
			last = read_cpu_number(&p);
			if (last < first)
				return -1;
		}
		for (long cpu = first; cpu <= last; cpu++)
			seen[cpu] = true;
		if (*p == '\0')
			break;
		if (*p != ',')
			return -1;
		p++;
	}
	int count = 0;
	for (int cpu = 0; cpu < CLI_MAX_CPUS; cpu++) {
		if (!seen[cpu])
			continue;
		if (count == max)
			return -1;
		cpus[count++] = cpu;
	}
	return count;
}

bool cli_valid_tag(const char *text)
{
	const char *eq = strchr(text, '=');
	if (!eq || eq == text || eq[1] == '\0')
		return false;
	for (const char *c = text; c < eq; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '.' && *c != '-')
			return false;
	for (const char *c = eq + 1; *c; c++)
		if (iscntrl((unsigned char)*c))
			return false;
	return true;
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "hvbench%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return CLI_EXIT_USAGE;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}
