#!/bin/sh
# init.sh - the /init of every hvbench test-bed initramfs (busybox sh).
# Mounts the basics, loads the modules, starts the Xen tool stack (xen-*) or
# checks /dev/kvm (kvm-*), then runs the guest once per benchmark listed in
# /hvbtb/benches (put there by run.sh in a per-run cpio) under a watchdog,
# framing its console lines with "HVBTB start/end" markers, prints
# "HVBTB info" lines and "HVBTB finished", and powers the machine off.
# With /hvbtb/app (Xen only) it runs the app suite's Linux domU instead.
# Our own messages start with "hvbtb:" or "HVBTB", never with "HVB ".
/bin/busybox mkdir -p /proc /sys /dev /tmp /run /var /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin:/usr/lib/xen-4.20/bin
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
ln -s /run /var/run
mkdir -p /var/lib /var/log /var/lock
. /etc/hvbtb/testbed
TIMEOUT=60 VCPUS=1 MEM=64 BACKING=
[ -r /hvbtb/conf ] && . /hvbtb/conf
CMDLINE=$(cat /hvbtb/cmdline 2>/dev/null)

off() {
	sync
	# x86: QEMU isa-debug-exit at 0xf4 (Xen's dom0 "poweroff" only halts)
	[ -e /dev/port ] && printf '\000' | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
	poweroff -f
	sleep 10
}
fail() { echo "HVBTB fail reason=$1"; off; }
up() { echo "hvbtb: $* (uptime $(cut -d' ' -f1 /proc/uptime) s)"; }

for m in $(cat /etc/hvbtb/modules); do
	insmod /lib/modules/$m.ko || echo "hvbtb: insmod $m failed"
done
[ -r /hvbtb/guest ] || [ -d /hvbtb/app ] || fail no-guest

