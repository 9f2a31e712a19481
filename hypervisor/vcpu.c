/*
 * vcpu.c - a vCPU thread: KVM_RUN, then hand the exit to its handler in
 * exit_table[] (indexed by exit reason; the reasons only one architecture
 * has go to arch_handle_exit()), then KVM_RUN again, until the VM stops.
 *
 * The path between KVM_RUN returning and re-entering is what refhv adds to
 * every exit, so it stays lean: without --stats it makes no clock reads,
 * no allocations, no system calls besides the console write, takes no locks.
 * --trace adds a register read and a stderr line per exit (trace.c).
 */
#include "vcpu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch.h"
#include "hvb-abi.h"
#include "log.h"
#include "seccomp.h"
#include "trace.h"
#include "vm.h"

typedef enum vcpu_action exit_handler_fn(struct vcpu *vcpu);

enum vcpu_action vcpu_malformed_exit(struct vcpu *vcpu, const char *what)
{
	refhv_err("vcpu %u: malformed %s exit at pc 0x%" PRIx64, vcpu->id, what,
		  arch_vcpu_pc(vcpu));
	vm_stop(vcpu->vm, REFHV_EXIT_CRASH);
	return VCPU_STOP;
}

static enum vcpu_action handle_mmio(struct vcpu *vcpu)
{
	if (!mmio_handle_exit(vcpu))
		return vcpu_malformed_exit(vcpu, "MMIO");
	return VCPU_CONTINUE;
}

/* Only without an in-kernel irqchip would HLT come here; just resume. */
static enum vcpu_action handle_hlt(struct vcpu *vcpu)
{
	return VCPU_CONTINUE;
}

static enum vcpu_action crash(struct vcpu *vcpu, const char *what)
{
	refhv_err("vcpu %u: %s at pc 0x%" PRIx64, vcpu->id, what, arch_vcpu_pc(vcpu));
	vm_stop(vcpu->vm, REFHV_EXIT_CRASH);
	return VCPU_STOP;
}

static enum vcpu_action handle_shutdown(struct vcpu *vcpu)
{
	return crash(vcpu, "shutdown (triple fault)");
}

static enum vcpu_action handle_fail_entry(struct vcpu *vcpu)
{
	char what[96];
	snprintf(what, sizeof(what), "VM entry failed, reason 0x%llx on host cpu %u",
		 (unsigned long long)vcpu->run->fail_entry.hardware_entry_failure_reason,
		 vcpu->run->fail_entry.cpu);
	return crash(vcpu, what);
}

static enum vcpu_action handle_internal_error(struct vcpu *vcpu)
{
	const struct kvm_run *run = vcpu->run;
	char what[256];
	int n = snprintf(what, sizeof(what), "KVM internal error, suberror %u",
			 run->internal.suberror);
	uint32_t ndata = run->internal.ndata;
	if (ndata > sizeof(run->internal.data) / sizeof(run->internal.data[0]))
		ndata = sizeof(run->internal.data) / sizeof(run->internal.data[0]);
	for (uint32_t i = 0; i < ndata && n > 0 && (size_t)n < sizeof(what); i++)
		n += snprintf(what + n, sizeof(what) - (size_t)n, "%s0x%llx", i ? " " : ", data ",
			      (unsigned long long)run->internal.data[i]);
	return crash(vcpu, what);
}

/*
 * A power request the guest made through the firmware interface (arm64:
 * PSCI SYSTEM_OFF / SYSTEM_RESET, handled by KVM): powering off is the
 * guest's normal end, a reset means it gave up, a crash is a crash.
 */
static enum vcpu_action handle_system_event(struct vcpu *vcpu)
{
	unsigned type = vcpu->run->system_event.type;
	char what[64];

	console_flush(&vcpu->console);
	switch (type) {
	case KVM_SYSTEM_EVENT_SHUTDOWN:
		vm_stop(vcpu->vm, REFHV_EXIT_GUEST_OK);
		return VCPU_STOP;
	case KVM_SYSTEM_EVENT_RESET:
		refhv_err("vcpu %u: guest asked for a reset (failure)", vcpu->id);
		vm_stop(vcpu->vm, REFHV_EXIT_GUEST_FAIL);
		return VCPU_STOP;
	}
	snprintf(what, sizeof(what), "system event %u (%s)", type,
		 type == KVM_SYSTEM_EVENT_CRASH ? "guest crash" : "unknown");
	return crash(vcpu, what);
}

/* What refhv does for each exit reason both architectures have; NULL leaves
 * the reason to arch_handle_exit() (x86: IO), and "unexpected" after that. */
