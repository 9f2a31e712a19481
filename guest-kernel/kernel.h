/*
 * kernel.h - what the kernel hands to the guest program.
 *
 * The architecture's start code fills a struct boot_info and calls
 * kernel_main(), which reads the command line, opens the console, prints
 * the "HVB hello" record and then calls guest_main().  guest_main() is not
 * part of the kernel: the benchmark suite (microbench/) and each test guest
 * (tests/guests/) provide their own.
 */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdint.h>
#include "cmdline.h"

/* How the guest was started; filled by the architecture's start code. */
struct boot_info {
	const char *protocol;   /* "pvh", "multiboot", "image" */
	const char *cmdline;    /* NUL-terminated, NULL when there is none */
	uint64_t ram_end;       /* end of the RAM block holding the kernel, 0 if unknown */
};

/* What the guest found out about its machine (the "hello" record). */
struct platform {
	const char *arch;       /* "x86_64", "aarch64" */
	const char *tick;       /* the counter: "tsc", "cntvct" */
	uint64_t tick_hz;       /* its frequency, 0 when unknown */
	unsigned cpus;          /* vCPUs seen */
	const char *hv;         /* "kvm", "xen", "tcg", "other", "none", ... */
	const char *vendor;     /* "amd", "intel", "arm", "other" */
};

struct guest_env {
	const char *boot;       /* boot protocol, as in struct boot_info */
	struct platform platform;
	struct cmdline cmdline;
	uint64_t ram_end;       /* as in struct boot_info */
};

_Noreturn void kernel_main(const struct boot_info *boot);

/* Provided by the guest program; returns an HVB_GUEST_EXIT_* code. */
int guest_main(const struct guest_env *env);

#endif
