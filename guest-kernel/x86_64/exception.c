/*
 * exception.c - what happens when the guest takes a CPU exception.
 *
 * Every exception is fatal: print a human-readable log line (with the error
 * code and, for a page fault, the faulting address), then the
 * "HVB error msg=exception vector=.. rip=.." record, then leave with
 * HVB_GUEST_EXIT_FAIL.  A fault while doing that skips straight to the exit.
 */
#include "idt.h"
#include "arch.h"
#include "console.h"
#include "hvb-abi.h"
#include "line.h"
#include "report.h"

static const char *const exception_names[IDT_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "reserved",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "reserved", "reserved",
	"reserved", "reserved", "reserved", "reserved", "#HV", "#VC", "#SX", "reserved",
};

/* Set on the first exception, so a second one does not recurse. */
static volatile int in_exception;

static void log_exception(const struct exception_frame *f)
{
	struct line l;
	uint64_t cr2;

	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	line_init(&l);
	line_put(&l, "exception ");
	line_put(&l, f->vector < IDT_EXCEPTIONS ? exception_names[f->vector] : "?");
	line_put(&l, " vector ");
	line_put_hex(&l, f->vector, 2);
	line_put(&l, " error ");
	line_put_hex(&l, f->error_code, 1);
	line_put(&l, " rip ");
	line_put_hex(&l, f->rip, 1);
	line_put(&l, " rsp ");
	line_put_hex(&l, f->rsp, 1);
	if (f->vector == 14) {
		line_put(&l, " cr2 ");
		line_put_hex(&l, cr2, 1);
	}
	console_emit(&l);
}

_Noreturn void exception_handler(struct exception_frame *frame)
{
	if (in_exception)
		arch_exit(HVB_GUEST_EXIT_FAIL);
	in_exception = 1;

	log_exception(frame);
	report_exception((unsigned)frame->vector, frame->rip);
	arch_exit(HVB_GUEST_EXIT_FAIL);
}
