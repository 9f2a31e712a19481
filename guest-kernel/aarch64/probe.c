/*
 * probe.c - what the arm64 guest reports in its "HVB hello" record.
 *
 *   tick_hz  CNTFRQ_EL0 (the counter is cntvct_el0)
 *   cpus     the CPUs that came online
 *   vendor   the implementer byte of MIDR_EL1
 *   hv       best effort, in this order:
 *            "xen"  the device tree has /hypervisor compatible "xen,xen";
 *            "kvm"  the PSCI conduit is hvc and the SMCCC vendor-hypervisor
 *                   UID call (0x8600ff01) answers KVM's UID
 *                   28b46fb6-2ec5-11e9-a9ca-4b564d003a74;
 *            "tcg"  the root is QEMU's "linux,dummy-virt" and KVM did not
 *                   answer (QEMU emulation; also QEMU/KVM on hosts older
 *                   than Linux 5.10, which lack the UID call);
 *            "none" the guest was entered at EL2 on anything else;
 *            "other" otherwise.
 */
#include "arch.h"
#include "machine.h"
#include "sysreg.h"

#define KVM_UID_0 0xb66fb428u
#define KVM_UID_1 0xe911c52eu
#define KVM_UID_2 0x564bcaa9u
#define KVM_UID_3 0x743a004du

struct implementer {
	uint8_t code;
	const char *name;
};

static const struct implementer implementers[] = {
	{ 0x41, "arm" },      { 0x42, "broadcom" }, { 0x43, "cavium" },
	{ 0x46, "fujitsu" },  { 0x48, "hisilicon" }, { 0x4e, "nvidia" },
	{ 0x50, "apm" },      { 0x51, "qualcomm" }, { 0x61, "apple" },
	{ 0xc0, "ampere" },
};

static const char *vendor_name(uint64_t midr)
{
	uint8_t code = (uint8_t)(midr >> 24);

	for (size_t i = 0; i < sizeof(implementers) / sizeof(implementers[0]); i++)
		if (implementers[i].code == code)
			return implementers[i].name;
	return "other";
}

static bool kvm_answers(const struct machine *m)
{
	if (m->psci != PSCI_CONDUIT_HVC || m->entry_el == 2)
		return false;
	struct smccc_result r = smccc_call(PSCI_CONDUIT_HVC, SMCCC_VENDOR_HYP_CALL_UID, 0, 0, 0);
	return (uint32_t)r.a0 == KVM_UID_0 && (uint32_t)r.a1 == KVM_UID_1 &&
	       (uint32_t)r.a2 == KVM_UID_2 && (uint32_t)r.a3 == KVM_UID_3;
}

static const char *hypervisor_name(const struct machine *m)
{
	if (m->is_xen)
		return "xen";
	if (kvm_answers(m))
		return "kvm";
	if (m->is_qemu_virt)
		return "tcg";
	return m->entry_el == 2 ? "none" : "other";
}

void arch_probe(struct platform *p)
{
	const struct machine *m = arm64_machine();

	p->arch = "aarch64";
	p->tick = "cntvct";
	p->tick_hz = m->tick_hz;
	p->cpus = machine_cpus_online(m);
	p->vendor = vendor_name(sysreg_read(midr_el1));
	p->hv = hypervisor_name(m);
}
