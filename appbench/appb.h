/*
 * appb.h - the pieces the `appb` workload programs share: the subcommand
 * table's entry type, the result line, clocks, and small TCP helpers.
 *
 * `appb` is one static binary (built from the C files of appbench/) so the same file
 * runs in the Linux guest, in the native chroot and as the host-side load
 * generator.  Its results go to stdout as one line per measurement:
 *   APPB result bench=app-NAME unit=UNIT better=higher|lower value=V
 * which the harness (harness/app_*.c) parses.
 */
#ifndef APPB_H
#define APPB_H

#include <stddef.h>
#include <sys/types.h>

struct appb_command {
	const char *name;
	const char *usage;      /* arguments, for the help text */
	int (*run)(int argc, char **argv);   /* argv[0] is the subcommand */
};

/* Seconds on CLOCK_MONOTONIC. */
double appb_now(void);

/* Prints one result line (and flushes). */
void appb_result(const char *bench, const char *unit, const char *better, double value);

/* Prints "appb NAME: message" (with strerror when errno_too) and returns 1. */
int appb_fail(const char *name, const char *message, int errno_too);

/* Parses a positive integer argument; returns -1 when it is not one. */
long appb_number(const char *text);

/* TCP on IPv4 with TCP_NODELAY: a listening socket on 0.0.0.0:port, or a
 * connected one to host:port (dotted quad).  -1 on error (errno set). */
int appb_listen(int port);
int appb_connect(const char *host, int port);

/* Writes/reads exactly len bytes; 0, or -1 on error or early EOF. */
int appb_write_all(int fd, const void *buf, size_t len);
int appb_read_all(int fd, void *buf, size_t len);

/* The subcommands (one file each). */
int appb_hackbench(int argc, char **argv);
int appb_kernbench(int argc, char **argv);
int appb_net_serve(int argc, char **argv);
int appb_net_rr(int argc, char **argv);
int appb_net_stream(int argc, char **argv);
int appb_kvload(int argc, char **argv);

#endif
