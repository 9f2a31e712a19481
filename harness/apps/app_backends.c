/*
 * app_backends.c - which backends can boot the application suite's Linux
 * guest here, and the `hvbench list` section about the suite.
 *
 * The rule for KVM is documented rather than probed (a probe boot costs a
 * minute-long timeout): under the kvm_pvm module (nested, page-table-based
 * software KVM) a Linux kernel hangs at its first instructions with QEMU
 * -accel kvm, with -M microvm and -M pc alike (see REFERENCE.md), so
 * qemu-kvm is refused there and the suite runs under qemu-tcg.  Of the
 * emulated test-beds, xen-x86_64 runs the Linux guest as a domU
 * (testbeds/run.sh --app).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/app_suite.h"

#define KVM_PVM_MODULE "/sys/module/kvm_pvm"

bool app_backend_usable(const struct backend *b, const struct backend_host *host,
			char *reason, size_t size)
{
	if (strcmp(b->arch, "x86_64") != 0 || strcmp(backend_host_arch(), "x86_64") != 0) {
		snprintf(reason, size, "the app suite's Linux guest is x86-64 only so far");
		return false;
	}
	if (b->testbed_script && strcmp(b->testbed_script, APP_XEN_TESTBED) != 0) {
		snprintf(reason, size, "test-bed %s runs the hvbench guest only; the app suite runs "
			 "in test-bed %s", b->testbed, APP_XEN_TESTBED);
		return false;
	}
	if (!b->testbed_script && b->batch_script) {
		snprintf(reason, size, "the app suite on a real Xen dom0 is not wired up yet "
			 "(use --testbed %s)", APP_XEN_TESTBED);
		return false;
	}
	if (strcmp(b->name, "refhv") == 0) {
		snprintf(reason, size, "refhv boots the hvbench guest, not a Linux kernel (yet)");
		return false;
	}
	if (!b->usable(b, host, reason, size))
		return false;
	if (strcmp(b->hypervisor, "kvm") == 0 && access(KVM_PVM_MODULE, F_OK) == 0) {
		snprintf(reason, size, "kvm_pvm (nested software KVM) is loaded: a Linux kernel hangs "
			 "at entry under it; use qemu-tcg");
		return false;
	}
	return true;
}

void app_backend_label(const struct backend *b, char *out, size_t size)
{
	if (!b)
		snprintf(out, size, "native");
	else if (strcmp(b->testbed, "host") == 0)
		snprintf(out, size, "%s", b->name);
	else
		snprintf(out, size, "%s@%s", b->name, b->testbed);
}

void app_list_print(FILE *out, const struct backend_host *host, const struct app_paths *paths)
{
	fprintf(out, "\napp suite (hvbench run --suite app): Linux guest, normalised to native\n");
	fprintf(out, "  %-16s %-6s %-7s %s\n", "NAME", "UNIT", "BETTER", "WHAT");
	for (size_t i = 0; i < app_workload_count(); i++) {
		const struct app_workload *w = app_workload_at(i);
		fprintf(out, "  %-16s %-6s %-7s %s\n", w->bench, w->unit, w->better, w->what);
	}
	fprintf(out, "  backends for the app suite:\n    %-10s yes (baseline: the same root file system in a chroot, "
		"needs unshare)\n", "native");
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = backend_at(i);
		if (strcmp(b->arch, "x86_64") != 0)
			continue;
		char reason[BACKEND_REASON_MAX];
		bool usable = app_backend_usable(b, host, reason, sizeof(reason));
		char name[96];
		app_backend_label(b, name, sizeof(name));
		fprintf(out, "    %-20s %s%s%s\n", name, usable ? "yes" : "no (", usable ? "" : reason,
			usable ? "" : ")");
	}
	char built[256] = "";
	FILE *stamp = fopen(paths->built, "r");
	if (stamp) {
		if (!fgets(built, sizeof(built), stamp))
			built[0] = 0;
		built[strcspn(built, "\n")] = 0;
		fclose(stamp);
	}
	if (built[0])
		fprintf(out, "  guest: built in %s (%s)\n", paths->out, built);
	else
		fprintf(out, "  guest: not built yet; the first run builds it with appbench/build-root.sh\n"
			"         (downloads Debian 12 packages into %s)\n", paths->out);
}
