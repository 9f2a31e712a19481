/*
 * interrupt.c - SIGINT/SIGTERM kept pending while a run goes on, so the
 * run can stop its children and store what it has (see interrupt.h).
 */
#include "util/interrupt.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/signalfd.h>

static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

void interrupt_block(sigset_t *saved)
{
	sigset_t set;
	stop_signals(&set);
	sigprocmask(SIG_BLOCK, &set, saved);
}

int interrupt_pending(void)
{
	sigset_t pending, blocked;
	if (sigpending(&pending) != 0 || sigprocmask(SIG_BLOCK, NULL, &blocked) != 0)
		return 0;
	if (sigismember(&pending, SIGTERM) == 1 && sigismember(&blocked, SIGTERM) == 1)
		return SIGTERM;
	if (sigismember(&pending, SIGINT) == 1 && sigismember(&blocked, SIGINT) == 1)
		return SIGINT;
	return 0;
}

int interrupt_fd(void)
{
	sigset_t set, blocked;
	stop_signals(&set);
	if (sigprocmask(SIG_BLOCK, NULL, &blocked) != 0 || sigismember(&blocked, SIGTERM) != 1)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

void interrupt_reset_child(void)
{
	sigset_t set;
	stop_signals(&set);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void interrupt_end(const sigset_t *saved)
{
	int sig = interrupt_pending();
	if (sig) {
		fflush(NULL);   /* the signal ends hvbench without stdio's exit */
		signal(sig, SIG_DFL);
	}
	sigprocmask(SIG_SETMASK, saved, NULL);
}

const char *interrupt_name(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}
