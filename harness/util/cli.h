/*
 * cli.h - small helpers the hvbench subcommands share for parsing their
 * options: numbers with ranges, CPU lists, KEY=VALUE tags and the usage
 * error convention (message on stderr, exit status 2).
 */
#ifndef HVB_CLI_H
#define HVB_CLI_H

#include <stdbool.h>
#include <stddef.h>

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2
/* run/overhead: measured, but the database refused the results; they are
 * in the recovery file named on stderr (store.h). */
#define CLI_EXIT_NOT_STORED 4

#define CLI_MAX_CPUS 1024

/* Parses a decimal integer in [min, max]; the whole string must be a number. */
bool cli_parse_ulong(const char *text, unsigned long min, unsigned long max,
		     unsigned long *out);

/*
 * Parses a CPU list such as "0-3,6,8-9" into ascending, de-duplicated CPU
 * numbers (each < CLI_MAX_CPUS).  Returns the number of CPUs, or -1 when
 * the text is malformed or more than max CPUs would be stored.
 */
int cli_parse_cpu_list(const char *text, int *cpus, int max);

/* True for "KEY=VALUE" with KEY in [A-Za-z0-9_.-]+ and a non-empty VALUE without control characters. */
bool cli_valid_tag(const char *text);

/* Prints "hvbench CMD: message" and the usage text on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True when argv (after the command name) asks for help: -h or --help. */
bool cli_wants_help(int argc, char **argv);

#endif
