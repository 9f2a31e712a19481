/*
 * env.h - the host environment recorded with every run and printed by
 * `hvbench env`: CPU, microcode, topology (hwloc), kernel, KVM, QEMU,
 * governor, mitigations, TSC frequency, and the virtualization mechanisms
 * in use (mech.*: APICv/AVIC, EPT/NPT, ...; mechanisms.c).  One capture, then walked as
 * key/value pairs so printing, JSON and storing share one list of keys.
 */
#ifndef HVB_ENV_H
#define HVB_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/tsc.h"

#define HVB_VERSION "0.1.0"

#define ENV_TEXT 256
#define ENV_MAX_MITIGATIONS 32

#define ENV_MAX_MECHANISMS 24

/* One detected mechanism (mechanisms.c): key "mech.NAME", value without spaces. */
struct env_pair {
	char key[48];
	char value[64];
};

struct mitigation {
	char name[64];            /* file name under /sys/devices/system/cpu/vulnerabilities */
	char state[ENV_TEXT];
};

struct host_env {
	char hostname[ENV_TEXT];
	char cpu_model[ENV_TEXT];
	char microcode[ENV_TEXT];
	int packages, cores, pus;          /* -1 when hwloc failed */
	char *topology_xml;                /* hwloc XML, heap; NULL when unavailable */
	char kernel[ENV_TEXT];
	char kvm_modules[ENV_TEXT];        /* "kvm kvm_pvm", or "none" */
	bool kvm_usable;
	char kvm_reason[ENV_TEXT];
	char qemu_version[ENV_TEXT];       /* "not installed" when absent */
	char governor[ENV_TEXT];           /* "unavailable" when there is no cpufreq */
	struct mitigation mitigations[ENV_MAX_MITIGATIONS];
	int mitigation_count;
	struct tsc_frequency tsc;
	struct env_pair mechanisms[ENV_MAX_MECHANISMS];   /* mech.*: what explains a number */
	int mechanism_count;
};

/* mechanisms.c: the mech.* keys, from testbeds/mechanisms.sh. */
void capture_mechanisms(struct host_env *env);

/* Captures everything (takes ~150 ms: the TSC calibration). */
void host_env_capture(struct host_env *env);
void host_env_free(struct host_env *env);

/* Calls fn for each key/value in a fixed order; the XML only when with_xml. */
typedef void (*host_env_pair_fn)(void *ctx, const char *key, const char *value);
void host_env_each(const struct host_env *env, bool with_xml, host_env_pair_fn fn, void *ctx);

#endif