# ---- Xen: dom0 tool stack, one xl create per benchmark ---------------------
xen_setup() {
	mkdir -p /proc/xen /var/run/xen /var/run/xenstored /var/lib/xenstored \
		/var/lib/xen /var/log/xen/console /etc/xen
	mount -t xenfs xenfs /proc/xen || fail no-xenfs
	xenstored --pid-file /run/xenstored.pid || fail xenstored
	xen-init-dom0 >/dev/null || fail xen-init-dom0
	xenconsoled --log=guest --log-dir=/var/log/xen/console || fail xenconsoled
}
xen_bench() {
	{
		echo "name=\"hvbtb\""
		echo "kernel=\"/hvbtb/guest\""
		echo "cmdline=\"${CMDLINE:+$CMDLINE }bench=$1\""
		echo "memory=$MEM"
		echo "vcpus=$VCPUS"
		[ -z "${XEN_CFG_EXTRA:-}" ] || echo "$XEN_CFG_EXTRA"
		echo "on_poweroff=\"preserve\""
		echo "on_reboot=\"preserve\""
		echo "on_crash=\"preserve\""
		case $(uname -m) in
		x86_64) echo 'type="pvh"' ;;
		aarch64) echo 'vuart="sbsa_uart"' ;;
		esac
		xen_iolat_config "$1"
	} >/tmp/guest.cfg
	rm -f /var/log/xen/console/*
	xl dmesg -c >/dev/null
	st=124
	end=$(($(date +%s) + TIMEOUT))
	echo "hvbtb: xl create: vcpus=$VCPUS memory=$MEM"
	if ! timeout -s KILL "$TIMEOUT" xl create -q /tmp/guest.cfg; then
		echo "hvbtb: xl create failed"; st=1
	fi
	id=$(xl domid hvbtb 2>/dev/null)
	xen_iolat_start "$1" "$id"
	while [ -n "$id" ] && [ "$(date +%s)" -lt $end ]; do
		# State and Reason-Code (0 poweroff, 1 reboot/triple fault, 3 crash)
		s=$(xl list -v hvbtb 2>/dev/null | awk 'NR == 2 { print $5 $8 }')
		case $s in
		*[sc]*0) st=0; break ;;
		*[sc]*[1-9]|'') st=1; break ;;
		esac
		sleep 0.2
	done
	# let xenconsoled drain the PV console / vuart ring into its log: until
	# the guest's last record is there (at most 3 s), when it wrote any
	i=0
	while [ $i -lt 15 ] && cat /var/log/xen/console/guest-*.log 2>/dev/null | grep -q . &&
		! grep -qs -e '^HVB done' -e '^HVB error' /var/log/xen/console/guest-*.log; do
		sleep 0.2; i=$((i + 1))
	done
	# the guest's lines: its PV console / vuart log, else Xen's debug port
	# 0xe9 lines from Xen's console ring ("(dN) " prefix removed)
	got=
	for f in /var/log/xen/console/guest-*.log; do
		[ -s "$f" ] && got=1 && cat "$f"
	done
	if [ -z "$got" ]; then
		xl dmesg -c | sed -n "s/^\((XEN) \)\{0,1\}\(\[[^]]*\] \)\{0,1\}(d$id) //p"
	fi
	xen_iolat_stop
	xl destroy hvbtb 2>/dev/null
	return $st
}
# io-latency-*: our dom0 program (run.sh copies it) serves the domU's event
# channel; stopped before the domain is destroyed (it holds a grant mapping).
XIOLAT_PID=
# x86: Xen emulates a domU's rdtsc by default when the TSC is not invariant
# (QEMU's qemu64 CPU): that TSC cannot be calibrated against dom0's, so the
# io-latency domains run with the TSC native (host TSC + a fixed offset).
xen_iolat_config() {
	case $1 in io-latency-*) [ "$(uname -m)" = x86_64 ] && echo 'tsc_mode="native"' ;; esac
	return 0
}
xen_iolat_start() {
	case $1 in io-latency-*) ;; *) return 0 ;; esac
	[ -x /hvbtb/xen-iolat ] && [ -n "$2" ] || return 0
	/hvbtb/xen-iolat "$2" "$TIMEOUT" &
	XIOLAT_PID=$!
}
xen_iolat_stop() {
	[ -n "$XIOLAT_PID" ] || return 0
	kill "$XIOLAT_PID" 2>/dev/null
	wait "$XIOLAT_PID" 2>/dev/null
	XIOLAT_PID=
}
xen_info() {
	xl info >/tmp/xlinfo
	v() { sed -n "s/^$1 *: //p" /tmp/xlinfo | tr -d ' '; }
	echo "HVBTB info hypervisor=xen xen_version=$(v xen_major).$(v xen_minor)$(v xen_extra) xen_scheduler=$(v xen_scheduler) xen_cpus=$(v nr_cpus) xen_cpu_mhz=$(v cpu_mhz) dom0_kernel=$(uname -r) dom0_vcpus=$(nproc)"
	mech_info --xen
}
# The mechanisms behind the numbers (mechanisms.sh), as one info line.
mech_info() {
	[ -f /hvbtb/mechanisms.sh ] || return 0
	echo "HVBTB info $(sh /hvbtb/mechanisms.sh "$@" | sed 's/^/mech./' | tr '\n' ' ')"
}

# ---- the app suite: a Linux domU on dom0's bridge ---------------------------
# /hvbtb/app/ (from run.sh --app) holds the domU's kernel, initramfs and
# plan.  dom0's NIC (QEMU user-mode networking, host ports forwarded to
# 10.0.2.15) and the domU's vif share the bridge xenbr0, so the domU is
# 10.0.2.15 on QEMU's network and the host drives its servers directly.
# The domU's console is copied to ours until it powers off.
xen_app() {
	ip link set eth0 up && brctl addbr xenbr0 && brctl addif xenbr0 eth0 &&
		ip link set xenbr0 up || fail bridge
	mkdir -p /etc/xen/scripts
	cat >/etc/xen/scripts/vif-bridge <<'EOS'
#!/bin/sh
# xl's hotplug script for a vif: the backend interface joins xenbr0
case $1 in
online|add) ip link set "$vif" up && brctl addif xenbr0 "$vif" ;;
esac
exit 0
EOS
	chmod 755 /etc/xen/scripts/vif-bridge
	{
		echo 'name="app"'
		echo 'type="pvh"'
		echo 'kernel="/hvbtb/app/kernel"'
		echo 'ramdisk="/hvbtb/app/initrd.gz"'
		echo "cmdline=\"console=hvc0 quiet loglevel=1 rdinit=/init panic=-1 appb.plan=$(cat /hvbtb/app/plan)\""
		echo "memory=$MEM"
		echo "vcpus=$VCPUS"
		echo 'vif=["bridge=xenbr0"]'
		echo 'on_poweroff="destroy"'
		echo 'on_crash="destroy"'
	} >/tmp/app.cfg
	rm -f /var/log/xen/console/*
	up "$TB: xl create app: vcpus=$VCPUS memory=$MEM"
	xl create -q /tmp/app.cfg || fail "xl-create-app"
	log=/var/log/xen/console/guest-app.log
	touch "$log"
	tail -f "$log" &
	tailer=$!
	while xl domid app >/dev/null 2>&1; do sleep 1; done
	sleep 2
	kill $tailer
	up "$TB: app domain ended"
}

# ---- KVM: refhv from the per-run cpio --------------------------------------
TRACING=/sys/kernel/tracing
APICV_EVENT=$TRACING/events/kvm/kvm_apicv_inhibit_changed/enable
kvm_setup() {
	[ -c /dev/kvm ] || fail no-dev-kvm
	# x86 KVM tells why APICv/AVIC is inhibited only through a tracepoint:
	# on before the first VM, read back by apicv_info
	[ -d $TRACING/events ] || mount -t tracefs tracefs $TRACING 2>/dev/null
	[ -w "$APICV_EVENT" ] && echo 1 >"$APICV_EVENT"
}
# apicv_info: the inhibits KVM reported while refhv ran: the last mask and
# every reason it set (KVM's enum kvm_apicv_inhibit values, as the event
# prints them); "none-reported" when the event was on and never fired.
apicv_info() {
	[ "$(cat "$APICV_EVENT" 2>/dev/null)" = 1 ] || { echo "HVBTB info apicv_inhibits=- apicv_inhibit_reasons=-"; return; }
	ev=$(grep -o 'kvm_apicv_inhibit_changed: .*' $TRACING/trace 2>/dev/null)
	mask=$(echo "$ev" | sed -n 's/.*inhibits=\(0x[0-9a-fA-F]*\).*/\1/p' | tail -n 1)
	set=$(echo "$ev" | sed -n 's/.*: set reason=\([^, ]*\).*/\1/p' | sort -u | tr '\n' '+' | sed 's/+$//')
	echo "HVBTB info apicv_inhibits=${mask:-none-reported} apicv_inhibit_reasons=${set:-none-reported}"
}
kvm_bench() {
	b=$1; shift   # the rest: more refhv options
	if [ "$b" = tlb-native ] && [ -x /hvbtb/tlb-native ]; then
		# no guest: the same chase natively in this Linux (microbench/native)
		timeout -s KILL $((TIMEOUT + 10)) /hvbtb/tlb-native "${CMDLINE:+$CMDLINE }bench=$b"
		st=$?
		[ $st = 137 ] && st=124
		return $st
	fi
	timeout -s KILL $((TIMEOUT + 10)) /hvbtb/refhv --timeout "$TIMEOUT" ${BACKING:+--backing "$BACKING"} "$@" \
		--vcpus "$VCPUS" --mem "${MEM}M" --cmdline "${CMDLINE:+$CMDLINE }bench=$b" /hvbtb/guest
	st=$?
	case $st in 5|137) st=124 ;; esac   # refhv's --timeout, or our kill
	return $st
}
kvm_info() {
	case $(uname -m) in
	x86_64) mode=svm; [ -e /sys/module/kvm_intel ] && mode=vmx
		echo "HVBTB info hypervisor=kvm kernel=$(uname -r) kvm_mode=$mode npt=$(cat /sys/module/kvm_amd/parameters/npt 2>/dev/null || echo -)"
		apicv_info ;;
	aarch64) mode=unknown
		dmesg | grep -q 'VHE mode initialized' && mode=vhe
		dmesg | grep -q -e 'Hyp mode initialized' -e 'nVHE mode initialized' && mode=nvhe
		dmesg | grep -q 'Protected nVHE mode initialized' && mode=protected
		echo "HVBTB info hypervisor=kvm kernel=$(uname -r) kvm_mode=$mode" ;;
	esac
	# the THP mode behind refhv --backing thp and tlb-native's 2m variants
	echo "HVBTB info thp=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo -)"
	mech_info
}

