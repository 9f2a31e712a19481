/*
 * isca16_plan.c - which backends an isca16 study runs (the emulated
 * test-beds, then the real hypervisors usable on this host) and the id
 * that ties its runs together.
 */
#include "study/isca16.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/errmsg.h"

void isca16_new_id(char *out, size_t size)
{
	time_t now = time(NULL);
	struct tm utc;
	char stamp[32] = "unknown-time";
	if (gmtime_r(&now, &utc))
		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &utc);
	snprintf(out, size, "%s-%ld", stamp, (long)getpid());
}

/* name is one of list's comma-separated items (or list is "all"). */
static bool listed(const char *list, const char *name)
{
	if (strcmp(list, "all") == 0)
		return true;
	size_t len = strlen(name);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t item = end ? (size_t)(end - p) : strlen(p);
		if (item == len && strncmp(p, name, len) == 0)
			return true;
		p += item + (end ? 1 : 0);
	}
	return false;
}

int isca16_check_testbeds(const char *list, char *err, size_t errlen)
{
	if (strcmp(list, "all") == 0)
		return 0;
	char copy[512];
	if (snprintf(copy, sizeof(copy), "%s", list) >= (int)sizeof(copy))
		return errmsg_fail(err, errlen, "--testbed list too long");
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (!backend_find_testbed(name))
			return errmsg_fail(err, errlen, "unknown test-bed '%s' (see 'hvbench testbed list')",
					   name);
	return 0;
}

int isca16_choose_backends(const struct backend_host *host, const char *list, bool include_host,
			   const struct backend **chosen, size_t max, char *err, size_t errlen)
{
	if (isca16_check_testbeds(list, err, errlen) != 0)
		return -1;
	size_t count = 0;
	for (size_t i = 0; i < backend_count() && count < max; i++) {
		const struct backend *b = backend_at(i);
		if (b->testbed_script && listed(list, b->testbed) &&
		    isca16_column_rank(b->arch, b->hypervisor, b->testbed, b->emulated) >= 0)
			chosen[count++] = b;
	}
	for (size_t i = 0; include_host && i < backend_count() && count < max; i++) {
		const struct backend *b = backend_at(i);
		char reason[BACKEND_REASON_MAX];
		if (b->testbed_script || b->emulated || strcmp(b->arch, backend_host_arch()) != 0 ||
		    isca16_column_rank(b->arch, b->hypervisor, b->testbed, b->emulated) < 0)
			continue;
		/* one column per hypervisor: refhv is this project's KVM VMM */
		if (strcmp(b->hypervisor, "kvm") == 0 && strcmp(b->name, "refhv") != 0)
			continue;
		if (b->usable(b, host, reason, sizeof(reason)))
			chosen[count++] = b;
		else
			fprintf(stderr, "hvbench run --study: no %s column on this host: %s: %s\n",
				b->hypervisor, b->name, reason);
	}
	if (count == 0)
		return errmsg_fail(err, errlen, "no test-bed or backend to run the study on");
	return (int)count;
}
