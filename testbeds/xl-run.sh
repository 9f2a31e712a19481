#!/bin/sh
# xl-run.sh - run the hvbench guest as a Xen domU once per benchmark with
# xl, on a Xen dom0: a real one (`hvbench run --backend xen`) or the
# emulated test-beds' (init.sh).
#
#   xl-run.sh [--timeout SEC] [--vcpus N] [--mem MB] [--cpus LIST]
#             [--cmdline 'common guest options'] GUEST BENCH...
#
# stdout: each benchmark's guest console framed by "HVBTB start bench=B" /
# "HVBTB end bench=B status=N" (0 the domain powered off, 1 it crashed or
# rebooted, 124 the watchdog destroyed it), then "HVBTB info ..." lines
# (Xen version, scheduler, ...) and "HVBTB finished".  The console is what
# `xl console` shows: the PV console on x86 (PVH), the emulated SBSA UART
# (vuart) on arm64; when that stays empty, the guest's port-0xe9 lines that
# Xen copied into its own log (`xl dmesg`, with guest_loglvl=all).
# --cpus pins the vCPUs (xl's cpus=).  Needs root and a running xenstored
# and xenconsoled.
set -u
die() { echo "xl-run.sh: $*" >&2; exit 1; }
usage() { die "usage: xl-run.sh [--timeout S] [--vcpus N] [--mem MB] [--cpus LIST] [--cmdline STR] GUEST BENCH..."; }

TIMEOUT=60 VCPUS=1 MEM=64 CPUS="" CMDLINE=""
while [ $# -gt 0 ]; do
	case $1 in
	--timeout) TIMEOUT=${2:-}; shift 2 ;;
	--vcpus) VCPUS=${2:-}; shift 2 ;;
	--mem) MEM=${2:-}; shift 2 ;;
	--cpus) CPUS=${2:-}; shift 2 ;;
	--cmdline) CMDLINE=${2:-}; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || usage
for n in "$TIMEOUT" "$VCPUS" "$MEM"; do
	case $n in ''|*[!0-9]*) die "--timeout/--vcpus/--mem take a number, not '$n'" ;; esac
done
case $CPUS in *[!0-9,-]*) die "--cpus takes a CPU list such as 1 or 0-1, not '$CPUS'" ;; esac
case $CMDLINE in *'"'*|*'\'*) die "--cmdline may not contain quotes or backslashes" ;; esac
GUEST=$1; shift
case $GUEST in /*) ;; *) GUEST=$(pwd)/$GUEST ;; esac
[ -r "$GUEST" ] || die "guest '$GUEST' not found"
command -v xl >/dev/null || die "xl not found (is this a Xen dom0 with xen-utils?)"

NAME=hvbench-$$
T=$(mktemp -d "${TMPDIR:-/tmp}/xl-run.XXXXXX") || die "mktemp failed"
trap 'xl destroy "$NAME" >/dev/null 2>&1; rm -rf "$T"' EXIT INT TERM
case $(uname -m) in
x86_64) CONSOLE=pv ;;
aarch64) CONSOLE=vuart ;;
*) die "unsupported dom0 architecture $(uname -m)" ;;
esac

# config BENCH: the domain's xl configuration
config() {
	echo "name = \"$NAME\""
	echo "kernel = \"$GUEST\""
	echo "cmdline = \"${CMDLINE:+$CMDLINE }bench=$1\""
	echo "memory = $MEM"
	echo "vcpus = $VCPUS"
	[ -n "$CPUS" ] && echo "cpus = \"$CPUS\""
	echo 'on_poweroff = "preserve"'
	echo 'on_reboot = "preserve"'
	echo 'on_crash = "preserve"'
	case $CONSOLE in
	pv) echo 'type = "pvh"' ;;
	vuart) echo 'vuart = "sbsa_uart"' ;;
	esac
}

# run_one BENCH: create paused, attach the console, unpause, wait, destroy
run_one() {
	config "$1" >"$T/guest.cfg"
	: >"$T/console"
	xl dmesg -c >/dev/null 2>&1
	if ! xl create -q -p "$T/guest.cfg" >"$T/create" 2>&1; then
		sed 's/^/xl-run: /' "$T/create"
		return 1
	fi
	id=$(xl domid "$NAME" 2>/dev/null)
	xl console -t "$CONSOLE" "$NAME" >"$T/console" 2>/dev/null </dev/null &
	cpid=$!
	sleep 0.2
	xl unpause "$NAME"
	st=124
	end=$(($(date +%s) + TIMEOUT))
	while [ "$(date +%s)" -lt "$end" ]; do
		# xl list -v: column 5 the state (s shut down, c crashed), column 8
		# the shutdown reason (0 poweroff, 1 reboot, 2 suspend, 3 crash)
		s=$(xl list -v "$NAME" 2>/dev/null | awk 'NR == 2 { print $5 " " $8 }')
		case $s in
		*[sc]*" 0") st=0; break ;;
		*[sc]*" "[1-9]*|"") st=1; break ;;
		esac
		sleep 0.2
	done
	sleep 0.3   # let xenconsoled drain the ring
	kill "$cpid" 2>/dev/null
	wait "$cpid" 2>/dev/null
	if [ -s "$T/console" ]; then
		tr -d '\r' <"$T/console"
	elif [ -n "$id" ]; then
		xl dmesg -c | sed -n "s/^\((XEN) \)\{0,1\}\(\[[^]]*\] \)\{0,1\}(d$id) //p"
	fi
	xl destroy "$NAME" >/dev/null 2>&1
	return $st
}

for b in "$@"; do
	echo "HVBTB start bench=$b"
	run_one "$b"
	echo "HVBTB end bench=$b status=$?"
done
xl info >"$T/info" 2>/dev/null
v() { sed -n "s/^$1 *: //p" "$T/info" | tr -d ' '; }
echo "HVBTB info hypervisor=xen xen_version=$(v xen_major).$(v xen_minor)$(v xen_extra) xen_scheduler=$(v xen_scheduler) xen_cpus=$(v nr_cpus) xen_cpu_mhz=$(v cpu_mhz) dom0_kernel=$(uname -r)"
echo "HVBTB finished"
