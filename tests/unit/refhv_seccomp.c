/*
 * refhv_seccomp.c - unit tests for hypervisor/seccomp.c, the vCPU thread's
 * allow-list: in a child process that installed it, KVM_RUN and the PC
 * read pass, every other ioctl, an x32 ioctl, a write to another file and
 * a system call off the list kill the process with SIGSYS.  (The order of
 * the filter's tests is free to change; what it lets through is not.)
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccomp.h"
#include "check_main.h"

enum attempt { KVM_RUN_CALL, READ_PC, OTHER_IOCTL, X32_IOCTL, WRITE_STDOUT, WRITE_OTHER, GETPID };

/* What the child tries once confined; exits 0 when the call came back as expected. */
static void try_call(enum attempt what, int other_fd)
{
	long ret = 0;
	switch (what) {
	case KVM_RUN_CALL: ret = ioctl(-1, KVM_RUN, 0); break;
#if defined(__x86_64__)
	case READ_PC: ret = ioctl(-1, KVM_GET_REGS, 0); break;
	case X32_IOCTL: ret = syscall(0x40000000L | __NR_ioctl, -1, KVM_RUN, 0); break;
#else
	case READ_PC: ret = ioctl(-1, KVM_GET_ONE_REG, 0); break;
	case X32_IOCTL: _exit(2);
#endif
	case OTHER_IOCTL: ret = ioctl(-1, KVM_GET_API_VERSION, 0); break;
	case WRITE_STDOUT: ret = write(STDOUT_FILENO, "", 0); break;
	case WRITE_OTHER: ret = write(other_fd, "x", 1); break;
	case GETPID: ret = syscall(__NR_getpid); break;
	}
	/* allowed calls on fd -1 fail with EBADF; the empty write returns 0 */
	_exit((ret == -1 && errno == EBADF) || (what == WRITE_STDOUT && ret == 0) ? 0 : 1);
}

/* The wait status of a child that installed the filter, then tried `what`. */
static int confined_attempt(enum attempt what)
{
	int other_fd = open("/dev/null", O_WRONLY);
	ck_assert_int_ge(other_fd, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (seccomp_confine_vcpu_thread() != 0)
			_exit(3);
		try_call(what, other_fd);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	close(other_fd);
	return status;
}

static bool killed_by_sigsys(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS;
}

START_TEST(kvm_run_and_pc_read_pass)
{
	int status = confined_attempt(KVM_RUN_CALL);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = confined_attempt(READ_PC);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = confined_attempt(WRITE_STDOUT);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
END_TEST

START_TEST(everything_else_is_killed)
{
	ck_assert(killed_by_sigsys(confined_attempt(OTHER_IOCTL)));
	ck_assert(killed_by_sigsys(confined_attempt(WRITE_OTHER)));
	ck_assert(killed_by_sigsys(confined_attempt(GETPID)));
}
END_TEST

START_TEST(x32_kvm_run_is_killed)
{
#if defined(__x86_64__)
	/* The x32 number of ioctl with KVM_RUN: the ioctl test comes before the
	 * x32 test, so this is what checks that order stays safe. */
	ck_assert(killed_by_sigsys(confined_attempt(X32_IOCTL)));
#endif
}
END_TEST

int main(void)
{
	Suite *s = suite_create("seccomp");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, kvm_run_and_pc_read_pass);
	tcase_add_test(tc, everything_else_is_killed);
	tcase_add_test(tc, x32_kvm_run_is_killed);
	suite_add_tcase(s, tc);
	return check_run(s);
}
