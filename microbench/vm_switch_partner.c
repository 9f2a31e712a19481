/*
 * vm_switch_partner.c - the other VM of vm-switch ("vmswitch=partner" on
 * the command line, vm_switch.h): under refhv it serves turns through the
 * shared page, stamping its counter when it gets the CPU and just before
 * it hands it back, until the main VM (or refhv) sets `stop`; under Xen it
 * calls SCHEDOP_yield for vmswitch_secs seconds.  It prints no records.
 */
#include "vm_switch.h"

#include "console.h"

static int refhv_partner(volatile struct hvb_vmswitch_page *p)
{
	vm_switch_store(&p->partner_up, 1);
	for (;;) {
		vm_switch_arch_doorbell();
		uint64_t now = vm_switch_arch_tick();
		uint64_t turn = vm_switch_load(&p->turn);
		if (vm_switch_load(&p->stop))
			return HVB_GUEST_EXIT_OK;
		if (turn & 1) {
			p->partner_first = now;
			p->partner_last = vm_switch_arch_tick();
			vm_switch_store(&p->turn, turn + 1);
		}
	}
}

int vm_switch_partner(const struct guest_env *env)
{
	console_log("vm-switch partner: serving turns");
	if (!vm_switch_is_xen(env)) {
		volatile struct hvb_vmswitch_page *p = vm_switch_arch_page();
		if (!p || p->magic != HVB_VMSWITCH_MAGIC) {
			console_log("vm-switch partner: no shared page (not refhv --vm-switch)");
			return HVB_GUEST_EXIT_FAIL;
		}
		return refhv_partner(p);
	}
	uint64_t secs = VMSWITCH_PARTNER_SECS;
	if (cmdline_u64(&env->cmdline, "vmswitch_secs", 1, 3600, &secs) == OPT_BAD)
		return HVB_GUEST_EXIT_FAIL;
	uint64_t limit = vm_switch_ms_ticks(env->platform.tick_hz, secs * 1000);
	uint64_t start = vm_switch_arch_tick();
	while (vm_switch_arch_tick() - start < limit)
		vm_switch_arch_xen_yield();
	console_log("vm-switch partner: time is up");
	return HVB_GUEST_EXIT_OK;
}
