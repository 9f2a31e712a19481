/*
 * tlb_counters.c - open a TLB-walk event with libpfm4 (see tlb_counters.h).
 * The candidates go from the most precise (page-walks actually started,
 * per vendor) to the generic perf cache event "dTLB load misses".
 */
#include "host/tlb_counters.h"

#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const candidates[] = {
	"ls_tablewalker:dside",            /* AMD Zen: data-side page walks */
	"dtlb_load_misses:walk_completed", /* Intel: completed load page walks */
	"perf::DTLB-LOAD-MISSES",          /* generic, any PMU perf knows */
};

bool tlb_counter_open(struct tlb_counter *c)
{
	c->fd = -1;
	c->event[0] = '\0';
	int ret = pfm_initialize();
	if (ret != PFM_SUCCESS) {
		snprintf(c->why, sizeof(c->why), "libpfm4: %s", pfm_strerror(ret));
		return false;
	}
	snprintf(c->why, sizeof(c->why), "no TLB-walk event known to this PMU");
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		struct perf_event_attr attr;
		pfm_perf_encode_arg_t arg;
		memset(&attr, 0, sizeof(attr));
		memset(&arg, 0, sizeof(arg));
		arg.attr = &attr;
		arg.size = sizeof(arg);
		if (pfm_get_os_event_encoding(candidates[i], PFM_PLM3 | PFM_PLM0, PFM_OS_PERF_EVENT,
					      &arg) != PFM_SUCCESS)
			continue;
		attr.disabled = 1;
		attr.exclude_kernel = 1;
		attr.exclude_hv = 1;
		int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
		if (fd < 0) {
			snprintf(c->why, sizeof(c->why), "%s: perf_event_open: %m", candidates[i]);
			continue;
		}
		c->fd = fd;
		snprintf(c->event, sizeof(c->event), "%s", candidates[i]);
		return true;
	}
	return false;
}

void tlb_counter_start(struct tlb_counter *c)
{
	if (c->fd < 0)
		return;
	ioctl(c->fd, PERF_EVENT_IOC_RESET, 0);
	ioctl(c->fd, PERF_EVENT_IOC_ENABLE, 0);
}

uint64_t tlb_counter_stop(struct tlb_counter *c)
{
	uint64_t count;
	if (c->fd < 0)
		return UINT64_MAX;
	ioctl(c->fd, PERF_EVENT_IOC_DISABLE, 0);
	if (read(c->fd, &count, sizeof(count)) != (ssize_t)sizeof(count))
		return UINT64_MAX;
	return count;
}

void tlb_counter_close(struct tlb_counter *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}
