/*
 * app_machine.h - a machine of the application suite (a QEMU guest, or
 * the native chroot) running in the background under `timeout`, its own
 * process group, with its console in a temporary file that the harness
 * reads line by line while it drives load from the host.
 */
#ifndef HVB_APP_MACHINE_H
#define HVB_APP_MACHINE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "util/proc.h"

struct app_machine {
	pid_t pid;                    /* 0 when not running */
	int console_fd;               /* read side of the console file */
	char console_path[PATH_MAX];
	char partial[PROC_LINE_MAX];  /* a line still being written */
	size_t partial_len;
	size_t console_bytes;         /* read so far */
	double deadline;              /* CLOCK_MONOTONIC seconds */
};

typedef void (*app_line_fn)(void *ctx, const char *line);

/* Starts `timeout -s KILL timeout_s argv...`; 0, or -1 (message printed). */
int app_machine_start(struct app_machine *m, char *const argv[], unsigned timeout_s);

enum app_wait {
	APP_WAIT_READY,    /* "APPB ready": servers are up */
	APP_WAIT_DONE,     /* "APPB done": the plan finished */
	APP_WAIT_EXITED,   /* the machine ended before either */
	APP_WAIT_TIMEOUT,  /* the deadline passed */
	APP_WAIT_INTERRUPTED, /* SIGINT/SIGTERM is pending (interrupt.h) */
	APP_WAIT_FLOODED,  /* the console passed APP_CONSOLE_MAX bytes */
};

/* Console bytes a machine may write (a Linux boot and the suite write a
 * few hundred KiB); beyond it the machine is a flood and is stopped. */
#define APP_CONSOLE_MAX (64u << 20)

/* Feeds every new console line to fn until one of the above happens. */
enum app_wait app_machine_wait(struct app_machine *m, app_line_fn fn, void *ctx);

/* Ends the machine's process group (TERM, then KILL) and removes the console file. */
void app_machine_stop(struct app_machine *m);

#endif
