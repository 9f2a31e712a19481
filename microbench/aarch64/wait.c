/*
 * wait.c - the bounded spin of wait.h.
 */
#include "wait.h"

#include <stdint.h>
#include "machine.h"
#include "sysreg.h"

#define WAIT_DEFAULT_MS    100       /* give an interrupt up to 100 ms ... */
#define WAIT_TICKS_UNKNOWN_HZ (1ull << 24)   /* ... or this many ticks without CNTFRQ */
#define SPINS_PER_CHECK    256       /* read the counter only now and then */

/*
 * The counter is read only after a first round of spins, so the common
 * case (the interrupt is already there) costs no counter reads.
 */
bool wait_until(bool (*done)(const void *), const void *arg)
{
	return wait_until_ms(done, arg, WAIT_DEFAULT_MS);
}

bool wait_until_ms(bool (*done)(const void *), const void *arg, unsigned ms)
{
	uint64_t limit = 0;

	for (;;) {
		for (unsigned i = 0; i < SPINS_PER_CHECK; i++)
			if (done(arg))
				return true;
		uint64_t now = counter_now();
		uint64_t hz = arm64_machine()->tick_hz;
		if (limit == 0)
			limit = now + (hz ? hz / 1000 * ms : WAIT_TICKS_UNKNOWN_HZ / WAIT_DEFAULT_MS * ms);
		else if (now > limit)
			return false;
	}
}
