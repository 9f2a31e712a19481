/*
 * stats.c - print the --stats table on stderr, `perf kvm stat` style:
 * per kind of exit to userspace, the count and the time refhv spent
 * handling it; then KVM's own counters, summed over all vCPUs.
 */
#include "stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define MAX_KERNEL_STATS 128

static void print_row(const char *what, const struct exit_counter *c)
{
	if (!c->count)
		return;
	refhv_err("  %-36s %12" PRIu64 " %12.3f %10.3f", what, c->count, c->ns / 1e6,
		  c->ns / 1e3 / (double)c->count);
}

static void add(struct exit_counter *sum, const struct exit_counter *c)
{
	sum->count += c->count;
	sum->ns += c->ns;
}

static void print_exit_table(struct vm *vm)
{
	struct exit_stats total;
	struct exit_counter all = { 0, 0 };
	char what[80];

	memset(&total, 0, sizeof(total));
	for (unsigned v = 0; v < vm->nr_vcpus; v++) {
		const struct exit_stats *s = vm->vcpus[v].stats;
		for (unsigned i = 0; i < STATS_EXIT_REASONS; i++)
			add(&total.by_reason[i], &s->by_reason[i]);
		for (unsigned i = 0; i < IO_DEVICE_SLOTS; i++)
			for (unsigned w = 0; w < 2; w++)
				add(&total.io[i][w], &s->io[i][w]);
		for (unsigned i = 0; i < MMIO_DEVICE_SLOTS; i++)
			for (unsigned w = 0; w < 2; w++)
				add(&total.mmio[i][w], &s->mmio[i][w]);
		total.ignored_accesses += s->ignored_accesses;
	}

	refhv_err("exits to userspace (%u vCPUs, %" PRIu64 " MiB %s-backed RAM):",
		  vm->nr_vcpus, vm->mem.size >> 20, mem_backing_name(vm->mem.backing));
	refhv_err("  %-36s %12s %12s %10s", "exit", "count", "total ms", "mean us");
	for (unsigned i = 0; i < IO_DEVICE_SLOTS; i++) {
		const struct io_device *d = ioport_device(i);
		for (unsigned w = 0; d && w < 2; w++) {
			if (d->handle)
				snprintf(what, sizeof(what), "IO %s 0x%x %s", w ? "out" : "in", d->base,
					 d->name);
			else
				snprintf(what, sizeof(what), "IO %s %s", w ? "out" : "in", d->name);
			print_row(what, &total.io[i][w]);
			add(&all, &total.io[i][w]);
		}
	}
	for (unsigned i = 0; i < MMIO_DEVICE_SLOTS; i++) {
		const struct mmio_device *d = mmio_device(i);
		for (unsigned w = 0; d && w < 2; w++) {
			if (d->handle)
				snprintf(what, sizeof(what), "MMIO %s 0x%" PRIx64 " %s",
					 w ? "write" : "read", d->base, d->name);
			else
				snprintf(what, sizeof(what), "MMIO %s %s", w ? "write" : "read", d->name);
			print_row(what, &total.mmio[i][w]);
			add(&all, &total.mmio[i][w]);
		}
	}
	for (unsigned i = 0; i < STATS_EXIT_REASONS; i++) {
		print_row(exit_reason_name(i), &total.by_reason[i]);
		add(&all, &total.by_reason[i]);
	}
	print_row("total", &all);
	if (total.ignored_accesses)
		refhv_err("  unassigned port/MMIO accesses ignored: %" PRIu64, total.ignored_accesses);
}

static void print_kernel_stats(struct vm *vm)
{
	char (*names)[64] = calloc(MAX_KERNEL_STATS, sizeof(*names));
	uint64_t sums[MAX_KERNEL_STATS] = { 0 };
	unsigned known = 0;

	if (!names)
		return;

	for (unsigned v = 0; v < vm->nr_vcpus; v++)
		if (vm->vcpus[v].kernel_stats_fd >= 0)
			known = kernel_stats_accumulate(vm->vcpus[v].kernel_stats_fd, names, sums,
							known, MAX_KERNEL_STATS);
	if (!known)
		refhv_err("KVM's per-vCPU statistics: not available");
	else
		refhv_err("KVM's per-vCPU statistics (KVM_GET_STATS_FD, summed, non-zero):");
	for (unsigned i = 0; i < known; i++)
		if (sums[i])
			refhv_err("  %-36s %12" PRIu64, names[i], sums[i]);
	free(names);
}

void stats_print(struct vm *vm)
{
	print_exit_table(vm);
	print_kernel_stats(vm);
}
