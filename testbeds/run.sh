#!/bin/sh
# run.sh - boot an emulated test-bed once and run GUEST in it once per BENCH.
#
#   testbeds/run.sh NAME[@REL] [--timeout SEC] [--vcpus N] [--mem MB]
#                   [--cmdline 'common guest options'] [--kvm-mode vhe|nvhe]
#                   [--backing 4k|thp] GUEST BENCH...
#
# stdout: the guest's console lines unchanged, each benchmark framed by
# "HVBTB start bench=B" / "HVBTB end bench=B status=N" (N: the guest's or
# refhv's exit status, 124 when the watchdog fired), then "HVBTB info k=v..."
# lines and "HVBTB finished"; one info line comes first of all, before QEMU
# starts (the host QEMU, the test-bed's release and package versions: known
# even when the test-bed dies); emulator/kernel/Xen
# noise in between never starts with "HVB ".  The guest gets "<cmdline> bench=B".  Exit 0 when the
# test-bed worked (even if a benchmark failed), else non-zero with a message
# on stderr.  --timeout is the per-benchmark watchdog inside (default 60 s).
# KVM test-beds run refhv from $HVBENCH_REFHV (default build/bin/refhv or
# build/bin/refhv-aarch64 of this tree; a dynamic x86 refhv brings the host's
# libraries along); --backing is refhv's (its guest RAM in 4 KiB pages or
# THP).  The arm64 KVM test-beds also take build/bin/tlb-native-aarch64
# along ($HVBENCH_TLB_NATIVE), which init.sh runs for BENCH tlb-native
# natively in the test-bed's Linux.  Xen test-beds get our dom0 program for
# io-latency from $HVBENCH_XEN_IOLAT (default build/bin/hvb-xen-iolat[-aarch64],
# static).  The QEMU run is killed after $HVBENCH_TESTBED_BOOT
# (default 120) + N * (SEC + 15) seconds.
#
#   testbeds/run.sh xen-x86_64 --app PLAN --hostfwd SPEC [--timeout SEC]
#                   [--vcpus N] [--mem MB] KERNEL INITRD
#
# runs the app suite's Linux guest (KERNEL, INITRD, appb.plan=PLAN) as a
# domU bridged to the test-bed's NIC, QEMU user-mode networking with
# SPEC's host forwards (hostfwd=... items, comma-separated, to 10.0.2.15);
# its console lines pass through unchanged; --timeout bounds the session.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"

usage() { die "usage: run.sh NAME [--timeout SEC] [--vcpus N] [--mem MB] [--cmdline STR] [--kvm-mode vhe|nvhe] [--backing 4k|thp] GUEST BENCH...
       run.sh xen-x86_64 --app PLAN --hostfwd SPEC [--timeout SEC] [--vcpus N] [--mem MB] KERNEL INITRD"; }
[ $# -ge 1 ] || usage
NAME=$1; shift
tb "$NAME"
TIMEOUT=60 VCPUS=1 MEM=64 CMDLINE="" KVMMODE=vhe APP="" HOSTFWD="" BACKING=""
while [ $# -gt 0 ]; do
	case $1 in
	--app) APP=$2; shift 2 ;;
	--hostfwd) HOSTFWD=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--vcpus) VCPUS=$2; shift 2 ;;
	--mem) MEM=$2; shift 2 ;;
	--cmdline) CMDLINE=$2; shift 2 ;;
	--kvm-mode) KVMMODE=$2; shift 2 ;;
	--backing) BACKING=$2; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || usage
GUEST=$1; shift
for n in "$TIMEOUT" "$VCPUS" "$MEM"; do
	case $n in ''|*[!0-9]*) die "--timeout/--vcpus/--mem take a number, not '$n'" ;; esac
done
case $KVMMODE in vhe|nvhe) ;; *) die "--kvm-mode is vhe or nvhe" ;; esac
case $BACKING in ''|4k|thp) ;; *) die "--backing is 4k or thp" ;; esac
[ -z "$BACKING" ] || [ $KIND = kvm ] || die "--backing needs a KVM test-bed (Xen picks its own pages)"
[ -r "$GUEST" ] || die "guest '$GUEST' not found"
if [ -n "$APP" ]; then
	[ $BASE = xen-x86_64 ] || die "--app runs on xen-x86_64 only (so far)"
	[ $# -eq 1 ] && [ -r "$1" ] || die "--app needs KERNEL INITRD"
	case $APP in *[!A-Za-z0-9:,._-]*) die "bad app plan '$APP'" ;; esac
	case $HOSTFWD in hostfwd=*) ;; *) die "--app needs --hostfwd hostfwd=...[,hostfwd=...]" ;; esac
	case $HOSTFWD in *[!A-Za-z0-9:,.=-]*) die "bad --hostfwd '$HOSTFWD'" ;; esac
else
	for b in "$@"; do
		case $b in ''|*[!A-Za-z0-9._,+-]*) die "bad benchmark name '$b'" ;; esac
	done
