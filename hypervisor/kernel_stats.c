/*
 * kernel_stats.c - KVM's own per-vCPU counters (exits, io_exits,
 * halt_exits, ...) read from the binary statistics file descriptor
 * (KVM_GET_STATS_FD, Linux 5.14+).  Only single-value cumulative counters
 * are read; histograms are skipped.
 */
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "stats.h"

int kernel_stats_open(int vcpu_fd)
{
#ifdef KVM_GET_STATS_FD
	return ioctl(vcpu_fd, KVM_GET_STATS_FD, NULL);   /* fails cleanly on old KVMs */
#else
	return -1;
#endif
}

static unsigned find_or_add(char (*names)[64], unsigned *known, unsigned max, const char *name)
{
	for (unsigned i = 0; i < *known; i++)
		if (!strcmp(names[i], name))
			return i;
	if (*known == max)
		return max;
	strncpy(names[*known], name, 63);
	names[*known][63] = '\0';
	return (*known)++;
}

unsigned kernel_stats_accumulate(int stats_fd, char (*names)[64], uint64_t *sums,
				 unsigned known, unsigned max)
{
	struct kvm_stats_header header;

	if (pread(stats_fd, &header, sizeof(header), 0) != (ssize_t)sizeof(header))
		return known;
	size_t desc_size = sizeof(struct kvm_stats_desc) + header.name_size;
	if (header.num_desc > 4096 || header.name_size > 4096)
		return known;
	uint8_t *descs = malloc(desc_size * header.num_desc);
	if (!descs)
		return known;
	ssize_t want = (ssize_t)(desc_size * header.num_desc);
	if (pread(stats_fd, descs, (size_t)want, header.desc_offset) != want)
		goto out;

	for (uint32_t i = 0; i < header.num_desc; i++) {
		struct kvm_stats_desc *desc = (void *)(descs + i * desc_size);
		uint64_t value;
		if ((desc->flags & KVM_STATS_TYPE_MASK) != KVM_STATS_TYPE_CUMULATIVE ||
		    desc->size != 1)
			continue;
		if (pread(stats_fd, &value, sizeof(value), header.data_offset + desc->offset) !=
		    (ssize_t)sizeof(value))
			continue;
		desc->name[header.name_size - 1] = '\0';
		unsigned slot = find_or_add(names, &known, max, desc->name);
		if (slot < max)
			sums[slot] += value;
	}
out:
	free(descs);
	return known;
}
