/*
 * vm_switch.c - `refhv --vm-switch` (vm_switch.h): the shared page, the
 * fork into main and partner, the doorbell that gives the CPU away, and
 * the partner's end.
 *
 * Hand-off: both VMs' vCPU threads are pinned to one CPU.  A guest bumps
 * `turn` in the shared page and rings the doorbell; its refhv sees the
 * exit and calls sched_yield() until `turn` moves again, so the scheduler
 * runs the other VM's thread, whose own doorbell loop sees the new `turn`
 * and re-enters its guest.  Both guests can write the page at any time:
 * refhv reads only `turn`, only to compare it with what it saw, and every
 * wait is bounded (VMSWITCH_WAIT_MS, and the VM's own watchdog).
 *
 * Clocks: each refhv publishes its VM's offset (guest counter - host
 * counter) twice: once before the guest runs, and again at the first
 * doorbell, from the vCPU's own (pinned) thread.  The second read is the
 * one that holds: in the kvm-x86_64 test-bed the set-up reads were off by
 * 11M and 67M cycles in two runs (probably KVM adjusting the offset when
 * the vCPU first loads on its CPU, which it does when the host's TSC is
 * marked unstable, as a qemu64 CPU without constant TSC would be).
 */
#include "vm_switch.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define VMSWITCH_MEMSLOT 17        /* clear of RAM (0..) and io-latency (16) */
#define VMSWITCH_PAGE_SIZE 4096
#define PARTNER_GRACE_MS 1000      /* the partner's time to exit once the main VM is done */

/* The CPU both VMs run on: --pin's first, else the last one we may use. */
static int choose_cpu(const struct refhv_options *opts)
{
	cpu_set_t allowed;

	if (opts->pin)
		return opts->pin_cpus[0];
	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		return -1;
	for (int cpu = CPU_SETSIZE - 1; cpu >= 0; cpu--)
		if (CPU_ISSET(cpu, &allowed))
			return cpu;
	return -1;
}

/* The partner process: its own command line, no stdout, dies with us. */
static int become_partner(struct vm_switch *sw, struct refhv_options *opts)
{
	sw->role = VMSWITCH_PARTNER;
	sw->partner = 0;
	snprintf(sw->cmdline, sizeof(sw->cmdline), "%s%s", opts->cmdline, VMSWITCH_PARTNER_OPTION);
	opts->cmdline = sw->cmdline;
	opts->stats = false;
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() == 1) {
		refhv_err("vm-switch partner: the main refhv is gone");
		return -1;
	}
	int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd < 0 || dup2(null_fd, STDOUT_FILENO) < 0) {
		refhv_err("vm-switch partner: /dev/null: %s", strerror(errno));
		return -1;
	}
	close(null_fd);
	return 0;
}

int vm_switch_begin(struct vm_switch *sw, struct refhv_options *opts)
{
	memset(sw, 0, sizeof(*sw));
	sw->cpu = choose_cpu(opts);
	if (sw->cpu < 0) {
		refhv_err("vm-switch: no CPU to run both VMs on");
		return -1;
	}
	opts->pin = true;
	for (unsigned i = 0; i < opts->vcpus; i++)
		opts->pin_cpus[i] = sw->cpu;

	int fd = memfd_create("refhv-vm-switch", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, VMSWITCH_PAGE_SIZE)) {
		refhv_err("vm-switch: shared page: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	void *p = mmap(NULL, VMSWITCH_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		refhv_err("vm-switch: shared page: %s", strerror(errno));
		return -1;
	}
	sw->page = p;
	sw->page->magic = HVB_VMSWITCH_MAGIC;

	fflush(NULL);   /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid < 0) {
		refhv_err("vm-switch: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		return become_partner(sw, opts);
	sw->role = VMSWITCH_MAIN;
	sw->partner = pid;
	return 0;
}

/* This VM's offset into its slot of the page (written by its refhv alone). */
static void publish_offset(struct vm_switch *sw, struct vcpu *vcpu)
{
	int64_t offset;
	bool exact = arch_clock_offset(vcpu, &offset, NULL);

	sw->page->offset[sw->role] = offset;
	sw->page->exact[sw->role] = exact;
}

int vm_switch_attach(struct vm_switch *sw, struct vm *vm)
{
	uint64_t gpa = arch_platform()->vmswitch_page;
	struct kvm_userspace_memory_region slot = {
		.slot = VMSWITCH_MEMSLOT,
		.guest_phys_addr = gpa,
		.memory_size = VMSWITCH_PAGE_SIZE,
		.userspace_addr = (uintptr_t)sw->page,
	};
	if (!gpa || ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
		refhv_err("vm-switch: cannot map the shared page: %s", gpa ? strerror(errno) : "no address");
		return -1;
	}
	publish_offset(sw, &vm->vcpus[0]);
	__atomic_store_n(&sw->page->ready[sw->role], 1, __ATOMIC_RELEASE);
	vm->vm_switch = sw;
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void vm_switch_doorbell(struct vcpu *vcpu)
{
	struct vm_switch *sw = vcpu->vm->vm_switch;

	if (!sw)
		return;   /* not a vm-switch VM: the doorbell is a plain no-op port */
	if (!sw->offset_fresh && vcpu->id == 0) {
		publish_offset(sw, vcpu);
		sw->offset_fresh = true;
	}
	const uint64_t *turn = &sw->page->turn;
	uint64_t seen = __atomic_load_n(turn, __ATOMIC_ACQUIRE);
	uint64_t start = now_ms();
	do {
		sched_yield();
	} while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) == seen && !vm_is_stopping(vcpu->vm) &&
		 now_ms() - start < VMSWITCH_WAIT_MS);
}

void vm_switch_end(struct vm_switch *sw)
{
	if (sw->role != VMSWITCH_MAIN || sw->partner <= 0)
		return;
	__atomic_store_n(&sw->page->stop, 1, __ATOMIC_RELEASE);   /* for a partner still waiting */
	int status;
	uint64_t start = now_ms();
	pid_t got;
	while ((got = waitpid(sw->partner, &status, WNOHANG)) == 0 &&
	       now_ms() - start < PARTNER_GRACE_MS)
		usleep(10000);
	if (got == 0) {
		kill(sw->partner, SIGKILL);
		got = waitpid(sw->partner, &status, 0);
	}
	if (got == sw->partner && !(WIFEXITED(status) && WEXITSTATUS(status) == REFHV_EXIT_GUEST_OK))
		refhv_err("vm-switch: the partner VM ended with %s %d",
			  WIFEXITED(status) ? "status" : "signal",
			  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	sw->partner = 0;
}
