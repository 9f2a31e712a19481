/*
 * backend_testbed.c - the backends driven by the scripts in testbeds/, which
 * run every benchmark in one go and frame each one (run_testbed.c reads it):
 *  - the emulated test-beds: a whole machine (Xen + Linux dom0, or Linux
 *    with KVM + refhv inside) under QEMU TCG, run.sh; their numbers are
 *    emulation costs, so every test-bed row is marked emulated;
 *  - Xen on a real dom0: xl-run.sh creates the guest with xl per benchmark
 *    (the same script the Xen test-beds use inside their dom0).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backends/backend.h"
#include "util/paths.h"
#include "util/proc.h"

#define TESTBED_VERSION_TIMEOUT_S 10.0

bool testbed_usable(const struct backend *self, const struct backend_host *host,
		    char *reason, size_t size)
{
	char run_sh[PATH_MAX + 16], qemu[64], found[PATH_MAX];
	snprintf(run_sh, sizeof(run_sh), "%s/run.sh", host->testbeds);
	if (!paths_is_executable(run_sh)) {
		snprintf(reason, size, "testbeds/run.sh not found next to hvbench");
		return false;
	}
	qemu_binary(strcmp(self->arch, "aarch64") == 0 ? "aarch64" : "x86_64", qemu, sizeof(qemu));
	if (!paths_find_program(qemu, found, sizeof(found))) {
		snprintf(reason, size, "%s not installed", qemu);
		return false;
	}
	snprintf(reason, size, "ok (emulated; built on first use: hvbench testbed build %s)",
		 self->testbed_script);
	return true;
}

void testbed_build_argv(const struct backend *self, const struct backend_launch *launch,
			struct backend_argv *args)
{
	backend_argv_addf(args, "%s/run.sh", launch->testbeds);
	backend_argv_add(args, self->testbed_script);
	if (self->kvm_mode) {
		backend_argv_add(args, "--kvm-mode");
		backend_argv_add(args, self->kvm_mode);
	}
	backend_argv_add(args, "--timeout");
	backend_argv_addf(args, "%u", launch->timeout_s);
	backend_argv_add(args, "--vcpus");
	backend_argv_addf(args, "%u", launch->vcpus);
	backend_argv_add(args, "--mem");
	backend_argv_addf(args, "%u", launch->mem_mb ? launch->mem_mb : 64);
	if (launch->backing) {
		backend_argv_add(args, "--backing");
		backend_argv_add(args, launch->backing);
	}
	backend_argv_add(args, "--cmdline");
	backend_argv_addf(args, "%s console=%s", launch->cmdline, self->console);
	backend_argv_add(args, launch->guest);
	for (size_t i = 0; i < launch->bench_count; i++)
		backend_argv_add(args, launch->benches[i]);
}

/* run.sh exits 0 when the test-bed itself worked, whatever the guests did. */
enum backend_verdict testbed_verdict(int exit_status)
{
	return exit_status == 0 ? BACKEND_GUEST_OK : BACKEND_ERROR;
}

/* Known only once it has booted: run_testbed.c stores the HVBTB info. */
void testbed_version(const struct backend *self, char *out, size_t size)
{
	snprintf(out, size, "see testbed.* environment (%s)", self->testbed);
}

/* A dom0 says "control_d" in /proc/xen/capabilities (xenfs mounted). */
bool xen_host_usable(const struct backend *self, const struct backend_host *host,
		     char *reason, size_t size)
{
	char caps[128] = "", xl[PATH_MAX], script[PATH_MAX + 16];
	FILE *f = fopen("/proc/xen/capabilities", "r");
	if (f) {
		if (!fgets(caps, sizeof(caps), f))
			caps[0] = '\0';
		fclose(f);
	}
	snprintf(script, sizeof(script), "%s/xl-run.sh", host->testbeds);
	if (!strstr(caps, "control_d"))
		snprintf(reason, size, "not a Xen dom0 (no control_d in /proc/xen/capabilities); "
			 "use --testbed xen-%s here", self->arch);
	else if (!paths_find_program("xl", xl, sizeof(xl)))
		snprintf(reason, size, "xl not installed (xen-utils)");
	else if (geteuid() != 0)
		snprintf(reason, size, "xl needs root");
	else if (!paths_is_executable(script))
		snprintf(reason, size, "testbeds/xl-run.sh not found next to hvbench");
	else {
		snprintf(reason, size, "ok");
		return true;
	}
	return false;
}

void xen_host_build_argv(const struct backend *self, const struct backend_launch *launch,
			 struct backend_argv *args)
{
	backend_argv_addf(args, "%s/xl-run.sh", launch->testbeds);
	backend_argv_add(args, "--timeout");
	backend_argv_addf(args, "%u", launch->timeout_s);
	backend_argv_add(args, "--vcpus");
	backend_argv_addf(args, "%u", launch->vcpus);
	backend_argv_add(args, "--mem");
	backend_argv_addf(args, "%u", launch->mem_mb ? launch->mem_mb : BACKEND_DEFAULT_MEM_MB);
	if (launch->pin) {
		backend_argv_add(args, "--cpus");
		backend_argv_add(args, launch->pin);
	}
	backend_argv_add(args, "--cmdline");
	backend_argv_addf(args, "%s console=%s", launch->cmdline, self->console);
	backend_argv_add(args, launch->guest);
	for (size_t i = 0; i < launch->bench_count; i++)
		backend_argv_add(args, launch->benches[i]);
}
