#!/bin/sh
# mechanisms.sh - the virtualization mechanisms of the machine it runs on
# that explain a number, detected (never assumed): one "key=value" per line,
# "-" when this machine does not say.  hvbench runs it on the host (stored
# as mech.KEY with every run) and init.sh runs it inside each test-bed
# (stored as testbed.mech.KEY); `hvbench compare` refuses runs whose keys
# differ.  POSIX sh and busybox only (it runs in the test-beds' initramfs).
#
#   x86:   kvm_module (kvm_intel, kvm_amd, kvm_pvm, none); Intel: apicv, ept,
#          ipiv (module parameters), posted_intr (cpuinfo "vmx flags");
#          AMD: avic, npt (module parameters), x2avic (cpu flag); both:
#          x2apic, tsc_deadline (cpu flags), apicv_inhibit_trace (the kernel
#          has the kvm_apicv_inhibit_changed tracepoint, which names the
#          inhibit reasons while a VM runs; no kernel here has them in debugfs)
#   arm64: kvm_mode (vhe, nvhe, protected: from the kernel log), gic (v2,
#          v3), gicv4 (the GIC offers GICv4.x direct injection),
#          vgic_v4_enable (kvm-arm.vgic_v4_enable on the command line, else
#          "default"), ecv (FEAT_ECV: the counter can be trapped/offset)
#   Xen:   xen_scheduler, xen_hap, xen_assisted_apic (from xl info), with --xen
set -u

param() { # param MODULE NAME: the module parameter's value, or -
	cat "/sys/module/$1/parameters/$2" 2>/dev/null || echo -
}
# has_word FILE-TEXT WORD: the word is in the text (space separated)
has_word() { case " $1 " in *" $2 "*) echo yes ;; *) echo no ;; esac; }
cpuinfo_line() { # the value of the first cpuinfo line starting with $1
	sed -n "s/^$1[[:space:]]*: *//p" /proc/cpuinfo 2>/dev/null | head -n 1
}
klog() { dmesg 2>/dev/null || cat /var/log/dmesg 2>/dev/null || true; }

case $(uname -m) in
x86_64)
	flags=$(cpuinfo_line flags)
	module=none
	for m in kvm_intel kvm_amd kvm_pvm; do
		[ -d "/sys/module/$m" ] && { module=$m; break; }
	done
	echo "kvm_module=$module"
	case $module in
	kvm_intel)
		echo "apicv=$(param kvm_intel enable_apicv)"
		echo "ept=$(param kvm_intel ept)"
		echo "ipiv=$(param kvm_intel enable_ipiv)"
		echo "posted_intr=$(has_word "$(cpuinfo_line 'vmx flags')" posted_intr)" ;;
	kvm_amd)
		echo "avic=$(param kvm_amd avic)"
		echo "npt=$(param kvm_amd npt)"
		echo "x2avic=$(has_word "$flags" x2avic)" ;;
	esac
	case $module in kvm_intel | kvm_amd)
		# a symbol of the loaded kvm module (kallsyms: no tracefs mount needed)
		t=no; grep -q ' __tracepoint_kvm_apicv_inhibit_changed' /proc/kallsyms 2>/dev/null && t=yes
		echo "apicv_inhibit_trace=$t" ;;
	esac
	echo "x2apic=$(has_word "$flags" x2apic)"
	echo "tsc_deadline=$(has_word "$flags" tsc_deadline_timer)"
	;;
aarch64)
	log=$(klog)
	mode=-
	case $log in *"VHE mode initialized"*) mode=vhe ;; esac
	case $log in *"Hyp mode initialized"* | *"nVHE mode initialized"*) mode=nvhe ;; esac
	case $log in *"Protected nVHE mode initialized"*) mode=protected ;; esac
	echo "kvm_mode=$mode"
	gic=-
	case $log in *GICv2*) gic=v2 ;; esac
	case $log in *GICv3*) gic=v3 ;; esac
	echo "gic=$gic"
	v4=no
	case $log in *"GICv4.1 mode"* | *"GICv4 features"* | *"Using GICv4"*) v4=yes ;; esac
	echo "gicv4=$v4"
	v4enable=default
	for word in $(cat /proc/cmdline 2>/dev/null); do
		case $word in kvm-arm.vgic_v4_enable=*) v4enable=${word#*=} ;; esac
	done
	echo "vgic_v4_enable=$v4enable"
	echo "ecv=$(has_word "$(cpuinfo_line Features)" ecv)"
	;;
esac

if [ "${1:-}" = --xen ]; then
	info=$(xl info 2>/dev/null)
	sched=$(echo "$info" | sed -n 's/^xen_scheduler *: *//p')
	caps=$(echo "$info" | sed -n 's/^virt_caps *: *//p')
	echo "xen_scheduler=${sched:--}"
	echo "xen_hap=$(has_word "$caps" hap)"
	# hardware-assisted local APIC for HVM/PVH guests (APICv/AVIC under
	# Xen): "yes" when xl info's virt_caps lists assisted xAPIC or x2APIC
	case " $caps " in
	*assisted_xapic* | *assisted_x2apic*) echo "xen_assisted_apic=yes" ;;
	*) echo "xen_assisted_apic=no" ;;
	esac
fi
exit 0
