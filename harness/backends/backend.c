/*
 * backend.c - the backend table and the helpers every backend shares.
 */
#include "backends/backend.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "backends/kvm_probe.h"

#ifdef __x86_64__
#define HOST_GUEST_ARCH "x86_64"
#define XEN_CONSOLE "xen"      /* the PV console ring (xl console) */
#elif defined(__aarch64__)
#define HOST_GUEST_ARCH "aarch64"
#define XEN_CONSOLE "uart"     /* the emulated SBSA UART (vuart) */
#else
#define HOST_GUEST_ARCH "unknown"
#define XEN_CONSOLE "uart"
#endif

/* Best first: the default backend is the first usable row. */
static const struct backend backends[] = {
	{
		.name = "refhv", .arch = HOST_GUEST_ARCH, .hypervisor = "kvm", .testbed = "host",
		.emulated = false, .console = "report", .pinning = PIN_WITH_FLAG, .host_backing = true,
		.two_vms = true, .usable = refhv_usable, .build_argv = refhv_build_argv,
		.verdict = refhv_verdict, .version = kernel_version,
	},
	{
		.name = "qemu-kvm", .arch = "x86_64", .hypervisor = "kvm", .testbed = "host",
		.emulated = false, .console = "debugcon", .pinning = PIN_WHOLE_PROCESS,
		.usable = qemu_usable, .build_argv = qemu_build_argv,
		.verdict = qemu_verdict, .version = qemu_version,
	},
	{
		.name = "qemu-tcg", .arch = "x86_64", .hypervisor = "tcg", .testbed = "host",
		.emulated = true, .console = "debugcon", .pinning = PIN_WHOLE_PROCESS,
		.usable = qemu_usable, .build_argv = qemu_build_argv,
		.verdict = qemu_verdict, .version = qemu_version,
	},
	{
		.name = "qemu-kvm", .arch = "aarch64", .hypervisor = "kvm", .testbed = "host",
		.emulated = false, .console = "uart", .pinning = PIN_WHOLE_PROCESS,
		.usable = qemu_usable, .build_argv = qemu_build_argv,
		.verdict = qemu_arm64_verdict, .version = qemu_version,
	},
	{
		.name = "qemu-tcg", .arch = "aarch64", .hypervisor = "tcg", .testbed = "host",
		.emulated = true, .console = "uart", .pinning = PIN_WHOLE_PROCESS,
		.usable = qemu_usable, .build_argv = qemu_build_argv,
		.verdict = qemu_arm64_verdict, .version = qemu_version,
	},
	/* Xen, when hvbench runs in a real dom0: xl create per benchmark. */
	{
		.name = "xen", .arch = HOST_GUEST_ARCH, .hypervisor = "xen", .testbed = "host",
		.emulated = false, .console = XEN_CONSOLE, .pinning = PIN_WITH_FLAG,
		.host_page_label = "hxen", .batch_script = "xl-run.sh",
		.usable = xen_host_usable, .build_argv = xen_host_build_argv,
		.verdict = testbed_verdict, .version = testbed_version,
	},
	/* Emulated test-beds: a whole machine under QEMU TCG (testbeds/).  refhv
	 * inside takes --backing (KVM rows); Xen picks its own pages (hxen). */
#define TESTBED(bname, barch, hv, tb, script, mode, cons, backing, page_label, rel) { \
		.name = bname, .arch = barch, .hypervisor = hv, .testbed = tb, \
		.emulated = true, .console = cons, .pinning = PIN_WHOLE_PROCESS, \
		.host_backing = backing, .host_page_label = page_label, \
		.batch_script = "run.sh", .testbed_script = script, .kvm_mode = mode, \
		.two_vms = true, /* init.sh: refhv --vm-switch, or two domUs */ \
		.release = rel, .usable = testbed_usable, .build_argv = testbed_build_argv, \
		.verdict = testbed_verdict, .version = testbed_version }
	/* each from Debian 12 (the default) and as NAME@trixie from Debian 13 */
