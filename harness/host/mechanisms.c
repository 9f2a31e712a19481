/*
 * mechanisms.c - the host's virtualization mechanisms that explain a
 * number (APICv/AVIC, EPT/NPT, x2AVIC, posted interrupts, the TSC-deadline
 * timer; on arm64 VHE or nVHE, the GIC, GICv4 direct injection, FEAT_ECV),
 * detected by testbeds/mechanisms.sh, the same script every test-bed runs
 * inside, so host and test-bed keys mean the same.  Stored as mech.KEY.
 * The script's output is not trusted: only "key=value" lines with a short
 * [a-z0-9_] key and a printable value without spaces are kept.
 */
#include "host/env.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "backends/backend.h"
#include "util/paths.h"
#include "util/proc.h"

#define MECHANISMS_TIMEOUT_S 10

static bool valid_pair(const char *line, size_t len, size_t *eq)
{
	const char *sep = memchr(line, '=', len);
	if (!sep || sep == line || (size_t)(sep - line) >= sizeof(((struct env_pair *)0)->key))
		return false;
	for (const char *p = line; p < sep; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
			return false;
	size_t value_len = len - (size_t)(sep - line) - 1;
	if (value_len == 0 || value_len >= sizeof(((struct env_pair *)0)->value))
		return false;
	for (const char *p = sep + 1; p < line + len; p++)
		if (!isgraph((unsigned char)*p))
			return false;
	*eq = (size_t)(sep - line);
	return true;
}

static void on_line(void *ctx, enum proc_stream stream, const char *line, size_t len,
		    bool truncated)
{
	struct host_env *env = ctx;
	size_t eq;
	if (stream != PROC_STDOUT || truncated || env->mechanism_count >= ENV_MAX_MECHANISMS ||
	    !valid_pair(line, len, &eq))
		return;
	struct env_pair *pair = &env->mechanisms[env->mechanism_count++];
	snprintf(pair->key, sizeof(pair->key), "mech.%.*s", (int)eq, line);
	snprintf(pair->value, sizeof(pair->value), "%.*s", (int)(len - eq - 1), line + eq + 1);
}

void capture_mechanisms(struct host_env *env)
{
	struct hvb_paths paths;
	char script[PATH_MAX + 32];
	env->mechanism_count = 0;
	if (paths_locate(&paths, backend_host_arch(), NULL, NULL) != 0)
		return;
	snprintf(script, sizeof(script), "%s/mechanisms.sh", paths.testbeds);
	if (!paths_exists(script)) {
		snprintf(env->mechanisms[0].key, sizeof(env->mechanisms[0].key), "mech.detected");
		snprintf(env->mechanisms[0].value, sizeof(env->mechanisms[0].value), "no-mechanisms.sh");
		env->mechanism_count = 1;
		return;
	}
	char *argv[] = { "sh", script, NULL };
	struct proc_spec spec = { .argv = argv, .timeout_s = MECHANISMS_TIMEOUT_S,
				  .on_line = on_line, .ctx = env };
	struct proc_result result;
	proc_run(&spec, &result);
}
