/*
 * seccomp.c - the vCPU threads' system call allow-list, as a classic BPF
 * program built from the tables below.
 *
 * What a vCPU thread does after it starts (vcpu.c), and why each call is
 * allowed:
 *   ioctl        KVM_RUN; reading the PC for a crash message
 *   write        the guest's console (stdout) and refhv's messages (stderr)
 *   futex        sem_post when the vCPU stops the VM; pthread internals
 *   clock_gettime  --stats timing (normally the vDSO, no system call)
 *   rt_sigreturn   return from the kick signal (SIGUSR1) that ends KVM_RUN
 *   rt_sigprocmask, madvise, exit   glibc's thread exit (block signals,
 *                  drop the stack's pages, end the thread)
 *   exit_group   a sanitizer or abort ending the process
 * Anything else, a call of another ABI (x32, i386) included, kills the
 * process: the harness sees "killed by signal 31 (SIGSYS)".
 *
 * Sanitizer builds (ASan/UBSan, `make check`'s second build): the runtime's
 * own thread exit also unmaps its per-thread caches and alternate signal
 * stack, so mmap, munmap, mprotect and sigaltstack are allowed there too.
 * A sanitizer *report* from a vCPU thread needs more (it opens files and
 * starts a symbolizer); the filter cuts such a report short after its
 * first line.  The fuzz targets run the same exit path without the filter
 * and give full reports.
 *
 * Adding a system call to the vCPU path means adding it here, with a reason.
 */
#include "seccomp.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/kvm.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"

#if defined(__x86_64__)
#define THIS_AUDIT_ARCH AUDIT_ARCH_X86_64
#define X32_SYSCALL_BIT 0x40000000u
#define READ_PC_IOCTL KVM_GET_REGS
/* vm-switch re-reads the guest's TSC offset on its first doorbell (vm_switch.c) */
#define CLOCK_IOCTLS KVM_GET_DEVICE_ATTR, KVM_GET_MSRS,
#elif defined(__aarch64__)
#define THIS_AUDIT_ARCH AUDIT_ARCH_AARCH64
#define READ_PC_IOCTL KVM_GET_ONE_REG
#define CLOCK_IOCTLS   /* KVM_GET_ONE_REG reads the counter too */
#else
#error "refhv's seccomp filter knows x86-64 and arm64 only"
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define SANITIZED_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SANITIZED_BUILD 1
#endif
#endif

/* Allowed whatever their arguments. */
static const unsigned allowed_syscalls[] = {
	__NR_futex, __NR_clock_gettime, __NR_rt_sigreturn, __NR_rt_sigprocmask,
	__NR_madvise, __NR_exit, __NR_exit_group,
	__NR_sched_yield,   /* the vm-switch doorbell (vm_switch.c) */
#ifdef SANITIZED_BUILD
	__NR_mmap, __NR_munmap, __NR_mprotect, __NR_sigaltstack,
#endif
};

/* ioctl: only these requests (the second argument). */
static const unsigned allowed_ioctls[] = { KVM_RUN, READ_PC_IOCTL, CLOCK_IOCTLS };

/* write: only to these file descriptors (the first argument). */
static const unsigned allowed_write_fds[] = { STDOUT_FILENO, STDERR_FILENO };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_INSNS 64

/* Where a conditional jump goes when its test holds. */
enum jump_target { TO_NEXT, TO_ALLOW, TO_KILL };

struct program {
	struct sock_filter insns[MAX_INSNS];
	enum jump_target on_true[MAX_INSNS];
	enum jump_target on_false[MAX_INSNS];
	unsigned len;
};

static void emit(struct program *p, struct sock_filter insn, enum jump_target t,
		 enum jump_target f)
{
	p->insns[p->len] = insn;
	p->on_true[p->len] = t;
	p->on_false[p->len] = f;
	p->len++;
}

static void load_word(struct program *p, size_t offset)
{
	emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (unsigned)offset),
	     TO_NEXT, TO_NEXT);
}

static void jump_if_equal(struct program *p, unsigned value, enum jump_target t,
			  enum jump_target f)
{
	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, 0, 0), t, f);
}

/*
 * "if nr == syscall: allow when argument arg (its low 32 bits) is one of
 * values[], else kill".  Leaves the accumulator holding nr when nr differs.
 */
static void allow_with_argument(struct program *p, unsigned syscall, unsigned arg,
				const unsigned *values, unsigned n)
{
	unsigned block = 1 + n + 1;   /* load, the tests, kill */

	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, syscall, 0,
					     (unsigned char)block), TO_NEXT, TO_NEXT);
	load_word(p, offsetof(struct seccomp_data, args[arg]));   /* little-endian: low half */
	for (unsigned i = 0; i < n; i++)
		jump_if_equal(p, values[i], TO_ALLOW, TO_NEXT);
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	     TO_NEXT, TO_NEXT);
}

/* Turn the symbolic jump targets into offsets to the two final returns. */
static void resolve_jumps(struct program *p)
{
	unsigned kill = p->len, allow = p->len + 1;

	/* The kill comes first: whatever falls through the tests reaches it. */
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	     TO_NEXT, TO_NEXT);
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW), TO_NEXT, TO_NEXT);
	for (unsigned i = 0; i < p->len; i++) {
		if (p->on_true[i] != TO_NEXT)
			p->insns[i].jt = (unsigned char)((p->on_true[i] == TO_ALLOW ? allow : kill) - i - 1);
		if (p->on_false[i] != TO_NEXT)
			p->insns[i].jf = (unsigned char)((p->on_false[i] == TO_ALLOW ? allow : kill) - i - 1);
	}
}

static void build_filter(struct program *p)
{
	memset(p, 0, sizeof(*p));
	load_word(p, offsetof(struct seccomp_data, arch));
	jump_if_equal(p, THIS_AUDIT_ARCH, TO_NEXT, TO_KILL);
	load_word(p, offsetof(struct seccomp_data, nr));
	/* ioctl(KVM_RUN) first, even before the x32 test: it is the one
	 * syscall of every exit, and an x32 call's number has the x32 bit set,
	 * so it never equals __NR_ioctl.  (The kernel caches the verdict of
	 * syscalls allowed whatever their arguments, so only the
	 * argument-checked ones run this program.)  KVM_RUN takes 6
	 * instructions; what the filter costs per exit (about 80 ns here) is
	 * the kernel's running of any filter, not their number: README.md,
	 * "refhv's own overhead". */
	allow_with_argument(p, __NR_ioctl, 1, allowed_ioctls, COUNT(allowed_ioctls));
#ifdef X32_SYSCALL_BIT
	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 0, 0),
	     TO_KILL, TO_NEXT);
#endif
	for (unsigned i = 0; i < COUNT(allowed_syscalls); i++)
		jump_if_equal(p, allowed_syscalls[i], TO_ALLOW, TO_NEXT);
	allow_with_argument(p, __NR_write, 0, allowed_write_fds, COUNT(allowed_write_fds));
	resolve_jumps(p);
}

_Static_assert(COUNT(allowed_syscalls) + COUNT(allowed_ioctls) + COUNT(allowed_write_fds) + 16
	       <= MAX_INSNS, "raise MAX_INSNS");

int seccomp_confine_vcpu_thread(void)
{
	struct program p;

	build_filter(&p);
	struct sock_fprog prog = { .len = (unsigned short)p.len, .filter = p.insns };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		refhv_err("prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
		return -1;
	}
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		refhv_err("seccomp filter for a vCPU thread: %s", strerror(errno));
		return -1;
	}
	return 0;
}
