#!/bin/sh
# prepare-testbeds.sh BUILD - the set-up step of `make check` (and `make
# testbeds`): fetch the Debian packages and build every emulated test-bed and
# the application suite's Linux guest into the cache, before any timed test.
#
# Each item is built in turn with its progress on the terminal (which item,
# each package fetched, MB so far); the scripts it calls are resumable (a
# second run picks up where an interrupted one stopped) and verify every
# download against the package index's SHA-256.  One item failing (offline,
# a mirror error) does not stop the others, nor the tests: its state file
# says why, and the tests that need it report SKIP with that reason.
#
#   BUILD/setup/NAME.state   "ok: <what was built>", "failed: <why>" when a
#                            package could not be downloaded (tests skip), or
#                            "broken: <why>" for any other failure (tests fail)
#   BUILD/setup/NAME.log     the builder's whole output
#
# HVBENCH_NO_TESTBEDS=1 skips the downloads (every item "failed: skipped
# ..."), for a quick local test run.  Always exits 0 unless BUILD is unusable.
set -u
BUILD=${1:?usage: prepare-testbeds.sh BUILD}
top=$(cd "$(dirname "$0")/.." && pwd)
STATE=$BUILD/setup
mkdir -p "$STATE" || exit 1
APPB=$BUILD/bin/appb

# kvm-aarch64@trixie: the release study's reduced form (release_study.sh) needs one
# Debian 13 test-bed; the smallest (a kernel and busybox, ~95 MB) is enough
ITEMS="kvm-x86_64 xen-x86_64 kvm-aarch64 xen-aarch64 kvm-aarch64@trixie appbench-x86_64"
n=$(echo $ITEMS | wc -w)
i=0 failed=0
for item in $ITEMS; do
	i=$((i + 1))
	log=$STATE/$item.log
	if [ "${HVBENCH_NO_TESTBEDS:-0}" = 1 ]; then
		echo "failed: skipped by HVBENCH_NO_TESTBEDS=1" >"$STATE/$item.state"
		continue
	fi
	case $item in
	appbench-x86_64) what="the app suite's Linux guest"
		set -- "$top/appbench/build-root.sh" "$APPB" ;;
	*) what="test-bed $item"
		set -- "$top/testbeds/build.sh" "$item" ;;
	esac
	echo "setup: [$i/$n] $what (log: $log)"
	# the builder's lines, indented, as they come; its status through a file
	{ "$@" 2>&1; echo $? >"$STATE/$item.rc"; } | tee "$log" | sed -u 's/^/setup:     /'
	rc=$(cat "$STATE/$item.rc" 2>/dev/null || echo 1)
	rm -f "$STATE/$item.rc"
	if [ "$rc" = 0 ]; then
		built=$(cat "${HVBENCH_CACHE:-$HOME/.cache/hvbench/testbeds}/$item/built" 2>/dev/null)
		echo "ok: ${built:-built}" >"$STATE/$item.state"
	else
		# the builder's own complaint: its last "script: message" line
		why=$(grep -E '^[a-z-]+\.sh: ' "$log" | tail -n 1 | cut -c1-200)
		# a package that could not be had is the environment's problem
		# (the tests skip); anything else is a bug (the tests fail)
		if grep -Eq '^fetch\.sh: (cannot download|apt-get update failed|package .*(not in the package index|SHA-256))' "$log"; then
			kind=failed
		else
			kind=broken
		fi
		echo "$kind: ${why:-exit status $rc, see $log}" >"$STATE/$item.state"
		failed=$((failed + 1))
		echo "setup: [$i/$n] $what FAILED: ${why:-exit status $rc}"
	fi
done
if [ "$failed" -gt 0 ]; then
	echo "setup: $failed of $n items could not be built; the tests that need them will be skipped"
fi
exit 0
