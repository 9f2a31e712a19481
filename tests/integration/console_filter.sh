# console_filter.sh - testbeds/console.awk, the filter every test-bed's
# serial console streams through (run.sh): what reaches stdout and the
# console file, and when it stops QEMU early (a panic, a CPU of the
# test-bed's kernel stuck for longer than a benchmark's budget) instead of
# leaving the run to the outer timeout.  A sleeping process stands in for
# QEMU; the filter runs under the host busybox's awk when the test-bed set-up
# fetched one (as run.sh does), and under this machine's awk.
. "$(dirname "$0")/lib.sh"
if [ "$HVB_VARIANT" = asan ]; then   # no program of ours runs: nothing for ASan to see
	skip "console-filter" "runs once, in the normal build's pass"
	exit 0
fi
AWKF="$HVB_TOP/testbeds/console.awk"
CACHE=${HVBENCH_CACHE:-$HOME/.cache/hvbench/testbeds}   # as testbeds/common.sh
BB=$CACHE/debian-$(dpkg --print-architecture)/root/bin/busybox

# feed NAME AWK LIMIT: runs the filter on $TMP/NAME.in with a stand-in
# QEMU; leaves NAME.out (stdout), NAME.con, NAME.st, NAME.alive (yes|no)
feed() {
	sleep 120 &
	qpid=$!
	echo $qpid >"$TMP/$1.pid"
	$2 -v con="$TMP/$1.con" -v st="$TMP/$1.st" -v pid="$TMP/$1.pid" -v stuck_limit="$3" \
		-f "$AWKF" <"$TMP/$1.in" >"$TMP/$1.out"
	if kill -0 $qpid 2>/dev/null; then echo yes; else echo no; fi >"$TMP/$1.alive"
	kill $qpid 2>/dev/null
	wait $qpid 2>/dev/null
	: >>"$TMP/$1.st"
}

run_checks() { # run_checks TAG AWK-COMMAND
	t=$1
	printf '%s\r\n' "HVB hello proto=1" "HVBTB start bench=cpuid" "HVB sample bench=cpuid" \
		"[   40.1] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [swapper/1:0]" \
		"HVBTB end bench=cpuid status=0" "HVB stray record" "HVBTB finished" >"$TMP/$t-ok.in"
	feed "$t-ok" "$2" 75
	equals "$t-finished" "$(cat "$TMP/$t-ok.st")" finished
	equals "$t-short-lockup-leaves-qemu" "$(cat "$TMP/$t-ok.alive")" yes
	equals "$t-records-outside-frame-dropped" "$(grep -c '^HVB ' "$TMP/$t-ok.out")" 1
	equals "$t-console-keeps-every-line" "$(wc -l <"$TMP/$t-ok.con" | tr -d ' ')" 7
	equals "$t-crs-dropped" "$(tr -cd '\r' <"$TMP/$t-ok.con" | wc -c | tr -d ' ')" 0

	printf '%s\n' "HVBTB start bench=mmio-write-user" \
		"[  304.4] watchdog: BUG: soft lockup - CPU#0 stuck for 283s! [kthreadd:2]" \
		"HVBTB end bench=mmio-write-user status=0" >"$TMP/$t-stuck.in"
	feed "$t-stuck" "$2" 75
	has "$t-stuck-says-so" "$TMP/$t-stuck.st" '^HVBTB stuck .*stuck for 283s'
	equals "$t-stuck-stops-qemu" "$(cat "$TMP/$t-stuck.alive")" no

	printf '%s\n' "[    3.2] Kernel panic - not syncing: VFS: Unable to mount root fs" >"$TMP/$t-panic.in"
	feed "$t-panic" "$2" 75
	has "$t-panic-says-so" "$TMP/$t-panic.st" '^HVBTB panic .*Kernel panic'
	equals "$t-panic-stops-qemu" "$(cat "$TMP/$t-panic.alive")" no

	printf '%s\n' "HVBTB fail reason=no-kvm" >"$TMP/$t-fail.in"
	feed "$t-fail" "$2" 75
	equals "$t-setup-failure-kept" "$(cat "$TMP/$t-fail.st")" "HVBTB fail reason=no-kvm"
}

if [ -x "$BB" ]; then run_checks busybox "$BB awk"
else skip "console-filter-busybox" "no host busybox in $CACHE (the test-bed set-up fetches it)"; fi
run_checks awk awk
