/*
 * isca16_notes.c - a column's mechanisms in words, for the notes under the
 * four-way table: how KVM runs on ARM (VHE or nVHE), who virtualizes the
 * interrupt controller (the in-kernel vGIC, Xen's vGIC, KVM's software
 * local APIC or APICv/AVIC, and why it is on or off), which scheduler
 * switches VMs, which I/O path io-latency used.  Every statement about the
 * machine comes from a key the run detected (testbeds/mechanisms.sh); a
 * key the run did not store is said to be unknown, never guessed.
 */
#include "study/isca16.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *isca16_mechanism(const struct isca16_mechanisms *mech, const char *key)
{
	for (size_t i = 0; i < mech->count; i++)
		if (strcmp(mech->key[i], key) == 0)
			return mech->value[i];
	return NULL;
}

struct text {
	char *out;
	size_t size, used;
};

static void say(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct text *t, const char *fmt, ...)
{
	if (t->used >= t->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(t->out + t->used, t->size - t->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->used += (size_t)n;
}

/* "yes"/"Y"/"1" as on, "no"/"N"/"0" as off, anything else unknown. */
static const char *on_off(const char *value)
{
	if (!value || strcmp(value, "-") == 0)
		return "unknown";
	if (strcmp(value, "yes") == 0 || strcmp(value, "Y") == 0 || strcmp(value, "y") == 0 ||
	    strcmp(value, "1") == 0)
		return "on";
	if (strcmp(value, "no") == 0 || strcmp(value, "N") == 0 || strcmp(value, "n") == 0 ||
	    strcmp(value, "0") == 0)
		return "off";
	return value;
}

static const char *known(const char *value)
{
	return value && strcmp(value, "-") != 0 ? value : "unknown";
}

static void arm_kvm(struct text *t, const struct isca16_mechanisms *m)
{
	const char *mode = known(isca16_mechanism(m, "kvm_mode"));
	if (strcmp(mode, "vhe") == 0)
		say(t, "KVM in VHE mode (the host kernel runs at EL2)");
	else if (strcmp(mode, "nvhe") == 0)
		say(t, "KVM in nVHE mode (a stub at EL2, the host kernel at EL1: each exit switches EL1 state)");
	else
		say(t, "KVM mode %s", mode);
	say(t, "; interrupts: KVM's in-kernel vGICv3 (refhv creates it) on a GIC %s, GICv4 direct injection %s",
	    known(isca16_mechanism(m, "gic")), on_off(isca16_mechanism(m, "gicv4")));
	say(t, "; counter: FEAT_ECV %s", on_off(isca16_mechanism(m, "ecv")));
}

static void arm_xen(struct text *t, const struct isca16_mechanisms *m)
{
	say(t, "interrupts: Xen's vGIC on a GIC %s, GICv4 direct injection %s; stage-2 paging (HAP) %s",
	    known(isca16_mechanism(m, "gic")), on_off(isca16_mechanism(m, "gicv4")),
	    on_off(isca16_mechanism(m, "xen_hap")));
}

/* What KVM's kvm_apicv_inhibit_changed tracepoint said during the run
 * (testbeds/init.sh turns it on in the KVM test-beds). */
static void apicv_inhibits(struct text *t, const struct isca16_mechanisms *m)
{
	const char *mask = isca16_mechanism(m, "apicv_inhibits");
	const char *reasons = isca16_mechanism(m, "apicv_inhibit_reasons");
	if (!mask || strcmp(mask, "-") == 0)
		return;
	if (strcmp(mask, "none-reported") == 0) {
		say(t, "; KVM reported no APICv inhibit");
		return;
	}
	say(t, "; KVM's APICv inhibit mask %s, reasons set %s (enum kvm_apicv_inhibit; 0: "
	    "disabled by the module parameter)", mask, reasons ? reasons : "-");
}

static void x86_kvm(struct text *t, const struct isca16_mechanisms *m)
{
	const char *module = known(isca16_mechanism(m, "kvm_module"));
	if (strcmp(module, "kvm_amd") == 0) {
		const char *avic = on_off(isca16_mechanism(m, "avic"));
		say(t, "AMD SVM (kvm_amd): NPT %s, AVIC %s", on_off(isca16_mechanism(m, "npt")), avic);
		if (strcmp(avic, "off") == 0)
			say(t, " (module parameter avic=%s: KVM emulates the local APIC in software and "
			    "injects interrupts at VM entry)", isca16_mechanism(m, "avic"));
		say(t, ", x2AVIC %s", on_off(isca16_mechanism(m, "x2avic")));
		apicv_inhibits(t, m);
	} else if (strcmp(module, "kvm_intel") == 0) {
		const char *apicv = on_off(isca16_mechanism(m, "apicv"));
		say(t, "Intel VMX (kvm_intel): EPT %s, APICv %s", on_off(isca16_mechanism(m, "ept")), apicv);
		if (strcmp(apicv, "off") == 0)
			say(t, " (module parameter enable_apicv=%s)", isca16_mechanism(m, "apicv"));
		say(t, ", posted interrupts %s, IPI virtualization %s",
		    on_off(isca16_mechanism(m, "posted_intr")), on_off(isca16_mechanism(m, "ipiv")));
		apicv_inhibits(t, m);
	} else if (strcmp(module, "kvm_pvm") == 0) {
		say(t, "kvm_pvm (a software KVM, itself nested: no APICv/AVIC or nested-paging "
		    "parameters exist; the local APIC is KVM's software one)");
	} else {
		say(t, "KVM module %s", module);
	}
	say(t, "; x2APIC %s, TSC-deadline timer %s (CPU flags)", on_off(isca16_mechanism(m, "x2apic")),
	    on_off(isca16_mechanism(m, "tsc_deadline")));
}

static void x86_xen(struct text *t, const struct isca16_mechanisms *m)
{
	say(t, "Xen PVH domU: HAP %s; local APIC: Xen's vLAPIC, hardware assist (APICv/AVIC) %s",
	    on_off(isca16_mechanism(m, "xen_hap")), on_off(isca16_mechanism(m, "xen_assisted_apic")));
	const char *assisted = isca16_mechanism(m, "xen_assisted_apic");
	if (assisted && strcmp(assisted, "no") == 0)
		say(t, " (xl info lists no assisted xAPIC/x2APIC: Xen emulates it in software)");
	say(t, "; x2APIC %s (CPU flag)", on_off(isca16_mechanism(m, "x2apic")));
}

void isca16_notes(char *out, size_t size, const char *arch, const char *hypervisor,
		  const struct isca16_mechanisms *mech)
{
	struct text t = { out, size, 0 };
	out[0] = '\0';
	bool arm = strcmp(arch, "aarch64") == 0, xen = strcmp(hypervisor, "xen") == 0;
	if (arm)
		(xen ? arm_xen : arm_kvm)(&t, mech);
	else
		(xen ? x86_xen : x86_kvm)(&t, mech);
	if (xen)
		say(&t, "; VM switch by Xen's %s scheduler; I/O: an interdomain event channel to a dom0 process",
		    known(isca16_mechanism(mech, "xen_scheduler")));
	else
		say(&t, "; VM switch by the host kernel's scheduler; I/O: ioeventfd + irqfd to refhv's helper thread");
	say(&t, ". Detected:");
	bool any = false;
	for (size_t i = 0; i < mech->count; i++) {
		if (strcmp(mech->value[i], "-") == 0)
			continue;
		say(&t, "%s %s=%s", any ? "," : "", mech->key[i], mech->value[i]);
		any = true;
	}
	if (!any)
		say(&t, " no mechanism keys stored with this run");
	if (t.used >= size && size > 4)
		memcpy(out + size - 4, "...", 4);
}
