/*
 * targets.c - the benchmarks' target addresses (from hvb-abi.h) and the two
 * map parsers of targets.h: QEMU's flat memory views and refhv's --devices.
 */
#include "run/targets.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvb-abi.h"

static const struct bench_target targets[] = {
	{ "x86_64", "pio-out-user", TARGET_PORT, HVB_PORT_BENCH_USER, false },
	{ "x86_64", "mmio-write-user", TARGET_MMIO, HVB_MMIO_BENCH_USER, false },
	{ "x86_64", "pio-out-kernel", TARGET_PORT, HVB_PORT_BENCH_KERNEL, true },
	{ "x86_64", "mmio-write-kernel", TARGET_MMIO, HVB_MMIO_BENCH_KERNEL, true },
	{ "x86_64", "io-latency-out", TARGET_PORT, HVB_PORT_IOLAT_OUT, true },
	{ "x86_64", "io-latency-in", TARGET_PORT, HVB_PORT_IOLAT_IN, true },
	{ "aarch64", "mmio-write-user", TARGET_MMIO, HVB_ARM64_BENCH_USER, false },
	{ "aarch64", "mmio-write-kernel", TARGET_MMIO, HVB_ARM64_BENCH_KERNEL, true },
	{ "aarch64", "io-latency-out", TARGET_MMIO, HVB_ARM64_IOLAT_OUT, true },
	{ "aarch64", "io-latency-in", TARGET_MMIO, HVB_ARM64_IOLAT_IN, true },
};

size_t target_count(void)
{
	return sizeof(targets) / sizeof(targets[0]);
}

const struct bench_target *target_at(size_t i)
{
	return i < target_count() ? &targets[i] : NULL;
}

/* The next line of *text (without its newline) in line[], advancing *text. */
static bool next_line(const char **text, char *line, size_t size)
{
	if (**text == '\0')
		return false;
	size_t len = strcspn(*text, "\n");
	size_t keep = len < size - 1 ? len : size - 1;
	memcpy(line, *text, keep);
	line[keep] = '\0';
	*text += len + ((*text)[len] == '\n');
	return true;
}

/* "  START-END (prio P, KIND): NAME[ @OFFSET]" -> start, end, name. */
static bool parse_region(const char *line, uint64_t *start, uint64_t *end, char *name, size_t size)
{
	char *rest;
	while (*line == ' ')
		line++;
	*start = strtoull(line, &rest, 16);
	if (rest == line || *rest != '-')
		return false;
	line = rest + 1;
	*end = strtoull(line, &rest, 16);
	if (rest == line || *rest != ' ')
		return false;
	const char *colon = strstr(rest, "): ");
	if (!colon)
		return false;
	snprintf(name, size, "%s", colon + 3);
	name[strcspn(name, " ")] = '\0';   /* drop " @offset" */
	return true;
}

int target_owner_qemu(const char *mtree, enum target_space space, uint64_t addr,
		      char *owner, size_t size)
{
	const char *want = space == TARGET_PORT ? " AS \"I/O\"," : " AS \"memory\",";
	char line[512], root[128] = "", name[128];
	bool in_view = false, found_view = false;

	owner[0] = '\0';
	while (next_line(&mtree, line, sizeof(line))) {
		if (strncmp(line, "FlatView #", 10) == 0) {
			if (in_view)
				break;   /* the wanted view ended */
			continue;
		}
		if (strncmp(line, want, strlen(want)) == 0) {
			in_view = found_view = true;
			continue;
		}
		if (!in_view)
			continue;
		if (sscanf(line, " Root memory region: %127s", root) == 1)
			continue;
		uint64_t start, end;
		if (parse_region(line, &start, &end, name, sizeof(name)) && addr >= start &&
		    addr <= end) {
			/* the root container itself answers nothing: unassigned */
			if (strcmp(name, root) != 0)
				snprintf(owner, size, "%s", name);
			return 0;
		}
	}
	return found_view ? 0 : -1;
}

int target_owner_refhv(const char *map, enum target_space space, uint64_t addr,
		       char *owner, size_t size, bool *ioeventfd)
{
	const char *kind = space == TARGET_PORT ? "port" : "mmio";
	char line[256], what[16], name[64];
	bool any = false;

	owner[0] = '\0';
	*ioeventfd = false;
	while (next_line(&map, line, sizeof(line))) {
		uint64_t base, len;
		if (sscanf(line, "ioeventfd %15s %" SCNx64 " %63s", what, &base, name) == 3) {
			any = true;
			if (strcmp(what, kind) == 0 && base == addr)
				*ioeventfd = true;
		} else if (sscanf(line, "%15s %" SCNx64 " %" SCNu64 " %63s", what, &base, &len,
				  name) == 4) {
			any = true;
			if (strcmp(what, kind) == 0 && addr >= base && addr - base < len)
				snprintf(owner, size, "%s", name);
		}
	}
	return any ? 0 : -1;
}
