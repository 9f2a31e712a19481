/*
 * backend.h - the ways hvbench can run a guest (refhv, qemu-kvm, qemu-tcg),
 * as one table: what each is, whether it is usable here (and why not), how
 * to build its command line and how to read its exit status.
 */
#ifndef HVB_BACKEND_H
#define HVB_BACKEND_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define BACKEND_ARGV_MAX 48
#define BACKEND_ARGV_TEXT 4096
#define BACKEND_REASON_MAX 256
#define BACKEND_DEFAULT_MEM_MB 256

/* What is probed once per hvbench invocation and shared by every backend. */
struct backend_host {
	char refhv[PATH_MAX];              /* where refhv should be */
	char testbeds[PATH_MAX];           /* where testbeds/run.sh should be */
	bool kvm_usable;
	char kvm_reason[BACKEND_REASON_MAX];
};

/* One guest boot. */
struct backend_launch {
	const char *refhv;        /* refhv's path (refhv backend only) */
	const char *guest;        /* the guest image */
	const char *cmdline;      /* guest options; the backend appends console= */
	unsigned vcpus;           /* >= 1 */
	unsigned mem_mb;          /* guest RAM; 0: BACKEND_DEFAULT_MEM_MB */
	const char *backing;      /* refhv --backing (4k, thp, hugetlb), also inside a KVM test-bed; NULL: default */
	const char *testbeds;     /* the testbeds/ directory (test-bed backends) */
	const char *const *benches; /* test-beds: every benchmark, one boot */
	size_t bench_count;
	const char *pin;          /* CPU list as the user gave it, or NULL */
	unsigned timeout_s;       /* the backend's own timeout, where it has one */
	bool two_vms;             /* start the partner VM too (refhv --vm-switch) */
};

/* An argv whose strings live inside the struct (no allocation). */
struct backend_argv {
	char *argv[BACKEND_ARGV_MAX + 1];  /* NULL-terminated */
	int argc;
	char text[BACKEND_ARGV_TEXT];
	size_t used;
	bool overflow;                     /* an argument did not fit: do not run */
};

void backend_argv_init(struct backend_argv *args);
void backend_argv_add(struct backend_argv *args, const char *arg);
void backend_argv_addf(struct backend_argv *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What the backend's exit status says about the guest. */
enum backend_verdict {
	BACKEND_GUEST_OK,        /* the guest wrote "ok" to the exit port */
	BACKEND_GUEST_FAILED,    /* the guest wrote a failure to the exit port */
	BACKEND_GUEST_TIMEOUT,   /* the backend's own timeout fired */
	BACKEND_ERROR,           /* the backend failed (setup, crash, unknown status) */
};

/* How vCPUs are pinned: refhv takes --pin, QEMU is pinned as a whole process. */
enum backend_pinning { PIN_WITH_FLAG, PIN_WHOLE_PROCESS };

struct backend {
	const char *name;          /* "refhv", "qemu-kvm", "qemu-tcg" */
	const char *arch;          /* guest architecture it runs */
	const char *hypervisor;    /* "kvm", "tcg" */
	const char *testbed;       /* "host" or an emulated test-bed's name */
	bool emulated;             /* numbers are emulation costs */
	const char *console;       /* the guest's console= option */
	enum backend_pinning pinning;
	bool host_backing;         /* takes --backing 4k|thp (tlb-nested sweeps both) */
	bool two_vms;              /* runs a partner VM for BENCH_TWO_VMS (vm-switch) */
	/* Without host_backing: the host half of a sweep's variant names when the
	 * hypervisor picks its own pages ("hxen"), else NULL (no host half). */
	const char *host_page_label;
	/* Backends driven by a script in testbeds/ boot once for all benchmarks
	 * and frame each one with HVBTB markers (run_testbed.c): the emulated
	 * test-beds (run.sh) and Xen on a real dom0 (xl-run.sh); NULL otherwise. */
	const char *batch_script;
	const char *testbed_script;  /* run.sh's test-bed name; NULL: not a test-bed */
	const char *kvm_mode;        /* run.sh --kvm-mode (vhe, nvhe) or NULL */
	const char *release;         /* a test-bed's Debian release ("bookworm"
	                                 default, "trixie" for NAME@trixie) or NULL */
	bool (*usable)(const struct backend *self, const struct backend_host *host,
		       char *reason, size_t size);
	void (*build_argv)(const struct backend *self, const struct backend_launch *launch,
			   struct backend_argv *args);
	enum backend_verdict (*verdict)(int exit_status);
	void (*version)(const struct backend *self, char *out, size_t size);
};

/* The table, in order of preference (best first). */
size_t backend_count(void);
const struct backend *backend_at(size_t index);
/* The backend called name for arch; with arch NULL, the first called name. */
const struct backend *backend_find(const char *name, const char *arch);

/* The first test-bed row called name ("kvm-aarch64", ...), or NULL. */
const struct backend *backend_find_testbed(const char *name);

/* The Debian release whose test-beds "all" means (NAME without @REL). */
#define BACKEND_DEFAULT_RELEASE "bookworm"

/* Does test-bed row b answer --testbed wanted: its name, "all" (the rows of
 * the default release) or "all@REL" (the rows of release REL)? */
bool backend_testbed_matches(const struct backend *b, const char *wanted);
/* Does any test-bed row answer --testbed wanted? */
bool backend_testbed_known(const char *wanted);

/* The host's architecture as a guest arch name: "x86_64" or "aarch64". */
const char *backend_host_arch(void);

/* Probes KVM and locates refhv once. */
void backend_host_probe(struct backend_host *host, const char *refhv_path,
			const char *testbeds_dir);

/* The first usable backend for arch that runs on this host (never an
 * emulated test-bed), or NULL. */
const struct backend *backend_best(const struct backend_host *host, const char *arch);

/* ---- the rows' functions (backend_refhv.c, backend_qemu.c) --------------- */
bool refhv_usable(const struct backend *self, const struct backend_host *host,
		  char *reason, size_t size);
void refhv_build_argv(const struct backend *self, const struct backend_launch *launch,
		      struct backend_argv *args);
enum backend_verdict refhv_verdict(int exit_status);

bool qemu_usable(const struct backend *self, const struct backend_host *host,
		 char *reason, size_t size);
void qemu_build_argv(const struct backend *self, const struct backend_launch *launch,
		     struct backend_argv *args);
enum backend_verdict qemu_verdict(int exit_status);
enum backend_verdict qemu_arm64_verdict(int exit_status);
void qemu_version(const struct backend *self, char *out, size_t size);
/* "qemu-system-x86_64" for x86_64, ... */
void qemu_binary(const char *arch, char *out, size_t size);

bool testbed_usable(const struct backend *self, const struct backend_host *host,
		    char *reason, size_t size);
void testbed_build_argv(const struct backend *self, const struct backend_launch *launch,
			struct backend_argv *args);
enum backend_verdict testbed_verdict(int exit_status);
bool xen_host_usable(const struct backend *self, const struct backend_host *host,
		     char *reason, size_t size);
void xen_host_build_argv(const struct backend *self, const struct backend_launch *launch,
			 struct backend_argv *args);
void testbed_version(const struct backend *self, char *out, size_t size);

/* The host kernel's release, the version of the in-kernel hypervisor. */
void kernel_version(const struct backend *self, char *out, size_t size);

#endif
