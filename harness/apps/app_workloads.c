/*
 * app_workloads.c - the application benchmarks of `--suite app`, one table
 * row each: name, unit, direction, and how it runs (a session.sh plan item
 * inside the machine, or an `appb`/wrk client on the host).  Sizes are
 * chosen so the whole suite takes a few minutes under QEMU TCG.
 */
#include <string.h>

#include "apps/app_suite.h"

static const struct app_workload workloads[] = {
	{ "app-hackbench", "s", "lower",
	  "hackbench-like: 4 groups x 10+10 processes, 50 x 100-byte messages over UNIX sockets",
	  APP_IN_MACHINE, "hackbench:%u:4:10:50", 0, 0, NULL },
	{ "app-kernbench", "s", "lower",
	  "kernbench-like: tcc compiles and links appbench's C sources, 4 rounds, 2 jobs",
	  APP_IN_MACHINE, "kernbench:%u:2:4", 0, 0, NULL },
	{ "app-tcp-rr", "us", "lower",
	  "TCP_RR-like: 1-byte request/response host -> machine, mean us per transaction",
	  APP_HOST_DRIVEN, NULL, APP_PORT_NET, 2, "net-rr" },
	{ "app-tcp-stream", "MB/s", "higher",
	  "TCP_STREAM-like: 64 KiB writes host -> machine, MB/s received",
	  APP_HOST_DRIVEN, NULL, APP_PORT_NET, 2, "net-stream" },
	{ "app-memcached", "ops/s", "higher",
	  "memcached in the machine, appb kvload on the host: 8 connections, 9 get : 1 set",
	  APP_HOST_DRIVEN, NULL, APP_PORT_MEMCACHED, 3, "kvload" },
	{ "app-nginx", "req/s", "higher",
	  "nginx in the machine serving a 4 KiB page, wrk -t1 -c8 on the host",
	  APP_HOST_DRIVEN, NULL, APP_PORT_HTTP, 3, "wrk" },
};

size_t app_workload_count(void)
{
	return sizeof(workloads) / sizeof(workloads[0]);
}

const struct app_workload *app_workload_at(size_t index)
{
	return index < app_workload_count() ? &workloads[index] : NULL;
}

const struct app_workload *app_workload_find(const char *bench)
{
	for (size_t i = 0; i < app_workload_count(); i++)
		if (strcmp(workloads[i].bench, bench) == 0)
			return &workloads[i];
	return NULL;
}
