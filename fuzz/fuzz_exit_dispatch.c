/*
 * fuzz_exit_dispatch.c - libFuzzer target: refhv's exit dispatcher and its
 * device emulation (vcpu_handle_exit() in hypervisor/vcpu.c, then
 * x86/ioport.c, mmio.c, x86/uart.c, x86/debugcon.c, x86/exit_port.c,
 * x86/report_port.c, report_line.c,
 * bench_ports.c) with a fake kvm_run page and real guest RAM.
 *
 * No KVM is involved: a struct vm and struct vcpu are set up by hand, the
 * input becomes one exit (reason, port/size/count/data_offset, MMIO
 * address/len, the bytes of the data area) plus bytes placed in guest RAM
 * where the report port may look for a line.  The guest controls all of
 * this in real life, so none of it may make refhv touch memory outside
 * the kvm_run mapping or guest RAM.
 *
 * The console goes to /dev/null (stdout); refhv's own messages still go to
 * stderr, where libFuzzer prints too.
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcpu.h"
#include "vm.h"

#define FUZZ_RAM_SIZE (4ull << 20)
#define FUZZ_RUN_SIZE (3 * 4096)     /* KVM_GET_VCPU_MMAP_SIZE on x86 */
#define PIO_DATA_BYTES 64            /* input bytes placed in the PIO data area */
#define BLOB_GPA_WINDOW (64 * 1024)  /* the rest lands in the first 64 KiB of RAM */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fields of one exit, in the order they are taken from the input. */
struct exit_recipe {
	uint32_t reason;
	uint8_t flags;               /* bit 0: --stats on */
	uint8_t direction;
	uint8_t size;
	uint8_t mmio_is_write;
	uint16_t port;
	uint32_t count;
	uint64_t data_offset;
	uint64_t mmio_addr;
	uint32_t mmio_len;
	uint32_t blob_gpa;
};

struct fake_machine {
	struct refhv_options opts;
	struct vm vm;
	struct vcpu vcpu;
	struct exit_stats stats;
	struct kvm_run *run;
};

static struct fake_machine machine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fake_machine *m = &machine;
	int null_fd = open("/dev/null", O_WRONLY);

	if (null_fd < 0 || dup2(null_fd, STDOUT_FILENO) < 0)
		abort();
	close(null_fd);
	m->opts.vcpus = 1;
	m->opts.mem_size = FUZZ_RAM_SIZE;
	atomic_init(&m->vm.exit_status, VM_RUNNING);
	if (sem_init(&m->vm.stopped, 0, 0))
		abort();
	m->vm.opts = &m->opts;
	m->vm.kvm_fd = m->vm.vm_fd = m->vm.bench_eventfd = -1;
	m->vm.run_size = FUZZ_RUN_SIZE;
	if (guest_memory_create(&m->vm.mem, FUZZ_RAM_SIZE, BACKING_4K))
		abort();
	/* Exactly run_size bytes on the heap, so ASan flags any access past it. */
	m->run = malloc(FUZZ_RUN_SIZE);
	if (!m->run)
		abort();
	m->vm.vcpus = &m->vcpu;
	m->vm.nr_vcpus = 1;
	return 0;
}

static void take(void *dst, size_t len, const uint8_t **data, size_t *size)
{
	size_t n = *size < len ? *size : len;

	memset(dst, 0, len);
	memcpy(dst, *data, n);
	*data += n;
	*size -= n;
}

static void read_recipe(struct exit_recipe *r, const uint8_t **data, size_t *size)
{
	take(&r->reason, sizeof(r->reason), data, size);
	take(&r->flags, sizeof(r->flags), data, size);
	take(&r->direction, sizeof(r->direction), data, size);
	take(&r->size, sizeof(r->size), data, size);
	take(&r->mmio_is_write, sizeof(r->mmio_is_write), data, size);
	take(&r->port, sizeof(r->port), data, size);
	take(&r->count, sizeof(r->count), data, size);
	take(&r->data_offset, sizeof(r->data_offset), data, size);
	take(&r->mmio_addr, sizeof(r->mmio_addr), data, size);
	take(&r->mmio_len, sizeof(r->mmio_len), data, size);
	take(&r->blob_gpa, sizeof(r->blob_gpa), data, size);
	/* Mostly the exits that have handlers; sometimes anything at all. */
	if (r->reason < 0xf0000000u)
		r->reason %= 32;
}

/* A fresh vCPU and a VM that is running again, as after a reset. */
static void reset_machine(struct fake_machine *m, bool stats)
{
	while (sem_trywait(&m->vm.stopped) == 0)
		;
	atomic_store(&m->vm.exit_status, VM_RUNNING);
	memset(&m->vcpu, 0, sizeof(m->vcpu));
	memset(&m->stats, 0, sizeof(m->stats));
	m->vcpu.vm = &m->vm;
	m->vcpu.fd = -1;               /* arch_vcpu_pc() fails cleanly: pc 0 */
	m->vcpu.kernel_stats_fd = -1;
	m->vcpu.run = m->run;
	m->vcpu.stats = stats ? &m->stats : NULL;
	/* Quiet after the first few bad report-port writes, as in a real run. */
	m->vcpu.bad_reports = 1000;
}

static void fill_exit(struct kvm_run *run, const struct exit_recipe *r)
{
	run->exit_reason = r->reason;
	switch (r->reason) {
	case KVM_EXIT_IO:
		run->io.direction = r->direction & 1;
		run->io.size = r->size;
		run->io.port = r->port;
		run->io.count = r->count;
		run->io.data_offset = r->data_offset;
		break;
	case KVM_EXIT_MMIO:
		run->mmio.phys_addr = r->mmio_addr;
		run->mmio.len = r->mmio_len;
		run->mmio.is_write = r->mmio_is_write & 1;
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		run->internal.suberror = r->count;
		run->internal.ndata = r->mmio_len;
		break;
	case KVM_EXIT_SYSTEM_EVENT:
		run->system_event.type = r->count;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fake_machine *m = &machine;
	struct exit_recipe recipe;
	size_t header = sizeof(struct kvm_run);

	read_recipe(&recipe, &data, &size);
	reset_machine(m, recipe.flags & 1);

	/* kvm_run: zeroed, then the exit; PIO data from the input where the
	 * exit says it is (or where KVM puts it, when that is out of range). */
	memset(m->run, 0, FUZZ_RUN_SIZE);
	uint64_t at = recipe.data_offset;
	if (at < header || at > FUZZ_RUN_SIZE - PIO_DATA_BYTES)
		at = 4096;
	take((uint8_t *)m->run + at, PIO_DATA_BYTES, &data, &size);
	fill_exit(m->run, &recipe);
	take(m->run->mmio.data, recipe.reason == KVM_EXIT_MMIO ? sizeof(m->run->mmio.data) : 0,
	     &data, &size);

	/* What is left goes into guest RAM, where a report line may point. */
	uint64_t gpa = recipe.blob_gpa % BLOB_GPA_WINDOW;
	uint8_t *ram = gpa_to_host(&m->vm.mem, gpa, size);
	if (ram)
		memcpy(ram, data, size);

	vcpu_handle_exit(&m->vcpu);
	return 0;
}