static const struct {
	const char *name;
	exit_handler_fn *handle;
} exit_table[STATS_EXIT_REASONS] = {
	[KVM_EXIT_UNKNOWN]        = { "UNKNOWN", NULL },
	[KVM_EXIT_EXCEPTION]      = { "EXCEPTION", NULL },
	[KVM_EXIT_IO]             = { "IO", NULL },   /* x86: arch_handle_exit() */
	[KVM_EXIT_HYPERCALL]      = { "HYPERCALL", NULL },
	[KVM_EXIT_DEBUG]          = { "DEBUG", NULL },
	[KVM_EXIT_HLT]            = { "HLT", handle_hlt },
	[KVM_EXIT_MMIO]           = { "MMIO", handle_mmio },
	[KVM_EXIT_IRQ_WINDOW_OPEN] = { "IRQ_WINDOW_OPEN", NULL },
	[KVM_EXIT_SHUTDOWN]       = { "SHUTDOWN", handle_shutdown },
	[KVM_EXIT_FAIL_ENTRY]     = { "FAIL_ENTRY", handle_fail_entry },
	[KVM_EXIT_INTR]           = { "INTR", NULL },
	[KVM_EXIT_SET_TPR]        = { "SET_TPR", NULL },
	[KVM_EXIT_TPR_ACCESS]     = { "TPR_ACCESS", NULL },
	[KVM_EXIT_NMI]            = { "NMI", NULL },
	[KVM_EXIT_INTERNAL_ERROR] = { "INTERNAL_ERROR", handle_internal_error },
	[KVM_EXIT_SYSTEM_EVENT]   = { "SYSTEM_EVENT", handle_system_event },
};

const char *exit_reason_name(unsigned reason)
{
	if (reason < STATS_EXIT_REASONS && exit_table[reason].name)
		return exit_table[reason].name;
	return "OTHER";
}

static enum vcpu_action dispatch_exit(struct vcpu *vcpu)
{
	unsigned reason = vcpu->run->exit_reason;

	if (reason < STATS_EXIT_REASONS && exit_table[reason].handle)
		return exit_table[reason].handle(vcpu);
	enum vcpu_action action = arch_handle_exit(vcpu);
	if (action != VCPU_UNHANDLED)
		return action;
	char what[64];
	snprintf(what, sizeof(what), "unexpected exit reason %u (%s)", reason,
		 exit_reason_name(reason));
	return crash(vcpu, what);
}

bool vcpu_handle_exit(struct vcpu *vcpu)
{
	return dispatch_exit(vcpu) == VCPU_CONTINUE;
}

/* --stats: charge the time since KVM_RUN returned to this exit's counter. */
static void count_exit(struct vcpu *vcpu, uint64_t started_ns)
{
	struct exit_counter *slot = vcpu->stat_slot;
	unsigned reason = vcpu->run->exit_reason;

	if (!slot)
		slot = &vcpu->stats->by_reason[reason < STATS_EXIT_REASONS ? reason : 0];
	slot->count++;
	slot->ns += stats_now_ns() - started_ns;
}

void *vcpu_thread(void *arg)
{
	struct vcpu *vcpu = arg;
	struct vm *vm = vcpu->vm;

	if (seccomp_confine_vcpu_thread()) {
		vm_stop(vm, REFHV_EXIT_SETUP);
		return NULL;
	}
	while (!vm_is_stopping(vm)) {
		if (ioctl(vcpu->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;           /* kicked: the loop test decides */
			refhv_err("vcpu %u: KVM_RUN: %s", vcpu->id, strerror(errno));
			vm_stop(vm, REFHV_EXIT_CRASH);
			break;
		}
		if (vm->opts->trace)
			trace_exit(vcpu);
		if (!vcpu->stats) {
			if (dispatch_exit(vcpu) == VCPU_STOP)
				break;
			continue;
		}
		uint64_t started = stats_now_ns();
		vcpu->stat_slot = NULL;
		enum vcpu_action action = dispatch_exit(vcpu);
		count_exit(vcpu, started);
		if (action == VCPU_STOP)
			break;
	}
	return NULL;
}

int vcpu_create(struct vm *vm, struct vcpu *vcpu, unsigned id)
{
	memset(vcpu, 0, sizeof(*vcpu));
	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->kernel_stats_fd = -1;
	vcpu->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, (unsigned long)id);
	if (vcpu->fd < 0) {
		refhv_err("KVM_CREATE_VCPU %u: %s", id, strerror(errno));
		return -1;
	}
	void *run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu->fd, 0);
	if (run == MAP_FAILED) {
		refhv_err("mmap of vcpu %u's kvm_run: %s", id, strerror(errno));
		return -1;
	}
	vcpu->run = run;
	if (vm->opts->stats) {
		vcpu->stats = calloc(1, sizeof(*vcpu->stats));
		if (!vcpu->stats) {
			refhv_err("out of memory");
			return -1;
		}
		vcpu->kernel_stats_fd = kernel_stats_open(vcpu->fd);
	}
	return arch_vcpu_init(vcpu);
}

void vcpu_destroy(struct vcpu *vcpu)
{
	if (vcpu->run)
		munmap(vcpu->run, vcpu->vm->run_size);
	if (vcpu->fd >= 0)
		close(vcpu->fd);
	if (vcpu->kernel_stats_fd >= 0)
		close(vcpu->kernel_stats_fd);
	free(vcpu->stats);
	memset(vcpu, 0, sizeof(*vcpu));
}
