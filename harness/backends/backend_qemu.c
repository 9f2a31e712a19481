/*
 * backend_qemu.c - running the guest under QEMU, with KVM (qemu-kvm) or with
 * the TCG emulator (qemu-tcg).
 *
 * x86_64: the microvm machine; the guest's console is the debugcon port on
 * stdio; it ends the VM through isa-debug-exit, which makes QEMU exit with
 * (value << 1) | 1: 1 for a guest "ok", 3 for "fail".
 * aarch64: the virt machine with a GICv3; the console is the PL011 on stdio;
 * the guest ends the VM with PSCI SYSTEM_OFF, after which QEMU exits 0
 * whatever the guest thought, so the report records decide.
 */
#include <stdio.h>
#include <string.h>

#include "backends/backend.h"
#include "hvb-abi.h"
#include "util/paths.h"
#include "util/proc.h"

#define QEMU_EXIT_GUEST_OK ((HVB_GUEST_EXIT_OK << 1) | 1)
#define QEMU_EXIT_GUEST_FAIL ((HVB_GUEST_EXIT_FAIL << 1) | 1)
#define QEMU_VERSION_TIMEOUT_S 10.0

void qemu_binary(const char *arch, char *out, size_t size)
{
	snprintf(out, size, "qemu-system-%s", arch);
}

static bool uses_kvm(const struct backend *self)
{
	return strcmp(self->hypervisor, "kvm") == 0;
}

bool qemu_usable(const struct backend *self, const struct backend_host *host,
		 char *reason, size_t size)
{
	char binary[64], found[PATH_MAX];
	qemu_binary(self->arch, binary, sizeof(binary));
	if (!paths_find_program(binary, found, sizeof(found))) {
		snprintf(reason, size, "%s not installed", binary);
		return false;
	}
	if (uses_kvm(self) && strcmp(self->arch, backend_host_arch()) != 0) {
		snprintf(reason, size, "KVM runs %s guests only on an %s host", self->arch, self->arch);
		return false;
	}
	if (uses_kvm(self) && !host->kvm_usable) {
		snprintf(reason, size, "%s", host->kvm_reason);
		return false;
	}
	snprintf(reason, size, "ok");
	return true;
}

/* The machine-specific part of the command line. */
static void add_x86_machine(const struct backend *self, struct backend_argv *args)
{
	backend_argv_add(args, "-M");
	backend_argv_add(args, "microvm");
	backend_argv_add(args, "-cpu");
	/* arch-capabilities=off: nested KVMs such as kvm_pvm refuse QEMU's write
	 * of MSR_IA32_ARCH_CAPABILITIES (0x10a) and QEMU aborts; the guest
	 * does not need the MSR. */
	backend_argv_add(args, uses_kvm(self) ? "host,arch-capabilities=off" : "max");
	backend_argv_add(args, "-debugcon");
	backend_argv_add(args, "stdio");
	backend_argv_add(args, "-device");
	backend_argv_addf(args, "isa-debug-exit,iobase=0x%x,iosize=4", HVB_PORT_EXIT);
}

static void add_arm64_machine(const struct backend *self, struct backend_argv *args)
{
	backend_argv_add(args, "-M");
	backend_argv_add(args, "virt,gic-version=3");
	backend_argv_add(args, "-cpu");
	backend_argv_add(args, uses_kvm(self) ? "host" : "max");
	backend_argv_add(args, "-serial");
	backend_argv_add(args, "stdio");
}

void qemu_build_argv(const struct backend *self, const struct backend_launch *launch,
		     struct backend_argv *args)
{
	char binary[64];
	qemu_binary(self->arch, binary, sizeof(binary));
	backend_argv_add(args, binary);
	backend_argv_add(args, "-accel");
	backend_argv_add(args, uses_kvm(self) ? "kvm" : "tcg");
	if (strcmp(self->arch, "aarch64") == 0)
		add_arm64_machine(self, args);
	else
		add_x86_machine(self, args);
	backend_argv_add(args, "-m");
	backend_argv_addf(args, "%uM", launch->mem_mb ? launch->mem_mb : BACKEND_DEFAULT_MEM_MB);
	backend_argv_add(args, "-smp");
	backend_argv_addf(args, "%u", launch->vcpus);
	backend_argv_add(args, "-nodefaults");
	backend_argv_add(args, "-no-user-config");
	backend_argv_add(args, "-display");
	backend_argv_add(args, "none");
	backend_argv_add(args, "-no-reboot"); /* a triple fault ends QEMU instead of looping */
	backend_argv_add(args, "-kernel");
	backend_argv_add(args, launch->guest);
	backend_argv_add(args, "-append");
	backend_argv_addf(args, "%s console=%s", launch->cmdline, self->console);
}

/* aarch64: QEMU exits 0 after PSCI SYSTEM_OFF, whether the guest finished
 * or failed; the session's records tell which. */
enum backend_verdict qemu_arm64_verdict(int exit_status)
{
	return exit_status == 0 ? BACKEND_GUEST_OK : BACKEND_ERROR;
}

enum backend_verdict qemu_verdict(int exit_status)
{
	if (exit_status == QEMU_EXIT_GUEST_OK)
		return BACKEND_GUEST_OK;
	if (exit_status == QEMU_EXIT_GUEST_FAIL)
		return BACKEND_GUEST_FAILED;
	return BACKEND_ERROR;
}

void qemu_version(const struct backend *self, char *out, size_t size)
{
	char binary[64], line[256];
	qemu_binary(self->arch, binary, sizeof(binary));
	char *argv[] = { binary, "--version", NULL };
	if (proc_first_line(argv, QEMU_VERSION_TIMEOUT_S, line, sizeof(line)) != 0) {
		snprintf(out, size, "unknown");
		return;
	}
	/* "QEMU emulator version 7.2.x (Debian ...)" -> "7.2.x (Debian ...)" */
	const char *version = strstr(line, "version ");
	snprintf(out, size, "%s", version ? version + strlen("version ") : line);
}