fi
[ -e "$OUT/built" ] || die "test-bed $NAME is not built: run testbeds/build.sh $NAME"
command -v "$QEMU" >/dev/null || die "$QEMU not found (scripts/install-deps.sh)"

T=$(mktemp -d "${TMPDIR:-/tmp}/hvbtb.XXXXXX")
# stopped (the harness ends an app session this way): QEMU goes too
cleanup() {
	[ -s "$T/qemu.pid" ] && kill "$(cat "$T/qemu.pid")" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
R=$T/r
mkdir -p "$R/hvbtb"
if [ -n "$APP" ]; then
	mkdir -p "$R/hvbtb/app"
	cp "$GUEST" "$R/hvbtb/app/kernel" && cp "$1" "$R/hvbtb/app/initrd.gz"
	printf '%s\n' "$APP" >"$R/hvbtb/app/plan"
	: >"$R/hvbtb/benches"
else
	cp "$GUEST" "$R/hvbtb/guest"
	printf '%s\n' "$@" >"$R/hvbtb/benches"
fi
printf '%s\n' "$CMDLINE" >"$R/hvbtb/cmdline"
cp "$HERE/mechanisms.sh" "$R/hvbtb/mechanisms.sh"   # what explains the numbers (init.sh)
printf 'TIMEOUT=%s VCPUS=%s MEM=%s BACKING=%s\n' "$TIMEOUT" "$VCPUS" "$MEM" "$BACKING" >"$R/hvbtb/conf"
if [ $KIND = kvm ]; then
	case $A in
	# this tree's build/bin, else an installed PREFIX/bin (we are in PREFIX/share/hvbench/testbeds)
	amd64) REFHV=${HVBENCH_REFHV:-$(refhv_next_to_us refhv)} ;;
	arm64) REFHV=${HVBENCH_REFHV:-$(refhv_next_to_us refhv-aarch64)} ;;
	esac
	[ -x "$REFHV" ] || die "refhv '$REFHV' not found (make, or set HVBENCH_REFHV)"
	cp "$REFHV" "$R/hvbtb/refhv"
	if [ $A = arm64 ] && grep -qx tlb-native "$R/hvbtb/benches"; then
		NATIVE=${HVBENCH_TLB_NATIVE:-$(refhv_next_to_us tlb-native-aarch64)}
		[ -x "$NATIVE" ] || die "'$NATIVE' not found (make, or set HVBENCH_TLB_NATIVE)"
		cp "$NATIVE" "$R/hvbtb/tlb-native"
	fi
	if readelf -l "$REFHV" | grep -q 'program interpreter'; then
		[ $A = "$(dpkg --print-architecture)" ] || die "$REFHV must be linked statically"
		# a dynamic refhv: take the host's libraries along (same paths)
		for l in $(ldd "$REFHV" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'); do
			mkdir -p "$R$(dirname "$l")" && cp -L "$l" "$R$l"
		done
	fi
fi
if [ $KIND = xen ]; then
	# our dom0 program for io-latency (init.sh starts it beside the domU)
	case $A in
	amd64) XIOLAT=${HVBENCH_XEN_IOLAT:-$(refhv_next_to_us hvb-xen-iolat)} ;;
	arm64) XIOLAT=${HVBENCH_XEN_IOLAT:-$(refhv_next_to_us hvb-xen-iolat-aarch64)} ;;
	esac
	if [ -x "$XIOLAT" ]; then cp "$XIOLAT" "$R/hvbtb/xen-iolat"
	else echo "run.sh: no $XIOLAT (make): io-latency-* will be unsupported" >&2; fi
fi
mkcpio "$R" "$T/run.gz"
BB=$(host_busybox)  # its awk streams line by line (mawk would buffer)
cat "$OUT/initrd.gz" "$T/run.gz" >"$T/initrd.gz"

SMP=$((VCPUS > 2 ? VCPUS : 2))
KARGS="quiet loglevel=1 rdinit=/init panic=-1"
BOOT=${HVBENCH_TESTBED_BOOT:-120}
case $BASE in
kvm-x86_64)
	set -- -accel tcg -cpu qemu64,+svm,+npt -M pc -smp $SMP -m $((512 + MEM)) \
		-kernel "$OUT/kernel" -initrd "$T/initrd.gz" \
		-append "console=ttyS0 $KARGS tsc=reliable" ;;
xen-x86_64)
	set -- -accel tcg -cpu qemu64,+svm,+npt -M pc -smp $SMP -m $((640 + MEM)) \
		-kernel "$OUT/xen" -append "console=com1 com1=115200,8n1 loglvl=warning guest_loglvl=all conring_size=4M dom0_mem=384M,max:384M dom0_max_vcpus=1" \
		-initrd "$OUT/kernel console=hvc0 $KARGS,$T/initrd.gz" ;;
kvm-aarch64)
	MODEARG=; [ $KVMMODE = nvhe ] && MODEARG=kvm-arm.mode=nvhe
	set -- -accel tcg -M virt,virtualization=on,gic-version=3 \
		-cpu max,pauth-impdef=on -smp $SMP -m $((512 + MEM)) \
		-kernel "$OUT/kernel" -initrd "$T/initrd.gz" \
		-append "console=ttyAMA0 $KARGS $MODEARG" ;;