#define TESTBEDS(suffix, rel) \
	TESTBED("refhv", "x86_64", "kvm", "kvm-x86_64" suffix, "kvm-x86_64" suffix, NULL, "report", true, NULL, rel), \
	TESTBED("xen", "x86_64", "xen", "xen-x86_64" suffix, "xen-x86_64" suffix, NULL, "xen", false, "hxen", rel), \
	TESTBED("refhv", "aarch64", "kvm", "kvm-aarch64" suffix, "kvm-aarch64" suffix, "vhe", "report", true, NULL, rel), \
	TESTBED("refhv", "aarch64", "kvm", "kvm-aarch64-nvhe" suffix, "kvm-aarch64" suffix, "nvhe", "report", true, NULL, rel), \
	TESTBED("xen", "aarch64", "xen", "xen-aarch64" suffix, "xen-aarch64" suffix, NULL, "uart", false, "hxen", rel)
	TESTBEDS("", BACKEND_DEFAULT_RELEASE),
	TESTBEDS("@trixie", "trixie"),
#undef TESTBEDS
#undef TESTBED
};

const struct backend *backend_find_testbed(const char *name)
{
	for (size_t i = 0; i < backend_count(); i++)
		if (backends[i].testbed_script && strcmp(backends[i].testbed, name) == 0)
			return &backends[i];
	return NULL;
}

bool backend_testbed_matches(const struct backend *b, const char *wanted)
{
	if (!b->testbed_script)
		return false;
	if (strcmp(wanted, "all") == 0)
		return strcmp(b->release, BACKEND_DEFAULT_RELEASE) == 0;
	if (strncmp(wanted, "all@", 4) == 0)
		return strcmp(b->release, wanted + 4) == 0;
	return strcmp(b->testbed, wanted) == 0;
}

bool backend_testbed_known(const char *wanted)
{
	for (size_t i = 0; i < backend_count(); i++)
		if (backend_testbed_matches(&backends[i], wanted))
			return true;
	return false;
}

const char *backend_host_arch(void)
{
	return HOST_GUEST_ARCH;
}

size_t backend_count(void)
{
	return sizeof(backends) / sizeof(backends[0]);
}

const struct backend *backend_at(size_t index)
{
	return index < backend_count() ? &backends[index] : NULL;
}

const struct backend *backend_find(const char *name, const char *arch)
{
	for (size_t i = 0; i < backend_count(); i++)
		if (strcmp(backends[i].name, name) == 0 &&
		    (!arch || strcmp(backends[i].arch, arch) == 0))
			return &backends[i];
	return NULL;
}

void backend_host_probe(struct backend_host *host, const char *refhv_path,
			const char *testbeds_dir)
{
	snprintf(host->refhv, sizeof(host->refhv), "%s", refhv_path);
	snprintf(host->testbeds, sizeof(host->testbeds), "%s", testbeds_dir);
	host->kvm_usable = kvm_probe(host->kvm_reason, sizeof(host->kvm_reason));
}

const struct backend *backend_best(const struct backend_host *host, const char *arch)
{
	char reason[BACKEND_REASON_MAX];
	for (size_t i = 0; i < backend_count(); i++) {
		const struct backend *b = &backends[i];
		if (strcmp(b->arch, arch) == 0 && !b->testbed_script &&
		    b->usable(b, host, reason, sizeof(reason)))
			return b;
	}
	return NULL;
}

void backend_argv_init(struct backend_argv *args)
{
	memset(args, 0, sizeof(*args));
}

void backend_argv_addf(struct backend_argv *args, const char *fmt, ...)
{
	if (args->argc >= BACKEND_ARGV_MAX) {
		args->overflow = true;
		return;
	}
	char *slot = args->text + args->used;
	size_t room = sizeof(args->text) - args->used;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(slot, room, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= room) {
		args->overflow = true;
		return;
	}
	args->used += (size_t)len + 1;
	args->argv[args->argc++] = slot;
	args->argv[args->argc] = NULL;
}

void backend_argv_add(struct backend_argv *args, const char *arg)
{
	backend_argv_addf(args, "%s", arg);
}

void kernel_version(const struct backend *self, char *out, size_t size)
{
	struct utsname names;
	if (uname(&names) == 0)
		snprintf(out, size, "%s", names.release);
	else
		snprintf(out, size, "unknown");
}
