/*
 * env.c - capture the host environment from /proc, /sys, uname, hwloc and
 * `qemu-system-x86_64 --version`.
 */
#include "host/env.h"

#include <dirent.h>
#include <hwloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "backends/backend.h"
#include "backends/kvm_probe.h"
#include "util/proc.h"

/* Reads the first line of a small file, without its newline; false when unreadable. */
static bool read_first_line(const char *path, char *out, size_t size)
{
	FILE *file = fopen(path, "r");
	if (!file)
		return false;
	bool ok = fgets(out, (int)size, file) != NULL;
	fclose(file);
	if (ok)
		out[strcspn(out, "\n")] = '\0';
	return ok;
}

/* The value of the first "key<tabs>: value" line of /proc/cpuinfo. */
static void cpuinfo_field(const char *key, char *out, size_t size)
{
	snprintf(out, size, "unknown");
	FILE *file = fopen("/proc/cpuinfo", "r");
	if (!file)
		return;
	char line[1024];
	size_t key_len = strlen(key);
	while (fgets(line, sizeof(line), file)) {
		if (strncmp(line, key, key_len) != 0 || (line[key_len] != '\t' && line[key_len] != ' '))
			continue;
		const char *colon = strchr(line, ':');
		if (!colon)
			continue;
		colon++;
		while (*colon == ' ')
			colon++;
		snprintf(out, size, "%s", colon);
		out[strcspn(out, "\n")] = '\0';
		break;
	}
	fclose(file);
}

static void capture_topology(struct host_env *env)
{
	hwloc_topology_t topology;
	env->packages = env->cores = env->pus = -1;
	env->topology_xml = NULL;
	if (hwloc_topology_init(&topology) != 0)
		return;
	if (hwloc_topology_load(topology) == 0) {
		env->packages = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_PACKAGE);
		env->cores = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_CORE);
		env->pus = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_PU);
		char *xml = NULL;
		int len = 0;
		if (hwloc_topology_export_xmlbuffer(topology, &xml, &len, 0) == 0 && xml) {
			env->topology_xml = strdup(xml);
			hwloc_free_xmlbuffer(topology, xml);
		}
	}
	hwloc_topology_destroy(topology);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The kvm* entries of /sys/module, sorted, space-separated. */
static void capture_kvm_modules(char *out, size_t size)
{
	char names[32][64];
	char *sorted[32];
	int count = 0;
	DIR *dir = opendir("/sys/module");
	if (dir) {
		struct dirent *entry;
		while ((entry = readdir(dir)) && count < 32) {
			if (strncmp(entry->d_name, "kvm", 3) != 0)
				continue;
			snprintf(names[count], sizeof(names[count]), "%.63s", entry->d_name);
			sorted[count] = names[count];
			count++;
		}
		closedir(dir);
	}
	qsort(sorted, (size_t)count, sizeof(sorted[0]), compare_names);
	snprintf(out, size, "%s", count ? "" : "none");
	for (int i = 0; i < count; i++) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s", i ? " " : "", sorted[i]);
	}
}

static int compare_mitigations(const void *a, const void *b)
{
	return strcmp(((const struct mitigation *)a)->name, ((const struct mitigation *)b)->name);
}

static void capture_mitigations(struct host_env *env)
{
	const char *base = "/sys/devices/system/cpu/vulnerabilities";
	env->mitigation_count = 0;
	DIR *dir = opendir(base);
	if (!dir)
		return;
	struct dirent *entry;
	while ((entry = readdir(dir)) && env->mitigation_count < ENV_MAX_MITIGATIONS) {
		if (entry->d_name[0] == '.')
			continue;
		struct mitigation *m = &env->mitigations[env->mitigation_count];
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", base, entry->d_name);
		snprintf(m->name, sizeof(m->name), "%.63s", entry->d_name);
		if (read_first_line(path, m->state, sizeof(m->state)))
			env->mitigation_count++;
	}
	closedir(dir);
	qsort(env->mitigations, (size_t)env->mitigation_count, sizeof(env->mitigations[0]),
	      compare_mitigations);
}

static void capture_qemu_version(char *out, size_t size)
{
	const struct backend *qemu = backend_find("qemu-tcg", backend_host_arch());
	char reason[BACKEND_REASON_MAX];
	struct backend_host no_host = { .kvm_usable = false };
	if (!qemu || !qemu->usable(qemu, &no_host, reason, sizeof(reason))) {
		snprintf(out, size, "not installed");
		return;
	}
	qemu->version(qemu, out, size);
}

void host_env_capture(struct host_env *env)
{
	memset(env, 0, sizeof(*env));
	if (gethostname(env->hostname, sizeof(env->hostname) - 1) != 0)
		snprintf(env->hostname, sizeof(env->hostname), "unknown");
	cpuinfo_field("model name", env->cpu_model, sizeof(env->cpu_model));
	cpuinfo_field("microcode", env->microcode, sizeof(env->microcode));
	capture_topology(env);
	struct utsname names;
	snprintf(env->kernel, sizeof(env->kernel), "%s",
		 uname(&names) == 0 ? names.release : "unknown");
	capture_kvm_modules(env->kvm_modules, sizeof(env->kvm_modules));
	env->kvm_usable = kvm_probe(env->kvm_reason, sizeof(env->kvm_reason));
	capture_qemu_version(env->qemu_version, sizeof(env->qemu_version));
	if (!read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
			     env->governor, sizeof(env->governor)))
		snprintf(env->governor, sizeof(env->governor), "unavailable");
	capture_mitigations(env);
	capture_mechanisms(env);
	env->tsc = tsc_host_frequency();
}

void host_env_free(struct host_env *env)
{
	free(env->topology_xml);
	env->topology_xml = NULL;
}

static void each_int(host_env_pair_fn fn, void *ctx, const char *key, long long value)
{
	char text[32];
	if (value < 0)
		snprintf(text, sizeof(text), "unknown");
	else
		snprintf(text, sizeof(text), "%lld", value);
	fn(ctx, key, text);
}

void host_env_each(const struct host_env *env, bool with_xml, host_env_pair_fn fn, void *ctx)
{
	fn(ctx, "hostname", env->hostname);
	fn(ctx, "cpu.model", env->cpu_model);
	fn(ctx, "cpu.microcode", env->microcode);
	each_int(fn, ctx, "topology.packages", env->packages);
	each_int(fn, ctx, "topology.cores", env->cores);
	each_int(fn, ctx, "topology.pus", env->pus);
	fn(ctx, "kernel", env->kernel);
	fn(ctx, "kvm.modules", env->kvm_modules);
	fn(ctx, "kvm.usable", env->kvm_usable ? "yes" : env->kvm_reason);
	fn(ctx, "qemu.version", env->qemu_version);
	fn(ctx, "governor", env->governor);
	for (int i = 0; i < env->mitigation_count; i++) {
		char key[96];
		snprintf(key, sizeof(key), "mitigation.%s", env->mitigations[i].name);
		fn(ctx, key, env->mitigations[i].state);
	}
	for (int i = 0; i < env->mechanism_count; i++)
		fn(ctx, env->mechanisms[i].key, env->mechanisms[i].value);
	each_int(fn, ctx, "tsc.hz", env->tsc.hz ? (long long)env->tsc.hz : -1);
	fn(ctx, "tsc.source", env->tsc.source);
	fn(ctx, "hvbench.version", HVB_VERSION);
	if (with_xml)
		fn(ctx, "hwloc.xml", env->topology_xml ? env->topology_xml : "unavailable");
}