xen-aarch64)
	# Xen boots from a DTB whose /chosen names dom0's kernel and initramfs,
	# which QEMU's loader device places at fixed addresses.
	command -v dtc >/dev/null || die "'dtc' missing (apt-get install device-tree-compiler)"
	M="-M virt,virtualization=on,gic-version=3 -cpu max,pauth-impdef=on -smp $SMP -m $((1024 + MEM))"
	"$QEMU" $M -accel tcg -machine dumpdtb="$T/virt.dtb" -display none >/dev/null 2>&1 ||
		die "cannot dump the QEMU virt DTB"
	dtc -q -I dtb -O dts "$T/virt.dtb" >"$T/xen.dts"
	cat >>"$T/xen.dts" <<EOD
/ { chosen {
	#address-cells = <2>; #size-cells = <2>;
	xen,xen-bootargs = "console=dtuart loglvl=warning guest_loglvl=all conring_size=4M dom0_mem=384M,max:384M dom0_max_vcpus=1";
	xen,dom0-bootargs = "console=hvc0 $KARGS";
	module@50000000 { compatible = "multiboot,kernel", "multiboot,module";
		reg = <0x0 0x50000000 0x0 $(wc -c <"$OUT/kernel")>; };
	module@58000000 { compatible = "multiboot,ramdisk", "multiboot,module";
		reg = <0x0 0x58000000 0x0 $(wc -c <"$T/initrd.gz")>; };
}; };
EOD
	dtc -q -I dts -O dtb -o "$T/xen.dtb" "$T/xen.dts" || die "cannot build the Xen DTB"
	set -- -accel tcg $M -dtb "$T/xen.dtb" -kernel "$OUT/xen" \
		-device loader,file="$OUT/kernel",addr=0x50000000,force-raw=on \
		-device loader,file="$T/initrd.gz",addr=0x58000000,force-raw=on ;;
*) die "run.sh: $NAME not implemented yet" ;;
esac
# x86: the test-bed powers off through QEMU's isa-debug-exit port
[ $A = amd64 ] && set -- "$@" -device isa-debug-exit,iobase=0xf4,iosize=4
[ -n "$APP" ] && set -- "$@" -netdev "user,id=n0,$HOSTFWD" -device virtio-net-pci,netdev=n0
QV=$("$QEMU" --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')
CPU=$(echo "$@" | sed -n 's/.*-cpu \([^ ]*\).*/\1/p')
HOSTINFO="qemu=$QV accel=tcg qemu_cpu=$CPU qemu_cpus=$SMP"
# release, kernel_version, xen_package (build.sh); a test-bed built before
# build.sh wrote them is stale and rebuilt on first use
[ -r "$OUT/versions" ] && HOSTINFO="$HOSTINFO $(cat "$OUT/versions")"
[ $BASE = kvm-aarch64 ] && HOSTINFO="$HOSTINFO kvm_mode_requested=$KVMMODE"
QT=$((BOOT + $(wc -l <"$R/hvbtb/benches") * (TIMEOUT + 15)))
[ -n "$APP" ] && QT=$((BOOT + TIMEOUT))

# Stream the serial console through console.awk: drop CRs; keep "HVB "
# lines only inside a benchmark's frame; stop QEMU at once when the kernel
# or Xen panics, or a CPU of the test-bed's kernel has been stuck for longer
# than a benchmark's budget (TIMEOUT + 15 s).
echo "HVBTB info $HOSTINFO"
{
	rc=0
	timeout --foreground -s KILL "$QT" "$QEMU" "$@" -nodefaults -display none -no-reboot \
		-serial stdio -pidfile "$T/qemu.pid" </dev/null 2>"$T/qemu.err" || rc=$?
	echo $rc >"$T/qrc"
} | "$BB" awk -v con="$T/console" -v st="$T/state" -v pid="$T/qemu.pid" \
	-v stuck_limit=$((TIMEOUT + 15)) -f "$HERE/console.awk"

state=$(cat "$T/state" 2>/dev/null || true)
case $state in
finished) exit 0 ;;
"HVBTB fail"*) msg="set-up failed inside: ${state#HVBTB fail }" ;;
"HVBTB panic"*) msg="it panicked: ${state#HVBTB panic }" ;;
"HVBTB stuck"*) msg="its kernel is stuck, stopped early: ${state#HVBTB stuck }" ;;
*) if [ "$(cat "$T/qrc")" = 137 ]; then msg="no result within ${QT}s (outer timeout)"
   else msg="QEMU ended (status $(cat "$T/qrc")) before the test-bed finished"; fi ;;
esac
{
	echo "run.sh: test-bed $NAME failed: $msg"
	if [ -s "$T/console" ]; then
		echo "run.sh: last console lines:"; tail -n 15 "$T/console" | sed 's/^/  | /'
	fi
	[ -s "$T/qemu.err" ] && sed 's/^/  qemu: /' "$T/qemu.err"
} >&2
exit 1
