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

/* Test-bed row b is named by one of list's comma-separated items (a name,
 * "all": Debian 12's rows, "all@REL": release REL's). */
static bool listed(const char *list, const struct backend *b)
{
	char copy[512];
	snprintf(copy, sizeof(copy), "%s", list);
	for (char *save = NULL, *item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save))
		if (backend_testbed_matches(b, item))
			return true;
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
		if (!backend_testbed_known(name))
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
		if (b->testbed_script && listed(list, b) &&
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
