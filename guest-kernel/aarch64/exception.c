/*
 * exception.c - synchronous exceptions and unexpected vectors at EL1.
 *
 * Every exception is fatal except one the running code asked for (see
 * fault-fixup.h): print a log line with the syndrome (ESR_EL1, its
 * exception class, FAR_EL1, ELR_EL1, SPSR_EL1), then the record
 * "HVB error msg=exception vector=0x.. rip=0x.." (vector: the slot in the
 * vector table, rip: ELR_EL1), then power off with HVB_GUEST_EXIT_FAIL.
 * A second exception while doing that powers off at once.
 */
#include "exception.h"
#include "arch.h"
#include "console.h"
#include "fault-fixup.h"
#include "hvb-abi.h"
#include "line.h"
#include "report.h"
#include "sysreg.h"

#define ESR_EC_SHIFT 26

static const char *const vector_names[16] = {
	"sync-sp0", "irq-sp0", "fiq-sp0", "serror-sp0",
	"sync", "irq", "fiq", "serror",
	"sync-lower64", "irq-lower64", "fiq-lower64", "serror-lower64",
	"sync-lower32", "irq-lower32", "fiq-lower32", "serror-lower32",
};

/* Set on the first fatal exception, so a second one does not recurse. */
static volatile int in_exception;

static void log_exception(const struct exception_frame *f, unsigned vector,
			  uint64_t esr, uint64_t far)
{
	struct line l;

	line_init(&l);
	line_put(&l, "exception ");
	line_put(&l, vector < 16 ? vector_names[vector] : "?");
	line_put(&l, " vector ");
	line_put_hex(&l, vector, 2);
	line_put(&l, " esr ");
	line_put_hex(&l, esr, 1);
	line_put(&l, " ec ");
	line_put_hex(&l, esr >> ESR_EC_SHIFT & 0x3f, 2);
	line_put(&l, " far ");
	line_put_hex(&l, far, 1);
	line_put(&l, " elr ");
	line_put_hex(&l, f->elr, 1);
	line_put(&l, " spsr ");
	line_put_hex(&l, f->spsr, 1);
	console_emit(&l);
}

_Noreturn void exception_fatal(struct exception_frame *f, unsigned vector)
{
	uint64_t esr = sysreg_read(esr_el1), far = sysreg_read(far_el1);

	if (in_exception)
		arch_exit(HVB_GUEST_EXIT_FAIL);
	in_exception = 1;
	log_exception(f, vector, esr, far);
	report_exception(vector, f->elr);
	arch_exit(HVB_GUEST_EXIT_FAIL);
}

void exception_sync(struct exception_frame *f, unsigned vector)
{
	if (fault_fixup_try(f, sysreg_read(esr_el1), sysreg_read(far_el1)))
		return;
	exception_fatal(f, vector);
}
