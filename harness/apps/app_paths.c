/*
 * app_paths.c - where the application suite finds its scripts, its
 * workload binary and the Linux guest that appbench/build-root.sh builds
 * (the same cache as testbeds/: $HVBENCH_CACHE, else
 * ~/.cache/hvbench/testbeds).
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/app_suite.h"

void app_paths_locate(const struct hvb_paths *paths, struct app_paths *out)
{
	char plots[PATH_MAX];
	snprintf(plots, sizeof(plots), "%s", paths->plots);
	snprintf(out->appbench, sizeof(out->appbench), "%.4000s/appbench", dirname(plots));
	snprintf(out->appb, sizeof(out->appb), "%s", paths->appb);
	const char *cache = getenv("HVBENCH_CACHE");
	const char *home = getenv("HOME");
	if (cache && *cache)
		snprintf(out->out, sizeof(out->out), "%.4000s/appbench-x86_64", cache);
	else
		snprintf(out->out, sizeof(out->out), "%.3900s/.cache/hvbench/testbeds/appbench-x86_64",
			 home && *home ? home : "/tmp");
	snprintf(out->root, sizeof(out->root), "%.4000s/root", out->out);
	snprintf(out->kernel, sizeof(out->kernel), "%.4000s/kernel", out->out);
	snprintf(out->initrd, sizeof(out->initrd), "%.4000s/initrd.gz", out->out);
	snprintf(out->built, sizeof(out->built), "%.4000s/built", out->out);
}
