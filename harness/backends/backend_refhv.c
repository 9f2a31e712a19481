/*
 * backend_refhv.c - running the guest under refhv, the project's own VMM:
 *   refhv --timeout T --cmdline '... console=report' [--vcpus N] [--pin CPUS] GUEST
 */
#include <stdio.h>

#include "backends/backend.h"
#include "hvb-abi.h"
#include "util/paths.h"

bool refhv_usable(const struct backend *self, const struct backend_host *host,
		  char *reason, size_t size)
{
	if (!paths_exists(host->refhv)) {
		snprintf(reason, size, "refhv not built (%s)", host->refhv);
		return false;
	}
	if (!paths_is_executable(host->refhv)) {
		snprintf(reason, size, "%s is not executable", host->refhv);
		return false;
	}
	if (!host->kvm_usable) {
		snprintf(reason, size, "%s", host->kvm_reason);
		return false;
	}
	snprintf(reason, size, "ok");
	return true;
}

void refhv_build_argv(const struct backend *self, const struct backend_launch *launch,
		      struct backend_argv *args)
{
	backend_argv_add(args, launch->refhv);
	backend_argv_add(args, "--timeout");
	backend_argv_addf(args, "%u", launch->timeout_s);
	backend_argv_add(args, "--cmdline");
	backend_argv_addf(args, "%s console=%s", launch->cmdline, self->console);
	if (launch->mem_mb) {
		backend_argv_add(args, "--mem");
		backend_argv_addf(args, "%uM", launch->mem_mb);
	}
	if (launch->backing) {
		backend_argv_add(args, "--backing");
		backend_argv_add(args, launch->backing);
	}
	if (launch->vcpus > 1) {
		backend_argv_add(args, "--vcpus");
		backend_argv_addf(args, "%u", launch->vcpus);
	}
	if (launch->pin) {
		backend_argv_add(args, "--pin");
		backend_argv_add(args, launch->pin);
	}
	if (launch->two_vms)
		backend_argv_add(args, "--vm-switch");
	backend_argv_add(args, launch->guest);
}

enum backend_verdict refhv_verdict(int exit_status)
{
	switch (exit_status) {
	case REFHV_EXIT_GUEST_OK:
		return BACKEND_GUEST_OK;
	case REFHV_EXIT_GUEST_FAIL:
		return BACKEND_GUEST_FAILED;
	case REFHV_EXIT_TIMEOUT:
		return BACKEND_GUEST_TIMEOUT;
	default:
		return BACKEND_ERROR;
	}
}