# ---- vm-switch: two VMs on one CPU (docs/vm-switch.md) ------------------
# KVM: refhv --vm-switch forks the partner VM itself and pins both vCPUs
# to the last CPU.  Xen: dom0 moves to pCPU 0, a partner domU
# (vmswitch=partner) and then the measuring domU are pinned to the last
# pCPU, so the only other vCPU there is the partner.
kvm_vm_switch() { (VCPUS=1; kvm_bench vm-switch --vm-switch); }
xen_vm_switch() {
	cpu=$(($(xl info | sed -n 's/^nr_cpus *: *//p') - 1))
	xl vcpu-pin Domain-0 all 0 || echo "hvbtb: vm-switch: cannot pin dom0 to pCPU 0"
	{
		echo 'name="hvbtb-partner"'
		echo 'kernel="/hvbtb/guest"'
		echo "cmdline=\"${CMDLINE:+$CMDLINE }bench=vm-switch vmswitch=partner vmswitch_secs=$TIMEOUT\""
		echo "memory=$MEM"
		echo 'vcpus=1'
		echo "cpus=\"$cpu\""
		echo 'on_poweroff="destroy"'
		echo 'on_crash="destroy"'
		case $(uname -m) in
		x86_64) echo 'type="pvh"' ;;
		aarch64) echo 'vuart="sbsa_uart"' ;;
		esac
	} >/tmp/partner.cfg
	echo "hvbtb: vm-switch: partner and guest on pCPU $cpu"
	xl create -q /tmp/partner.cfg || echo "hvbtb: vm-switch: xl create of the partner failed"
	i=0
	while [ $i -lt 100 ] && ! grep -qs 'vm-switch partner: serving' /var/log/xen/console/guest-hvbtb-partner.log; do
		sleep 0.2; i=$((i + 1))
	done
	# the vCPUs' placement while the guest runs, into the log
	(i=0; while [ $i -lt 50 ] && ! xl domid hvbtb >/dev/null 2>&1; do sleep 0.2; i=$((i + 1)); done
	 xl vcpu-list | sed 's/^/hvbtb: vm-switch: /') &
	(VCPUS=1 XEN_CFG_EXTRA="cpus=\"$cpu\""; xen_bench vm-switch)
	st=$?
	wait
	xl destroy hvbtb-partner 2>/dev/null
	xl vcpu-pin Domain-0 all all
	return $st
}

up "$TB: init started"
${KIND}_setup
up "$TB: ready"
if [ -d /hvbtb/app ]; then
	[ $KIND = xen ] || fail app-needs-xen
	xen_info
	echo "HVBTB info testbed=$TB"
	xen_app
	echo "HVBTB finished"
	off
fi
for b in $(cat /hvbtb/benches); do
	echo "HVBTB start bench=$b"
	case $b in
	vm-switch) ${KIND}_vm_switch ;;
	*) ${KIND}_bench "$b" ;;
	esac
	echo "HVBTB end bench=$b status=$?"
done
${KIND}_info
echo "HVBTB info testbed=$TB"
echo "HVBTB finished"
off
