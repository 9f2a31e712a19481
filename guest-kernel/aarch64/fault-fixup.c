/*
 * fault-fixup.c - expected data aborts (see fault-fixup.h).
 */
#include "fault-fixup.h"

#define ESR_EC_DABT_CUR  0x25   /* data abort taken without a change of EL */
#define A64_INSN_BYTES   4

/* The armed range: state of the single running benchmark. */
static struct {
	volatile uint64_t start, end;
	volatile uint64_t count;
} fixup;

void fault_fixup_arm(uint64_t start, uint64_t end)
{
	fixup.count = 0;
	fixup.start = start;
	fixup.end = end;
}

void fault_fixup_disarm(void)
{
	fixup.start = fixup.end = 0;
}

uint64_t fault_fixup_count(void)
{
	return fixup.count;
}

bool fault_fixup_try(struct exception_frame *f, uint64_t esr, uint64_t far)
{
	if ((esr >> 26 & 0x3f) != ESR_EC_DABT_CUR || far < fixup.start || far >= fixup.end)
		return false;
	fixup.count++;
	f->elr += A64_INSN_BYTES;
	return true;
}
